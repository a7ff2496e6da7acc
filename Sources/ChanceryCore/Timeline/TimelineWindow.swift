import EDTF
import LibPQClient

/// The date window of a timeline request: overlap by default, certainly inside when strict.
struct TimelineWindow {
    let from: CalendarDay?
    let to: CalendarDay?
    let strict: Bool
    /// " · from Jan 2022 to Dec 2022", or nothing without a window.
    let label: String

    init(_ request: TimelineRequest) throws {
        let since = try request.since.map { try UncertainDate(parsing: $0, field: "since") }
        let until = try request.until.map { try UncertainDate(parsing: $0, field: "until") }
        if let since, let until, let from = since.earliest, let to = until.latest, from > to {
            throw ChanceryError.invalid("until", "the window ends (\(until.edtf)) before it starts (\(since.edtf))",
                                        hint: "Swap --since and --until.")
        }
        from = since?.earliest
        to = until?.latest
        strict = request.strict
        switch (since, until) {
        case let (since?, until?): label = " · from " + since.display + " to " + until.display
        case let (since?, nil): label = " · from " + since.display
        case let (nil, until?): label = " · until " + until.display
        case (nil, nil): label = ""
        }
    }

    /// Conditions on the `<dates>_earliest` / `<dates>_latest` columns (e.g. `i.issued`) that keep
    /// records in the window; undated records (NULL bounds) never match a window.
    func conditions(dates: String, in filter: inout SQLFilter) -> [String] {
        var conditions: [String] = []
        if let from {
            conditions.append(dates + (strict ? "_earliest >= " : "_latest >= ") + filter.bind(PostgresDate(from)))
        }
        if let to {
            conditions.append(dates + (strict ? "_latest <= " : "_earliest <= ") + filter.bind(PostgresDate(to)))
        }
        return conditions
    }
}
