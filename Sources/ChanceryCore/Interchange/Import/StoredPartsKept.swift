import ChanceryInterchange
import ChanceryModel

/// What an imported record leaves unsaid (``LetterPart``) is the stored letter's: the staged
/// letter takes those parts from the letter it names before the two are compared, so an edition
/// imported again over letters a user has enriched finds them unchanged, and a letter it did
/// change keeps its summary, capacities, links and events. The statements are fixed text built
/// from this type's tables; no value is spliced.
enum StoredPartsKept {
    /// Each part stored in the letter row itself, with its columns (one date is four).
    private static let letterColumns: [(part: LetterPart, columns: [String])] = [
        (.kind, ["kind"]),
        (.sentDate, ["sent_edtf", "sent_earliest", "sent_latest", "sent_precision"]),
        (.received, ["received_edtf", "received_earliest", "received_latest", "received_precision"]),
        (.dateAsWritten, ["sent_as_written"]), (.receivedAsWritten, ["received_as_written"]),
        (.subject, ["subject"]), (.summary, ["summary"]), (.text, ["body"]), (.language, ["language"]),
        (.classification, ["classification"]),
        (.sentPlace, ["sent_place", "sent_place_geonames_id"]), (.receivedPlace, ["received_place", "received_place_geonames_id"]),
        (.awaitingReply, ["awaiting_reply"]),
    ]

    private static func unstated(_ part: LetterPart, in letter: String = "s") -> String {
        "'\(part.rawValue)' = ANY(\(letter).unstated)"
    }

    /// A date (`sent` or `received`) whose form the record leaves unsaid, given with the stored
    /// date's bounds and sureness: the stored date, as its register writes it.
    private static func sameBounds(_ date: String) -> String {
        let sides = ["earliest", "latest"].map { "\(date)_\($0)" } + ["\(date)_edtf ~ '[~?%]'"]
        return "(\(unstated(.dateForm)) AND (\(sides.map { "l." + $0 }.joined(separator: ", "))) "
            + "IS NOT DISTINCT FROM (\(sides.map { "s." + $0 }.joined(separator: ", "))))"
    }

    /// The date "as written" kept only while its date is: a corrected date with no text of its
    /// own leaves none rather than the old date's words.
    private static func keeps(_ part: LetterPart) -> String {
        switch part {
        case .sentDate: "(\(unstated(part)) OR \(sameBounds("sent")))"
        case .received: "(\(unstated(part)) OR \(sameBounds("received")))"
        case .dateAsWritten: "\(unstated(part)) AND (\(unstated(.sentDate)) OR s.sent_edtf = l.sent_edtf OR \(sameBounds("sent")))"
        case .receivedAsWritten:
            "\(unstated(part)) AND (\(unstated(.received)) OR s.received_edtf IS NOT DISTINCT FROM l.received_edtf OR \(sameBounds("received")))"
        // A subject an import composed gives way to the one composed now (`composedSubjectKept`
        // restores it where the correspondents stay).
        case .subject: "\(unstated(part)) AND NOT l.subject_composed"
        default: unstated(part)
        }
    }

    /// Fills the staged letters' unstated columns from the letters they name; only rows whose
    /// stored value differs are rewritten (an edition imported again over letters nobody has
    /// touched rewrites none). Then refuses a letter whose kept date and given date disagree
    /// (received before it was sent). Runs once `stg_letter_id` says which letters exist.
    static let letters: String = {
        let assignments = letterColumns.flatMap { part, columns in
            columns.map { "\($0) = CASE WHEN \(keeps(part)) THEN l.\($0) ELSE s.\($0) END" }
        }
        let differences = letterColumns.map { part, columns in
            "(\(keeps(part)) AND (\(columns.map { "l." + $0 }.joined(separator: ", "))) "
                + "IS DISTINCT FROM (\(columns.map { "s." + $0 }.joined(separator: ", "))))"
        }
        return """
            UPDATE stg_letter s SET \(assignments.joined(separator: ",\n    "))
              FROM stg_letter_id i JOIN letter l ON l.id = i.letter_id
             WHERE i.rec = s.rec AND i.existed AND l.deleted_at IS NULL AND cardinality(s.unstated) > 0
               AND (\(differences.joined(separator: "\n    OR ")));
            INSERT INTO stg_reject (rec, reason)
            SELECT s.rec, CASE WHEN \(unstated(.sentDate))
                THEN format('received: the letter is received (%s) before %s, the date of sending the register holds '
                            || '(the record gives none); give the date of sending, or correct the date of receipt',
                            s.received_edtf, s.sent_edtf)
                ELSE format('date: the letter is sent (%s) after %s, the date of receipt the register holds '
                            || '(the record gives none); give the date of receipt, or correct the date of sending',
                            s.sent_edtf, s.received_edtf) END
            FROM stg_letter s JOIN stg_letter_id i USING (rec) JOIN letter l ON l.id = i.letter_id
            WHERE i.existed AND l.deleted_at IS NULL AND (\(unstated(.sentDate)) OR \(unstated(.received)))
              AND s.received_latest < s.sent_earliest AND s.rec NOT IN (SELECT rec FROM stg_reject);
            """
    }()

