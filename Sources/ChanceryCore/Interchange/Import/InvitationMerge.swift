import LibPQClient
import ChanceryInterchange
import ChanceryModel

/// Merges staged invitations (by reference; a stored one takes the file's fields and gains missing
/// invitees) and responses (an invitee's answer: new when they had not answered, updated when
/// they answered otherwise).
struct InvitationMerge {
    let connection: PostgresConnection
    let actors: ActorMerge

    func writeInvitations() async throws -> ImportCounts {
        try await actors.rejectUnresolved(table: .invitation, column: "inviter", field: "from")
        try await actors.rejectUnresolved(table: .invitation, column: "inviter_on_behalf_of", field: "from.onBehalfOf",
                                          kinds: [.state, .organization])
        try await actors.rejectUnresolved(table: .invitee, column: "invitee", field: "invitees")
        try await connection.executeScript(
            """
            ALTER TABLE stg_invitation ADD COLUMN invitation_id bigint, ADD COLUMN existed boolean NOT NULL DEFAULT false,
                                       ADD COLUMN event_id bigint, ADD COLUMN letter_id bigint,
                                       -- The ref a Chancery export gave an invitation that takes another here.
                                       ADD COLUMN exported_ref text;
            -- Each answer finds its invitation by these. Made before any row is updated: an index
            -- built after an update in the same transaction is not used until it commits
            -- (PostgreSQL's indcheckxmin), and every answer read every staged invitation.
            CREATE INDEX ON stg_invitation (invitation_id);
            CREATE INDEX ON stg_invitation (exported_ref) WHERE exported_ref IS NOT NULL;
            UPDATE stg_invitation s SET invitation_id = i.id, existed = true FROM invitation i WHERE i.ref = s.ref;
            -- An event of the file that took another ref here is found by the ref the file gave it;
            -- one the import refused is none.
            -- Else one its register first recorded under that name, else the event of that ref here.
            UPDATE stg_invitation s SET event_id = \(unescaped: FileRecordNames.storedRecord("event", staged: "stg_event", named: "s.event", rec: "s.rec"))
             WHERE s.event IS NOT NULL AND NOT \(unescaped: FileRecordNames.refused(noun: "event", name: "s.event", rec: "s.rec"));
            -- A letter of the file that came under another letter's ref is found by the ref the file gave it.
            UPDATE stg_invitation s SET letter_id = coalesce(
                \(unescaped: FileRecordNames.stagedLetter(named: "s.letter", rec: "s.rec")),
                \(unescaped: FileRecordNames.storedByOrigin("letter", named: "s.letter", rec: "s.rec")),
                \(unescaped: FileRecordNames.storedByRef("letter", named: "s.letter", rec: "s.rec")))
             WHERE s.letter IS NOT NULL AND NOT \(unescaped: FileRecordNames.refusedLetter(name: "s.letter", rec: "s.rec"));
            UPDATE stg_invitation s SET issued_edtf = l.sent_edtf, issued_earliest = l.sent_earliest,
                                        issued_latest = l.sent_latest, issued_precision = l.sent_precision
              FROM letter l WHERE s.issued_edtf IS NULL AND l.id = s.letter_id;
            -- Invitation refs (INV-US-2022-001) are made alike in every register, as letters' are:
            -- one under the ref of a stored invitation from another inviter to another event is
            -- another invitation. It is the stored one of its inviter, event and letter if there
            -- is one (the same file given again), else it takes the ref with the next free number
            -- after it (INV-US-2022-001-2); the file's responses follow it, and a warning says so.
            -- (This register's own export names its own invitations: a record there corrects one,
            -- with a warning, since a copy of the register that went its own way names others.)
            \(unescaped: RecordOrigins.find(Self.origins))
            UPDATE stg_invitation s SET invitation_id = i.id, existed = i.id IS NOT NULL
              FROM stg_invitation x LEFT JOIN invitation i ON i.ref = x.ref
             WHERE x.rec = s.rec AND s.exported_ref IS NOT NULL;
            CREATE TEMP TABLE stg_foreign_invitation ON COMMIT DROP AS
            SELECT s.rec, s.ref, a.name AS stored_inviter, e.name AS stored_event,
                   \(unescaped: RegisterIdentity.fromOwnExport(rec: "s.rec")) AS own_export,
                   (SELECT min(o.ref) FROM invitation o
                     WHERE o.inviter_id = r.actor_id AND o.event_id IS NOT DISTINCT FROM s.event_id
                       AND o.letter_id IS NOT DISTINCT FROM s.letter_id
                       AND NOT EXISTS (SELECT FROM stg_invitation n WHERE n.ref = o.ref)) AS found_ref
            FROM stg_invitation s JOIN invitation i ON i.ref = s.ref JOIN stg_ref r ON r.ref = s.inviter
            JOIN actor a ON a.id = i.inviter_id LEFT JOIN event e ON e.id = i.event_id
            WHERE i.inviter_id <> r.actor_id AND i.event_id IS DISTINCT FROM s.event_id AND s.exported_ref IS NULL
              AND s.rec NOT IN (SELECT rec FROM stg_invitation_origin WHERE found_ref IS NOT NULL);
            INSERT INTO stg_warning (rec, message)
            SELECT rec, format('ref: invitation %s, in this register''s own export, gives the invitation from %s%s another inviter and event; '
                               || 'it is taken for a correction (an export made before puts it back). If it is another invitation '
                               || '(the file came from a copy of this register), '
                               || 'give it a ref of its own in the file', ref, stored_inviter, coalesce(' to ' || stored_event, ''))
            FROM stg_foreign_invitation WHERE own_export;
            DELETE FROM stg_foreign_invitation WHERE own_export;
            UPDATE stg_invitation s SET exported_ref = s.ref, invitation_id = NULL, existed = false,
                   ref = coalesce(f.found_ref, \(unescaped: NumberedReference.next(after: "s.ref", stored: "invitation", staged: "stg_invitation")))
              FROM stg_foreign_invitation f WHERE f.rec = s.rec;
            UPDATE stg_invitation s SET invitation_id = i.id, existed = true FROM invitation i
             WHERE s.exported_ref IS NOT NULL AND i.ref = s.ref;
            INSERT INTO stg_warning (rec, message)
            SELECT s.rec, format('ref: invitation %s is another invitation in the register, from %s%s (another inviter and event); '
                                 || 'this invitation of the file is %s%s',
                                 s.exported_ref, f.stored_inviter, coalesce(' to ' || f.stored_event, ''),
                                 CASE WHEN f.found_ref IS NULL THEN 'new here, under the ref ' ELSE 'the one of its inviter, event and letter, ' END,
                                 s.ref)
            FROM stg_invitation s JOIN stg_foreign_invitation f USING (rec);

            -- An invitation extended by a deleted letter keeps it when the file names none: no
            -- export writes a deleted letter, and a restore brings it back.
            UPDATE stg_invitation s SET letter_id = i.letter_id FROM invitation i JOIN letter l ON l.id = i.letter_id
             WHERE s.existed AND i.id = s.invitation_id AND s.letter IS NULL AND l.deleted_at IS NOT NULL;

            INSERT INTO stg_reject (rec, reason)
            SELECT s.rec, CASE WHEN \(unescaped: FileRecordNames.refused(noun: "event", name: "s.event", rec: "s.rec"))
                               THEN format('event: the file''s event %s was refused; this invitation is left out with it', s.event)
                               ELSE format('event: no event with ref ''%s''', s.event) END
            FROM stg_invitation s WHERE s.event IS NOT NULL AND s.event_id IS NULL
            UNION ALL
            SELECT s.rec, CASE WHEN \(unescaped: FileRecordNames.refusedLetter(name: "s.letter", rec: "s.rec"))
                               THEN format('letter: the file''s letter %s was refused; this invitation is left out with it', s.letter)
                               ELSE format('letter: no letter with ref ''%s''', s.letter) END
            FROM stg_invitation s WHERE s.letter IS NOT NULL AND s.letter_id IS NULL
            UNION ALL
            \(unescaped: FileRecordNames.givenTwice("stg_invitation", noun: "invitation"))

            CREATE TEMP TABLE stg_invitation_party ON COMMIT DROP AS
            SELECT s.rec, 0 AS position, r.actor_id, r.kind AS actor_kind, s.inviter_capacity AS capacity,
                   b.actor_id AS represents_id, b.kind AS represents_kind, s.issued_earliest AS date_earliest, s.issued_latest AS date_latest
            FROM stg_invitation s JOIN stg_ref r ON r.ref = s.inviter LEFT JOIN stg_ref b ON b.ref = s.inviter_on_behalf_of
            UNION ALL
            SELECT v.rec, v.position, r.actor_id, r.kind, NULL, NULL, NULL, s.issued_earliest, s.issued_latest
            FROM stg_invitee v JOIN stg_invitation s ON s.rec = v.rec JOIN stg_ref r ON r.ref = v.invitee;
            -- RoleInference's statement is built from the table and key names given here.
            \(unescaped: RoleInference.statement(table: "stg_invitation_party", keys: ["rec", "position"]))
            INSERT INTO stg_reject (rec, reason)
            SELECT DISTINCT p.rec, format('invitees: %s is invited twice', a.name)
            FROM (SELECT rec, actor_id FROM stg_invitation_party WHERE position > 0 GROUP BY rec, actor_id HAVING count(*) > 1) p
            JOIN actor a ON a.id = p.actor_id;

            CREATE TEMP TABLE stg_new_invitation ON COMMIT DROP AS
            SELECT rec, nextval(pg_get_serial_sequence('invitation', 'id')) AS id
            FROM (SELECT rec FROM stg_invitation WHERE NOT existed AND rec NOT IN (SELECT rec FROM stg_reject) ORDER BY rec) ordered;
            UPDATE stg_invitation s SET invitation_id = n.id FROM stg_new_invitation n WHERE n.rec = s.rec;
            INSERT INTO invitation (id, ref, inviter_id, inviter_capacity, inviter_represents_id, inviter_represents_kind,
                                    event_id, letter_id, issued_edtf, issued_earliest, issued_latest, issued_precision, reply_by, summary,
                                    origin_register, origin_ref, origin_as_of)
            OVERRIDING SYSTEM VALUE
            SELECT s.invitation_id, s.ref, p.actor_id, p.capacity, p.represents_id, p.represents_kind, s.event_id, s.letter_id,
                   s.issued_edtf, s.issued_earliest, s.issued_latest, s.issued_precision, s.reply_by, s.summary,
                   x.from_register, x.from_ref, \(unescaped: RecordOrigins.asOf(newFrom: "x.from_register", file: "f"))
            FROM stg_invitation s JOIN stg_new_invitation n ON n.rec = s.rec
            JOIN stg_invitation_party p ON p.rec = s.rec AND p.position = 0
            LEFT JOIN stg_invitation_origin x ON x.rec = s.rec JOIN stg_record r ON r.rec = s.rec JOIN stg_file f ON f.file_no = r.file_no
            ORDER BY s.rec;
            INSERT INTO invitation_invitee (invitation_id, invitee_id, represents_id, represents_kind)
            SELECT s.invitation_id, p.actor_id, p.represents_id, p.represents_kind
            FROM stg_invitation s JOIN stg_new_invitation n ON n.rec = s.rec
            JOIN stg_invitation_party p ON p.rec = s.rec AND p.position > 0
            ORDER BY s.rec, p.position;

            \(unescaped: ChangedSinceExport.find(Self.changedSinceExport, into: "stg_newer_invitation"))
            \(unescaped: RecordOrigins.keepCopies(Self.origins, differing: Self.differing))
            -- A stored invitation takes the file's fields when they differ, and gains invitees it
            -- lacks; invitees are never dropped, as they may have answered. One the register
            -- changed since its own export was made keeps its version (unless told otherwise), as
            -- does one of which the file holds another register's copy.
            CREATE TEMP TABLE stg_changed_invitation ON COMMIT DROP AS
            WITH changed AS (
                UPDATE invitation i SET inviter_id = p.actor_id, inviter_capacity = p.capacity,
                       inviter_represents_id = p.represents_id, inviter_represents_kind = p.represents_kind,
                       event_id = s.event_id, letter_id = s.letter_id, issued_edtf = s.issued_edtf,
                       issued_earliest = s.issued_earliest, issued_latest = s.issued_latest,
                       issued_precision = s.issued_precision, reply_by = s.reply_by, summary = s.summary,
                       origin_as_of = \(unescaped: RecordOrigins.asOf(stored: "i", file: "f"))
                  FROM stg_invitation s JOIN stg_invitation_party p ON p.rec = s.rec AND p.position = 0
                  JOIN stg_record r ON r.rec = s.rec JOIN stg_file f ON f.file_no = r.file_no
                 WHERE s.existed AND i.id = s.invitation_id AND s.rec NOT IN (SELECT rec FROM stg_reject)
                   AND s.rec NOT IN (SELECT rec FROM stg_newer_invitation WHERE kept) AND s.rec NOT IN (SELECT rec FROM stg_kept_copy)
                   AND (i.inviter_id, i.inviter_capacity, i.inviter_represents_id, i.event_id, i.letter_id, i.issued_edtf,
                        i.reply_by, i.summary)
                       IS DISTINCT FROM (p.actor_id, p.capacity, p.represents_id, s.event_id, s.letter_id, s.issued_edtf,
                                         s.reply_by, s.summary)
                RETURNING i.id),
            added AS (
                INSERT INTO invitation_invitee (invitation_id, invitee_id, represents_id, represents_kind)
                SELECT s.invitation_id, p.actor_id, p.represents_id, p.represents_kind
                FROM stg_invitation s JOIN stg_invitation_party p ON p.rec = s.rec AND p.position > 0
                WHERE s.existed AND s.rec NOT IN (SELECT rec FROM stg_reject)
                  AND s.rec NOT IN (SELECT rec FROM stg_newer_invitation WHERE kept) AND s.rec NOT IN (SELECT rec FROM stg_kept_copy)
                ORDER BY s.rec, p.position
                ON CONFLICT DO NOTHING
                RETURNING invitation_id)
            SELECT id FROM changed UNION SELECT invitation_id FROM added;
            """)
        let row = try await connection.query(
            """
            SELECT (SELECT count(*) FROM stg_new_invitation) AS new,
                   (SELECT count(*) FROM stg_changed_invitation) AS updated,
                   (SELECT count(*) FROM stg_invitation WHERE existed AND rec NOT IN (SELECT rec FROM stg_reject)) AS existing
            """).rows[0]
        let updated: Int = try row.decode("updated"), existing: Int = try row.decode("existing")
        return ImportCounts(new: try row.decode("new"), unchanged: existing - updated, updated: updated)
    }

