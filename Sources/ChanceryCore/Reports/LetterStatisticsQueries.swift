import LibPQClient
import ChanceryModel

/// The letter counts of `chancery stats`.
protocol LetterCounting {
    func total() async throws -> Int
    func byCountry() async throws -> [CountryLetterCount]
    func byYear() async throws -> [YearLetterCount]
    func byKind() async throws -> [KindLetterCount]
    func topPairs(countries: Bool, limit: Int) async throws -> [CorrespondentPair]
}

/// The letter counts of `chancery stats`, each one aggregate query over the letters in the window.
struct LetterStatisticsQueries: LetterCounting {
    let connection: PostgresConnection
    let window: DateWindow

    /// The window's conditions over `letter l`, plus `extra` conditions; deleted letters are
    /// never counted.
    private func filter(_ extra: PostgresQuery...) -> SQLFilter {
        var filter = SQLFilter()
        filter.add("l.deleted_at IS NULL")
        window.restrict(&filter, earliest: "l.sent_earliest", latest: "l.sent_latest")
        for condition in extra { filter.add(condition) }
        return filter
    }

    func total() async throws -> Int {
        let filter = filter()
        return try await connection.query("SELECT count(*) AS n FROM letter l \(filter.whereClause)")
            .rows[0].decode("n")
    }

    /// Through the listing table `letter_by_party`, whose rows hold each state a letter involves
    /// (a participant that is the state, or acts for it) with the sides it is on: one row per
    /// letter and state, so plain counts are per letter.
    func byCountry() async throws -> [CountryLetterCount] {
        var filter = SQLFilter()
        window.restrict(&filter, earliest: "b.sent_earliest", latest: "b.sent_latest")
        let query: PostgresQuery = """
            SELECT a.iso_code AS code, c.name,
                   count(*) FILTER (WHERE b.sides & 1 <> 0) AS sent,
                   count(*) FILTER (WHERE b.sides & 2 <> 0) AS received,
                   count(*) FILTER (WHERE b.sides & 4 <> 0) AS conveyed,
                   count(*) AS total
            FROM letter_by_party b
            JOIN actor a ON a.id = b.party_id AND a.kind = 'state'
            JOIN country c ON c.code = a.iso_code
            """ + "\n\(filter.whereClause)\nGROUP BY a.iso_code, c.name\nORDER BY total DESC, code"
        return try await connection.query(query).rows.map { row in
            CountryLetterCount(code: try row.decode("code"), name: try row.decode("name"), sent: try row.decode("sent"),
                               received: try row.decode("received"), conveyed: try row.decode("conveyed"), total: try row.decode("total"))
        }
    }

    /// By the year of the earliest bound (as EDTF numbers years: 45 BC is -44); an open start (stored as -infinity) falls back to the
    /// latest bound's year, and a letter open at both ends is undated.
    func byYear() async throws -> [YearLetterCount] {
        let filter = filter()
        let query: PostgresQuery = """
            SELECT CASE WHEN isfinite(l.sent_earliest) THEN astronomical_year(l.sent_earliest)
                        WHEN isfinite(l.sent_latest) THEN astronomical_year(l.sent_latest) END AS year,
                   count(*) AS letters
            FROM letter l
            """ + "\n\(filter.whereClause)\nGROUP BY 1\nORDER BY 1 NULLS LAST"
        return try await connection.query(query).rows.map { row in
            YearLetterCount(year: try row.decode("year"), letters: try row.decode("letters"))
        }
    }

    func byKind() async throws -> [KindLetterCount] {
        let filter = filter()
        let query: PostgresQuery = "SELECT l.kind::text AS kind, count(*) AS letters FROM letter l\n\(filter.whereClause)"
            + "\nGROUP BY l.kind\nORDER BY letters DESC, kind"
        return try await connection.query(query).rows.map { row in
            KindLetterCount(kind: LetterKind(rawValue: try row.decode("kind")) ?? .other, letters: try row.decode("letters"))
        }
    }

    /// Senders (authors, signatories) → recipients, by actor or by country, counting each letter
    /// once per pair. Country pairs leave out participants with no country (an organization
    /// writing for itself).
    func topPairs(countries: Bool, limit: Int) async throws -> [CorrespondentPair] {
        var filter = filter("s.role IN (\(LetterSQL.senderRoles))")
        let from: PostgresQuery = countries ? "coalesce(sa.iso_code, sr.iso_code)" : "sa.name"
        let to: PostgresQuery = countries ? "coalesce(ra.iso_code, rr.iso_code)" : "ra.name"
        let grouping: PostgresQuery = countries ? "1, 2" : "s.actor_id, r.actor_id, sa.name, ra.name"
        if countries {
            filter.add("\(from) IS NOT NULL AND \(to) IS NOT NULL")
        } else {
            // An actor standing for someone unnamed ("einen Amtsbruder") is no correspondent to rank.
            filter.add("NOT sa.unidentified AND NOT ra.unidentified")
        }
        // `from`, `to` and the grouping are fixed fragments of this file; only the window and limit are bound.
        let query: PostgresQuery = "SELECT \(from) AS sender, \(to) AS recipient, count(DISTINCT l.id) AS letters\n"
            + """
            FROM letter l
            JOIN letter_participant s ON s.letter_id = l.id
            JOIN letter_participant r ON r.letter_id = l.id AND r.role = 'recipient'
            JOIN actor sa ON sa.id = s.actor_id
            JOIN actor ra ON ra.id = r.actor_id
            LEFT JOIN actor sr ON sr.id = s.represents_id
            LEFT JOIN actor rr ON rr.id = r.represents_id
            """ + "\n\(filter.whereClause)"
            + "\nGROUP BY \(grouping)"
            + "\nORDER BY letters DESC, sender, recipient\nLIMIT \(limit)"
        return try await connection.query(query).rows.map { row in
            CorrespondentPair(from: try row.decode("sender"), to: try row.decode("recipient"), letters: try row.decode("letters"))
        }
    }
}
