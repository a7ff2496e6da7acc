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

    /// Fills the staged letters' unstated columns from the letters they name; only rows whose
    /// stored value differs are rewritten (an edition imported again over letters nobody has
    /// touched rewrites none). Then refuses a letter that the kept date of sending would have
    /// received before it was sent. Runs once `stg_letter_id` says which letters exist.
    static let letters: String = {
        let assignments = letterColumns.flatMap { part, columns in
            columns.map { "\($0) = CASE WHEN \(unstated(part)) THEN l.\($0) ELSE s.\($0) END" }
        }
        let differences = letterColumns.map { part, columns in
            "(\(unstated(part)) AND (\(columns.map { "l." + $0 }.joined(separator: ", "))) "
                + "IS DISTINCT FROM (\(columns.map { "s." + $0 }.joined(separator: ", "))))"
        }
        return """
            UPDATE stg_letter s SET \(assignments.joined(separator: ",\n    "))
              FROM stg_letter_id i JOIN letter l ON l.id = i.letter_id
             WHERE i.rec = s.rec AND i.existed AND cardinality(s.unstated) > 0
               AND (\(differences.joined(separator: "\n    OR ")));
            INSERT INTO stg_reject (rec, reason)
            SELECT s.rec, format('received: the letter is received (%s) before %s, the date of sending the register holds '
                                 || '(the record gives none); give the date of sending, or correct the date of receipt',
                                 s.received_edtf, s.sent_edtf)
            FROM stg_letter s JOIN stg_letter_id i USING (rec)
            WHERE i.existed AND \(unstated(.sentDate)) AND s.received_latest < s.sent_earliest
              AND s.rec NOT IN (SELECT rec FROM stg_reject);
            """
    }()

    /// Copies and transmitters the record names none of are the stored letter's; a participant
    /// the record gives no capacity or party keeps the stored one (before roles are inferred);
    /// a sender the register records as a signatory stays one, since no interchange format tells
    /// the two apart; and a spelling that is only the actor's name leaves none recorded as none.
    /// Runs once `stg_party` holds the record's participants.
    static let participants: String = """
        INSERT INTO stg_party (rec, role, position, actor_id, actor_kind, capacity, represents_id, represents_kind,
                               date_earliest, date_latest, name_as_written, name_supplied, name_uncertain)
        SELECT s.rec, p.role, p.position, p.actor_id, a.kind, p.capacity, p.represents_id, p.represents_kind,
               s.sent_earliest, s.sent_latest, p.name_as_written, p.name_supplied, p.name_uncertain
        FROM stg_letter s JOIN stg_letter_id i USING (rec)
        JOIN letter_participant p ON p.letter_id = i.letter_id JOIN actor a ON a.id = p.actor_id
        WHERE i.existed AND ((p.role = 'cc' AND \(unstated(.cc))) OR (p.role = 'transmitter' AND \(unstated(.via))));
        UPDATE stg_party p SET capacity = coalesce(p.capacity, lp.capacity),
               represents_id = coalesce(p.represents_id, lp.represents_id),
               represents_kind = CASE WHEN p.represents_id IS NULL THEN lp.represents_kind ELSE p.represents_kind END
          FROM stg_letter s JOIN stg_letter_id i USING (rec) JOIN letter_participant lp ON lp.letter_id = i.letter_id
         WHERE s.rec = p.rec AND i.existed AND \(unstated(.capacities)) AND lp.role = p.role AND lp.actor_id = p.actor_id
           AND ((p.capacity IS NULL AND lp.capacity IS NOT NULL) OR (p.represents_id IS NULL AND lp.represents_id IS NOT NULL));
        CREATE TEMP TABLE stg_signatory ON COMMIT DROP AS
        SELECT p.rec FROM stg_party p JOIN stg_letter_id i USING (rec)
        JOIN letter_participant lp ON lp.letter_id = i.letter_id AND lp.actor_id = p.actor_id AND lp.role = 'signatory'
        WHERE i.existed AND p.role = 'author';
        UPDATE stg_party p SET role = 'signatory' FROM stg_letter_id i, letter_participant lp
         WHERE p.rec IN (SELECT rec FROM stg_signatory) AND i.rec = p.rec AND p.role = 'author'
           AND lp.letter_id = i.letter_id AND lp.actor_id = p.actor_id AND lp.role = 'signatory';
        -- Authors and signatories numbered apart again, in the record's order.
        UPDATE stg_party p SET position = n.position
          FROM (SELECT rec, role, actor_id, row_number() OVER (PARTITION BY rec, role ORDER BY position) AS position
                FROM stg_party WHERE rec IN (SELECT rec FROM stg_signatory) AND role IN ('author', 'signatory')) n
         WHERE p.rec = n.rec AND p.role = n.role AND p.actor_id = n.actor_id AND p.position <> n.position;
        -- A name "as written" that is the actor's own name says no more than none: an export
        -- shows a participant recorded without a spelling by the actor's name.
        UPDATE stg_party p SET name_as_written = NULL FROM stg_letter_id i, letter_participant lp, actor a
         WHERE i.rec = p.rec AND i.existed AND lp.letter_id = i.letter_id AND lp.role = p.role AND lp.actor_id = p.actor_id
           AND lp.name_as_written IS NULL AND a.id = p.actor_id AND p.name_as_written = a.name;
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
            INSERT INTO stg_letter_event (rec, event, event_id)
            SELECT s.rec, e.ref, le.event_id
            FROM stg_letter s JOIN stg_letter_id i USING (rec)
            JOIN letter_event le ON le.letter_id = i.letter_id JOIN event e ON e.id = le.event_id
            WHERE i.existed AND i.outcome IS NULL AND \(unstated(.events));
            """
    }()
}