    func writeResponses() async throws -> ImportCounts {
        try await actors.rejectUnresolved(table: .response, column: "invitee", field: "invitee")
        try await connection.executeScript(
            """
            ALTER TABLE stg_response ADD COLUMN invitation_id bigint, ADD COLUMN invitee_id bigint, ADD COLUMN letter_id bigint,
                                     ADD COLUMN outcome text;
            \(unescaped: FileRecordNames.noteRefused("stg_invitation", noun: "invitation"))
            ANALYZE stg_invitation;
            -- An invitation of the file that took another ref here is found by the ref the file gave it.
            -- Else one its register first recorded under that name, else the invitation of that ref here.
            UPDATE stg_response s
               SET invitation_id = \(unescaped: FileRecordNames.storedRecord("invitation", staged: "stg_invitation", named: "s.invitation", rec: "s.rec"))
             WHERE s.invitation IS NOT NULL AND NOT \(unescaped: FileRecordNames.refused(noun: "invitation", name: "s.invitation", rec: "s.rec"));
            UPDATE stg_response s SET invitee_id = r.actor_id FROM stg_ref r WHERE r.ref = s.invitee;
            -- An answer carried by a deleted letter keeps it when the file names none: no export
            -- writes a deleted letter, and a restore brings it back.
            UPDATE stg_response s SET letter_id = v.response_letter_id
              FROM invitation_invitee v JOIN letter l ON l.id = v.response_letter_id
             WHERE s.letter IS NULL AND v.invitation_id = s.invitation_id AND v.invitee_id = s.invitee_id AND l.deleted_at IS NOT NULL;
            -- An answer to an invitation kept as the register changed it since its export is
            -- left out with it (its invitee may have been removed since).
            UPDATE stg_response SET outcome = 'newer' WHERE invitation_id IN (SELECT id FROM stg_newer_invitation WHERE kept);
            -- Answers in another register's copy of an invitation first recorded here, or in a third
            -- register, are taken where new and kept as they are here where they differ, as the
            -- invitation is (`RecordOrigins.keepCopies`); one of an invitee only the copy names is
            -- left out with its invitees. The register it was first recorded in corrects them.
            ANALYZE stg_invitation;
            CREATE TEMP TABLE stg_response_copy ON COMMIT DROP AS
            SELECT s.rec, i.ref, c.ours, i.origin_register, c.corrects, c.stale, c.without_invitation,
                   f.exported_at AS file_moment, i.origin_as_of AS taken_moment
            FROM stg_response s JOIN invitation i ON i.id = s.invitation_id
            JOIN stg_record r ON r.rec = s.rec JOIN stg_file f ON f.file_no = r.file_no
            JOIN LATERAL (
                -- (An export of the invitation's register older than the one last taken is a stale copy.)
                (SELECT o.ours, coalesce(f.exported_at < i.origin_as_of, false) AS stale,
                       o.found_ref IS NOT NULL AND NOT o.ours AND f.register = i.origin_register
                       AND NOT coalesce(f.exported_at < i.origin_as_of, false) AS corrects, false AS without_invitation
                FROM stg_invitation x JOIN stg_invitation_origin o ON o.rec = x.rec JOIN stg_record xr ON xr.rec = x.rec
                WHERE x.invitation_id = s.invitation_id AND xr.file_no = r.file_no
                  AND ((o.found_ref IS NOT NULL AND (o.ours OR f.register IS DISTINCT FROM i.origin_register))
                       OR (o.found_ref IS NULL AND i.origin_register IS NULL)
                       OR (o.found_ref IS NOT NULL AND f.register = i.origin_register))
                ORDER BY x.rec LIMIT 1)
                UNION ALL
                -- (An export of another register giving answers without their invitation, a
                -- later or a narrower one: the stored invitation's origin says whose they are.)
                SELECT i.origin_register IS NULL, coalesce(f.register = i.origin_register AND f.exported_at < i.origin_as_of, false),
                       coalesce(f.register = i.origin_register AND NOT coalesce(f.exported_at < i.origin_as_of, false), false), true
                WHERE f.register IS NOT NULL
                  AND NOT EXISTS (SELECT FROM stg_invitation x JOIN stg_record xr ON xr.rec = x.rec
                                  WHERE x.invitation_id = s.invitation_id AND xr.file_no = r.file_no)
                LIMIT 1) c ON true
            WHERE NOT f.own_export;
            -- (Even the invitation's own register, in a file without it, cannot name an invitee
            -- this register does not have: the invitation's invitees are not corrected here.)
            UPDATE stg_response s SET outcome = 'newer'
             WHERE s.outcome IS NULL AND s.rec IN (SELECT rec FROM stg_response_copy WHERE NOT corrects OR without_invitation)
               AND NOT EXISTS (SELECT FROM invitation_invitee v WHERE v.invitation_id = s.invitation_id AND v.invitee_id = s.invitee_id);
            -- (With its invitation in the file, the invitation's own warning says its invitees are
            -- left out; without it, the answer's says so.)
            CREATE TEMP TABLE stg_answer_of_no_invitee ON COMMIT DROP AS
            SELECT c.rec, c.ref, c.ours, c.origin_register FROM stg_response_copy c JOIN stg_response s USING (rec)
            WHERE c.without_invitation AND s.outcome = 'newer'
              AND NOT EXISTS (SELECT FROM invitation_invitee v WHERE v.invitation_id = s.invitation_id AND v.invitee_id = s.invitee_id);
            INSERT INTO stg_kept_copy (rec, ref, ours, origin_register) SELECT rec, ref, ours, origin_register FROM stg_answer_of_no_invitee;
            INSERT INTO stg_warning (rec, message)
            SELECT s.rec, format('invitee: %s answers %s in this file (%s), but is not invited by it here: '
                                 || 'the answer is left out; `chancery invitation edit %s --add-invitee %s` and then '
                                 || '`chancery invitation respond %s --invitee %s --status %s%s` record it',
                                 a.name, n.ref, s.status, n.ref, \(unescaped: ActorMerge.shellQuotedHandle("a")),
                                 n.ref, \(unescaped: ActorMerge.shellQuotedHandle("a")), s.status,
                                 coalesce(' --date ' || s.responded_edtf, '')
                                 || coalesce(' --note ''' || replace(s.note, '''', '''\\''''') || '''', ''))
            FROM stg_answer_of_no_invitee n JOIN stg_response s USING (rec) JOIN actor a ON a.id = s.invitee_id;
            UPDATE stg_response s SET letter_id = coalesce(
                \(unescaped: FileRecordNames.stagedLetter(named: "s.letter", rec: "s.rec")),
                \(unescaped: FileRecordNames.storedByOrigin("letter", named: "s.letter", rec: "s.rec")),
                \(unescaped: FileRecordNames.storedByRef("letter", named: "s.letter", rec: "s.rec")))
             WHERE s.letter IS NOT NULL AND NOT \(unescaped: FileRecordNames.refusedLetter(name: "s.letter", rec: "s.rec"));
            UPDATE stg_response s SET responded_edtf = l.sent_edtf, responded_earliest = l.sent_earliest,
                                      responded_latest = l.sent_latest, responded_precision = l.sent_precision
              FROM letter l WHERE s.responded_edtf IS NULL AND l.id = s.letter_id;
            INSERT INTO stg_reject (rec, reason)
            SELECT s.rec, CASE WHEN \(unescaped: FileRecordNames.refused(noun: "invitation", name: "s.invitation", rec: "s.rec"))
                               THEN format('invitation: the file''s invitation %s was refused; this answer is left out with it', s.invitation)
                               ELSE format('invitation: no invitation with ref ''%s''', s.invitation) END
            FROM stg_response s WHERE s.invitation_id IS NULL
            UNION ALL
            SELECT s.rec, CASE WHEN \(unescaped: FileRecordNames.refusedLetter(name: "s.letter", rec: "s.rec"))
                               THEN format('letter: the file''s letter %s was refused; this answer is left out with it', s.letter)
                               ELSE format('letter: no letter with ref ''%s''', s.letter) END
            FROM stg_response s WHERE s.letter IS NOT NULL AND s.letter_id IS NULL
            UNION ALL
            SELECT rec, 'date: a response needs a date or the letter carrying it' FROM stg_response
            WHERE responded_edtf IS NULL AND letter IS NULL
            UNION ALL
            SELECT s.rec, format('invitee: ''%s'' is not an invitee of %s', s.invitee, s.invitation) FROM stg_response s
            WHERE s.invitation_id IS NOT NULL AND s.invitee_id IS NOT NULL AND s.outcome IS DISTINCT FROM 'newer'
              AND NOT EXISTS (SELECT 1 FROM invitation_invitee v WHERE v.invitation_id = s.invitation_id AND v.invitee_id = s.invitee_id);

            UPDATE stg_response s SET outcome = CASE
                    WHEN v.status = 'pending' THEN 'new'
                    WHEN (v.status, v.responded_edtf, v.response_letter_id, v.note)
                         IS NOT DISTINCT FROM (s.status, s.responded_edtf, s.letter_id, s.note) THEN 'unchanged'
                    ELSE 'updated' END
              FROM invitation_invitee v
             WHERE v.invitation_id = s.invitation_id AND v.invitee_id = s.invitee_id AND s.rec NOT IN (SELECT rec FROM stg_reject)
               AND s.outcome IS NULL;
            \(unescaped: ChangedSinceExport.find(Self.changedAnswerSinceExport, into: "stg_newer_response"))
            UPDATE stg_response SET outcome = 'newer' WHERE rec IN (SELECT rec FROM stg_newer_response WHERE kept);
            WITH kept AS (
                UPDATE stg_response s SET outcome = 'newer' FROM stg_response_copy c
                 WHERE c.rec = s.rec AND s.outcome = 'updated' AND NOT c.corrects
                RETURNING s.rec, s.invitee_id, s.status, s.letter_id, s.responded_edtf, s.note, c.ref, c.ours, c.origin_register, c.stale,
                          c.file_moment, c.taken_moment),
            noted AS (INSERT INTO stg_kept_copy (rec, ref, ours, origin_register) SELECT rec, ref, ours, origin_register FROM kept)
            INSERT INTO stg_warning (rec, message)
            SELECT k.rec, format('invitee: the answer of %s to %s differs in this file (%s), %s: it is kept as this register has it; '
                                 || '`chancery invitation respond %s --invitee %s --status %s%s` records the file''s', a.name, k.ref,
                                 k.status || coalesce(', in letter ' || l.ref, '') || coalesce(', ' || k.responded_edtf, '')
                                 || coalesce(', noting “' || k.note || '”', ''),
                                 CASE WHEN k.ours THEN 'another register''s copy of an invitation first recorded here'
                                      WHEN k.stale
                                      THEN format('an export of the register the invitation was first recorded in made on %s, before the one '
                                                  || 'this register last took it from (%s)',
                                                  \(unescaped: RecordOrigins.moment("k.file_moment")), \(unescaped: RecordOrigins.moment("k.taken_moment")))
                                      WHEN k.origin_register IS NULL THEN 'another register''s record of an invitation recorded here'
                                      ELSE format('a copy from another register than the one the invitation was first recorded in (%s)',
                                                  k.origin_register) END,
                                 k.ref, \(unescaped: ActorMerge.shellQuotedHandle("a")), k.status,
                                 coalesce(' --letter ' || l.ref, '') || coalesce(' --date ' || k.responded_edtf, '')
                                 || coalesce(' --note ''' || replace(k.note, '''', '''\\''''') || '''', ''))
            FROM kept k JOIN actor a ON a.id = k.invitee_id LEFT JOIN letter l ON l.id = k.letter_id;
            INSERT INTO stg_warning (rec, message)
            SELECT s.rec, format('invitee: the answer of %s to %s is corrected as the register the invitation was first recorded in has it '
                                 || '(this file: %s); `chancery invitation history %s` keeps what it was', a.name, c.ref, s.status, c.ref)
            FROM stg_response s JOIN stg_response_copy c USING (rec) JOIN actor a ON a.id = s.invitee_id
            WHERE c.corrects AND s.outcome = 'updated';
            UPDATE invitation_invitee v SET status = s.status, responded_edtf = s.responded_edtf,
                   responded_earliest = s.responded_earliest, responded_latest = s.responded_latest,
                   responded_precision = s.responded_precision, response_letter_id = s.letter_id, note = s.note,
                   recorded_at = clock_timestamp()
              FROM stg_response s
             WHERE s.outcome IN ('new', 'updated') AND v.invitation_id = s.invitation_id AND v.invitee_id = s.invitee_id;
            -- An answer the invitation's register gave moves the moment it was last taken from.
            UPDATE invitation i SET origin_as_of = newest.moment
              FROM (SELECT s.invitation_id, max(c.file_moment) AS moment FROM stg_response s JOIN stg_response_copy c USING (rec)
                    WHERE c.corrects AND s.outcome IN ('new', 'updated') GROUP BY s.invitation_id) newest
             WHERE i.id = newest.invitation_id AND newest.moment > coalesce(i.origin_as_of, '-infinity');
            """)
        let row = try await connection.query(
            """
            SELECT count(*) FILTER (WHERE outcome = 'new') AS new, count(*) FILTER (WHERE outcome = 'updated') AS updated,
                   count(*) FILTER (WHERE outcome IN ('unchanged', 'newer')) AS unchanged FROM stg_response
            """).rows[0]
        return ImportCounts(new: try row.decode("new"), unchanged: try row.decode("unchanged"), updated: try row.decode("updated"))
    }

