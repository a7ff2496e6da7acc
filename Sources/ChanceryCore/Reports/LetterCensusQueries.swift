import LibPQClient
import ChanceryModel

/// The letter counts of `chancery stats` over the whole register, read from the counts the
/// listing triggers keep (`census_by_*` in schema.sql) rather than from every letter. A key may
/// hold several rows while writers are open, so every count is a sum over its key's rows.
/// Each answer equals `LetterStatisticsQueries`' with no window (`CensusExactnessTests`).
struct LetterCensusQueries: LetterCounting {
    let connection: PostgresConnection

    func total() async throws -> Int { try await Self.total.run(on: connection) }
    func byCountry() async throws -> [CountryLetterCount] { try await Self.byCountry.run(on: connection) }
    func byYear() async throws -> [YearLetterCount] { try await Self.byYear.run(on: connection) }
    func byKind() async throws -> [KindLetterCount] { try await Self.byKind.run(on: connection) }

    func topPairs(countries: Bool, limit: Int) async throws -> [CorrespondentPair] {
        try await Self.topPairs(countries: countries, limit: limit).run(on: connection)
    }

    static var total: CensusStatement<Int> {
        CensusStatement("SELECT coalesce(sum(letters), 0) AS n FROM census_by_year_kind") { try $0.rows[0].decode("n") }
    }

    /// State by state (a few hundred), not party by party (every actor with a letter).
    static var byCountry: CensusStatement<[CountryLetterCount]> {
        CensusStatement(
            """
            SELECT a.iso_code AS code, c.name, t.sent, t.received, t.conveyed, t.total
            FROM actor a
            JOIN country c ON c.code = a.iso_code
            CROSS JOIN LATERAL (
                SELECT sum(sent) AS sent, sum(received) AS received, sum(conveyed) AS conveyed, sum(letters) AS total
                FROM census_by_party p WHERE p.party_id = a.id) AS t
            WHERE a.kind = 'state' AND t.total > 0
            ORDER BY t.total DESC, code
            """
        ) { result in
            try result.rows.map { row in
                CountryLetterCount(code: try row.decode("code"), name: try row.decode("name"), sent: try row.decode("sent"),
                                   received: try row.decode("received"), conveyed: try row.decode("conveyed"), total: try row.decode("total"))
            }
        }
    }

    static var byYear: CensusStatement<[YearLetterCount]> {
        CensusStatement(
            """
            SELECT year, sum(letters) AS letters FROM census_by_year_kind
            GROUP BY year HAVING sum(letters) > 0 ORDER BY year NULLS LAST
            """
        ) { result in
            try result.rows.map { row in YearLetterCount(year: try row.decode("year"), letters: try row.decode("letters")) }
        }
    }

    static var byKind: CensusStatement<[KindLetterCount]> {
        CensusStatement(
            """
            SELECT kind::text AS kind, sum(letters) AS letters FROM census_by_year_kind
            GROUP BY kind HAVING sum(letters) > 0 ORDER BY letters DESC, kind::text
            """
        ) { result in
            try result.rows.map { row in
                KindLetterCount(kind: LetterKind(rawValue: try row.decode("kind")) ?? .other, letters: try row.decode("letters"))
            }
        }
    }

    /// Senders → recipients (copies left out), by actor or by country, most letters first.
    static func topPairs(countries: Bool, limit: Int) -> CensusStatement<[CorrespondentPair]> {
        let busiest = BusiestPairsQuery(table: countries ? .countries : .actors, limit: limit)
        let query: PostgresQuery = countries
            ? busiest.chosen + "SELECT sender, recipient, letters FROM chosen ORDER BY letters DESC, sender, recipient LIMIT \(limit)"
            : busiest.chosen + """
                SELECT sa.name AS sender, ra.name AS recipient, t.letters
                FROM chosen t
                JOIN actor sa ON sa.id = t.sender
                JOIN actor ra ON ra.id = t.recipient
                ORDER BY t.letters DESC, sender, recipient LIMIT \(limit)
                """
        return CensusStatement(query) { result in
            try result.rows.map { row in
                CorrespondentPair(from: try row.decode("sender"), to: try row.decode("recipient"), letters: try row.decode("letters"))
            }
        }
    }

