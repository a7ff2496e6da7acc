import LibPQClient
import ChanceryModel

/// Reads the history of one letter: its own row and the rows that belong to it.
struct LetterHistoryReader {
    let connection: PostgresConnection

    /// Every recorded change, oldest first. Three index-served parts: the letter's row through
    /// `history_row` (table, key), its participants, links (those it holds) and events through
    /// `history_letter` (the key's letter_id), and its citations, whose key is their own id,
    /// through `history_citation_letter` (the letter_id in their images), removed ones too.
    ///
    /// Corrections of the sources it cites, made after it cited them, are a fourth part: they
    /// move the letter's revision (what it shows of them changed) and are said here. Updates of
    /// the letter row that changed only its bookkeeping columns are left out: they are the
    /// revision bumps recorded with a participant, link or source change, which has its own entry.
    func entries(of letterID: Int64) async throws -> [HistoryEntry] {
        let rows = try await connection.query(
            """
            WITH found AS (
                SELECT h.* FROM history h
                WHERE h.table_name = 'letter' AND h.row_key = jsonb_build_object('id', \(letterID)::bigint)
                UNION ALL
                SELECT h.* FROM history h
                WHERE h.row_key ? 'letter_id' AND (h.row_key ->> 'letter_id')::bigint = \(letterID)::bigint
                UNION ALL
                SELECT h.* FROM history h
                WHERE h.table_name = 'citation' AND (coalesce(h.after, h.before) ->> 'letter_id')::bigint = \(letterID)::bigint
                UNION ALL
                SELECT h.* FROM citation c
                JOIN history cited ON cited.table_name = 'citation' AND cited.row_key = jsonb_build_object('id', c.id)
                                  AND cited.operation = 'INSERT'
                JOIN history h ON h.table_name = 'source' AND h.row_key = jsonb_build_object('id', c.source_id)
                              AND h.operation = 'UPDATE' AND h.id > cited.id
                WHERE c.letter_id = \(letterID)::bigint
            )
            SELECT id, to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, changed_by,
                   table_name, operation,
                   (CASE WHEN f.table_name = 'letter_participant' AND f.before IS NOT NULL
                         THEN f.before || jsonb_build_object('actor', \(Self.actorName("f.before ->> 'actor_id'")),
                                                           'represents', \(Self.actorName("f.before ->> 'represents_id'")))
                         WHEN f.table_name = 'letter_link' AND f.before IS NOT NULL
                         THEN f.before || jsonb_build_object('target', (SELECT t.ref FROM letter t WHERE t.id = (f.before ->> 'target_id')::bigint))
                         WHEN f.table_name = 'letter_event' AND f.before IS NOT NULL
                         THEN f.before || jsonb_build_object('event', (SELECT e.ref || ' — ' || e.name FROM event e
                                                                         WHERE e.id = (f.before ->> 'event_id')::bigint))
                         ELSE f.before END)::text AS before,
                   (CASE WHEN f.table_name = 'letter_participant' AND f.after IS NOT NULL
                         THEN f.after || jsonb_build_object('actor', \(Self.actorName("f.after ->> 'actor_id'")),
                                                          'represents', \(Self.actorName("f.after ->> 'represents_id'")))
                         WHEN f.table_name = 'letter_link' AND f.after IS NOT NULL
                         THEN f.after || jsonb_build_object('target', (SELECT t.ref FROM letter t WHERE t.id = (f.after ->> 'target_id')::bigint))
                         WHEN f.table_name = 'letter_event' AND f.after IS NOT NULL
                         THEN f.after || jsonb_build_object('event', (SELECT e.ref || ' — ' || e.name FROM event e
                                                                         WHERE e.id = (f.after ->> 'event_id')::bigint))
                         ELSE f.after END)::text AS after,
                   -- A changed participant's entry lists only what changed; this says whose.
                   CASE WHEN f.table_name = 'letter_participant' AND f.operation = 'UPDATE'
                        THEN \(Self.actorName("f.after ->> 'actor_id'")) || ', ' || replace(f.after ->> 'role', '_', ' ') END AS subject
            FROM found f
            ORDER BY changed_at, id
            """).rows
        return try rows.compactMap { try HistoryEntry(historyRow: $0, subject: try $0.decode("subject")) }
    }

    /// The name of the actor whose id `idText` (fixed SQL text of this file, naming `found f`'s
    /// columns) holds: its name
    /// now, or, for an actor merged into another or deleted, the name its history last recorded.
    /// A participant's row holds only ids, which would leave a merge's entry saying nothing.
    private static func actorName(_ idText: String) -> PostgresQuery {
        """
        coalesce((SELECT a.name FROM actor a WHERE a.id = (\(unescaped: idText))::bigint),
                 (SELECT d.before ->> 'name' FROM history d
                  WHERE d.table_name = 'actor' AND d.operation = 'DELETE'
                    AND d.row_key = jsonb_build_object('id', (\(unescaped: idText))::bigint)
                  ORDER BY d.id DESC LIMIT 1))
        """
    }
}
