import LibPQClient

/// Refreshes the planner's statistics of tables an import has just filled, inside the import's
/// transaction (ANALYZE counts the transaction's own new rows).
///
/// Without it, what later statements plan on may say "empty": a new register, or one whose
/// rolled-back rows a vacuum removed (0 rows over thousands of pages, found by the kill -9
/// drill). The foreign-key checks of 109,506 participants then read the whole letter table once
/// each, and an import that takes 40 s ran for hours. Small imports skip it: a few rows plan well
/// on any statistics, and sampling a large register costs more than it saves.
struct StatisticsRefresh {
    let connection: PostgresConnection

    /// Rows written below which nothing is analyzed.
    static let threshold = 1000

    /// ANALYZE `tables` (fixed names from the import's code) when `written` rows are many.
    func afterWriting(_ written: Int, to tables: [String]) async throws {
        guard written >= Self.threshold else { return }
        for table in tables {
            try await connection.execute("ANALYZE \(unescaped: ImportedTable.checked(table))")
        }
    }
}

/// The tables an import may analyze, so no other name reaches the statement.
enum ImportedTable {
    static let names: Set<String> = ["actor", "actor_alias", "role_held", "membership", "event", "source",
                                     "letter", "letter_participant"]

    static func checked(_ name: String) -> String {
        precondition(names.contains(name), "\(name) is not a table an import writes")
        return name
    }
}
