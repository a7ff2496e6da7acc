import LibPQClient
import ChanceryModel

/// The invitation and event counts of `chancery stats`.
struct RecordStatisticsQueries {
    let connection: PostgresConnection
    let window: DateWindow

    /// Invitations issued in the window, and how many of them wait for an answer.
    func invitationTotals() async throws -> (total: Int, open: Int) {
        var filter = SQLFilter()
        window.restrict(&filter, earliest: "i.issued_earliest", latest: "i.issued_latest")
        let row = try await connection.query(
            """
            SELECT count(*) AS total,
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM invitation_invitee v
                                                  WHERE v.invitation_id = i.id AND v.status = 'pending')) AS open
            FROM invitation i
            """ + "\n\(filter.whereClause)").rows[0]
        return (try row.decode("total"), try row.decode("open"))
    }

    /// Invitees of the window's invitations by answer, every status listed.
    func invitationResponses() async throws -> [StatusCount] {
        var filter = SQLFilter()
        window.restrict(&filter, earliest: "i.issued_earliest", latest: "i.issued_latest")
        let counts = try await statusCounts(
            "SELECT v.status::text AS status, count(*) AS n FROM invitation_invitee v JOIN invitation i ON i.id = v.invitation_id\n"
                + "\(filter.whereClause)\nGROUP BY v.status")
        return ResponseStatus.allCases.map { StatusCount(status: $0.rawValue, count: counts[$0.rawValue] ?? 0) }
    }

    /// Events by status, every status listed; in a window, only events whose period overlaps it.
    func eventsByStatus() async throws -> [StatusCount] {
        var filter = SQLFilter()
        window.restrict(&filter, earliest: "e.period_earliest", latest: "e.period_latest")
        let counts = try await statusCounts(
            "SELECT e.status::text AS status, count(*) AS n FROM event e\n\(filter.whereClause)\nGROUP BY e.status")
        return EventStatus.allCases.map { StatusCount(status: $0.rawValue, count: counts[$0.rawValue] ?? 0) }
    }

    private func statusCounts(_ query: PostgresQuery) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await connection.query(query).rows {
            counts[try row.decode("status")] = try row.decode("n")
        }
        return counts
    }
}
