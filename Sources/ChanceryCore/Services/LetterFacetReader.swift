import LibPQClient
public import ChanceryModel

extension LetterService {
    /// How the letters `query` selects (its limit and offset aside) divide by year, kind,
    /// country, person and organization; at most `top` values for each party facet. One
    /// statement, so the counts agree with each other.
    ///
    /// Counting reads every selected letter, which for a broad selection in a large register takes
    /// longer than a page should wait: past `timeLimit` the count is abandoned and nil returned,
    /// so the page can show its letters without counts.
    public func facets(_ query: LetterQuery, top: Int = 10, timeLimit: Duration = .seconds(2)) async throws -> LetterFacets? {
        let top = max(1, min(top, 100))
        return try await database.replicaRead { connection in
            try await connection.withinTimeLimit(timeLimit) { transaction in
                try await Self.countFacets(query, top: top, on: transaction)
            }
        }
    }

    private static func countFacets(_ query: LetterQuery, top: Int, on connection: PostgresConnection) async throws -> LetterFacets {
        let selection = try await LetterQueryRunner(connection: connection).selection(for: query)
        let selected: PostgresQuery = "SELECT l.id, l.kind, l.sent_sort, l.awaiting_reply FROM letter l " + selection.whereClause
        // The listing tables hold one row per letter and party, and per letter and pair of states,
        // so plain counts count letters.
        let rows = try await connection.query(
            """
            WITH s AS MATERIALIZED (\(selected)),
            involved AS MATERIALIZED (
                SELECT y.party_id, y.letter_id, y.sides FROM s JOIN letter_by_party y ON y.letter_id = s.id
            ),
            parties AS (
                SELECT a.kind::text AS facet, coalesce(a.iso_code::text, a.name) AS value, a.name AS label,
                       count(*)::int AS n,
                       row_number() OVER (PARTITION BY a.kind ORDER BY count(*) DESC, lower(a.name))::int AS position
                FROM involved y JOIN actor a ON a.id = y.party_id
                GROUP BY a.id
            ),
            sided AS (
                SELECT d.facet, coalesce(a.iso_code::text, a.name) AS value, a.name AS label, count(*)::int AS n,
                       row_number() OVER (PARTITION BY d.facet ORDER BY count(*) DESC, lower(a.name))::int AS position
                FROM (SELECT 'sending' AS facet, y.party_id, y.letter_id FROM involved y WHERE y.sides & 1 <> 0
                      UNION ALL
                      SELECT 'receiving', y.party_id, y.letter_id FROM involved y WHERE y.sides & 2 <> 0) d
                JOIN actor a ON a.id = d.party_id AND a.kind = 'state'
                GROUP BY d.facet, a.id
            ),
            pairs AS (
                SELECT 'pair' AS facet, coalesce(lo.iso_code::text, lo.name) || ',' || coalesce(hi.iso_code::text, hi.name) AS value,
                       lo.name || ' – ' || hi.name AS label, count(*)::int AS n,
                       row_number() OVER (ORDER BY count(*) DESC, lower(lo.name), lower(hi.name))::int AS position
                FROM s JOIN letter_by_country_pair p ON p.letter_id = s.id
                JOIN actor lo ON lo.id = p.low_state_id JOIN actor hi ON hi.id = p.high_state_id
                GROUP BY lo.id, hi.id
            ),
            events AS (
                SELECT 'event' AS facet, e.ref AS value, e.name AS label, count(*)::int AS n,
                       row_number() OVER (ORDER BY count(*) DESC, lower(e.name))::int AS position
                FROM (
                    -- Each event's dossier among the selected letters, as `letters --event` narrows
                    -- to it (LetterSQL.aboutEvent); each branch starts from the selection.
                    SELECT le.letter_id, le.event_id FROM s JOIN letter_event le ON le.letter_id = s.id
                    UNION SELECT i.letter_id, i.event_id FROM s JOIN invitation i ON i.letter_id = s.id WHERE i.event_id IS NOT NULL
                    UNION SELECT v.response_letter_id, i.event_id FROM s JOIN invitation_invitee v ON v.response_letter_id = s.id
                          JOIN invitation i ON i.id = v.invitation_id WHERE i.event_id IS NOT NULL
                ) le JOIN event e ON e.id = le.event_id
                GROUP BY e.id
            )
            SELECT 'total' AS facet, '' AS value, '' AS label, count(*)::int AS n, 0 AS position FROM s
            UNION ALL
            SELECT 'awaiting', '', '', (count(*) FILTER (WHERE s.awaiting_reply))::int, 0 FROM s
            UNION ALL
            SELECT 'year', y::text, y::text, count(*)::int, y
            FROM (SELECT astronomical_year(s.sent_sort) AS y FROM s WHERE isfinite(s.sent_sort)) years GROUP BY y
            UNION ALL
            SELECT 'kind', s.kind::text, replace(s.kind::text, '_', ' '), count(*)::int,
                   row_number() OVER (ORDER BY count(*) DESC, s.kind::text)::int
            FROM s GROUP BY s.kind
            UNION ALL
            SELECT facet, value, label, n, position FROM parties WHERE position <= \(top)
            UNION ALL
            SELECT facet, value, label, n, position FROM sided WHERE position <= \(top)
            UNION ALL
            SELECT facet, value, label, n, position FROM pairs WHERE position <= \(top)
            UNION ALL
            SELECT facet, value, label, n, position FROM events WHERE position <= \(top)
            """).rows
        var facets: [String: [(position: Int, count: LetterFacets.Count)]] = [:]
        for row in rows {
            let facet: String = try row.decode("facet")
            let count = LetterFacets.Count(value: try row.decode("value"), label: try row.decode("label"), count: try row.decode("n"))
            facets[facet, default: []].append((try row.decode("position"), count))
        }
        func list(_ facet: String) -> [LetterFacets.Count] { (facets[facet] ?? []).sorted { $0.position < $1.position }.map(\.count) }
        var result = LetterFacets(total: list("total").first?.count ?? 0, years: list("year"), kinds: list("kind"),
                                  countries: list("state"), people: list("person"), organizations: list("organization"),
                                  awaitingReply: list("awaiting").first?.count ?? 0)
        result.sendingCountries = list("sending")
        result.receivingCountries = list("receiving")
        result.pairs = list("pair")
        result.events = list("event")
        return result
    }
}
