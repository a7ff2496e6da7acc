import EDTF
package import Foundation

/// Which side of a letter or invitation a country must be on.
public enum CountrySide: String, Sendable, Hashable, CaseIterable {
    /// Sender or recipient side, or an intermediary.
    case any
    /// Sender side: authors and signatories, and whom they act for; inviters.
    case sender
    /// Recipient side: recipients and copies, and whom they act for; invitees.
    case recipient
}

/// What a timeline covers.
public enum TimelineScope: Sendable, Hashable {
    /// Everything involving a country (ISO code or name), on the given side.
    case country(String, side: CountrySide = .any)
    /// Everything between two countries, either way.
    case between(String, String)
    /// Everything a person took part in.
    case person(String)
    /// Everything an organization took part in, or was acted for; with `includingMembers`, also
    /// what its member states did while members.
    case organization(String, includingMembers: Bool = false)
    /// An event's dossier: invitations, responses, the event and the letters about it.
    case event(String)
    /// Everything recorded (narrow it with a date window).
    case everything
}

/// How a report groups its items.
public enum TimelineGrouping: String, Sendable, Hashable, CaseIterable, Codable {
    /// One list.
    case none
    /// A section per year of each item's earliest possible date.
    case year
    /// A section per month of each item's earliest possible date.
    case month
}

/// What to put on a timeline.
public struct TimelineRequest: Sendable, Hashable {
    /// What it covers.
    public var scope: TimelineScope
    /// Only items whose dates may fall on or after this (EDTF).
    public var since: String?
    /// Only items whose dates may fall on or before this (EDTF).
    public var until: String?
    /// Only items certainly inside the window, rather than any that overlap it.
    public var strict: Bool
    /// Sections by year or month.
    public var grouping: TimelineGrouping
    /// At most this many items, earliest first (a first page); nil for all.
    public var limit: Int?

    /// Creates a request.
    public init(_ scope: TimelineScope, since: String? = nil, until: String? = nil, strict: Bool = false,
                grouping: TimelineGrouping = .none, limit: Int? = nil) {
        self.scope = scope
        self.since = since
        self.until = until
        self.strict = strict
        self.grouping = grouping
        self.limit = limit
    }
}

/// One dated thing on a timeline.
public struct TimelineItem: Sendable, Hashable, Codable {
    /// What kind of thing.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case letter, invitation, response, event
    }

    /// What kind of thing.
    public var kind: Kind
    /// The reference of the letter, invitation or event (a response carries its invitation's).
    public var ref: String
    /// When, with its precision; nil for an event not yet dated.
    public var date: UncertainDate?
    /// One line saying what it is.
    public var title: String
    /// Who, to whom, where.
    public var detail: String
    /// For responses and events: accepted, held, …
    public var status: String?
    /// Where: an event's city and country, a letter's place of writing.
    public var place: String?
    /// For invitations: the day by which a reply is asked (YYYY-MM-DD).
    public var replyBy: String?
    /// When it was recorded: orders items whose dates are equally uncertain.
    package var recordedAt: Date = .distantPast

    /// Creates an item.
    public init(kind: Kind, ref: String, date: UncertainDate?, title: String, detail: String, status: String? = nil,
                place: String? = nil, replyBy: String? = nil) {
        self.kind = kind
        self.ref = ref
        self.date = date
        self.title = title
        self.detail = detail
        self.status = status
        self.place = place
        self.replyBy = replyBy
    }

    package init(kind: Kind, ref: String, date: UncertainDate?, title: String, detail: String, status: String?,
         place: String? = nil, replyBy: String? = nil, recordedAt: Date) {
        self.init(kind: kind, ref: ref, date: date, title: title, detail: detail, status: status, place: place, replyBy: replyBy)
        self.recordedAt = recordedAt
    }

    private enum CodingKeys: String, CodingKey { case kind, ref, date, title, detail, status, place, replyBy }

    /// Timelines sort as listings do: by sort day (`UncertainDate.sortDay`: the earliest day, else
    /// the latest; undated items last), then latest day (an open end last), then the order in
    /// which things were recorded.
    package static func chronological(_ a: TimelineItem, _ b: TimelineItem) -> Bool {
        Place(a) < Place(b)
    }

    /// The items in `chronological` order, each item's place worked out once rather than at
    /// every comparison (a timeline of some hundreds of items compares thousands of times).
    package static func inChronologicalOrder(_ items: [TimelineItem]) -> [TimelineItem] {
        items.indices.map { (place: Place(items[$0]), index: $0) }
            .sorted { $0.place < $1.place }
            .map { items[$0.index] }
    }

    /// Where an item falls in a timeline.
    private struct Place: Comparable {
        let date: UncertainDate.SortKey
        let recordedAt: Date
        /// A letter before the invitation it extends, then answers, then events.
        let kind: Int
        let ref: String

        init(_ item: TimelineItem) {
            date = item.date.map(\.sortKey) ?? UncertainDate.SortKey.undated
            recordedAt = item.recordedAt
            kind = Kind.allCases.firstIndex(of: item.kind)!
            ref = item.ref
        }

        static func < (a: Place, b: Place) -> Bool {
            if a.date != b.date { return a.date < b.date }
            if a.recordedAt != b.recordedAt { return a.recordedAt < b.recordedAt }
            return a.kind != b.kind ? a.kind < b.kind : a.ref < b.ref
        }
    }
}

