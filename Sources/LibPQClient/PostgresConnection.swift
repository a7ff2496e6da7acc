import CLibPQ
import Dispatch
import Foundation
import Synchronization

/// One PostgreSQL session over libpq.
///
/// libpq calls block, so every call runs on this connection's own serial DispatchQueue: directly
/// when the caller already runs there (the pool prefers the connection's `executor` for the work
/// it leases the connection to), otherwise the caller suspends on a checked continuation
/// meanwhile. Either way the cooperative thread pool never blocks.
/// One task uses a connection at a time (the pool enforces this); the type is nonetheless safe to
/// share because all mutable state sits behind a Mutex and libpq work is serialised on the queue.
public final class PostgresConnection: Sendable {
    struct State {
        var handle: PGConnHandle?
        var cancel: PGCancelHandle?
        var broken = false
        var transactionDepth = 0
        var transactionStatus = TransactionStatus.idle
        var nextOperation: UInt64 = 0
        var runningOperation: UInt64?
        var cancelledOperation: UInt64?
    }

    /// PQtransactionStatus, mirrored after each operation so callers can read it without touching libpq.
    enum TransactionStatus: Sendable {
        case idle, active, inTransaction, inError, unknown

        init(_ status: PGTransactionStatusType) {
            switch status {
            case PQTRANS_IDLE: self = .idle
            case PQTRANS_ACTIVE: self = .active
            case PQTRANS_INTRANS: self = .inTransaction
            case PQTRANS_INERROR: self = .inError
            default: self = .unknown
            }
        }
    }

    let state: Mutex<State>
    /// The connection's thread, as a task executor.
    public var executor: any TaskExecutor { connectionExecutor }
    private let connectionExecutor: ConnectionExecutor
    private var queue: DispatchQueue { connectionExecutor.queue }

    /// Statements this session has prepared; nil when the configuration turned preparing off.
    let preparedStatements: PreparedStatementCache?

    private init(handle: PGConnHandle, executor: ConnectionExecutor, preparesStatements: Bool) {
        self.connectionExecutor = executor
        self.preparedStatements = preparesStatements ? PreparedStatementCache() : nil
        self.state = Mutex(State(handle: handle, cancel: PQgetCancel(handle.raw).map(PGCancelHandle.init)))
    }

    deinit {
        // No operation can be pending: each one holds a reference to self until it finishes.
        let (handle, cancel) = state.withLock { ($0.handle, $0.cancel) }
        if let cancel { PQfreeCancel(cancel.raw) }
        if let handle { PQfinish(handle.raw) }
    }

    /// Opens a session and pins DateStyle=ISO, MDY, TimeZone=UTC and client_encoding=UTF8 so that
    /// value decoding does not depend on server or role defaults.
    public static func connect(_ configuration: PostgresConfiguration) async throws -> PostgresConnection {
        // Parsing first turns a malformed conninfo into .invalidConfiguration rather than a connection error.
        _ = try configuration.parsedOptions()
        let executor = ConnectionExecutor(label: "libpqclient.connection")
        let handle: PGConnHandle = try await withCheckedThrowingContinuation { continuation in
            executor.queue.async {
                continuation.resume(with: Result { try openSession(configuration.conninfo) })
            }
        }
        return PostgresConnection(handle: handle, executor: executor, preparesStatements: configuration.preparesStatements)
    }

    private static func openSession(_ conninfo: String) throws -> PGConnHandle {
        guard let conn = PQconnectdb(conninfo) else {
            throw PostgresError(code: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let error = connectionFailure(conn)
            PQfinish(conn)
            throw error
        }
        // Without this libpq prints NOTICEs and WARNINGs to stderr, which would pollute CLI output.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        do {
            guard PQsetClientEncoding(conn, "UTF8") == 0 else {
                throw PostgresError(code: .connectionFailed, message: "could not set client_encoding to UTF8: \(LibPQ.errorMessage(conn))")
            }
            _ = try LibPQ.executeSimple(conn, "SET DateStyle = 'ISO, MDY'; SET TimeZone = 'UTC'")
        } catch {
            PQfinish(conn)
            throw error
        }
        return PGConnHandle(raw: conn)
    }

    /// Names the socket or host:port libpq tried, since libpq's own text can be terse about defaults.
    private static func connectionFailure(_ conn: OpaquePointer) -> PostgresError {
        let host = PQhost(conn).map { String(cString: $0) } ?? ""
        let port = PQport(conn).map { String(cString: $0) } ?? ""
        let portText = port.isEmpty ? "5432" : port
        let target: String
        if host.isEmpty {
            target = "the default socket (port \(portText))"
        } else if host.hasPrefix("/") || host.hasPrefix("@") {
            target = "socket \(host)/.s.PGSQL.\(portText)"
        } else {
            target = "host \(host):\(portText)"
        }
        let lines = LibPQ.errorMessage(conn)
            .split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        var reason = lines.first ?? "unknown error"
        if let failed = reason.range(of: "failed: ") { reason = String(reason[failed.upperBound...]) }
        let rest = lines.dropFirst().joined(separator: " ")
        return PostgresError(
            code: .connectionFailed,
            message: "could not connect to \(target): \(reason)",
            hint: rest.isEmpty ? nil : rest,
            severity: "FATAL",
            connectionTarget: target
        )
    }

