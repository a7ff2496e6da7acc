import LibPQClient
import Synchronization

/// Hot standbys that serve reads, each through a pool of its own. A standby whose replay lags the
/// primary by more than `maximumLagSeconds`, or that stopped being a standby (promoted), or that
/// failed its last check, is skipped; a read bound to a commit position (``ReadYourWrites``)
/// waits up to `catchUpWait` for a standby to replay it. Whatever no standby can serve goes to
/// the primary, which is never wrong, only busier.
package final class StandbyReads: Sendable {
    package struct Settings: Sendable {
        /// Replay lag beyond which a standby is skipped.
        package var maximumLagSeconds = 5.0
        /// How long a read bound to a commit position waits for a standby to replay it.
        package var catchUpWait: Duration = .milliseconds(500)
        /// How often the standbys' replay positions are checked (while reads come).
        package var refreshInterval: Duration = .milliseconds(500)

        package init() {}
    }

    /// What a standby's last check found.
    fileprivate struct Check: Sendable {
        var replayed: PostgresLSN?
        /// nil: not usable (unreachable, or no longer a standby).
        var lagSeconds: Double?
    }

    final class Standby: Sendable {
        let name: String
        let pool: PostgresConnectionPool
        fileprivate let check = Mutex(Check())
        let reads = Atomic<Int>(0)

        init(name: String, pool: PostgresConnectionPool) {
            self.name = name
            self.pool = pool
        }
    }

    let standbys: [Standby]
    let settings: Settings
    /// Reads sent to the primary because no standby could serve them.
    private let primaryReads = Atomic<Int>(0)
    private let turn = Atomic<Int>(0)
    private let refreshing = Atomic<Bool>(false)
    private let lastRefresh = Mutex<ContinuousClock.Instant?>(nil)
    /// The primary's position at the last check that reached it: when the primary is away, a
    /// standby that replayed this far is as fresh as anyone can be.
    private let lastPrimaryPosition = Mutex<PostgresLSN?>(nil)

    init(pools: [PostgresConnectionPool], settings: Settings) {
        standbys = pools.enumerated().map { Standby(name: "standby-\($0.offset + 1)", pool: $0.element) }
        self.settings = settings
    }

    enum Outcome<T> {
        case served(T)
        /// No standby could serve the read: run it on the primary.
        case notServed
    }

    /// Runs `body` on a standby fresh enough for the task's ``ReadYourWrites/required`` position.
    func serve<T>(primary: PostgresConnectionPool, _ body: (PostgresConnection) async throws -> T) async throws -> Outcome<T> {
        await refreshIfDue(primary: primary)
        let required = ReadYourWrites.required?.lsn
        let usable: [(standby: Standby, replayed: PostgresLSN?)] = standbys.compactMap { standby in
            let check = standby.check.withLock { $0 }
            guard let lag = check.lagSeconds, lag <= settings.maximumLagSeconds else { return nil }
            return (standby, check.replayed)
        }
        guard !usable.isEmpty else { return .notServed }
        let start = UInt(bitPattern: turn.wrappingAdd(1, ordering: .relaxed).newValue)
        let rotated = (0..<usable.count).map { usable[Int((start &+ UInt($0)) % UInt(usable.count))] }
        // A standby known to have replayed the position serves at once; else the next one in turn waits for it.
        let ready = required.flatMap { required in rotated.first { ($0.replayed ?? PostgresLSN(offset: 0)) >= required } }
        let standby = (ready ?? rotated[0]).standby
        let mustWait = ready == nil ? required : nil
        do {
            let outcome = try await standby.pool.withConnection { connection -> Outcome<T> in
                if let mustWait, try await !Self.waitForReplay(of: mustWait, on: connection, limit: settings.catchUpWait) {
                    return .notServed
                }
                return .served(try await body(connection))
            }
            if case .served = outcome { standby.reads.add(1, ordering: .relaxed) }
            return outcome
        } catch let error as PostgresError where Self.standbyCannotServe(error) {
            // Unreachable, or replay cancelled the read: the primary answers, and the next check decides when to come back.
            standby.check.withLock { $0.lagSeconds = nil }
            return .notServed
        }
    }

    /// Whether an error says this standby cannot serve now, rather than that the read is wrong.
    private static func standbyCannotServe(_ error: PostgresError) -> Bool {
        if error.code == .connectionFailed || error.code == .connectionClosed { return true }
        guard let state = error.sqlState else { return false }
        // 08: connection exceptions; 40001: cancelled by a conflict with recovery; 57P0x: the server
        // shutting down; 42P01, 42703: a table or column the primary has and the standby has not
        // replayed yet (just after a migration). The primary answers; were the read wrong, it fails there too.
        return state.hasPrefix("08") || state == "40001" || state.hasPrefix("57P0") || state == "42P01" || state == "42703"
    }

    private static func waitForReplay(of position: PostgresLSN, on connection: PostgresConnection, limit: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while true {
            let caughtUp: Bool? = try await connection.query(
                "SELECT pg_last_wal_replay_lsn() >= \(position.description)::pg_lsn AS caught_up").rows.first?.decode("caught_up")
            if caughtUp == true { return true }
            if ContinuousClock.now >= deadline { return false }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// The first read checks the standbys before choosing; later ones trigger a check in the
    /// background when the last is older than the interval, and use none while the checks are
    /// much older than that (after a quiet spell), so nothing is chosen on old news.
    private func refreshIfDue(primary: PostgresConnectionPool) async {
        let now = ContinuousClock.now
        let last = lastRefresh.withLock { $0 }
        guard let last else {
            await refresh(primary: primary)
            return
        }
        guard now - last > settings.refreshInterval,
              refreshing.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        if now - last > settings.refreshInterval * 4 {
            for standby in standbys { standby.check.withLock { $0.lagSeconds = nil } }
        }
        Task.detached { [self] in
            await refresh(primary: primary)
            refreshing.store(false, ordering: .releasing)
        }
    }

    private func refresh(primary: PostgresConnectionPool) async {
        let current = try? await primary.withConnection { connection -> PostgresLSN? in
            let text: String? = try await connection.query("SELECT pg_current_wal_lsn()::text AS position").rows.first?.decode("position")
            return text.flatMap(PostgresLSN.init)
        }
        let primaryPosition = lastPrimaryPosition.withLock { last in
            if let current = current ?? nil { last = current }
            return last
        }
        await withTaskGroup(of: Void.self) { group in
            for standby in standbys {
                group.addTask { await Self.check(standby, against: primaryPosition) }
            }
        }
        lastRefresh.withLock { $0 = ContinuousClock.now }
    }

    /// A standby's lag: none when it has replayed what the primary had written when last asked,
    /// else the time since it last replayed a transaction (it has not caught up since).
    private static func check(_ standby: Standby, against primaryPosition: PostgresLSN?) async {
        let found = try? await standby.pool.withConnection { connection -> Check in
            guard let row = try await connection.query("""
                SELECT pg_is_in_recovery() AS in_recovery, pg_last_wal_replay_lsn()::text AS replayed,
                       extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS since_replay
                """).rows.first, try row.decode("in_recovery") as Bool else { return Check() }
            let replayed = (try row.decode("replayed") as String?).flatMap(PostgresLSN.init)
            if let replayed, let primaryPosition, replayed >= primaryPosition { return Check(replayed: replayed, lagSeconds: 0) }
            return Check(replayed: replayed, lagSeconds: try row.decode("since_replay") as Double? ?? .infinity)
        }
        standby.check.withLock { $0 = found ?? Check() }
    }

    /// Counts a read no standby could serve.
    func notePrimaryRead() { primaryReads.add(1, ordering: .relaxed) }

    /// Reads served by the primary and per standby, and each standby's replay lag, for the metrics.
    var report: (primaryReads: Int, standbys: [(name: String, reads: Int, lagSeconds: Double?)]) {
        (primaryReads.load(ordering: .relaxed),
         standbys.map { standby in (standby.name, standby.reads.load(ordering: .relaxed), standby.check.withLock { $0.lagSeconds }) })
    }

    func close() async {
        for standby in standbys { await standby.pool.close() }
    }
}
