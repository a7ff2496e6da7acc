import LibPQClient

/// One statement over the register's kept counts and how its result reads: run alone, or with
/// the others of `stats` in one pipeline (`StatisticsService`), since none needs another's result.
struct CensusStatement<Value> {
    let query: PostgresQuery
    let read: (PostgresQueryResult) throws -> Value

    init(_ query: PostgresQuery, read: @escaping (PostgresQueryResult) throws -> Value) {
        self.query = query
        self.read = read
    }

    func run(on connection: PostgresConnection) async throws -> Value {
        try read(try await connection.query(query))
    }
}
