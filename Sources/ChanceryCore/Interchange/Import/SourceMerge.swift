import LibPQClient
import ChanceryInterchange

/// Records the sources an import names (once each: by URL, else by title) and cites them for
/// the letters, events and invitations that were written.
struct SourceMerge {
    let connection: PostgresConnection

    /// The editions the letters come from, by what the letters say of them (kind, title, URL):
    /// letters are matched by edition and key, so new editions are written before the letters are
    /// read, when it is not yet known which letters will be rejected. Returns the ids written,
    /// which ``writeSources(completing:)`` completes or ``settle(editions:)`` removes.
    func writeEditions() async throws -> [Int64] {
        try await collect(editionsOnly: true)
        return try await insertNew()
    }

    /// One source per URL (or title, without one) named by the records written, once every
    /// rejection is known, so that a rejected record gives a source none of its values. A new
    /// one's fields are taken from every record naming it (the founding example names its article
    /// first in an event without the excerpt, and only the letter after it carries the excerpt);
    /// so are those of the editions `editions` (this import's ``writeEditions()``). A recorded
    /// source does not change (the letters showing it keep their ETags); a record whose value
    /// differs from the one kept, or gives one the recorded source lacks, gets a warning rather
    /// than being dropped without a word. Returns the ids written.
    func writeSources(completing editions: [Int64]) async throws -> [Int64] {
        try await collect(editionsOnly: false)
        try await connection.execute(
            """
            INSERT INTO stg_warning (rec, message)
            SELECT DISTINCT n.rec,
                   'source "' || left(m.title, 80) || '": its ' || f.field || ' "' || f.given_shown || '" '
                   || CASE WHEN f.kept IS NULL THEN 'is not recorded: the recorded source has none, and citing it does not change it'
                           ELSE 'differs from the ' || CASE WHEN f.stored THEN 'recorded' ELSE 'first' END || ' one, "' || f.kept_shown
                                || '", which is kept: a source has one ' || f.field END
                   || '; cite the other under a title or URL of its own to keep both'
            FROM stg_source_named n
            JOIN stg_source_merged m USING (identity, by_title)
            -- A recorded source's values are kept as they are, none included; a new one's (and an
            -- edition's this import wrote) are the first given.
            LEFT JOIN source s ON s.id = m.source_id AND s.id <> ALL(\(editions)::int8[])
            CROSS JOIN LATERAL (VALUES
                ('publisher', n.publisher, CASE WHEN s.id IS NULL THEN m.publisher ELSE s.publisher END, s.id IS NOT NULL),
                ('date of publication', n.published_edtf, CASE WHEN s.id IS NULL THEN m.published_edtf ELSE s.published_edtf END, s.id IS NOT NULL),
                ('excerpt', n.excerpt, CASE WHEN s.id IS NULL THEN m.excerpt ELSE s.excerpt END, s.id IS NOT NULL),
                ('date retrieved', n.retrieved_on::text, (CASE WHEN s.id IS NULL THEN m.retrieved_on ELSE s.retrieved_on END)::text, s.id IS NOT NULL)
            ) AS v(field, given, kept, stored)
            -- Long excerpts are shown by their first 60 characters.
            CROSS JOIN LATERAL (SELECT v.field, v.given, v.kept, v.stored,
                                       left(v.given, 60) || CASE WHEN length(v.given) > 60 THEN '…' ELSE '' END AS given_shown,
                                       left(v.kept, 60) || CASE WHEN length(v.kept) > 60 THEN '…' ELSE '' END AS kept_shown) AS f
            WHERE f.given IS NOT NULL AND f.given IS DISTINCT FROM f.kept
            """)
        try await connection.execute(
            """
            UPDATE source s
            SET kind = m.kind, publisher = m.publisher, published_edtf = m.published_edtf, published_earliest = m.published_earliest,
                published_latest = m.published_latest, published_precision = m.published_precision, excerpt = m.excerpt,
                retrieved_on = coalesce(m.retrieved_on, s.retrieved_on)
            FROM stg_source_merged m
            WHERE s.id = m.source_id AND s.id = ANY(\(editions)::int8[])
              AND (s.kind, s.publisher, s.published_edtf, s.excerpt, s.retrieved_on)
                  IS DISTINCT FROM (m.kind, m.publisher, m.published_edtf, m.excerpt, coalesce(m.retrieved_on, s.retrieved_on))
            """)
        return try await insertNew()
    }

