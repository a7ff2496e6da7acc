import LibPQClient
import ChanceryInterchange
import ChanceryModel

/// Merges staged memberships, roles and events: the records letters and invitations lean on.
struct EventMerge {
    let connection: PostgresConnection
    let actors: ActorMerge

    func prepareMembershipsAndRoles() async throws {
        try await actors.rejectUnresolved(table: .membership, column: "member", field: "member")
        try await actors.rejectUnresolved(table: .membership, column: "organization", field: "organization", kinds: [.organization])
        try await actors.rejectUnresolved(table: .role, column: "holder", field: "holder")
        try await actors.rejectUnresolved(table: .role, column: "of_ref", field: "of", kinds: [.state, .organization])
    }

    /// A role or membership of this register's own export that the register changed (its period
    /// ended or corrected, its title) or removed since: the file's row is the one it was, and
    /// would come back beside it. `what` is fixed text of the callers.
    private static func changedSinceExport(
        _ what: (table: String, noun: String, staged: String, label: String, matches: String, stored: String, holder: String)
    ) -> ChangedSinceExport.Kind {
        ChangedSinceExport.Kind(
            field: what.noun, noun: "the " + what.noun,
            candidates: """
                SELECT s.rec, x.id, \(what.label) AS label, \(ActorMerge.shellQuotedHandle(what.holder)) AS handle
                FROM \(what.staged)
                JOIN stg_record r ON r.rec = s.rec JOIN stg_file f ON f.file_no = r.file_no
                CROSS JOIN LATERAL (
                    SELECT (h.row_key ->> 'id')::bigint AS id FROM history h
                    WHERE h.table_name = '\(what.table)' AND h.operation <> 'INSERT' AND h.changed_at >= f.exported_at
                      AND h.transaction_id <> txid_current() AND \(what.matches)
                    ORDER BY h.changed_at DESC LIMIT 1) x
                WHERE s.rec NOT IN (SELECT rec FROM stg_reject) AND f.own_export AND f.exported_at IS NOT NULL
                  AND NOT EXISTS (SELECT FROM \(what.table) e WHERE \(what.stored))
                """,
            history: ["h.table_name = '\(what.table)' AND h.row_key = jsonb_build_object('id', c.id)"],
            seeAlso: "' (`chancery actor history ' || handle || '` shows the change)'")
    }

    private static let roleChangedSinceExport = changedSinceExport((
        table: "role_held", noun: "role",
        staged: """
            stg_role s JOIN stg_ref hr ON hr.ref = s.holder JOIN stg_ref orf ON orf.ref = s.of_ref
            JOIN actor holder ON holder.id = hr.actor_id JOIN actor o ON o.id = orf.actor_id
            """,
        label: "format('''%s'' of %s held by %s%s', s.title, o.name, holder.name, coalesce(' (' || s.period_edtf || ')', ''))",
        matches: """
            (h.before ->> 'holder_id')::bigint IN \(ActorMerge.idsStoodFor("hr.actor_id")) AND h.before ->> 'title' = s.title
            AND (h.before ->> 'of_id')::bigint IN \(ActorMerge.idsStoodFor("orf.actor_id"))
            AND h.before ->> 'period_edtf' IS NOT DISTINCT FROM s.period_edtf
            """,
        stored: "e.holder_id = hr.actor_id AND e.title = s.title AND e.of_id = orf.actor_id AND e.period_edtf IS NOT DISTINCT FROM s.period_edtf",
        holder: "holder"))

    private static let membershipChangedSinceExport = changedSinceExport((
        table: "membership", noun: "membership",
        staged: """
            stg_membership s JOIN stg_ref mr ON mr.ref = s.member JOIN stg_ref orf ON orf.ref = s.organization
            JOIN actor member ON member.id = mr.actor_id JOIN actor o ON o.id = orf.actor_id
            """,
        label: "format('of %s in %s%s', member.name, o.name, coalesce(' (' || s.period_edtf || ')', ''))",
        matches: """
            (h.before ->> 'member_id')::bigint IN \(ActorMerge.idsStoodFor("mr.actor_id"))
            AND (h.before ->> 'organization_id')::bigint IN \(ActorMerge.idsStoodFor("orf.actor_id"))
            AND h.before ->> 'period_edtf' IS NOT DISTINCT FROM s.period_edtf
            """,
        stored: "e.member_id = mr.actor_id AND e.organization_id = orf.actor_id AND e.period_edtf IS NOT DISTINCT FROM s.period_edtf",
        holder: "member"))

