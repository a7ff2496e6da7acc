import CLibPQ
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bounded set of connections shared by many tasks, each leased to one task at a time.
///
/// Waiters are served first-in first-out; a waiting task that is cancelled leaves the queue with
/// CancellationError. Connections that broke (or were left inside a transaction) are discarded
/// instead of being handed to the next task, and so are idle ones the server ended meanwhile (a
/// restart, pg_terminate_backend): the task then gets a new connection.
public final class PostgresConnectionPool: Sendable {
    private enum Grant: Sendable {
        /// An idle connection handed over directly.
        case connection(PostgresConnection)
        /// Permission to open a new connection (a free slot).
        case slot
    }

    private enum Enqueued {
        case queued, poolClosed, cancelled
    }

    private struct Waiter: Sendable {
        let id: UInt64
        let continuation: CheckedContinuation<Grant, any Error>
    }

    private struct State {
        var idle: [PostgresConnection] = []
        /// Connections leased out plus slots granted for connections being opened.
        var inUse = 0
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var isClosed = false
    }

    /// Where connections are opened.
    public let configuration: PostgresConfiguration
    /// The most connections open at once.
    public let maximumConnections: Int
    private let state = Mutex(State())

    /// Creates an empty pool; connections are opened lazily, up to `maximumConnections` (at least 1).
    public init(configuration: PostgresConfiguration, maximumConnections: Int = 8) {
        self.configuration = configuration
        self.maximumConnections = max(1, maximumConnections)
    }

    deinit {
        let idle = state.withLock { $0.idle }
        idle.forEach { $0.close() }
    }

    /// Leases a connection for the body, waiting (FIFO, cancellation-aware) when all `maximumConnections`
    /// are busy; broken connections (isClosed) are discarded, not returned to the pool; the connection
    /// must not escape the closure.
    @discardableResult
    public func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await lease()
        let value: T
        do {
            // Work between statements runs on the connection's thread, so statements need no
            // hand-off between threads (see ConnectionExecutor).
            value = try await withTaskExecutorPreference(connection.executor) { try await body(connection) }
        } catch {
            giveBack(connection)
            throw error
        }
        giveBack(connection)
        return value
    }

    /// Closes idle connections; later leases throw .connectionClosed. Leased connections are closed
    /// when their bodies finish.
    public func close() async {
        let (idle, waiters) = state.withLock { state in
            state.isClosed = true
            defer { state.idle = []; state.waiters = [] }
            return (state.idle, state.waiters)
        }
        idle.forEach { $0.close() }
        for waiter in waiters {
            waiter.continuation.resume(throwing: PostgresError.closed("the connection pool is closed"))
        }
    }

    /// Idle plus leased connections right now (for diagnostics and tests).
    public var openConnectionCount: Int {
        state.withLock { $0.idle.count + $0.inUse }
    }

    /// Tasks currently waiting for a lease (for diagnostics and tests).
    public var waitingCount: Int {
        state.withLock { $0.waiters.count }
    }

    private enum Decision {
        case use(PostgresConnection)
        case open
        case wait
        case closed
    }

    private func lease() async throws -> PostgresConnection {
        let decision = state.withLock { state -> Decision in
            if state.isClosed { return .closed }
            // FIFO: a newcomer may not overtake tasks already waiting.
            if state.waiters.isEmpty {
                if let connection = state.idle.popLast() {
                    state.inUse += 1
                    return .use(connection)
                }
                if state.inUse < maximumConnections {
                    state.inUse += 1
                    return .open
                }
            }
            return .wait
        }
        switch decision {
        case let .use(connection):
            // A session the server ended while it sat idle (PostgreSQL restarted, an administrator
            // terminated it) would fail the caller's first statement although a new connection
            // would succeed: open one in its slot instead.
            guard connection.wasEndedWhileIdle() else { return connection }
            connection.close()
            return try await open()
        case .open: return try await open()
        case .closed: throw PostgresError.closed("the connection pool is closed")
        case .wait:
            switch try await waitForGrant() {
            case let .connection(connection): return connection
            case .slot: return try await open()
            }
        }
    }

    private func waitForGrant() async throws -> Grant {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiterID &+= 1
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Grant, any Error>) in
                let outcome = state.withLock { state -> Enqueued in
                    if state.isClosed { return .poolClosed }
                    // Checked under the lock that onCancel also takes, so a cancel cannot slip between.
                    if Task.isCancelled { return .cancelled }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return .queued
                }
                switch outcome {
                case .queued: break
                case .poolClosed: continuation.resume(throwing: PostgresError.closed("the connection pool is closed"))
                case .cancelled: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Opens a connection in a slot already counted in `inUse`; on failure frees the slot.
    private func open() async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration)
        } catch {
            releaseSlot()
            throw error
        }
    }

    private func giveBack(_ connection: PostgresConnection) {
        // A session left inside a transaction would leak its state into the next lease: discard it.
        let reusable = !connection.isClosed && !connection.isInTransaction
        let (waiter, mustClose) = state.withLock { state -> (Waiter?, Bool) in
            if reusable && !state.isClosed {
                if !state.waiters.isEmpty {
                    return (state.waiters.removeFirst(), false)   // keeps the slot: the connection changes hands
                }
                state.idle.append(connection)
                state.inUse -= 1
                return (nil, false)
            }
            state.inUse -= 1
            guard !state.isClosed, !state.waiters.isEmpty else { return (nil, true) }
            state.inUse += 1
            return (state.waiters.removeFirst(), true)
        }
        if mustClose { connection.close() }
        guard let waiter else { return }
        waiter.continuation.resume(returning: mustClose ? .slot : .connection(connection))
    }

    private func releaseSlot() {
        let waiter = state.withLock { state -> Waiter? in
            state.inUse -= 1
            guard !state.isClosed, !state.waiters.isEmpty else { return nil }
            state.inUse += 1
            return state.waiters.removeFirst()
        }
        waiter?.continuation.resume(returning: .slot)
    }
}

extension PostgresConnection {
    /// Whether the server ended this idle session. Nothing arrives on the socket of an idle session
    /// (this client has no LISTEN) except when the server ends it: a FATAL message (a restart,
    /// pg_terminate_backend, idle_session_timeout), then end of stream. So anything readable
    /// means the session is gone or going; the rare false alarm costs one reconnection. A socket
    /// with nothing to read, the usual case, costs one poll(2) with no wait, made on the caller's
    /// thread: handing it to the connection's thread cost two thread switches per lease.
    func wasEndedWhileIdle() -> Bool {
        // Under the state lock, so a concurrent close cannot free the handle meanwhile; the
        // connection is idle, so no statement of its own is running on it.
        state.withLock { state in
            guard !state.broken, let conn = state.handle?.raw, PQstatus(conn) == CONNECTION_OK else { return true }
            let socket = PQsocket(conn)
            guard socket >= 0 else { return true }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            // A failed poll tells nothing: let the caller's statement find out.
            return poll(&descriptor, 1, 0) > 0
        }
    }
}