    /// The sources named, one row per identity, with the first value given of each field, and
    /// the recorded source when there is one. `editionsOnly`: the editions letters name.
    private func collect(editionsOnly: Bool) async throws {
        try await connection.execute("DROP TABLE IF EXISTS stg_source_named, stg_source_merged")
        try await connection.execute(
            """
            CREATE TEMP TABLE stg_source_named ON COMMIT DROP AS
            -- ord: file order, and a record's own mentions in a fixed order, so "first" is one row.
            SELECT n.*, coalesce(n.url, n.title) AS identity, n.url IS NULL AS by_title,
                   row_number() OVER (ORDER BY n.rec, n.branch, n.position) AS ord
            FROM (SELECT rec, 0 AS branch, 0::bigint AS position, kind, title, url, publisher, published_edtf, published_earliest,
                         published_latest, published_precision, excerpt, retrieved_on FROM stg_source WHERE NOT \(editionsOnly)
                  UNION ALL
                  SELECT rec, 1, row_number() OVER (PARTITION BY rec), kind, title, url, publisher, published_edtf, published_earliest,
                         published_latest, published_precision, excerpt, retrieved_on FROM stg_citation WHERE NOT \(editionsOnly)
                  UNION ALL
                  SELECT rec, 2, 0, provenance_kind, provenance_title, provenance_url, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                  FROM stg_letter WHERE external_key IS NOT NULL) n
            WHERE n.rec NOT IN (SELECT rec FROM stg_reject)
            """)
        if !editionsOnly {
            // A record that keeps the register's version (changed since its own export, another
            // register's copy, or a deleted letter) names nothing new: a source only it names was
            // removed since.
            try await connection.execute(
                """
                DELETE FROM stg_source_named WHERE rec IN (SELECT rec FROM stg_newer WHERE kept) OR rec IN (SELECT rec FROM stg_kept_copy)
                    OR rec IN (SELECT rec FROM stg_letter_id WHERE outcome IN ('newer', 'deleted'))
                """)
        }
        try await connection.execute(
            """
            CREATE TEMP TABLE stg_source_merged ON COMMIT DROP AS
            SELECT identity, by_title, min(rec) AS rec, NULL::bigint AS source_id,
                   (array_agg(kind ORDER BY ord))[1] AS kind,
                   (array_agg(title ORDER BY ord))[1] AS title,
                   (array_agg(url ORDER BY ord))[1] AS url,
                   (array_agg(publisher ORDER BY ord) FILTER (WHERE publisher IS NOT NULL))[1] AS publisher,
                   (array_agg(published_edtf ORDER BY ord) FILTER (WHERE published_edtf IS NOT NULL))[1] AS published_edtf,
                   (array_agg(published_earliest ORDER BY ord) FILTER (WHERE published_edtf IS NOT NULL))[1] AS published_earliest,
                   (array_agg(published_latest ORDER BY ord) FILTER (WHERE published_edtf IS NOT NULL))[1] AS published_latest,
                   (array_agg(published_precision ORDER BY ord) FILTER (WHERE published_edtf IS NOT NULL))[1] AS published_precision,
                   (array_agg(excerpt ORDER BY ord) FILTER (WHERE excerpt IS NOT NULL))[1] AS excerpt,
                   (array_agg(retrieved_on ORDER BY ord) FILTER (WHERE retrieved_on IS NOT NULL))[1] AS retrieved_on
            FROM stg_source_named
            GROUP BY identity, by_title
            """)
        try await connection.execute(
            """
            UPDATE stg_source_merged m SET source_id = s.id
            FROM source s
            WHERE (NOT m.by_title AND s.url = m.url) OR (m.by_title AND s.url IS NULL AND s.title = m.title)
            """)
        // A source of this register's own export that the register retitled (or gave another
        // URL) since is the source its history says had that title or URL then (one only), as
        // it is now: a new one would be the same source twice.
        try await connection.executeScript(
            """
            CREATE TEMP TABLE stg_source_since ON COMMIT DROP AS
            SELECT m.identity, m.by_title, min((h.row_key ->> 'id')::bigint) AS source_id
            FROM stg_source_merged m JOIN stg_record r ON r.rec = m.rec JOIN stg_file f ON f.file_no = r.file_no
            JOIN history h ON h.table_name = 'source' AND h.operation = 'UPDATE' AND h.changed_at >= f.exported_at
            WHERE m.source_id IS NULL AND f.own_export AND f.exported_at IS NOT NULL
              AND ((NOT m.by_title AND h.before ->> 'url' = m.url)
                   OR (m.by_title AND h.before ->> 'url' IS NULL AND h.before ->> 'title' = m.title))
              AND EXISTS (SELECT FROM source s WHERE s.id = (h.row_key ->> 'id')::bigint)
            GROUP BY m.identity, m.by_title HAVING count(DISTINCT h.row_key ->> 'id') = 1;
            UPDATE stg_source_merged m SET source_id = x.source_id FROM stg_source_since x
             WHERE x.identity = m.identity AND x.by_title = m.by_title;
            INSERT INTO stg_warning (rec, message)
            SELECT m.rec, format('source "%s" of this register''s own export is "%s"%s, retitled or given another URL in the register '
                                 || 'after the export: taken for it, as it is now',
                                 CASE WHEN length(m.title) > 80 THEN rtrim(left(m.title, 80)) || '…' ELSE m.title END,
                                 CASE WHEN length(s.title) > 80 THEN rtrim(left(s.title, 80)) || '…' ELSE s.title END,
                                 coalesce(' (' || s.url || ')', ''))
            FROM stg_source_since x JOIN stg_source_merged m USING (identity, by_title) JOIN source s ON s.id = x.source_id;
            DROP TABLE stg_source_since;
            """)
    }

