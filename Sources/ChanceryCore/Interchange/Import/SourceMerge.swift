import LibPQClient
import ChanceryInterchange

/// Records the sources an import names (once each: by URL, else by title) and cites them for
/// the letters, events and invitations that were written.
struct SourceMerge {
    let connection: PostgresConnection

    func writeSources() async throws -> ImportCounts {
        let row = try await connection.query(
            """
            WITH named AS (
                SELECT rec, kind, title, url, publisher, published_edtf, published_earliest, published_latest,
                       published_precision, excerpt, retrieved_on FROM stg_source
                UNION ALL
                SELECT rec, kind, title, url, publisher, published_edtf, published_earliest, published_latest,
                       published_precision, excerpt, retrieved_on FROM stg_citation
                UNION ALL
                SELECT rec, provenance_kind, provenance_title, provenance_url, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                FROM stg_letter WHERE external_key IS NOT NULL),
            distinct_named AS (
                SELECT DISTINCT ON (coalesce(url, title), url IS NULL) * FROM named
                WHERE rec NOT IN (SELECT rec FROM stg_reject)
                ORDER BY coalesce(url, title), url IS NULL, rec),
            written AS (
                INSERT INTO source (kind, title, url, publisher, published_edtf, published_earliest, published_latest,
                                    published_precision, excerpt, retrieved_on)
                SELECT kind, title, url, publisher, published_edtf, published_earliest, published_latest, published_precision, excerpt,
                       retrieved_on
                FROM distinct_named d
                WHERE NOT EXISTS (SELECT 1 FROM source s WHERE (d.url IS NOT NULL AND s.url = d.url)
                                                          OR (d.url IS NULL AND s.url IS NULL AND s.title = d.title))
                ORDER BY rec
                RETURNING 1)
            SELECT (SELECT count(*) FROM written) AS new, (SELECT count(*) FROM distinct_named) AS total
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
            JOIN source src ON (c.url IS NOT NULL AND src.url = c.url) OR (c.url IS NULL AND src.url IS NULL AND src.title = c.title)
            LEFT JOIN stg_letter_id l ON l.rec = c.rec
            LEFT JOIN stg_invitation i ON i.rec = c.rec AND i.invitation_id IS NOT NULL
            LEFT JOIN stg_event_outcome eo ON eo.rec = c.rec
            LEFT JOIN LATERAL (SELECT eo.event_id) e ON true
            WHERE c.rec NOT IN (SELECT rec FROM stg_reject)
              AND num_nonnulls(l.letter_id, i.invitation_id, e.event_id) = 1
            ORDER BY src.id, l.letter_id, i.invitation_id, e.event_id, c.rec
            ON CONFLICT ON CONSTRAINT citation_unique DO NOTHING
            """)
    }
}
