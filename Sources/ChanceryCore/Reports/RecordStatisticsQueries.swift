import LibPQClient
import ChanceryModel

/// The invitation and event counts of `chancery stats`.
struct RecordCounts: Equatable {
    var invitations: Int
    var openInvitations: Int
    /// Every answer status, in `ResponseStatus` order.
    var invitationResponses: [StatusCount]
    /// Every event status, in `EventStatus` order.
    var eventsByStatus: [StatusCount]

    init(invitations: Int, openInvitations: Int, invitees: [String: Int], events: [String: Int]) {
        self.invitations = invitations
        self.openInvitations = openInvitations
        invitationResponses = ResponseStatus.allCases.map { StatusCount(status: $0.rawValue, count: invitees[$0.rawValue] ?? 0) }
        eventsByStatus = EventStatus.allCases.map { StatusCount(status: $0.rawValue, count: events[$0.rawValue] ?? 0) }
    }
}

/// The invitation and event counts over a window, each one aggregate query over the records.
struct RecordStatisticsQueries {
    let connection: PostgresConnection
    let window: DateWindow

    func counts() async throws -> RecordCounts {
        let invitations = try await invitationTotals()
        return RecordCounts(invitations: invitations.total, openInvitations: invitations.open,
                            invitees: try await invitationResponses(), events: try await eventsByStatus())
    }

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

    /// Invitees of the window's invitations by answer.
    func invitationResponses() async throws -> [String: Int] {
        var filter = SQLFilter()
        window.restrict(&filter, earliest: "i.issued_earliest", latest: "i.issued_latest")
        return try await statusCounts(
            "SELECT v.status::text AS status, count(*) AS n FROM invitation_invitee v JOIN invitation i ON i.id = v.invitation_id\n"
                + "\(filter.whereClause)\nGROUP BY v.status")
    }

    /// Events by status; in a window, only events whose period overlaps it.
    func eventsByStatus() async throws -> [String: Int] {
        var filter = SQLFilter()
        window.restrict(&filter, earliest: "e.period_earliest", latest: "e.period_latest")
        return try await statusCounts(
            "SELECT e.status::text AS status, count(*) AS n FROM event e\n\(filter.whereClause)\nGROUP BY e.status")
    }

    private func statusCounts(_ query: PostgresQuery) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await connection.query(query).rows {
            counts[try row.decode("status")] = try row.decode("n")
        }
        return counts
    }
}
