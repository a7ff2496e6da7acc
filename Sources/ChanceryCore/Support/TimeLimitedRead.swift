import LibPQClient

extension PostgresConnection {
    /// Runs `body` in a transaction whose statements PostgreSQL cancels past `limit`; nil when it
    /// did. For counts a page can do without: a broad one in a large register would otherwise
    /// hold the page for as long as it takes.
    func withinTimeLimit<T>(_ limit: Duration, _ body: (PostgresConnection) async throws -> T) async throws -> T? {
        let milliseconds = String(max(1, Int(limit.components.seconds * 1000 + limit.components.attoseconds / 1_000_000_000_000_000)))
        do {
            return try await withTransaction { transaction in
                _ = try await transaction.query("SELECT set_config('statement_timeout', \(milliseconds), true)")
                return try await body(transaction)
            }
        } catch let error as PostgresError where error.sqlState == "57014" {
            return nil
        }
    }
}