    /// The network's edges over the whole register: letters per sender and addressee.
    func networkEdges(level: NetworkLevel, includeCC: Bool) async throws -> [NetworkEdge] {
        guard level == .actor else { return try await countryEdges(includeCC: includeCC) }
        // Fixed fragments chosen by the flag; no input reaches the SQL text.
        let weight: PostgresQuery = includeCC ? "sum(letters)" : "sum(addressed)"
        let query: PostgresQuery = "SELECT 'actor-' || sender_id AS source, 'actor-' || recipient_id AS target, \(weight) AS weight\n"
            + "FROM census_by_actor_pair GROUP BY sender_id, recipient_id HAVING \(weight) > 0 ORDER BY 1, 2"
        return try await connection.query(query).rows.map { row in
            NetworkEdge(source: try row.decode("source"), target: try row.decode("target"), weight: try row.decode("weight"))
        }
    }

    /// The pairs of states, read in the order of their key's index and summed here: a key's rows
    /// (one, unless a writer left it partial) are adjacent. Summing and sorting 37,000 keys in
    /// the statement took 45 ms at a million letters, reading them in order 10 ms. The edges are
    /// in the byte order of their codes, which a kept network's updates keep: the index's order
    /// is that of the database's collation, the same for capital letters in most, but not in
    /// all (Czech sorts CH after H), and those are sorted here.
    private func countryEdges(includeCC: Bool) async throws -> [NetworkEdge] {
        let rows = try await connection.query(
            """
            SELECT sender_code::text AS source, recipient_code::text AS target, addressed, letters
            FROM census_by_country_pair ORDER BY sender_code, recipient_code
            """).rows
        return NetworkEdge.inByteOrder(try Self.summedPairs(rows, includeCC: includeCC).filter { $0.weight > 0 })
    }

    /// `edges`, a network of states read in `snapshot`, with the pairs whose rows were written
    /// by a transaction that snapshot does not see counted again (`changed`, in key order, with
    /// the pairs now at nought). A pair that lost all of its rows is not among them: the fold
    /// that removes it notes a change the update does not follow (schema.sql).
    func countryEdges(_ edges: [NetworkEdge], updatedSince snapshot: String,
                      includeCC: Bool) async throws -> (edges: [NetworkEdge], changed: [NetworkEdge], removedAny: Bool) {
        let rows = try await connection.query(
            """
            SELECT p.sender_code::text AS source, p.recipient_code::text AS target, p.addressed, p.letters
            FROM census_by_country_pair p
            WHERE (p.sender_code, p.recipient_code) IN (
                SELECT c.sender_code, c.recipient_code FROM census_by_country_pair c
                WHERE c.written_by >= pg_snapshot_xmin(\(snapshot)::pg_snapshot)::text::bigint
                  AND NOT pg_visible_in_snapshot(c.written_by::text::xid8, \(snapshot)::pg_snapshot))
            ORDER BY p.sender_code, p.recipient_code
            """).rows
        let changed = NetworkEdge.inByteOrder(try Self.summedPairs(rows, includeCC: includeCC))
        let merged = NetworkEdge.merging(edges, with: changed)
        return (merged.edges, changed, merged.removedAny)
    }

    /// Pairs of states summed from their rows, read in key order: a key's rows (one, unless a
    /// writer left it partial) are adjacent. Weights may be nought.
    private static func summedPairs(_ rows: [PostgresRow], includeCC: Bool) throws -> [NetworkEdge] {
        var edges: [NetworkEdge] = []
        edges.reserveCapacity(rows.count)
        // By position: 37,000 rows, four columns each.
        let weightColumn = includeCC ? 3 : 2
        for row in rows {
            let source: String = try row.decode(column: 0), target: String = try row.decode(column: 1)
            let weight: Int = try row.decode(column: weightColumn)
            if let last = edges.last, last.source == source, last.target == target {
                edges[edges.count - 1].weight += weight
            } else {
                edges.append(NetworkEdge(source: source, target: target, weight: weight))
            }
        }
        return edges
    }
}
