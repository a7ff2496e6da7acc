import EDTF
import Foundation
import LibPQClient
public import ChanceryModel
/// Builds timelines: letters, invitations, responses and events of a scope, merged in date order.
public struct TimelineService: Sendable {
    let database: ChanceryDatabase

    /// Creates the service over a database.
    public init(database: ChanceryDatabase) { self.database = database }

    /// The timeline of a scope.
    public func timeline(_ scope: TimelineScope) async throws -> Timeline {
        try await timeline(TimelineRequest(scope))
    }

    /// The timeline a request asks for: items of every kind in date order, the first
    /// `request.limit` of them when a limit is given.
    public func timeline(_ request: TimelineRequest) async throws -> Timeline {
        if let limit = request.limit, limit < 1 {
            throw ChanceryError.invalid("limit", "limit must be at least 1", hint: "Ask for 1 or more items, or no limit.")
        }
        return try await database.replicaRead { connection in
            let scoped = try await TimelineScopeQuery(connection: connection).resolve(request)
            let reader = TimelineItemReader(connection: connection)
            // One more of each kind than the limit, so that the merge can tell there are more.
            let each = request.limit.map { $0 + 1 }
            var items = try await reader.letters(scoped.letterIDs)
            let through = request.limit.flatMap { Self.lastSortDay(ofFirst: $0, letters: items) }
            // A window or the page's last day leaves few records to test (ScopeCondition).
            let dated = through != nil || scoped.window.from != nil || scoped.window.to != nil
            let invitations = scoped.invitations.narrowed(byDates: dated)
            items += try await reader.invitations(invitations, limit: each, through: through)
            items += try await reader.responses(invitations, window: scoped.window, limit: each, through: through)
            items += try await reader.events(scoped.events.narrowed(byDates: dated), limit: each, through: through)
            items = TimelineItem.inChronologicalOrder(items)
            var truncated = false
            if let limit = request.limit, items.count > limit {
                items.removeLast(items.count - limit)
                truncated = true
            }
            return Timeline(title: scoped.title, items: items, grouping: request.grouping, truncated: truncated)
        }
    }

    /// With `limit` letters or more in hand (the scope's first, in order), the sort day of the
    /// `limit`-th: an invitation, answer or event dated later comes after all of those letters, so
    /// it cannot be among the first `limit` items. The busiest country's page of letters spans a
    /// few weeks, while its invitations span the register; nil when the letters are too few, or
    /// the `limit`-th is undated.
    static func lastSortDay(ofFirst limit: Int, letters: [TimelineItem]) -> CalendarDay? {
        guard limit >= 1, letters.count >= limit else { return nil }
        return TimelineItem.inChronologicalOrder(letters)[limit - 1].date?.sortDay
    }
}
