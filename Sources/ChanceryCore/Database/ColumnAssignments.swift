import LibPQClient
import ChanceryModel
import EDTF

/// The `column = value` list of an UPDATE that sets only what changes. Column names and casts
/// are fixed text of the caller; every value is bound.
struct ColumnAssignments {
    private(set) var list: [PostgresQuery] = []

    var isEmpty: Bool { list.isEmpty }

    /// The tables an edit updates by id; a table name is spliced into the statement, so only these.
    static let updatableTables: Set<String> = ["letter", "actor", "event", "invitation", "role_held", "membership", "source"]

    /// `UPDATE <table> SET … WHERE id = <id>`; `table` is one of ``updatableTables``.
    func update(_ table: String, id: Int64, on connection: PostgresConnection) async throws {
        precondition(Self.updatableTables.contains(table), "ColumnAssignments.update: '\(table)' is not an updatable table")
        guard !list.isEmpty else { return }
        try await connection.execute("UPDATE \(unescaped: table) SET \(list, separator: ", ") WHERE id = \(id)")
    }

    mutating func set(_ column: String, _ value: some PostgresEncodable, cast: String = "") {
        list.append("\(unescaped: column) = \(value)\(unescaped: cast)")
    }

    /// `flag = flag AND column = value`: a flag that holds only while `column` keeps its value
    /// (the right side reads the row as it was).
    mutating func keep(_ flag: String, whileUnchanged column: String, _ value: some PostgresEncodable) {
        list.append("\(unescaped: flag) = \(unescaped: flag) AND \(unescaped: column) = \(value)")
    }

    /// A text column whose patch changes it; kept columns are left out of the statement.
    mutating func set(_ column: String, _ patch: FieldPatch<String>) {
        switch patch {
        case .keep: break
        case .clear: set(column, String?.none)
        case .set(let value): set(column, value)
        }
    }

    mutating func set(_ column: String, _ patch: FieldPatch<Int64>) {
        switch patch {
        case .keep: break
        case .clear: set(column, Int64?.none)
        case .set(let value): set(column, value)
        }
    }

    /// The four columns of an uncertain date (`<prefix>_edtf`, `_earliest`, `_latest`, `_precision`).
    mutating func setDate(_ prefix: String, _ date: UncertainDate?) {
        set(prefix + "_edtf", date?.edtf)
        set(prefix + "_earliest", date?.earliestBound)
        set(prefix + "_latest", date?.latestBound)
        set(prefix + "_precision", date?.precision.rawValue, cast: "::text::date_precision")
    }

    mutating func setDate(_ prefix: String, _ patch: FieldPatch<UncertainDate>) {
        switch patch {
        case .keep: break
        case .clear: setDate(prefix, nil)
        case .set(let date): setDate(prefix, date)
        }
    }

    /// Validates the value of a `set`; one that validates to nothing (blank text) clears the
    /// field, as a blank option does when a record is made.
    static func text(_ patch: FieldPatch<String>, _ validate: (String) throws -> String?) throws -> FieldPatch<String> {
        switch patch {
        case .keep: return .keep
        case .clear: return .clear
        case .set(let value): return try validate(value).map { .set($0) } ?? .clear
        }
    }

    /// Parses the date of a `set`; blank text clears it.
    static func date(_ patch: FieldPatch<String>, field: String) throws -> FieldPatch<UncertainDate> {
        switch patch {
        case .keep: return .keep
        case .clear: return .clear
        case .set(let text):
            return InputValidation.trimmed(text).isEmpty ? .clear : .set(try UncertainDate(parsing: text, field: field))
        }
    }
}
