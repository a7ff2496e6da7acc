import LibPQClient
import ChanceryModel

extension HistoryEntry {
    /// The entry of a `history` row read with `id`, `at`, `changed_by`, `table_name`,
    /// `operation` and the `before` and `after` images as text; nil for an update that changed
    /// only bookkeeping columns, which says nothing a reader needs.
    init?(historyRow row: PostgresRow, subject: String? = nil) throws {
        let operation: String = try row.decode("operation")
        let changes = HistoryDiff.changes(before: try HistoryDiff.image(try row.decode("before")),
                                          after: try HistoryDiff.image(try row.decode("after")))
        if operation == "UPDATE" && changes.isEmpty { return nil }
        self.init(id: try row.decode("id"), at: try row.decode("at"), by: try row.decode("changed_by"),
                  table: try row.decode("table_name"), operation: operation, changes: changes, subject: subject)
    }
}
