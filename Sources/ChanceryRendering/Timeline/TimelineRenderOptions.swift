public import Foundation

/// Choices a timeline renderer honours beyond the timeline itself; formats ignore what does not
/// apply to them.
public struct TimelineRenderOptions: Sendable, Hashable {
    /// iCalendar: also write each invitation's reply-by day as an all-day event ("Reply due: …").
    public var includeDeadlines: Bool
    /// iCalendar: the `DTSTAMP` written on every event. Nil, the default, stamps each event with
    /// its own first day at midnight UTC instead of the current time, so the same register always
    /// renders the same bytes (golden files, diffable exports); pass `Date()` for a feed that
    /// calendar clients poll, so they notice revisions.
    public var timestamp: Date?

    /// Creates options; the defaults render deterministic output without deadlines.
    public init(includeDeadlines: Bool = false, timestamp: Date? = nil) {
        self.includeDeadlines = includeDeadlines
        self.timestamp = timestamp
    }
}