    /// The records of `newer` (a `ChangedSinceExport` table of roles or memberships) that add no
    /// row of `table`: those kept as the register has them, those put back on the row they were
    /// (still there), and all but the first of several that would put one row back (joined files).
    private static func notWritten(_ newer: String, _ table: String) -> String {
        """
        SELECT n.rec FROM \(newer) n WHERE n.kept OR EXISTS (SELECT FROM \(table) t WHERE t.id = n.id)
            OR n.rec > (SELECT min(o.rec) FROM \(newer) o WHERE o.id = n.id AND NOT o.kept)
        """
    }

    /// Warns of all but the first of several records that would put one role or membership back.
    private static func oneRecordPutsBack(_ newer: String, noun: String) -> String {
        """
        INSERT INTO stg_warning (rec, message)
        SELECT n.rec, format('%s: the %s %s is put back by an earlier record of the files (%s:%s), which is taken; this one is left out',
                             '\(noun)', '\(noun)', n.label, f.name, r.line)
        FROM \(newer) n
        JOIN LATERAL (SELECT min(o.rec) AS rec FROM \(newer) o WHERE o.id = n.id AND NOT o.kept) first ON first.rec < n.rec
        JOIN stg_record r ON r.rec = first.rec JOIN stg_file f ON f.file_no = r.file_no
        WHERE NOT n.kept;
        """
    }

    func writeMemberships() async throws -> ImportCounts {
        try await connection.executeScript(
            "\(unescaped: ChangedSinceExport.find(Self.membershipChangedSinceExport, into: "stg_newer_membership"))")
        try await connection.executeScript("\(unescaped: Self.oneRecordPutsBack("stg_newer_membership", noun: "membership"))")
        // Put back, as asked: the file's membership on the row it was, if that is still there
        // (removed, it is written again below).
        let putBack = try await connection.execute(
            """
            UPDATE membership ms SET member_id = m.actor_id, organization_id = o.actor_id, period_edtf = s.period_edtf,
                                     period_earliest = s.period_earliest, period_latest = s.period_latest, period_precision = s.period_precision
            FROM (SELECT DISTINCT ON (id) id, rec FROM stg_newer_membership WHERE NOT kept ORDER BY id, rec) n
            JOIN stg_membership s USING (rec) JOIN stg_ref m ON m.ref = s.member JOIN stg_ref o ON o.ref = s.organization
            WHERE ms.id = n.id
            """)
        let inserted = try await connection.query(
            """
            WITH written AS (
                INSERT INTO membership (member_id, organization_id, period_edtf, period_earliest, period_latest, period_precision)
                SELECT m.actor_id, o.actor_id, s.period_edtf, s.period_earliest, s.period_latest, s.period_precision
                FROM stg_membership s JOIN stg_ref m ON m.ref = s.member JOIN stg_ref o ON o.ref = s.organization
                WHERE s.rec NOT IN (SELECT rec FROM stg_reject) AND s.rec NOT IN (\(unescaped: Self.notWritten("stg_newer_membership", "membership")))
                ORDER BY s.rec
                ON CONFLICT ON CONSTRAINT membership_unique DO NOTHING
                RETURNING 1)
            SELECT (SELECT count(*) FROM written) AS new,
                   (SELECT count(*) FROM stg_membership WHERE rec NOT IN (SELECT rec FROM stg_reject)) AS total
            """).rows[0]
        return try ImportCounts(insertedOf: inserted, putBack: putBack)
    }

