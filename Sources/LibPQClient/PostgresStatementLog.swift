/// A statement as a connection sent it: its text and its bound parameters in text form.
public struct PostgresStatement: Sendable, Hashable {
    /// The SQL with `$n` placeholders.
    public let sql: String
    /// Each parameter's text form; nil for NULL.
    public let parameters: [String?]
    /// Each parameter's type OID (0: let the server infer it).
    public let typeOIDs: [UInt32]
}

/// Lets a caller see the statements a piece of work sends, for benchmarks that replay the same
/// SQL elsewhere and for debugging. Scoped to a task: only statements sent by the task that set
/// the observer (and its child tasks) are reported.
public enum PostgresStatementLog {
    /// Called with every statement `PostgresConnection.query` sends, before it is sent.
    @TaskLocal public static var observer: (@Sendable (PostgresStatement) -> Void)?
}
