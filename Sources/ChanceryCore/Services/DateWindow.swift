import EDTF
import LibPQClient
import ChanceryModel

/// A date window as users give it (`--since`, `--until`, EDTF): a record with an uncertain date
/// matches when its bounds overlap the window, or, when strict, only when certainly inside it.
/// Letters, timelines and reports all read their window through this type.
package struct DateWindow {
    /// The first day of `since`, when it has one.
    let from: CalendarDay?
    /// The last day of `until`, when it has one.
    let to: CalendarDay?
    /// Only records certainly inside, rather than overlapping.
    let strict: Bool
    /// " · from Jan 2022 to Dec 2022", or nothing without a window: for report headings.
    let label: String

    /// Parses the two ends; a window that ends before it starts is refused.
    init(since: String?, until: String?, strict: Bool = false) throws {
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

    /// Conditions on the columns `earliest` and `latest` (fixed column names from the caller's
    /// code) that keep records in the window, the window's days bound; undated records (NULL
    /// bounds, or both open: a letter dated XXXX) never match one.
    func conditions(earliest: String, latest: String) -> [PostgresQuery] {
        var conditions: [PostgresQuery] = []
        if from != nil || to != nil {
            conditions.append("(\(unescaped: earliest) > '-infinity' OR \(unescaped: latest) < 'infinity')")
        }
        // The column names are constants of the callers, spliced as SQL text; the days are bound.
        if let from { conditions.append("\(unescaped: strict ? earliest : latest) >= \(PostgresDate(from))") }
        if let to { conditions.append("\(unescaped: strict ? latest : earliest) <= \(PostgresDate(to))") }
        return conditions
    }

    /// The same over `<dates>_earliest` and `<dates>_latest` (e.g. `i.issued`).
    func conditions(dates: String) -> [PostgresQuery] {
        conditions(earliest: dates + "_earliest", latest: dates + "_latest")
    }

    /// Adds the conditions to `filter`.
    func restrict(_ filter: inout SQLFilter, earliest: String, latest: String) {
        for condition in conditions(earliest: earliest, latest: latest) { filter.add(condition) }
    }

    /// Adds the conditions over `<dates>_earliest` and `<dates>_latest` to `filter`.
    func restrict(_ filter: inout SQLFilter, dates: String) {
        for condition in conditions(dates: dates) { filter.add(condition) }
    }

    /// Binds the window's days as a listing's window, for `LetterSelection`.
    func bind(into selection: inout LetterSelection) {
        selection.window.strict = strict
        if let from { selection.window.from = "\(PostgresDate(from))" }
        if let to { selection.window.to = "\(PostgresDate(to))" }
    }
}
