import LibPQClient
public import ChanceryModel
/// Counts letters by country, year and kind, invitations and events by status, and the most
/// active correspondents, over the whole register or a date window.
public struct StatisticsService: Sendable {
    let database: ChanceryDatabase

    /// Creates the service over a database.
    public init(database: ChanceryDatabase) { self.database = database }

    /// The counts a request asks for; `top` below 1 and a reversed window are refused.
    public func statistics(_ request: StatisticsRequest = StatisticsRequest()) async throws -> Statistics {
        guard request.top >= 1 else {
            throw ChanceryError.invalid("top", "top must be at least 1, not \(request.top)", hint: "Ask for at least one pair: 10 lists the ten most active.")
        }
        let window = try DateWindow(since: request.since, until: request.until)
        return try await database.replicaRead { connection in
            // Over the whole register the kept counts answer at once; a window needs the records.
            if window.coversEverything { return try await Self.census(request, on: connection) }
            let letters = LetterStatisticsQueries(connection: connection, window: window)
            let records = try await RecordStatisticsQueries(connection: connection, window: window).counts()
            return Statistics(
                since: request.since, until: request.until,
                letters: try await letters.total(),
                byCountry: try await letters.byCountry(),
                byYear: try await letters.byYear(),
                byKind: try await letters.byKind(),
                invitations: records.invitations, openInvitations: records.openInvitations,
                invitationResponses: records.invitationResponses,
                eventsByStatus: records.eventsByStatus,
                topCorrespondents: try await letters.topPairs(countries: false, limit: request.top),
                topCountryPairs: try await letters.topPairs(countries: true, limit: request.top))
        }
    }

    /// The whole register's counts: seven statements over the kept counts, a few rows each, sent
    /// in one round trip (their waits were most of the time).
    private static func census(_ request: StatisticsRequest, on connection: PostgresConnection) async throws -> Statistics {
        typealias Letters = LetterCensusQueries
        let (actorPairs, countryPairs) = (Letters.topPairs(countries: false, limit: request.top),
                                          Letters.topPairs(countries: true, limit: request.top))
        let results = try await connection.pipeline([
            Letters.total.query, Letters.byCountry.query, Letters.byYear.query, Letters.byKind.query,
            RecordCensusQueries.counts.query, actorPairs.query, countryPairs.query,
        ])
        let records = try RecordCensusQueries.counts.read(results[4])
        return Statistics(
            since: request.since, until: request.until,
            letters: try Letters.total.read(results[0]),
            byCountry: try Letters.byCountry.read(results[1]),
            byYear: try Letters.byYear.read(results[2]),
            byKind: try Letters.byKind.read(results[3]),
            invitations: records.invitations, openInvitations: records.openInvitations,
            invitationResponses: records.invitationResponses,
            eventsByStatus: records.eventsByStatus,
            topCorrespondents: try actorPairs.read(results[5]),
            topCountryPairs: try countryPairs.read(results[6]))
    }
}