    func writeRoles() async throws -> ImportCounts {
        try await connection.executeScript("\(unescaped: ChangedSinceExport.find(Self.roleChangedSinceExport, into: "stg_newer_role"))")
        try await connection.executeScript("\(unescaped: Self.oneRecordPutsBack("stg_newer_role", noun: "role"))")
        let putBack = try await connection.execute(
            """
            UPDATE role_held r SET holder_id = h.actor_id, title = s.title, of_id = o.actor_id, of_kind = o.kind, period_edtf = s.period_edtf,
                                   period_earliest = s.period_earliest, period_latest = s.period_latest, period_precision = s.period_precision
            FROM (SELECT DISTINCT ON (id) id, rec FROM stg_newer_role WHERE NOT kept ORDER BY id, rec) n
            JOIN stg_role s USING (rec) JOIN stg_ref h ON h.ref = s.holder JOIN stg_ref o ON o.ref = s.of_ref
            WHERE r.id = n.id
            """)
        let inserted = try await connection.query(
            """
            WITH written AS (
                INSERT INTO role_held (holder_id, title, of_id, of_kind, period_edtf, period_earliest, period_latest, period_precision)
                SELECT h.actor_id, s.title, o.actor_id, o.kind, s.period_edtf, s.period_earliest, s.period_latest, s.period_precision
                FROM stg_role s JOIN stg_ref h ON h.ref = s.holder JOIN stg_ref o ON o.ref = s.of_ref
                WHERE s.rec NOT IN (SELECT rec FROM stg_reject) AND s.rec NOT IN (\(unescaped: Self.notWritten("stg_newer_role", "role_held")))
                ORDER BY s.rec
                ON CONFLICT ON CONSTRAINT role_held_unique DO NOTHING
                RETURNING 1)
            SELECT (SELECT count(*) FROM written) AS new,
                   (SELECT count(*) FROM stg_role WHERE rec NOT IN (SELECT rec FROM stg_reject)) AS total
            """).rows[0]
        return try ImportCounts(insertedOf: inserted, putBack: putBack)
    }

    func prepareEvents() async throws {
        try await actors.rejectUnresolved(table: .event, column: "host", field: "host")
        try await actors.rejectUnresolved(table: .eventParticipant, column: "actor", field: "participants")
        try await connection.executeScript(
            """
            INSERT INTO stg_reject (rec, reason)
            SELECT rec, format('country: ''%s'' is not an ISO 3166-1 alpha-2 country code (use two letters, e.g. US)', country_code)
            FROM stg_event s WHERE country_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM country c WHERE c.code = s.country_code);
            INSERT INTO stg_reject (rec, reason)
            \(unescaped: FileRecordNames.givenTwice("stg_event", noun: "event"))
            -- The ref an event of the file had there, when it takes another here.
            ALTER TABLE stg_event ADD COLUMN exported_ref text;
            -- (Made before any row changes, or it is not used until the import commits.)
            CREATE INDEX ON stg_event (exported_ref) WHERE exported_ref IS NOT NULL;
            \(unescaped: RecordOrigins.find(Self.origins))
            \(unescaped: FileRecordNames.noteRefused("stg_event", noun: "event"))
            """)
    }