    /// The stored participant `lp` in the staged one's part (`p`): the same role, or either of
    /// the sender's two (a signatory read back as the only sender keeps what was recorded of it).
    private static let sameSide = "(lp.role = p.role OR (lp.role IN ('author', 'signatory') AND p.role IN ('author', 'signatory')))"

    /// A sender the register records as a signatory stays one, since no interchange format
    /// tells the two apart (but the letter keeps an author); signatories a record cannot name
    /// are the stored letter's; copies and transmitters the record names none of are the stored
    /// letter's; a participant given no capacity or party keeps the stored ones (before roles
    /// are inferred), and no stored party beside a capacity the record changed; and a spelling
    /// that is only the actor's name leaves none recorded as none. Runs once `stg_party` holds
    /// the record's participants.
    static let participants: String = """
        CREATE TEMP TABLE stg_signatory ON COMMIT DROP AS
        SELECT p.rec, p.actor_id FROM stg_party p JOIN stg_letter_id i USING (rec)
        JOIN letter_participant lp ON lp.letter_id = i.letter_id AND lp.actor_id = p.actor_id AND lp.role = 'signatory'
        WHERE i.existed AND p.role = 'author'
          AND NOT EXISTS (SELECT FROM letter_participant la WHERE la.letter_id = i.letter_id AND la.actor_id = p.actor_id AND la.role = 'author');
        DELETE FROM stg_signatory g
         WHERE (SELECT count(*) FROM stg_party p WHERE p.rec = g.rec AND p.role = 'author')
            <= (SELECT count(*) FROM stg_signatory o WHERE o.rec = g.rec);
        UPDATE stg_party p SET role = 'signatory' FROM stg_signatory g
         WHERE g.rec = p.rec AND g.actor_id = p.actor_id AND p.role = 'author';
        INSERT INTO stg_party (rec, role, position, actor_id, actor_kind, capacity, represents_id, represents_kind,
                               date_earliest, date_latest, name_as_written, name_supplied, name_uncertain)
        SELECT s.rec, p.role, 1000 + p.position, p.actor_id, a.kind, p.capacity, p.represents_id, p.represents_kind,
               s.sent_earliest, s.sent_latest, p.name_as_written, p.name_supplied, p.name_uncertain
        FROM stg_letter s JOIN stg_letter_id i USING (rec)
        JOIN letter_participant p ON p.letter_id = i.letter_id JOIN actor a ON a.id = p.actor_id
        WHERE i.existed AND p.role = 'signatory' AND \(unstated(.signatories))
          AND NOT EXISTS (SELECT FROM stg_party o WHERE o.rec = s.rec AND o.actor_id = p.actor_id AND o.role IN ('author', 'signatory'));
        -- Authors and signatories numbered apart again, in the record's order.
        UPDATE stg_party p SET position = n.position
          FROM (SELECT rec, role, actor_id, row_number() OVER (PARTITION BY rec, role ORDER BY position) AS position
                FROM stg_party WHERE role IN ('author', 'signatory')
                 AND rec IN (SELECT rec FROM stg_party WHERE role = 'signatory')) n
         WHERE p.rec = n.rec AND p.role = n.role AND p.actor_id = n.actor_id AND p.position <> n.position;
        INSERT INTO stg_party (rec, role, position, actor_id, actor_kind, capacity, represents_id, represents_kind,
                               date_earliest, date_latest, name_as_written, name_supplied, name_uncertain)
        SELECT s.rec, p.role, p.position, p.actor_id, a.kind, p.capacity, p.represents_id, p.represents_kind,
               s.sent_earliest, s.sent_latest, p.name_as_written, p.name_supplied, p.name_uncertain
        FROM stg_letter s JOIN stg_letter_id i USING (rec)
        JOIN letter_participant p ON p.letter_id = i.letter_id JOIN actor a ON a.id = p.actor_id
        WHERE i.existed AND ((p.role = 'cc' AND \(unstated(.cc))) OR (p.role = 'transmitter' AND \(unstated(.via))));
        UPDATE stg_party p SET capacity = coalesce(p.capacity, lp.capacity),
               represents_id = coalesce(p.represents_id, CASE WHEN p.capacity IS NULL OR p.capacity = lp.capacity THEN lp.represents_id END),
               represents_kind = CASE WHEN p.represents_id IS NOT NULL THEN p.represents_kind
                                      WHEN p.capacity IS NULL OR p.capacity = lp.capacity THEN lp.represents_kind END
          FROM stg_letter s JOIN stg_letter_id i USING (rec) JOIN letter_participant lp ON lp.letter_id = i.letter_id
         WHERE s.rec = p.rec AND i.existed AND \(unstated(.capacities)) AND lp.actor_id = p.actor_id AND \(sameSide)
           AND ((p.capacity IS NULL AND lp.capacity IS NOT NULL)
                OR (p.represents_id IS NULL AND lp.represents_id IS NOT NULL AND (p.capacity IS NULL OR p.capacity = lp.capacity)));
        -- A name "as written" that is the actor's own name says no more than none: an export
        -- shows a participant recorded without a spelling by the actor's name.
        UPDATE stg_party p SET name_as_written = NULL FROM stg_letter_id i, letter_participant lp, actor a
         WHERE i.rec = p.rec AND i.existed AND lp.letter_id = i.letter_id AND lp.actor_id = p.actor_id AND \(sameSide)
           AND lp.name_as_written IS NULL AND a.id = p.actor_id AND p.name_as_written = a.name;
        \(composedSubjectKept)
        \(composedSubjectKind)
        """

