import ChanceryCore
import ChanceryModel

/// One query the benchmark times: a name, what it asks, and the service call that answers it.
struct QueryCase: Sendable {
    let name: String
    let description: String
    let run: @Sendable (ChanceryDatabase) async throws -> Int
    /// Work done before every call, untimed and unrecorded.
    var beforeEach: (@Sendable (ChanceryDatabase) async throws -> Void)? = nil
}

/// The parameters the cases use, chosen from the data so any archive gives meaningful queries.
struct BenchmarkParameters: Sendable {
    var country: String
    var partner: String
    var person: String
    var windowMonth: String
    var timelineYear: String
    var searchText: String
    /// The year of the busiest country's 75th-percentile letter: the API benchmark's listing.
    var listingSince: String
    /// A letter with three or more participants, links both ways and a source, from the
    /// archive's second half: the API benchmark's detail.
    var detailRef: String
    /// A word in about a tenth of all letters, for ranked search's worst case.
    var commonSearchText: String
}

extension QueryCase {
    /// The first page (50 rows) of each query the issue names.
    static func all(_ p: BenchmarkParameters) -> [QueryCase] {
        func letters(_ configure: @escaping @Sendable (inout LetterQuery) -> Void) -> @Sendable (ChanceryDatabase) async throws -> Int {
            { database in
                var query = LetterQuery()
                query.limit = 50
                configure(&query)
                return try await LetterService(database: database).list(query).count
            }
        }
        let countryNetwork: @Sendable (ChanceryDatabase) async throws -> Int = { database in
            try await NetworkService(database: database).network(NetworkRequest(level: .country)).edges.count
        }
        return [
            QueryCase(name: "letters by country", description: "letters --country \(p.country) --limit 50",
                      run: letters { $0.country = p.country }),
            QueryCase(name: "letters by country since", description: "letters --country \(p.country) --since \(p.listingSince) --limit 50",
                      run: letters { $0.country = p.country; $0.since = p.listingSince }),
            QueryCase(name: "letters by pair", description: "letters --between \(p.country) \(p.partner) --limit 50",
                      run: letters { $0.between = (p.country, p.partner) }),
            QueryCase(name: "letters by person", description: "letters --person \"\(p.person)\" --limit 50",
                      run: letters { $0.person = p.person }),
            QueryCase(name: "letters by date window", description: "letters --since \(p.windowMonth) --until \(p.windowMonth) --limit 50",
                      run: letters { $0.since = p.windowMonth; $0.until = p.windowMonth }),
            QueryCase(name: "letters by country and window", description: "letters --country \(p.country) --since \(p.windowMonth) --until \(p.windowMonth) --limit 50",
                      run: letters { $0.country = p.country; $0.since = p.windowMonth; $0.until = p.windowMonth }),
            QueryCase(name: "a letter's detail", description: "show \(p.detailRef)",
                      run: { database in try await LetterService(database: database).show(p.detailRef).participants.count }),
            QueryCase(name: "full-text filter", description: "letters --text \"\(p.searchText)\" --limit 50",
                      run: letters { $0.text = p.searchText }),
            QueryCase(name: "full-text search, ranked", description: "search \"\(p.searchText)\" --limit 50",
                      run: { database in try await SearchService(database: database).search(p.searchText, limit: 50).letters.count }),
            QueryCase(name: "full-text search, ranked, common word", description: "search \"\(p.commonSearchText)\" --limit 50",
                      run: { database in try await SearchService(database: database).search(p.commonSearchText, limit: 50).letters.count }),
            QueryCase(name: "register statistics", description: "stats",
                      run: { database in try await StatisticsService(database: database).statistics().letters }),
            // Served from memory while the register is unchanged (KeptNetworks): one statement asks.
            QueryCase(name: "country network", description: "network --level country", run: countryNetwork),
            // Brought up to date from the pairs a letter counted again, as after logging one.
            QueryCase(name: "country network after a letter", description: "network --level country (after a letter's pairs change)",
                      run: countryNetwork,
                      beforeEach: { database in
                          _ = try await database.write { connection in
                              // A row of nought for the busiest pair: what a letter's count leaves before it is folded.
                              try await connection.execute(
                                  """
                                  INSERT INTO census_by_country_pair (sender_code, recipient_code, addressed, letters)
                                  VALUES (\(p.country), \(p.partner), 0, 0)
                                  """)
                          }
                      }),
            // Read whole from the kept counts, as after a country's name changes.
            QueryCase(name: "country network read whole", description: "network --level country (after a country's name changes)",
                      run: countryNetwork,
                      beforeEach: { database in
                          _ = try await database.write { connection in
                              try await connection.execute("INSERT INTO network_change (txid, input) VALUES (pg_current_xact_id(), 'countries')")
                          }
                      }),
            QueryCase(name: "busiest country's timeline", description: "timeline --country \(p.country) --limit 200",
                      run: { database in
                          try await TimelineService(database: database).timeline(TimelineRequest(.country(p.country), limit: 200)).items.count
                      }),
            QueryCase(name: "12-month country timeline", description: "timeline --country \(p.country) --since \(p.timelineYear) --until \(p.timelineYear) --limit 50",
                      run: { database in
                          try await TimelineService(database: database)
                              .timeline(TimelineRequest(.country(p.country), since: p.timelineYear, until: p.timelineYear, limit: 50)).items.count
                      }),
        ]
    }
}
