import LibPQClient

extension PostgresConnection {
    /// The first column of the first row, for tests that check one value.
    func scalar<T: PostgresDecodable>(_ sql: String, _ parameters: [any PostgresEncodable] = [], as type: T.Type = T.self) async throws -> T {
        guard let row = try await query(sql, parameters).first else {
            throw PostgresError(code: .columnNotFound, message: "no rows")
        }
        return try row.decode(column: 0, as: T.self)
    }
}
