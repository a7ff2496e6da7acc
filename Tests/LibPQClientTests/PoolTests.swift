import Foundation
import LibPQClient
import Synchronization
import Testing
import TestSupport

/// Tracks how many leases are active at once.
private final class LeaseCounter: Sendable {
    private let state = Mutex((current: 0, maximum: 0, pids: Set<Int>()))

    func enter(pid: Int) {
        state.withLock { state in
            state.current += 1
            state.maximum = max(state.maximum, state.current)
            state.pids.insert(pid)
        }
    }

    func leave() { state.withLock { $0.current -= 1 } }
    var maximum: Int { state.withLock { $0.maximum } }
    var distinctBackends: Int { state.withLock { $0.pids.count } }
}

/// Records the order in which leases were granted.
private final class OrderLog: Sendable {
    private let state = Mutex<[Int]>([])
    func append(_ value: Int) { state.withLock { $0.append(value) } }
    var entries: [Int] { state.withLock { $0 } }
}

/// Polls until `condition` holds, so tests wait for pool states instead of guessing with sleeps.
private func eventually(_ condition: () -> Bool) async throws {
    for _ in 0..<500 where !condition() {
        try await Task.sleep(for: .milliseconds(10))
    }
    #expect(condition(), "condition not reached within 5 s")
}

@Suite struct PoolTests {
    @Test func respectsTheConnectionBound() async throws {
        try await TestDatabase.withScratchDatabase { configuration async throws in
            let pool = PostgresConnectionPool(configuration: configuration, maximumConnections: 2)
            let counter = LeaseCounter()
            let results = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        try await pool.withConnection { connection async throws in
                            let pid = try #require(try await connection.query("select pg_backend_pid() as pid").first)
                                .decode("pid", as: Int.self)
                            counter.enter(pid: pid)
                            defer { counter.leave() }
                            #expect(pool.openConnectionCount <= 2)
                            _ = try await connection.query("select pg_sleep(0.05)")
                            let backends = try #require(try await connection.query(
                                "select count(*) as n from pg_stat_activity where datname = current_database() and backend_type = 'client backend'"
                            ).first).decode("n", as: Int.self)
                            #expect(backends <= 2)
                            return index
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(results.sorted() == Array(0..<10))
            #expect(counter.maximum <= 2)
            #expect(counter.maximum >= 1)
            #expect(counter.distinctBackends <= 2)
            await pool.close()
        }
    }

    /// libpq blocks its calling thread; if that were a cooperative-pool thread (2 on this
    /// machine), queries would run one or two at a time. The server's own clock shows how many
    /// sleeps were in progress together, so this checks concurrency without asserting a duration.
    @Test func concurrentQueriesDoNotBlockEachOther() async throws {
        try await TestDatabase.withScratchDatabase { configuration async throws in
            let pool = PostgresConnectionPool(configuration: configuration, maximumConnections: 20)
            let windows = try await withThrowingTaskGroup(of: (Double, Double).self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            let row = try await connection.query(
                                """
                                SELECT extract(epoch FROM clock_timestamp())::float8 AS started, pg_sleep(1),
                                       extract(epoch FROM clock_timestamp())::float8 AS finished
                                """).rows[0]
                            return (try row.decode("started", as: Double.self), try row.decode("finished", as: Double.self))
                        }
                    }
                }
                return try await group.reduce(into: [(Double, Double)]()) { $0.append($1) }
            }
            let mostAtOnce = windows.map { window in windows.filter { $0.0 < window.1 && window.0 < $0.1 }.count }.max() ?? 0
            #expect(windows.count == 20)
            #expect(mostAtOnce >= 10)
            await pool.close()
        }
    }

    @Test func brokenConnectionsAreDiscarded() async throws {
        try await TestDatabase.withScratchDatabase { configuration async throws in
            let pool = PostgresConnectionPool(configuration: configuration, maximumConnections: 1)
            let first = try await pool.withConnection { connection async throws in
                let pid = connection.backendPID
                connection.close()
                return pid
            }
            let second = try await pool.withConnection { connection async throws in
                #expect(!connection.isClosed)
                return connection.backendPID
            }
            #expect(first != second)
            let third = try await pool.withConnection { $0.backendPID }
            #expect(third == second)
            #expect(pool.openConnectionCount == 1)
            await pool.close()
        }
    }

    @Test func bodyErrorsPropagateAndTheConnectionIsReused() async throws {
        struct Failure: Error {}
        try await TestDatabase.withScratchDatabase { configuration async throws in
            let pool = PostgresConnectionPool(configuration: configuration, maximumConnections: 1)
            await #expect(throws: Failure.self) { try await pool.withConnection { _ in throw Failure() } }
            let one = try await pool.withConnection { try await $0.scalar("select 1", as: Int.self) }
            #expect(one == 1)
            await pool.close()
        }
    }

    @Test func waitingIsCancellable() async throws {
        try await TestDatabase.withScratchDatabase { configuration async throws in
            let pool = PostgresConnectionPool(configuration: configuration, maximumConnections: 1)
            let release = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await pool.withConnection { _ in
                    for await _ in release.stream { break }
                }
            }
            try await eventually { pool.openConnectionCount == 1 }
            let waiter = Task { try await pool.withConnection { $0.backendPID } }
            try await eventually { pool.waitingCount == 1 }
            waiter.cancel()
            let outcome = await waiter.result
            #expect(throws: CancellationError.self) { try outcome.get() }
            release.continuation.yield()
            release.continuation.finish()
            try await holder.value
            #expect(pool.waitingCount == 0)
            #expect(try await pool.withConnection { $0.backendPID } != 0)
            await pool.close()
        }
    }

    @Test func closedPoolRefusesLeases() async throws {
        try await TestDatabase.withScratchDatabase { configuration async throws in
            let pool = PostgresConnectionPool(configuration: configuration, maximumConnections: 2)
            _ = try await pool.withConnection { $0.backendPID }
            await pool.close()
            #expect(pool.openConnectionCount == 0)
            let error = await #expect(throws: PostgresError.self) { try await pool.withConnection { $0.backendPID } }
            #expect(error?.code == .connectionClosed)
        }
    }

    @Test func leasesAreServedFirstInFirstOut() async throws {
        try await TestDatabase.withScratchDatabase { configuration async throws in
            let pool = PostgresConnectionPool(configuration: configuration, maximumConnections: 1)
            let order = OrderLog()
            let gate = AsyncStream<Void>.makeStream()
            let holder = Task { try await pool.withConnection { _ in for await _ in gate.stream { break } } }
            try await eventually { pool.openConnectionCount == 1 }
            var waiters: [Task<Void, any Error>] = []
            for index in 0..<5 {
                waiters.append(Task { try await pool.withConnection { _ in order.append(index) } })
                try await eventually { pool.waitingCount == index + 1 }
            }
            gate.continuation.yield()
            gate.continuation.finish()
            try await holder.value
            for waiter in waiters { try await waiter.value }
            #expect(order.entries == [0, 1, 2, 3, 4])
            await pool.close()
        }
    }
}
