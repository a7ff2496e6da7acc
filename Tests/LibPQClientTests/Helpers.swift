import LibPQClient

extension PostgresConnection {
    /// The first column of the first row, for tests that check one value.
    func scalar<T: PostgresDecodable>(_ statement: PostgresQuery, as type: T.Type = T.self) async throws -> T {
        guard let row = try await query(statement).first else {
            throw PostgresError(code: .columnNotFound, message: "no rows")
        }
        return try row.decode(column: 0, as: T.self)
    }
}