    /// Invitations as `RecordOrigins` finds and keeps them.
    private static let origins = RecordOrigins.Kind(
        noun: "invitation", staged: "stg_invitation", stored: "invitation", origins: "stg_invitation_origin",
        edit: "invitation edit", parts: "invitees and sources", added: "invitees",
        sameAs: """
            t.inviter_id = (SELECT r.actor_id FROM stg_ref r WHERE r.ref = s.inviter) AND t.event_id IS NOT DISTINCT FROM s.event_id
            AND (t.issued_earliest, t.issued_latest) IS NOT DISTINCT FROM (s.issued_earliest, s.issued_latest)
            """)

    /// The stored invitations a record of the file would change (`SELECT rec, id`): those whose
    /// fields it gives otherwise, and those it would give an invitee.
    private static let differing = """
        SELECT s.rec, s.invitation_id AS id
        FROM stg_invitation s JOIN invitation i ON i.id = s.invitation_id
        JOIN stg_invitation_party p ON p.rec = s.rec AND p.position = 0
        WHERE s.existed AND s.rec NOT IN (SELECT rec FROM stg_reject)
          AND ((i.inviter_id, i.inviter_capacity, i.inviter_represents_id, i.event_id, i.letter_id, i.issued_edtf, i.reply_by, i.summary)
               IS DISTINCT FROM (p.actor_id, p.capacity, p.represents_id, s.event_id, s.letter_id, s.issued_edtf, s.reply_by, s.summary)
               OR EXISTS (SELECT FROM stg_invitation_party v WHERE v.rec = s.rec AND v.position > 0
                          AND NOT EXISTS (SELECT FROM invitation_invitee x WHERE x.invitation_id = s.invitation_id AND x.invitee_id = v.actor_id)))
        """

