import LibPQClient

/// Collects WHERE conditions and their bound parameters, numbering placeholders as it goes, so
/// a query assembled from optional filters never carries a value in its text.
struct SQLFilter {
    private(set) var conditions: [String] = []
    private(set) var parameters: [any PostgresEncodable] = []

    /// Binds a value and returns its placeholder (`$3`).
    mutating func bind(_ value: any PostgresEncodable) -> String {
        parameters.append(value)
        return "$" + String(parameters.count)
    }

    /// Adds a condition built from fixed SQL and placeholders from `bind`.
    package mutating func add(_ condition: String) {
        conditions.append(condition)
    }

    /// `WHERE a AND b`, or nothing.
    var whereClause: String {
        conditions.isEmpty ? "" : "WHERE " + conditions.map { "(" + $0 + ")" }.joined(separator: "\n  AND ")
    }
}
