import Foundation

/// What a timeline covers.
public enum TimelineScope: Sendable, Hashable {
    /// Everything involving a country (ISO code), on any side.
    case country(String)
    /// Everything between two countries, either way.
    case between(String, String)
    /// An event's dossier: invitations, responses, the event and the letters carrying them.
    case event(String)
}

/// One dated thing on a timeline.
public struct TimelineItem: Sendable, Hashable, Codable {
    /// What kind of thing.
    public enum Kind: String, Sendable, Codable {
        case letter, invitation, response, event
    }

    /// What kind of thing.
    public var kind: Kind
    /// The reference of the letter, invitation or event.
    public var ref: String
    /// When, with its precision; nil for an event not yet dated.
    public var date: UncertainDate?
    /// One line saying what it is.
    public var title: String
    /// Who, to whom, where.
    public var detail: String
    /// For responses and events: accepted, held, …
    public var status: String?
    /// When it was recorded: orders items whose dates are equally uncertain.
    var recordedAt: Date = .distantPast

    private enum CodingKeys: String, CodingKey { case kind, ref, date, title, detail, status }

    /// Timelines sort by earliest day, then latest day (open ends first and last), then the
    /// order in which things were recorded.
    static func chronological(_ a: TimelineItem, _ b: TimelineItem) -> Bool {
        let aEarliest = a.date.map { $0.earliest?.description ?? "" } ?? "~"
        let bEarliest = b.date.map { $0.earliest?.description ?? "" } ?? "~"
        if aEarliest != bEarliest { return aEarliest < bEarliest }
        let aLatest = a.date.map { $0.latest?.description ?? "~" } ?? "~"
        let bLatest = b.date.map { $0.latest?.description ?? "~" } ?? "~"
        if aLatest != bLatest { return aLatest < bLatest }
        return a.recordedAt < b.recordedAt
    }
}

/// A scope's items in date order.
public struct Timeline: Sendable, Hashable, Codable {
    /// A heading naming the scope ("United States (US) – Cambodia (KH)").
    public var title: String
    /// The items, earliest first.
    public var items: [TimelineItem]
}