    /// A reader not told the kind composes a subject as for a letter: one composed again names
    /// the kind the letter keeps ("Note verbale from …"). The labels are ComposedSubject's.
    private static let composedSubjectKind: String = {
        let labels = LetterKind.allCases.filter { $0 != .letter }
            .map { "('\($0.rawValue)', '\(ComposedSubject.label($0).split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''"))')" }
        let prefix = ComposedSubject.label(.letter) + " from "
        return """
            UPDATE stg_letter s SET subject = left(k.label || substr(s.subject, \(ComposedSubject.label(.letter).count + 1)), \(ComposedSubject.limit))
              FROM stg_letter_id i JOIN letter l ON l.id = i.letter_id, (VALUES \(labels.joined(separator: ", "))) AS k(kind, label)
             WHERE i.rec = s.rec AND i.existed AND \(unstated(.subject)) AND \(unstated(.kind)) AND l.subject_composed
               AND s.subject IS DISTINCT FROM l.subject AND s.kind::text = k.kind AND starts_with(s.subject, '\(prefix)');
            """
    }()

    /// A subject an import composed ("Letter from A to B") is composed again from the record's
    /// correspondents, but only where they or the kind changed: readers word it differently (a
    /// CSV row by its kind and names as written, CMIF as "Letter from" and its persName), and the
    /// same letter given in another format must not change for that.
    private static let composedSubjectKept = """
        UPDATE stg_letter s SET subject = l.subject
          FROM stg_letter_id i JOIN letter l ON l.id = i.letter_id
         WHERE i.rec = s.rec AND i.existed AND \(unstated(.subject)) AND l.subject_composed
           AND s.subject IS DISTINCT FROM l.subject AND s.kind = l.kind
           AND ARRAY(SELECT DISTINCT CASE WHEN p.role = 'recipient' THEN 'to:' ELSE 'from:' END || p.actor_id FROM stg_party p
                     WHERE p.rec = s.rec AND p.role IN ('author', 'signatory', 'recipient') ORDER BY 1)
             = ARRAY(SELECT DISTINCT CASE WHEN lp.role = 'recipient' THEN 'to:' ELSE 'from:' END || lp.actor_id FROM letter_participant lp
                     WHERE lp.letter_id = l.id AND lp.role IN ('author', 'signatory', 'recipient') ORDER BY 1);
        """

    /// Links of a kind the record names none of, and events when it cannot name any, are the
    /// stored letter's. Runs in the write, after every link and event the record gives is
    /// resolved, and only for letters that are still to be compared.
    static let linksAndEvents: String = {
        let kinds = LetterPart.links.map { "(k.kind = '\($0.kind.rawValue)' AND \(unstated($0.part)))" }
        return """
            INSERT INTO stg_link (rec, kind, target, reverse, target_id)
            SELECT s.rec, k.kind, t.ref, false, k.target_id
            FROM stg_letter s JOIN stg_letter_id i USING (rec)
            JOIN letter_link k ON k.letter_id = i.letter_id JOIN letter t ON t.id = k.target_id
            WHERE i.existed AND i.outcome IS NULL AND (\(kinds.joined(separator: " OR ")));
            -- A link to a deleted letter is kept whatever the record says: no export writes it
            -- (every read leaves deleted letters out), and a restore brings it back.
            INSERT INTO stg_link (rec, kind, target, reverse, target_id)
            SELECT s.rec, k.kind, t.ref, false, k.target_id
            FROM stg_letter s JOIN stg_letter_id i USING (rec)
            JOIN letter_link k ON k.letter_id = i.letter_id JOIN letter t ON t.id = k.target_id
            WHERE i.existed AND i.outcome IS NULL AND t.deleted_at IS NOT NULL AND NOT (\(kinds.joined(separator: " OR ")));
            INSERT INTO stg_letter_event (rec, event, event_id)
            SELECT s.rec, e.ref, le.event_id
            FROM stg_letter s JOIN stg_letter_id i USING (rec)
            JOIN letter_event le ON le.letter_id = i.letter_id JOIN event e ON e.id = le.event_id
            WHERE i.existed AND i.outcome IS NULL AND \(unstated(.events));
            """
    }()
}
