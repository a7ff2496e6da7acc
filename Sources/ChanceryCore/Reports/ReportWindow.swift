import LibPQClient

/// The date window of a report (`--since`, `--until`, EDTF): a record counts when its uncertain
/// date may fall inside, i.e. its bounds overlap the window, as `chancery letters` does by default.
struct ReportWindow {
    /// The first day of `since`, when it has one.
    let from: PostgresDate?
    /// The last day of `until`, when it has one.
    let to: PostgresDate?

    /// Parses the two ends; a window that ends before it starts is refused.
    init(since: String?, until: String?) throws {
        let since = try since.map { try UncertainDate(parsing: $0, field: "since") }
        let until = try until.map { try UncertainDate(parsing: $0, field: "until") }
        if let since, let until, let start = since.earliest, let end = until.latest, start > end {
            throw ChanceryError.invalid("until", "the window ends (\(until.edtf)) before it starts (\(since.edtf))",
                                        hint: "Swap --since and --until.")
        }
        from = since?.earliest.map(PostgresDate.init)
        to = until?.latest.map(PostgresDate.init)
    }

    /// Adds the overlap conditions over the bound columns `earliest` and `latest` (fixed column
    /// names from the calling report). A record without a date (NULL bounds) is outside any window.
    func restrict(_ filter: inout SQLFilter, earliest: String, latest: String) {
        if let from { filter.add(latest + " >= " + filter.bind(from)) }
        if let to { filter.add(earliest + " <= " + filter.bind(to)) }
    }
}
