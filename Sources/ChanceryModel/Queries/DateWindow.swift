package import EDTF

/// A date window as users give it (`--since`, `--until`, EDTF): a record with an uncertain date
/// matches when its bounds overlap the window, or, when strict, only when certainly inside it.
/// Letters, timelines and reports all read their window through this type.
package struct DateWindow {
    /// The first day of `since`, when it has one.
    package let from: CalendarDay?
    /// The last day of `until`, when it has one.
    package let to: CalendarDay?
    /// Only records certainly inside, rather than overlapping.
    package let strict: Bool
    /// " · from Jan 2022 to Dec 2022", or nothing without a window: for report headings.
    package let label: String

    /// Parses the two ends; a window that ends before it starts is refused.
    package init(since: String?, until: String?, strict: Bool = false) throws {
        let since = try since.map { try UncertainDate(parsing: $0, field: "since") }
        let until = try until.map { try UncertainDate(parsing: $0, field: "until") }
        if let since, let until, let start = since.earliest, let end = until.latest, start > end {
            throw ChanceryError.invalid("until", "the window ends (\(until.edtf)) before it starts (\(since.edtf))",
                                        hint: "Swap --since and --until.")
        }
        from = since?.earliest
        to = until?.latest
        self.strict = strict
        switch (since, until) {
        case let (since?, until?): label = " · from " + since.display + " to " + until.display
        case let (since?, nil): label = " · from " + since.display
        case let (nil, until?): label = " · until " + until.display
        case (nil, nil): label = ""
        }
    }
}
