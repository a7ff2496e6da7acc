import LibPQClient
import ChanceryInterchange

/// Records the sources an import names (once each: by URL, else by title) and cites them for
/// the letters, events and invitations that were written.
struct SourceMerge {
    let connection: PostgresConnection

    /// One source per URL (or title, without one), its fields taken from every record naming
    /// it: the founding example names its article first in an event without the excerpt, and
    /// only the letter after it carries the excerpt. A stored source gains the fields it lacks;
    /// a record whose value differs from the one kept gets a warning rather than being dropped
    /// without a word.
    func writeSources() async throws -> ImportCounts {
        try await connection.execute(
            """
            CREATE TEMP TABLE stg_source_named ON COMMIT DROP AS
            SELECT n.*, coalesce(n.url, n.title) AS identity, n.url IS NULL AS by_title
            FROM (SELECT rec, kind, title, url, publisher, published_edtf, published_earliest, published_latest,
                         published_precision, excerpt, retrieved_on FROM stg_source
                  UNION ALL
                  SELECT rec, kind, title, url, publisher, published_edtf, published_earliest, published_latest,
                         published_precision, excerpt, retrieved_on FROM stg_citation
                  UNION ALL
                  SELECT rec, provenance_kind, provenance_title, provenance_url, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                  FROM stg_letter WHERE external_key IS NOT NULL) n
            WHERE n.rec NOT IN (SELECT rec FROM stg_reject)
            """)
        try await connection.execute(
            """
            CREATE TEMP TABLE stg_source_merged ON COMMIT DROP AS
            SELECT identity, by_title, min(rec) AS rec, NULL::bigint AS source_id,
                   (array_agg(kind ORDER BY rec))[1] AS kind,
                   (array_agg(title ORDER BY rec))[1] AS title,
                   (array_agg(url ORDER BY rec))[1] AS url,
                   (array_agg(publisher ORDER BY rec) FILTER (WHERE publisher IS NOT NULL))[1] AS publisher,
                   (array_agg(published_edtf ORDER BY rec) FILTER (WHERE published_edtf IS NOT NULL))[1] AS published_edtf,
                   (array_agg(published_earliest ORDER BY rec) FILTER (WHERE published_edtf IS NOT NULL))[1] AS published_earliest,
                   (array_agg(published_latest ORDER BY rec) FILTER (WHERE published_edtf IS NOT NULL))[1] AS published_latest,
                   (array_agg(published_precision ORDER BY rec) FILTER (WHERE published_edtf IS NOT NULL))[1] AS published_precision,
                   (array_agg(excerpt ORDER BY rec) FILTER (WHERE excerpt IS NOT NULL))[1] AS excerpt,
                   (array_agg(retrieved_on ORDER BY rec) FILTER (WHERE retrieved_on IS NOT NULL))[1] AS retrieved_on
            FROM stg_source_named
            GROUP BY identity, by_title
            """)
        try await connection.execute(
            """
            UPDATE stg_source_merged m SET source_id = s.id
            FROM source s
            WHERE (NOT m.by_title AND s.url = m.url) OR (m.by_title AND s.url IS NULL AND s.title = m.title)
            """)
        try await connection.execute(
            """
            INSERT INTO stg_warning (rec, message)
            SELECT n.rec, 'source "' || left(m.title, 80) || '": its ' || f.field || ' "' || f.given_shown
                          || '" differs from the ' || CASE WHEN f.stored THEN 'stored' ELSE 'first' END || ' one, "' || f.kept_shown
                          || '", which is kept: a source has one ' || f.field || '; cite the other under a title or URL of its own to keep both'
            FROM stg_source_named n
            JOIN stg_source_merged m USING (identity, by_title)
            LEFT JOIN source s ON s.id = m.source_id
            CROSS JOIN LATERAL (VALUES
                ('publisher', n.publisher, coalesce(s.publisher, m.publisher), s.publisher IS NOT NULL),
                ('date of publication', n.published_edtf, coalesce(s.published_edtf, m.published_edtf), s.published_edtf IS NOT NULL),
                ('excerpt', n.excerpt, coalesce(s.excerpt, m.excerpt), s.excerpt IS NOT NULL),
                ('date retrieved', n.retrieved_on::text, coalesce(s.retrieved_on, m.retrieved_on)::text, s.retrieved_on IS NOT NULL)
            ) AS v(field, given, kept, stored)
            -- Long excerpts are shown by their first 60 characters.
            CROSS JOIN LATERAL (SELECT v.field, v.given, v.kept, v.stored,
                                       left(v.given, 60) || CASE WHEN length(v.given) > 60 THEN '…' ELSE '' END AS given_shown,
                                       left(v.kept, 60) || CASE WHEN length(v.kept) > 60 THEN '…' ELSE '' END AS kept_shown) AS f
            WHERE f.given IS NOT NULL AND f.given IS DISTINCT FROM f.kept
            """)
        let row = try await connection.query(
            """
            WITH written AS (
                INSERT INTO source (kind, title, url, publisher, published_edtf, published_earliest, published_latest,
                                    published_precision, excerpt, retrieved_on)
                SELECT kind, title, url, publisher, published_edtf, published_earliest, published_latest, published_precision, excerpt,
                       retrieved_on
                FROM stg_source_merged
                WHERE source_id IS NULL
                ORDER BY rec
                RETURNING 1),
            filled AS (
                UPDATE source s
                SET publisher = coalesce(s.publisher, m.publisher),
                    published_edtf = CASE WHEN s.published_edtf IS NULL THEN m.published_edtf ELSE s.published_edtf END,
                    published_earliest = CASE WHEN s.published_edtf IS NULL THEN m.published_earliest ELSE s.published_earliest END,
                    published_latest = CASE WHEN s.published_edtf IS NULL THEN m.published_latest ELSE s.published_latest END,
                    published_precision = CASE WHEN s.published_edtf IS NULL THEN m.published_precision ELSE s.published_precision END,
                    excerpt = coalesce(s.excerpt, m.excerpt),
                    retrieved_on = coalesce(s.retrieved_on, m.retrieved_on)
                FROM stg_source_merged m
                WHERE s.id = m.source_id
                  AND ((s.publisher IS NULL AND m.publisher IS NOT NULL) OR (s.published_edtf IS NULL AND m.published_edtf IS NOT NULL)
                       OR (s.excerpt IS NULL AND m.excerpt IS NOT NULL) OR (s.retrieved_on IS NULL AND m.retrieved_on IS NOT NULL))
                RETURNING 1)
            SELECT (SELECT count(*) FROM written) AS new, (SELECT count(*) FROM filled) AS updated,
                   (SELECT count(*) FROM stg_source_merged) AS total
            """).rows[0]
        let new: Int = try row.decode("new"), updated: Int = try row.decode("updated"), total: Int = try row.decode("total")
        return ImportCounts(new: new, unchanged: total - new - updated, updated: updated)
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
