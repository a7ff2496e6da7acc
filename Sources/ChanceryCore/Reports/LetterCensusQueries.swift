import LibPQClient
import ChanceryModel

/// The letter counts of `chancery stats` over the whole register, read from the counts the
/// listing triggers keep (`census_by_*` in schema.sql) rather than from every letter. A key may
/// hold several rows while writers are open, so every count is a sum over its key's rows.
/// Each answer equals `LetterStatisticsQueries`' with no window (`CensusExactnessTests`).
struct LetterCensusQueries: LetterCounting {
    let connection: PostgresConnection

    func total() async throws -> Int {
        try await connection.query("SELECT coalesce(sum(letters), 0) AS n FROM census_by_year_kind").rows[0].decode("n")
    }

    func byCountry() async throws -> [CountryLetterCount] {
        let query: PostgresQuery = """
            SELECT a.iso_code AS code, c.name, t.sent, t.received, t.conveyed, t.total
            FROM (SELECT party_id, sum(sent) AS sent, sum(received) AS received, sum(conveyed) AS conveyed,
                         sum(letters) AS total
                  FROM census_by_party GROUP BY party_id) AS t
            JOIN actor a ON a.id = t.party_id AND a.kind = 'state'
            JOIN country c ON c.code = a.iso_code
            WHERE t.total > 0
            ORDER BY t.total DESC, code
            """
        return try await connection.query(query).rows.map { row in
            CountryLetterCount(code: try row.decode("code"), name: try row.decode("name"), sent: try row.decode("sent"),
                               received: try row.decode("received"), conveyed: try row.decode("conveyed"), total: try row.decode("total"))
        }
    }

    func byYear() async throws -> [YearLetterCount] {
        let query: PostgresQuery = """
            SELECT year, sum(letters) AS letters FROM census_by_year_kind
            GROUP BY year HAVING sum(letters) > 0 ORDER BY year NULLS LAST
            """
        return try await connection.query(query).rows.map { row in
            YearLetterCount(year: try row.decode("year"), letters: try row.decode("letters"))
        }
    }

    func byKind() async throws -> [KindLetterCount] {
        let query: PostgresQuery = """
            SELECT kind::text AS kind, sum(letters) AS letters FROM census_by_year_kind
            GROUP BY kind HAVING sum(letters) > 0 ORDER BY letters DESC, kind::text
            """
        return try await connection.query(query).rows.map { row in
            KindLetterCount(kind: LetterKind(rawValue: try row.decode("kind")) ?? .other, letters: try row.decode("letters"))
        }
    }

    /// Senders → recipients (copies left out), by actor or by country, most letters first.
    func topPairs(countries: Bool, limit: Int) async throws -> [CorrespondentPair] {
        let query: PostgresQuery = countries
            ? """
              SELECT sender_code AS sender, recipient_code AS recipient, sum(addressed) AS letters
              FROM census_by_country_pair GROUP BY sender_code, recipient_code HAVING sum(addressed) > 0
              ORDER BY letters DESC, sender, recipient LIMIT \(limit)
              """
            // Keys with one row are read off the index on `addressed`, down to the `limit`-th
            // count (ties on it included, for the order by name); partial keys are summed.
            : """
              WITH partial_key AS (
                  SELECT DISTINCT sender_id, recipient_id FROM census_by_actor_pair WHERE partial),
              partial_sum AS (
                  SELECT sender_id, recipient_id, sum(addressed)::integer AS letters FROM census_by_actor_pair
                  WHERE (sender_id, recipient_id) IN (SELECT sender_id, recipient_id FROM partial_key)
                  GROUP BY sender_id, recipient_id),
              settled AS NOT MATERIALIZED (
                  SELECT c.sender_id, c.recipient_id, c.addressed AS letters FROM census_by_actor_pair c
                  WHERE NOT c.partial AND c.addressed > 0
                    AND NOT EXISTS (SELECT FROM partial_key p WHERE p.sender_id = c.sender_id AND p.recipient_id = c.recipient_id)),
              cut AS (
                  SELECT letters FROM (
                      SELECT letters FROM (
                          SELECT c.sender_id, c.recipient_id, c.addressed AS letters FROM census_by_actor_pair c
                          WHERE NOT c.partial AND c.addressed > 0
                          ORDER BY c.addressed DESC LIMIT \(limit) + (SELECT count(*) FROM partial_key)) AS busiest
                      WHERE NOT EXISTS (SELECT FROM partial_key p
                                        WHERE p.sender_id = busiest.sender_id AND p.recipient_id = busiest.recipient_id)
                      UNION ALL
                      SELECT letters FROM partial_sum WHERE letters > 0) AS x
                  ORDER BY letters DESC OFFSET \(limit - 1) LIMIT 1),
              chosen AS (
                  SELECT * FROM settled WHERE letters >= coalesce((SELECT letters FROM cut), 1)
                  UNION ALL
                  SELECT * FROM partial_sum WHERE letters >= coalesce((SELECT letters FROM cut), 1))
              SELECT sa.name AS sender, ra.name AS recipient, t.letters
              FROM chosen t
              JOIN actor sa ON sa.id = t.sender_id
              JOIN actor ra ON ra.id = t.recipient_id
              ORDER BY t.letters DESC, sender, recipient LIMIT \(limit)
              """
        return try await connection.query(query).rows.map { row in
            CorrespondentPair(from: try row.decode("sender"), to: try row.decode("recipient"), letters: try row.decode("letters"))
        }
    }

    /// The network's edges over the whole register: letters per sender and addressee.
    func networkEdges(level: NetworkLevel, includeCC: Bool) async throws -> [NetworkEdge] {
        // Fixed fragments chosen by the level and the flag; no input reaches the SQL text.
        let weight: PostgresQuery = includeCC ? "sum(letters)" : "sum(addressed)"
        let query: PostgresQuery = level == .actor
            ? "SELECT 'actor-' || sender_id AS source, 'actor-' || recipient_id AS target, \(weight) AS weight\n"
                + "FROM census_by_actor_pair GROUP BY sender_id, recipient_id HAVING \(weight) > 0 ORDER BY 1, 2"
            // ISO codes are two capital letters: byte order is the collation's order, and faster.
            : "SELECT sender_code::text AS source, recipient_code::text AS target, \(weight) AS weight\n"
                + "FROM census_by_country_pair GROUP BY sender_code, recipient_code HAVING \(weight) > 0\n"
                + "ORDER BY sender_code COLLATE \"C\", recipient_code COLLATE \"C\""
        return try await connection.query(query).rows.map { row in
            NetworkEdge(source: try row.decode("source"), target: try row.decode("target"), weight: try row.decode("weight"))
        }
    }
}