    /// Runs `work` on the connection's queue. A cancellable operation asks the server to cancel the
    /// running statement (PQcancel) when the calling task is cancelled.
    func withHandle<T: Sendable>(
        cancellable: Bool,
        _ work: @escaping @Sendable (OpaquePointer) throws -> T
    ) async throws -> T {
        let operation = state.withLock { state -> UInt64 in
            state.nextOperation &+= 1
            return state.nextOperation
        }
        let run = { () async throws -> T in
            if self.connectionExecutor.isCurrent { return try self.perform(operation, work).get() }
            return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                self.queue.async {
                    continuation.resume(with: self.perform(operation, work))
                }
            }
        }
        guard cancellable else { return try await run() }
        return try await withTaskCancellationHandler(operation: run) {
            self.requestCancel(of: operation)
        }
    }

    private func perform<T>(_ operation: UInt64, _ work: (OpaquePointer) throws -> T) -> Result<T, any Error> {
        let start = state.withLock { state -> Result<PGConnHandle, any Error> in
            guard let handle = state.handle else { return .failure(PostgresError.closed()) }
            if state.cancelledOperation == operation { return .failure(CancellationError()) }
            state.runningOperation = operation
            return .success(handle)
        }
        let handle: PGConnHandle
        switch start {
        case let .success(started): handle = started
        case let .failure(error): return .failure(error)
        }
        let result = Result { try work(handle.raw) }
        let broken = PQstatus(handle.raw) == CONNECTION_BAD
        let transactionStatus = TransactionStatus(PQtransactionStatus(handle.raw))
        state.withLock { state in
            state.runningOperation = nil
            if broken { state.broken = true }
            state.transactionStatus = transactionStatus
        }
        return result
    }

    private func requestCancel(of operation: UInt64) {
        // PQcancel opens a network connection, so it runs off the cancelling task's thread.
        DispatchQueue.global().async {
            self.state.withLock { state in
                guard state.runningOperation == operation else {
                    // Not started yet: perform() will see this and not run it at all.
                    state.cancelledOperation = operation
                    return
                }
                guard let cancel = state.cancel else { return }
                var buffer = [CChar](repeating: 0, count: 256)
                _ = PQcancel(cancel.raw, &buffer, Int32(buffer.count))
            }
        }
    }

    /// Runs one statement and returns all rows. Its values travel as bound parameters, never in the
    /// SQL text (see `PostgresQuery`).
    public func query(_ query: PostgresQuery) async throws -> PostgresQueryResult {
        let sql = query.sql
        let bound = try BoundParameters(query.binds)
        if let observer = PostgresStatementLog.observer {
            observer(PostgresStatement(sql: sql, parameters: bound.texts, typeOIDs: bound.typeOIDs))
        }
        // An unnamed statement is planned with its values each time it runs.
        let cache = query.plansForEachValue ? nil : preparedStatements
        return try await withHandle(cancellable: true) { conn in
            guard let cache, !bound.typeOIDs.isEmpty else { return try LibPQ.execute(conn, sql, bound) }
            return try LibPQ.executePrepared(conn, sql, bound, cache: cache)
        }
    }

    /// Runs one statement; returns the affected-row count (PQcmdTuples, 0 when none).
    @discardableResult
    public func execute(_ query: PostgresQuery) async throws -> Int {
        try await self.query(query).affectedRows
    }

    /// Runs a multi-statement script through the simple query protocol (PQexec): for schema files.
    /// A script takes no parameters: it is text the caller vouches for, `PostgresQuery(unsafeSQL:)`
    /// or a literal; one with interpolated values is refused with `.invalidParameter`.
    public func executeScript(_ script: PostgresQuery) async throws {
        let sql = try script.parameterlessSQL(for: "a script")
        _ = try await withHandle(cancellable: true) { conn in
            try LibPQ.executeSimple(conn, sql)
        }
    }

    /// PQescapeIdentifier: `identifier` double-quoted with embedded quotes doubled, for the few places
    /// (DDL, COPY) where a name cannot be a bound parameter.
    public func escapeIdentifier(_ identifier: String) throws -> String {
        if identifier.utf8.contains(0) {
            throw PostgresError(code: .invalidParameter, message: "an identifier cannot contain a NUL byte")
        }
        // Holding the lock keeps close() from handing the PGconn to PQfinish during the call.
        return try state.withLock { state -> String in
            guard let handle = state.handle else { throw PostgresError.closed() }
            let escaped = identifier.withCString { PQescapeIdentifier(handle.raw, $0, strlen($0)) }
            guard let escaped else {
                throw PostgresError(code: .invalidParameter, message: "could not escape identifier: \(LibPQ.errorMessage(handle.raw))")
            }
            defer { PQfreemem(escaped) }
            return String(cString: escaped)
        }
    }

    /// True after close() or once libpq reports the connection broken (PQstatus is CONNECTION_BAD).
    public var isClosed: Bool {
        state.withLock { $0.handle == nil || $0.broken }
    }

    /// True while a transaction (or a failed one awaiting rollback) is open on the session.
    public var isInTransaction: Bool {
        state.withLock { $0.transactionStatus == .inTransaction || $0.transactionStatus == .inError }
    }

    /// The server process ID serving this session (PQbackendPID), 0 once closed.
    public var backendPID: Int {
        state.withLock { state in state.handle.map { Int(PQbackendPID($0.raw)) } ?? 0 }
    }

    /// Ends the session. Idempotent; a statement already running finishes first, later ones throw
    /// .connectionClosed.
    public func close() {
        let (handle, cancel) = state.withLock { state in
            defer { state.handle = nil; state.cancel = nil }
            return (state.handle, state.cancel)
        }
        guard let handle else { return }
        // On the queue, so PQfinish cannot run while an earlier operation still uses the PGconn.
        queue.async {
            if let cancel { PQfreeCancel(cancel.raw) }
            PQfinish(handle.raw)
        }
    }
}
