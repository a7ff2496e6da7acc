import EDTF
import LibPQClient
import ChanceryModel

/// The SQL side of a date window: the conditions that keep a record's dates inside it, the
/// window's days always bound as parameters.
extension DateWindow {
    /// True when the window restricts nothing: reports may then read the register's kept counts.
    var coversEverything: Bool { from == nil && to == nil }

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