    func writeEvents() async throws -> ImportCounts {
        try await connection.executeScript(
            """
            -- Event refs such as EV-1945-000001 are made alike in every register, as letters' are:
            -- an event under the ref of a stored event of another name and another date is another
            -- event. It is the stored event of its name and dates if there is one (the same file
            -- given again), else it takes the ref with the next free number after it (EV-1-2);
            -- the file's letters and invitations that name it follow it, and a warning says so.
            -- (This register's own export names its own events: a record there corrects one,
            -- with a warning, since a copy of the register that went its own way names others.)
            CREATE TEMP TABLE stg_foreign_event ON COMMIT DROP AS
            SELECT s.rec, s.ref, e.name AS stored_name, e.period_edtf AS stored_period,
                   \(unescaped: RegisterIdentity.fromOwnExport(rec: "s.rec")) AS own_export,
                   (SELECT min(o.ref) FROM event o
                     WHERE lower(o.name) = lower(s.name) AND o.period_earliest IS NOT DISTINCT FROM s.period_earliest
                       AND o.period_latest IS NOT DISTINCT FROM s.period_latest
                       AND NOT EXISTS (SELECT FROM stg_event n WHERE n.ref = o.ref)) AS found_ref
            FROM stg_event s JOIN event e ON e.ref = s.ref
            WHERE s.rec NOT IN (SELECT rec FROM stg_reject) AND s.exported_ref IS NULL
              AND s.rec NOT IN (SELECT rec FROM stg_event_origin WHERE found_ref IS NOT NULL)
              AND lower(e.name) <> lower(s.name)
              AND (e.period_earliest, e.period_latest) IS DISTINCT FROM (s.period_earliest, s.period_latest);
            INSERT INTO stg_warning (rec, message)
            SELECT rec, format('ref: event %s, in this register''s own export, gives “%s” of %s another name and date; it is taken for a correction '
                               || '(an export made before puts it back). If it is another event (the file came from a copy of this register), '
                               || 'give it a ref of its own in the file',
                               ref, stored_name, stored_period)
            FROM stg_foreign_event WHERE own_export;
            DELETE FROM stg_foreign_event WHERE own_export;
            UPDATE stg_event s SET exported_ref = s.ref,
                   ref = coalesce(f.found_ref, \(unescaped: NumberedReference.next(after: "s.ref", stored: "event", staged: "stg_event")))
              FROM stg_foreign_event f WHERE f.rec = s.rec;
            INSERT INTO stg_warning (rec, message)
            SELECT s.rec, format('ref: event %s is another event in the register, “%s” of %s (another name and date); this event of the file is %s%s',
                                 s.exported_ref, f.stored_name, f.stored_period,
                                 CASE WHEN f.found_ref IS NULL THEN 'new here, under the ref ' ELSE 'the one of its name and dates, ' END, s.ref)
            FROM stg_event s JOIN stg_foreign_event f USING (rec);

            CREATE TEMP TABLE stg_event_outcome ON COMMIT DROP AS
            SELECT s.rec, e.id AS event_id,
                   CASE WHEN e.id IS NULL THEN 'new'
                        WHEN (e.name, e.kind, e.status, e.host_id, e.city, e.country_code, e.geonames_id, e.period_edtf, e.cameo_code, e.summary)
                             IS NOT DISTINCT FROM (s.name, s.kind, s.status, h.actor_id, s.city, s.country_code::char(2), s.geonames_id,
                                                   s.period_edtf, s.cameo_code, s.summary) THEN 'unchanged'
                        ELSE 'updated' END AS outcome
            FROM stg_event s LEFT JOIN event e ON e.ref = s.ref LEFT JOIN stg_ref h ON h.ref = s.host
            WHERE s.rec NOT IN (SELECT rec FROM stg_reject);
            \(unescaped: ChangedSinceExport.find(Self.changedSinceExport, into: "stg_newer_event"))
            UPDATE stg_event_outcome SET outcome = 'newer' WHERE rec IN (SELECT rec FROM stg_newer_event WHERE kept);
            \(unescaped: RecordOrigins.keepCopies(Self.origins, differing: Self.differing))
            UPDATE stg_event_outcome SET outcome = 'newer' WHERE rec IN (SELECT rec FROM stg_kept_copy);

            INSERT INTO event (ref, name, kind, status, host_id, city, country_code, geonames_id,
                               period_edtf, period_earliest, period_latest, period_precision, cameo_code, summary,
                               origin_register, origin_ref, origin_as_of)
            SELECT s.ref, s.name, s.kind, s.status, h.actor_id, s.city, s.country_code, s.geonames_id,
                   s.period_edtf, s.period_earliest, s.period_latest, s.period_precision, s.cameo_code, s.summary,
                   x.from_register, x.from_ref, \(unescaped: RecordOrigins.asOf(newFrom: "x.from_register", file: "f"))
            FROM stg_event s JOIN stg_event_outcome o ON o.rec = s.rec LEFT JOIN stg_ref h ON h.ref = s.host
            LEFT JOIN stg_event_origin x ON x.rec = s.rec JOIN stg_record r ON r.rec = s.rec JOIN stg_file f ON f.file_no = r.file_no
            WHERE o.outcome = 'new' ORDER BY s.rec;
            UPDATE event e SET name = s.name, kind = s.kind, status = s.status, host_id = h.actor_id, city = s.city,
                   country_code = s.country_code, geonames_id = s.geonames_id, period_edtf = s.period_edtf,
                   period_earliest = s.period_earliest, period_latest = s.period_latest, period_precision = s.period_precision,
                   cameo_code = s.cameo_code, summary = s.summary, origin_as_of = \(unescaped: RecordOrigins.asOf(stored: "e", file: "f"))
              FROM stg_event s JOIN stg_event_outcome o ON o.rec = s.rec LEFT JOIN stg_ref h ON h.ref = s.host
              JOIN stg_record r ON r.rec = s.rec JOIN stg_file f ON f.file_no = r.file_no
             WHERE o.outcome = 'updated' AND e.id = o.event_id;
            UPDATE stg_event_outcome o SET event_id = e.id FROM stg_event s JOIN event e ON e.ref = s.ref WHERE s.rec = o.rec;
            -- An event that gains a participant is updated, as an invitation gaining an invitee is.
            WITH added AS (
                INSERT INTO event_participant (event_id, actor_id)
                SELECT DISTINCT o.event_id, r.actor_id
                FROM stg_event_participant p JOIN stg_event_outcome o ON o.rec = p.rec JOIN stg_ref r ON r.ref = p.actor
                WHERE o.outcome <> 'newer'
                ON CONFLICT DO NOTHING
                RETURNING event_id)
            UPDATE stg_event_outcome SET outcome = 'updated' WHERE outcome = 'unchanged' AND event_id IN (SELECT event_id FROM added);
            """)
        let row = try await connection.query(
            """
            SELECT count(*) FILTER (WHERE outcome = 'new') AS new, count(*) FILTER (WHERE outcome = 'updated') AS updated,
                   count(*) FILTER (WHERE outcome IN ('unchanged', 'newer')) AS unchanged FROM stg_event_outcome
            """).rows[0]
        return ImportCounts(new: try row.decode("new"), unchanged: try row.decode("unchanged"), updated: try row.decode("updated"))
    }