    /// Invitations a record of this register's own export would change, for `ChangedSinceExport`
    /// (invitees it would add count: they were not invited when the file was made).
    private static let changedSinceExport = ChangedSinceExport.Kind(
        noun: "invitation",
        candidates: "SELECT d.rec, d.id, i.ref AS label FROM (\(differing)) d JOIN invitation i ON i.id = d.id",
        history: ["h.table_name = 'invitation' AND h.row_key = jsonb_build_object('id', c.id)",
                  "h.table_name = 'invitation_invitee' AND (h.row_key ->> 'invitation_id')::bigint = c.id",
                  // Its letter deleted or restored (an export leaves out a deleted letter).
                  """
                  h.table_name = 'letter' AND h.row_key IN (SELECT jsonb_build_object('id', i.letter_id) FROM invitation i WHERE i.id = c.id)
                  AND (h.before ->> 'deleted_at') IS DISTINCT FROM (h.after ->> 'deleted_at')
                  """],
        seeAlso: "' (`chancery invitation history ' || label || '` shows the change)'")

    /// Answers a response of this register's own export would change.
    private static let changedAnswerSinceExport = ChangedSinceExport.Kind(
        field: "status",
        noun: "the answer",
        candidates: """
            SELECT s.rec, s.invitation_id AS id, s.invitee_id, format('of %s to %s', a.name, i.ref) AS label, i.ref
            FROM stg_response s JOIN invitation i ON i.id = s.invitation_id JOIN actor a ON a.id = s.invitee_id
            WHERE s.outcome = 'updated'
               -- (One left out with its invitation is named too, when it differs.)
               OR (s.outcome = 'newer' AND EXISTS (
                   SELECT FROM invitation_invitee v WHERE v.invitation_id = s.invitation_id AND v.invitee_id = s.invitee_id
                     AND (v.status, v.responded_edtf, v.response_letter_id, v.note) IS DISTINCT FROM (s.status, s.responded_edtf, s.letter_id, s.note)))
            """,
        history: ["h.table_name = 'invitation_invitee' AND h.row_key = jsonb_build_object('invitation_id', c.id, 'invitee_id', c.invitee_id)",
                  // Its letter deleted or restored (an export leaves out a deleted letter).
                  """
                  h.table_name = 'letter' AND h.row_key IN (SELECT jsonb_build_object('id', v.response_letter_id) FROM invitation_invitee v
                                                            WHERE v.invitation_id = c.id AND v.invitee_id = c.invitee_id)
                  AND (h.before ->> 'deleted_at') IS DISTINCT FROM (h.after ->> 'deleted_at')
                  """],
        seeAlso: "' (`chancery invitation history ' || ref || '` shows the change)'")
}
