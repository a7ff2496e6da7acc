import Synchronization

/// A statement as a connection sent it: its text and its bound parameters in text form.
public struct PostgresStatement: Sendable, Hashable {
    /// The SQL with `$n` placeholders.
    public let sql: String
    /// Each parameter's text form; nil for NULL.
    public let parameters: [String?]
    /// Each parameter's type OID (0: let the server infer it).
    public let typeOIDs: [UInt32]
    /// The first of statements sent in one round trip (`PostgresConnection.pipeline`).
    public var opensPipeline = false
    /// The last of statements sent in one round trip.
    public var closesPipeline = false
}

/// Lets a caller see the statements sent while a piece of work runs, for benchmarks that replay
/// the same SQL elsewhere and for debugging.
///
/// Process-wide rather than task-local: a task-local observer crashed when pushed in release
/// builds (Swift 6.3.1 on Linux), and what a benchmark observes runs one call at a time anyway.
public enum PostgresStatementLog {
    private static let current = Mutex<(@Sendable (PostgresStatement) -> Void)?>(nil)

    /// Runs `body` with `observer` called for every statement `PostgresConnection.query` sends,
    /// from any connection, before it is sent; the previous observer is restored afterwards.
    public static func observing<T>(_ observer: @escaping @Sendable (PostgresStatement) -> Void,
                                    isolation: isolated (any Actor)? = #isolation,
                                    during body: () async throws -> T) async rethrows -> T {
        let previous = current.withLock { current in
            defer { current = observer }
            return current
        }
        defer { current.withLock { $0 = previous } }
        return try await body()
    }

    static var observer: (@Sendable (PostgresStatement) -> Void)? {
        current.withLock { $0 }
    }
}