    /// Events as `RecordOrigins` finds and keeps them.
    private static let origins = RecordOrigins.Kind(
        noun: "event", staged: "stg_event", stored: "event", origins: "stg_event_origin", edit: "event edit",
        parts: "participants and sources", added: "participants",
        sameAs: """
            lower(t.name) = lower(s.name) AND t.period_earliest IS NOT DISTINCT FROM s.period_earliest
            AND t.period_latest IS NOT DISTINCT FROM s.period_latest
            """)

    /// The stored events a record of the file would change (`SELECT rec, id`): those it would
    /// rewrite, and those it would give a participant the event does not have.
    private static let differing = """
        SELECT o.rec, o.event_id AS id FROM stg_event_outcome o
        WHERE o.outcome = 'updated'
           OR (o.outcome = 'unchanged' AND EXISTS (
               SELECT FROM stg_event_participant p JOIN stg_ref r ON r.ref = p.actor
               WHERE p.rec = o.rec AND NOT EXISTS (SELECT FROM event_participant x WHERE x.event_id = o.event_id AND x.actor_id = r.actor_id)))
        """

    /// Events a record of this register's own export would change, for `ChangedSinceExport`.
    private static let changedSinceExport = ChangedSinceExport.Kind(
        noun: "event",
        // Those it would rewrite, and those it would give a participant the event no longer has.
        candidates: "SELECT d.rec, d.id, e.ref AS label FROM (\(differing)) d JOIN event e ON e.id = d.id",
        history: ["h.table_name = 'event' AND h.row_key = jsonb_build_object('id', c.id)",
                  "h.table_name = 'event_participant' AND (h.row_key ->> 'event_id')::bigint = c.id"],
        seeAlso: "' (`chancery event history ' || label || '` shows the change)'")
}
