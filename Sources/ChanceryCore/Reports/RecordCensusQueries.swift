import LibPQClient
import ChanceryModel

/// The invitation and event counts of `chancery stats` over the whole register, read from the
/// counts the triggers keep (`census_of_records` in schema.sql) in one statement. They equal
/// `RecordStatisticsQueries`' with no window (`CensusExactnessTests`).
struct RecordCensusQueries {
    let connection: PostgresConnection

    func counts() async throws -> RecordCounts { try await Self.counts.run(on: connection) }

    static var counts: CensusStatement<RecordCounts> {
        CensusStatement("SELECT measure, sum(n) AS n FROM census_of_records GROUP BY measure") { result in
            var measures: [String: Int] = [:]
            for row in result.rows { measures[try row.decode("measure")] = try row.decode("n") }
            func statuses(_ prefix: String) -> [String: Int] {
                Dictionary(uniqueKeysWithValues: measures.compactMap { measure, count in
                    measure.hasPrefix(prefix) ? (String(measure.dropFirst(prefix.count)), count) : nil
                })
            }
            return RecordCounts(invitations: measures["invitations"] ?? 0, openInvitations: measures["open invitations"] ?? 0,
                                invitees: statuses("invitees "), events: statuses("events "))
        }
    }
}