/// A section of a grouped timeline: a year, a month, or the undated items.
public struct TimelineGroup: Sendable, Hashable {
    /// "2022", "May 2022", "Undated".
    public var label: String
    /// Its items, earliest first.
    public var items: [TimelineItem]
}

/// A scope's items in date order.
public struct Timeline: Sendable, Hashable, Codable {
    /// A heading naming the scope ("United States (US) – Cambodia (KH)").
    public var title: String
    /// The items, earliest first.
    public var items: [TimelineItem]
    /// How reports section the items.
    public var grouping: TimelineGrouping
    /// Whether more items match than `items` holds (a first page was asked for).
    public var truncated: Bool

    /// Creates a timeline.
    public init(title: String, items: [TimelineItem], grouping: TimelineGrouping = .none, truncated: Bool = false) {
        self.title = title
        self.items = items
        self.grouping = grouping
        self.truncated = truncated
    }

    /// The items in sections as `grouping` asks: by the year or month an item's possible dates
    /// lie in ("April 2022"), or the span of them when they lie in several ("January–April 2022",
    /// "1541–1542"); "2022, month unknown" when its date names no month; "From May 2022" and
    /// "Until April 2022" when an end is open; undated items last. One section, with an empty
    /// label, when ungrouped.
    public var groups: [TimelineGroup] {
        guard grouping != .none else { return [TimelineGroup(label: "", items: items)] }
        var groups: [TimelineGroup] = []
        for item in items {
            let label = Self.groupLabel(of: item.date, by: grouping)
            if groups.last?.label == label {
                groups[groups.count - 1].items.append(item)
            } else if let index = groups.firstIndex(where: { $0.label == label }) {
                groups[index].items.append(item)
            } else {
                groups.append(TimelineGroup(label: label, items: [item]))
            }
        }
        return groups
    }

    static func groupLabel(of date: UncertainDate?, by grouping: TimelineGrouping) -> String {
        // A letter of "2022" is of no month in particular: under "January 2022" it would say so.
        let unit: TimelineGrouping = (date?.precision ?? .day) >= .year ? .year : grouping
        switch (date?.earliest, date?.latest) {
        case (let first?, let last?): return span(first, last, by: grouping, monthKnown: unit == grouping)
        case (let first?, nil): return "From " + label(of: first, by: unit)
        case (nil, let last?): return "Until " + label(of: last, by: unit)
        case (nil, nil): return "Undated"
        }
    }

    /// The section of an item whose dates lie from `first` to `last`.
    private static func span(_ first: CalendarDay, _ last: CalendarDay, by grouping: TimelineGrouping, monthKnown: Bool) -> String {
        switch grouping {
        case .none: return ""
        case .year: return Gregorian.yearSpan(first.year, last.year)
        case .month where !monthKnown: return Gregorian.yearSpan(first.year, last.year) + ", month unknown"
        case .month where first.year == last.year && first.month == last.month: return label(of: first, by: .month)
        case .month where first.year == last.year:
            return Gregorian.monthName(first.month) + "–" + Gregorian.monthName(last.month) + " " + Gregorian.yearName(first.year)
        case .month:
            // "December 2 BC – January 1 AD": a bare "1" after a BC year reads as a day.
            let era = first.year < 1 && last.year >= 1 ? " AD" : ""
            return label(of: first, by: .month) + " – " + label(of: last, by: .month) + era
        }
    }

    private static func label(of day: CalendarDay, by grouping: TimelineGrouping) -> String {
        switch grouping {
        case .none: return ""
        case .year: return Gregorian.yearName(day.year)
        case .month: return Gregorian.monthName(day.month) + " " + Gregorian.yearName(day.year)
        }
    }
}
