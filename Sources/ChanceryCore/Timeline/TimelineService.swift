import Foundation
import LibPQClient

/// Builds timelines: letters, invitations, responses and events of a scope, merged in date order.
public struct TimelineService: Sendable {
    let database: ChanceryDatabase

    /// Creates the service over a database.
    public init(database: ChanceryDatabase) { self.database = database }

    /// The timeline of a scope.
    public func timeline(_ scope: TimelineScope) async throws -> Timeline {
        try await timeline(TimelineRequest(scope))
    }

    /// The timeline a request asks for.
    public func timeline(_ request: TimelineRequest) async throws -> Timeline {
        let scope = request.scope
        return try await database.read { connection in
            let scoped = try await TimelineScopeQuery(connection: connection).resolve(scope)
            let reader = TimelineItemReader(connection: connection)
            var items = try await reader.letters(scoped.letterIDs)
            items += try await reader.invitations(scoped.invitationIDs)
            items += try await reader.responses(scoped.invitationIDs)
            items += try await reader.events(scoped.eventIDs)
            items.sort(by: TimelineItem.chronological)
            return Timeline(title: scoped.title, items: items, grouping: request.grouping)
        }
    }
}

/// The ids of what a scope covers, and its heading.
struct ScopedRecords {
    var title: String
    var letterIDs: [Int64]
    var invitationIDs: [Int64]
    var eventIDs: [Int64]
}

/// Finds what a scope covers, through the letter_party, invitation_party and event_party views.
struct TimelineScopeQuery {
    let connection: PostgresConnection

    func resolve(_ scope: TimelineScope) async throws -> ScopedRecords {
        let countries = CountryLookup(connection: connection)
        switch scope {
        case .country(let input, _):
            let code = try await countries.code(input, field: "country")!
            let invitations = try await ids("SELECT DISTINCT invitation_id AS id FROM invitation_party WHERE country_code = $1", [code])
            return ScopedRecords(
                title: try await countryLabel(code),
                letterIDs: try await ids("SELECT DISTINCT letter_id AS id FROM letter_party WHERE country_code = $1", [code]),
                invitationIDs: invitations,
                eventIDs: try await ids(
                    """
                    SELECT event_id AS id FROM event_party WHERE country_code = $1
                    UNION SELECT event_id FROM invitation WHERE id = ANY($2) AND event_id IS NOT NULL
                    """, [code, invitations]))
        case .between(let first, let second):
            let a = try await countries.code(first, field: "between")!
            let b = try await countries.code(second, field: "between")!
            let invitations = try await ids(
                """
                SELECT x.invitation_id AS id FROM invitation_party x JOIN invitation_party y USING (invitation_id)
                WHERE x.side = 'inviter' AND y.side = 'invitee'
                  AND ((x.country_code = $1 AND y.country_code = $2) OR (x.country_code = $2 AND y.country_code = $1))
                """, [a, b])
            return ScopedRecords(
                title: try await countryLabel(a) + " – " + countryLabel(b),
                letterIDs: try await ids(
                    """
                    SELECT f.letter_id AS id FROM letter_party f JOIN letter_party t USING (letter_id)
                    WHERE f.side = 'from' AND t.side = 'to'
                      AND ((f.country_code = $1 AND t.country_code = $2) OR (f.country_code = $2 AND t.country_code = $1))
                    """, [a, b]),
                invitationIDs: invitations,
                eventIDs: try await ids(
                    """
                    SELECT x.event_id AS id FROM event_party x JOIN event_party y USING (event_id)
                    WHERE x.country_code = $1 AND y.country_code = $2
                    UNION SELECT event_id FROM invitation WHERE id = ANY($3) AND event_id IS NOT NULL
                    """, [a, b, invitations]))
        case .event(let input):
            let eventID = try await EventLookup(connection: connection).id(of: input, field: "event")
            let name: String = try await connection.query("SELECT name FROM event WHERE id = $1", [eventID]).rows[0].decode("name")
            return ScopedRecords(
                title: name,
                letterIDs: try await ids(
                    """
                    SELECT letter_id AS id FROM invitation WHERE event_id = $1 AND letter_id IS NOT NULL
                    UNION SELECT v.response_letter_id FROM invitation_invitee v JOIN invitation i ON i.id = v.invitation_id
                          WHERE i.event_id = $1 AND v.response_letter_id IS NOT NULL
                    UNION SELECT letter_id FROM letter_event WHERE event_id = $1
                    """, [eventID]),
                invitationIDs: try await ids("SELECT id FROM invitation WHERE event_id = $1", [eventID]),
                eventIDs: [eventID])
        default:
            // Replaced by the scope resolver over the letter index (issue 4, in progress).
            throw ChanceryError.invalid("scope", "this timeline scope is not supported yet")
        }
    }

    private func ids(_ sql: String, _ parameters: [any PostgresEncodable]) async throws -> [Int64] {
        try await connection.query(sql, parameters).rows.compactMap { try $0.decode("id", as: Int64?.self) }
    }

    private func countryLabel(_ code: String) async throws -> String {
        let name: String = try await connection.query("SELECT name FROM country WHERE code = $1", [code]).rows[0].decode("name")
        return name + " (" + code + ")"
    }
}
