import LibPQClient

/// The letter counts of `chancery stats`, each one aggregate query over the letters in the window.
struct LetterStatisticsQueries {
    let connection: PostgresConnection
    let window: ReportWindow

    /// The window's conditions over `letter l`, plus `extra` fixed conditions.
    private func filter(_ extra: String...) -> SQLFilter {
        var filter = SQLFilter()
        window.restrict(&filter, earliest: "l.sent_earliest", latest: "l.sent_latest")
        for condition in extra { filter.add(condition) }
        return filter
    }

    func total() async throws -> Int {
        let filter = filter()
        return try await connection.query("SELECT count(*) AS n FROM letter l " + filter.whereClause, filter.parameters)
            .rows[0].decode("n")
    }

    /// Through the letter_party view: a participant's country is its own ISO code or that of the state it acts for.
    func byCountry() async throws -> [CountryLetterCount] {
        let filter = filter()
        let sql = """
            SELECT p.country_code AS code, c.name,
                   count(DISTINCT p.letter_id) FILTER (WHERE p.side = 'from') AS sent,
                   count(DISTINCT p.letter_id) FILTER (WHERE p.side = 'to') AS received,
                   count(DISTINCT p.letter_id) FILTER (WHERE p.side = 'via') AS conveyed,
                   count(DISTINCT p.letter_id) AS total
            FROM letter_party p
            JOIN letter l ON l.id = p.letter_id
            JOIN country c ON c.code = p.country_code
            """ + "\n" + filter.whereClause + "\nGROUP BY p.country_code, c.name\nORDER BY total DESC, code"
        return try await connection.query(sql, filter.parameters).rows.map { row in
            CountryLetterCount(code: try row.decode("code"), name: try row.decode("name"), sent: try row.decode("sent"),
                               received: try row.decode("received"), conveyed: try row.decode("conveyed"), total: try row.decode("total"))
        }
    }

    /// By the year of the earliest bound; an open start (stored as -infinity) falls back to the
    /// latest bound's year, and a letter open at both ends is undated.
    func byYear() async throws -> [YearLetterCount] {
        let filter = filter()
        let sql = """
            SELECT CASE WHEN isfinite(l.sent_earliest) THEN extract(year FROM l.sent_earliest)::int
                        WHEN isfinite(l.sent_latest) THEN extract(year FROM l.sent_latest)::int END AS year,
                   count(*) AS letters
            FROM letter l
            """ + "\n" + filter.whereClause + "\nGROUP BY 1\nORDER BY 1 NULLS LAST"
        return try await connection.query(sql, filter.parameters).rows.map { row in
            YearLetterCount(year: try row.decode("year"), letters: try row.decode("letters"))
        }
    }

    func byKind() async throws -> [KindLetterCount] {
        let filter = filter()
        let sql = "SELECT l.kind::text AS kind, count(*) AS letters FROM letter l\n" + filter.whereClause
            + "\nGROUP BY l.kind\nORDER BY letters DESC, kind"
        return try await connection.query(sql, filter.parameters).rows.map { row in
            KindLetterCount(kind: LetterKind(rawValue: try row.decode("kind")) ?? .other, letters: try row.decode("letters"))
        }
    }

    /// Senders (authors, signatories) → recipients, by actor or by country, counting each letter
    /// once per pair. Country pairs leave out participants with no country (an organization
    /// writing for itself).
    func topPairs(countries: Bool, limit: Int) async throws -> [CorrespondentPair] {
        var filter = filter("s.role IN (" + LetterSQL.senderRoles + ")")
        let limitPlaceholder = filter.bind(limit)
        let from = countries ? "coalesce(sa.iso_code, sr.iso_code)" : "sa.name"
        let to = countries ? "coalesce(ra.iso_code, rr.iso_code)" : "ra.name"
        if countries { filter.add(from + " IS NOT NULL AND " + to + " IS NOT NULL") }
        // `from` and `to` are fixed fragments of this file; only the window and limit are bound.
        let sql = "SELECT " + from + " AS sender, " + to + " AS recipient, count(DISTINCT l.id) AS letters\n"
            + """
            FROM letter l
            JOIN letter_participant s ON s.letter_id = l.id
            JOIN letter_participant r ON r.letter_id = l.id AND r.role = 'recipient'
            JOIN actor sa ON sa.id = s.actor_id
            JOIN actor ra ON ra.id = r.actor_id
            LEFT JOIN actor sr ON sr.id = s.represents_id
            LEFT JOIN actor rr ON rr.id = r.represents_id
            """ + "\n" + filter.whereClause
            + "\nGROUP BY " + (countries ? "1, 2" : "s.actor_id, r.actor_id, sa.name, ra.name")
            + "\nORDER BY letters DESC, sender, recipient\nLIMIT " + limitPlaceholder
        return try await connection.query(sql, filter.parameters).rows.map { row in
            CorrespondentPair(from: try row.decode("sender"), to: try row.decode("recipient"), letters: try row.decode("letters"))
        }
    }
}
