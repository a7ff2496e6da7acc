import LibPQClient
import ChanceryModel

/// Reads an event's, an invitation's or an actor's history, oldest first: its own row and its
/// participants (an event's), invitees (an invitation's), or other names, roles held and
/// memberships (an actor's), found through an index of `history` (`history_row`,
/// `history_event_participant`, `history_invitation_invitee`; an actor's roles and memberships
/// among all roles' and memberships' rows, which are few beside letters'). Rows that hold
/// only ids gain the names and references they stand for, which history's diff would otherwise
/// leave out as bookkeeping.
struct RecordHistoryReader {
    let connection: PostgresConnection

    func event(_ id: Int64) async throws -> [HistoryEntry] {
        try await entries(
            """
            SELECT h.* FROM history h WHERE h.table_name = 'event' AND h.row_key = jsonb_build_object('id', \(id)::bigint)
            UNION ALL
            SELECT h.* FROM history h WHERE h.table_name = 'event_participant' AND (h.row_key ->> 'event_id')::bigint = \(id)::bigint
            """)
    }

    func invitation(_ id: Int64) async throws -> [HistoryEntry] {
        try await entries(
            """
            SELECT h.* FROM history h WHERE h.table_name = 'invitation' AND h.row_key = jsonb_build_object('id', \(id)::bigint)
            UNION ALL
            SELECT h.* FROM history h WHERE h.table_name = 'invitation_invitee' AND (h.row_key ->> 'invitation_id')::bigint = \(id)::bigint
            """)
    }

    /// An actor's own row, its other names, the roles it held and the memberships it had (an
    /// organization's members are their history, not its own), and those of the actors merged
    /// into it (`actor_merge`) before the merge: their rows are gone, their history is its own.
    func actor(_ id: Int64) async throws -> [HistoryEntry] {
        try await entries(
            """
            SELECT h.* FROM history h WHERE h.table_name = 'actor'
               AND h.row_key IN (SELECT jsonb_build_object('id', a.id) FROM \(Self.idsStoodFor(id)) a(id))
            UNION ALL
            SELECT h.* FROM history h WHERE h.table_name = 'actor_alias'
               AND (h.row_key ->> 'actor_id')::bigint IN \(Self.idsStoodFor(id))
            UNION ALL
            SELECT h.* FROM history h WHERE h.table_name = 'role_held'
               AND ((h.before ->> 'holder_id')::bigint IN \(Self.idsStoodFor(id)) OR (h.after ->> 'holder_id')::bigint IN \(Self.idsStoodFor(id)))
            UNION ALL
            SELECT h.* FROM history h WHERE h.table_name = 'membership'
               AND ((h.before ->> 'member_id')::bigint IN \(Self.idsStoodFor(id)) OR (h.after ->> 'member_id')::bigint IN \(Self.idsStoodFor(id)))
            """)
    }

    /// The actor `id` and those merged into it, as a subquery with `id` bound.
    private static func idsStoodFor(_ id: Int64) -> PostgresQuery {
        "(SELECT \(id)::bigint UNION ALL SELECT m.merged_actor_id FROM actor_merge m WHERE m.kept_id = \(id))"
    }

    /// The entries of `found` (a union of history rows, from this type's code).
    private func entries(_ found: PostgresQuery) async throws -> [HistoryEntry] {
        var query: PostgresQuery = "WITH found AS ("
        query.append(found)
        query.append(
            """
            )
            SELECT id, to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, changed_by, table_name, operation,
                   \(unescaped: Self.named("f.before")) AS before, \(unescaped: Self.named("f.after")) AS after,
                   \(unescaped: Self.subject) AS subject
            FROM found f
            ORDER BY changed_at, id
            """)
        return try await connection.query(query).rows.compactMap { row in try HistoryEntry(historyRow: row, subject: try row.decode("subject")) }
    }

    /// Which role or membership a row of `found f` is, as `chancery actor show` lists them: an
    /// actor's history holds several, and a change of one's period alone would not say which.
    private static let subject = """
        CASE f.table_name
            -- (An actor merged into the one whose history this is: its rows are gone.)
            WHEN 'actor' THEN (SELECT m.merged_name || ', merged in since' FROM actor_merge m
                               WHERE m.merged_actor_id = (f.row_key ->> 'id')::bigint LIMIT 1)
            WHEN 'actor_alias' THEN (SELECT 'of ' || m.merged_name || ', merged in since' FROM actor_merge m
                                     WHERE m.merged_actor_id = (f.row_key ->> 'actor_id')::bigint LIMIT 1)
            WHEN 'role_held' THEN format('%s of %s [id %s]', coalesce(f.after, f.before) ->> 'title',
                                         (SELECT a.name FROM actor a WHERE a.id = (coalesce(f.after, f.before) ->> 'of_id')::bigint),
                                         f.row_key ->> 'id')
            WHEN 'membership' THEN format('%s in %s [id %s]',
                                          (SELECT a.name FROM actor a WHERE a.id = (coalesce(f.after, f.before) ->> 'member_id')::bigint),
                                          (SELECT a.name FROM actor a WHERE a.id = (coalesce(f.after, f.before) ->> 'organization_id')::bigint),
                                          f.row_key ->> 'id')
            -- (An answer's change lists only what changed: this says whose.)
            WHEN 'invitation_invitee' THEN CASE WHEN f.operation = 'UPDATE'
                THEN (SELECT a.name FROM actor a WHERE a.id = (f.row_key ->> 'invitee_id')::bigint) END
        END
        """

    /// `image` (a column of `found f`) with the names of the actors, and the references of the
    /// event and letter, its ids stand for (nil stays nil).
    private static func named(_ image: String) -> String {
        func actor(_ column: String) -> String {
            // (An actor merged into another is gone: its name is the merge's.)
            "coalesce((SELECT a.name FROM actor a WHERE a.id = (\(image) ->> '\(column)')::bigint), "
                + "(SELECT m.merged_name FROM actor_merge m WHERE m.merged_actor_id = (\(image) ->> '\(column)')::bigint LIMIT 1))"
        }
        return """
            (CASE WHEN \(image) IS NULL THEN NULL ELSE \(image) || jsonb_strip_nulls(jsonb_build_object(
                -- (An other name's actor is the actor whose history this is.)
                'participant', CASE WHEN f.table_name <> 'actor_alias' THEN \(actor("actor_id")) END, 'invitee', \(actor("invitee_id")), 'inviter', \(actor("inviter_id")),
                'host', \(actor("host_id")), 'represents', \(actor("represents_id")), 'inviter represents', \(actor("inviter_represents_id")),
                'holder', \(actor("holder_id")), 'of', \(actor("of_id")), 'member', \(actor("member_id")),
                'organization', \(actor("organization_id")),
                -- (A participant's event is the event whose history this is.)
                'event', CASE WHEN f.table_name <> 'event_participant' THEN (SELECT e.ref FROM event e WHERE e.id = (\(image) ->> 'event_id')::bigint) END,
                'letter', (SELECT l.ref FROM letter l WHERE l.id = (\(image) ->> 'letter_id')::bigint),
                'response letter', (SELECT l.ref FROM letter l WHERE l.id = (\(image) ->> 'response_letter_id')::bigint)))
            END)::text
            """
    }
}