    /// Writes the sources collected that are not recorded yet; their ids.
    private func insertNew() async throws -> [Int64] {
        try await connection.query(
            """
            WITH written AS (
                INSERT INTO source (kind, title, url, publisher, published_edtf, published_earliest, published_latest,
                                    published_precision, excerpt, retrieved_on)
                SELECT kind, title, url, publisher, published_edtf, published_earliest, published_latest, published_precision, excerpt,
                       retrieved_on
                FROM stg_source_merged
                WHERE source_id IS NULL
                ORDER BY rec
                RETURNING id, url, title)
            UPDATE stg_source_merged m SET source_id = w.id FROM written w
            WHERE m.source_id IS NULL AND ((NOT m.by_title AND w.url = m.url) OR (m.by_title AND w.url IS NULL AND w.title = m.title))
            RETURNING w.id
            """).rows.map { try $0.decode("id", as: Int64.self) }
    }

    /// Removes the editions ``writeEditions()`` wrote that no record written names (all their
    /// letters rejected under `--skip-invalid`), and counts the sources of the records written:
    /// those this import wrote as new, the others (recorded before) as unchanged.
    func settle(editions: [Int64], sources: [Int64]) async throws -> ImportCounts {
        let row = try await connection.query(
            """
            WITH unused AS (
                DELETE FROM source s WHERE s.id = ANY(\(editions)::int8[])
                  AND NOT EXISTS (SELECT 1 FROM stg_source_merged m WHERE m.source_id = s.id)
                RETURNING 1)
            SELECT cardinality(\(editions)::int8[]) - (SELECT count(*) FROM unused) + cardinality(\(sources)::int8[]) AS new,
                   (SELECT count(*) FROM stg_source_merged) AS total
            """).rows[0]
        return try ImportCounts(insertedOf: row)
    }

    /// Citations for the records written; one per source and record.
    func writeCitations() async throws {
        try await connection.execute(
            """
            INSERT INTO citation (source_id, letter_id, invitation_id, event_id, quote)
            SELECT DISTINCT ON (src.id, l.letter_id, i.invitation_id, e.event_id)
                   src.id, l.letter_id, i.invitation_id, e.event_id, c.quote
            FROM stg_citation c
            JOIN stg_source_merged m ON m.identity = coalesce(c.url, c.title) AND m.by_title = (c.url IS NULL)
            JOIN source src ON src.id = m.source_id
            LEFT JOIN stg_letter_id l ON l.rec = c.rec
            LEFT JOIN stg_invitation i ON i.rec = c.rec AND i.invitation_id IS NOT NULL
            LEFT JOIN stg_event_outcome eo ON eo.rec = c.rec
            LEFT JOIN LATERAL (SELECT eo.event_id) e ON true
            WHERE c.rec NOT IN (SELECT rec FROM stg_reject) AND c.rec NOT IN (SELECT rec FROM stg_newer WHERE kept)
              AND c.rec NOT IN (SELECT rec FROM stg_kept_copy)
              -- A letter or event the register changed since its export was made keeps its version;
              -- a deleted letter stays as it is.
              AND (l.outcome IS NULL OR l.outcome NOT IN ('newer', 'deleted')) AND eo.outcome IS DISTINCT FROM 'newer'
              AND num_nonnulls(l.letter_id, i.invitation_id, e.event_id) = 1
            ORDER BY src.id, l.letter_id, i.invitation_id, e.event_id, c.rec
            ON CONFLICT ON CONSTRAINT citation_unique DO NOTHING
            """)
    }
}
