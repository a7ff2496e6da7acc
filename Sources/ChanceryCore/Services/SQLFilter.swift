import LibPQClient

/// Collects WHERE conditions, each a `PostgresQuery` carrying its own bound values, so a query
/// assembled from optional filters never carries a value in its text.
struct SQLFilter {
    private(set) var conditions: [PostgresQuery] = []

    /// Adds a condition: fixed SQL with the values it compares to interpolated.
    mutating func add(_ condition: PostgresQuery) {
        conditions.append(condition)
    }

    /// `(a) AND (b)`, or `true`: the conditions as one, for a statement that adds its own.
    var conjunction: PostgresQuery {
        conditions.isEmpty ? "true" : joined(separator: " AND ")
    }

    /// `WHERE a AND b`, or nothing.
    var whereClause: PostgresQuery {
        conditions.isEmpty ? "" : "WHERE " + joined(separator: "\n  AND ")
    }

    private func joined(separator: String) -> PostgresQuery {
        "\(conditions.map { "(\($0))" as PostgresQuery }, separator: separator)"
    }
}
