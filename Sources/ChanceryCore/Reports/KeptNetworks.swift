import LibPQClient
import ChanceryModel
import Synchronization

/// Networks over the whole register, kept between requests while nothing they are read from has
/// changed: at a million letters a country network is 37,000 pairs, read once rather than once
/// per request, and after a letter brought up to date from the pairs it counted
/// (``KeptNetworkReader``).
///
/// Each network is kept with the server it was read from and the snapshot it was read in. Every
/// transaction that writes to what networks are computed from leaves its id and what it changed
/// in `network_change` (schema.sql), so a kept network is still the register's while no id there
/// is one the snapshot does not see: one statement reading a few index entries asks that.
/// Exact, however writers interleave: a transaction still open when the network was read is
/// outside its snapshot too.
/// A hot standby's `pg_current_snapshot()` lists no transactions in progress (the standby keeps
/// them where the function does not look), so a network read there is kept with a snapshot that
/// sees nothing from its xmin on: any change at or after the oldest transaction still running
/// when it was read has it read again.
final class KeptNetworks: Sendable {
    /// What a network over the whole register depends on.
    struct Key: Hashable {
        var level: NetworkLevel
        var includeCC: Bool
    }

    /// A network as one server's snapshot saw it.
    struct Reading: Sendable {
        /// The server's start and last recovery from a crash, the database and the schema's copy
        /// of `network_change`: a restart, a crash (which may lose commits made with
        /// `synchronous_commit = off`, and reuse their ids), a restore, or another cluster behind
        /// the same address reads the network afresh, since transaction ids mean nothing across
        /// them. A crash keeps the start time; it resets the server's statistics, whose reset
        /// time tells it (a reset by hand just has networks read again).
        var server: String
        /// The snapshot of the transaction that read the network (see above for standbys).
        var snapshot: String
        var network: CorrespondenceNetwork
        /// When it was last kept or served: the one least recently used is let go first.
        var lastUsed = 0
    }

    /// Edges held at most, over all kept networks (about 40 bytes each, so some 16 MB, and their
    /// nodes): the networks least recently used are let go first, and a larger one (of actors,
    /// at millions of letters) is read for every request.
    static let defaultEdgeBudget = 400_000
    /// A primary and its standbys each answer from their own snapshots; with more standbys than
    /// this, their networks push each other out.
    static let serversPerKey = 4

    /// How often a kept network was served, how often one was read whole to be kept, and how
    /// often one was brought up to date from the changes since it was read.
    struct Tally: Equatable {
        var served = 0
        var read = 0
        var updated = 0
    }

    /// Whether a request reads a network to keep, or another one's reading came in meanwhile.
    enum Turn: Equatable {
        /// No reading is under way: this request reads, and calls ``finishReading(_:)``.
        case read
        /// Another request kept or finished a reading since `generation`: look again.
        case lookAgain
    }

    private struct State {
        var readings: [Key: [Reading]] = [:]
        /// Counts the readings kept or finished per key, so that a request can tell whether one
        /// came in after it looked.
        var generations: [Key: Int] = [:]
        /// Keys being read, and the requests waiting for that reading.
        var waiting: [Key: [Waiter]] = [:]
        /// Numbers the waiting requests, so that a cancelled one can be found and woken.
        var waitersSoFar = 0
        var tally = Tally()
        /// Counts keeps and serves, to order readings by their last use.
        var clock = 0

        var keptEdgeCount: Int { readings.values.joined().reduce(0) { $0 + $1.network.edges.count } }

        /// Lets go of the reading least recently used, other than the one used at `lastUsed`;
        /// returns it.
        mutating func releaseLeastRecentlyUsed(besides lastUsed: Int) -> Reading? {
            var oldest: (key: Key, index: Int, lastUsed: Int)?
            for (key, list) in readings {
                for (index, reading) in list.enumerated()
                where reading.lastUsed != lastUsed && reading.lastUsed < (oldest?.lastUsed ?? .max) {
                    oldest = (key, index, reading.lastUsed)
                }
            }
            guard let oldest else { return nil }
            return readings[oldest.key]?.remove(at: oldest.index)
        }
    }

    /// A request waiting for another's reading; woken with nil when it is cancelled.
    private struct Waiter {
        let number: Int
        let continuation: CheckedContinuation<Turn?, Never>
    }

    private let state = Mutex(State())
    let edgeBudget: Int

    init(edgeBudget: Int = KeptNetworks.defaultEdgeBudget) { self.edgeBudget = edgeBudget }

    var tally: Tally { state.withLock { $0.tally } }

    func readings(for key: Key) -> [Reading] {
        state.withLock { $0.readings[key] ?? [] }
    }

    /// The readings for `key`, and how many have been kept or finished for it.
    func readingsAndGeneration(for key: Key) -> (readings: [Reading], generation: Int) {
        state.withLock { ($0.readings[key] ?? [], $0.generations[key] ?? 0) }
    }

    /// Lets one request at a time read a network for `key`: after a change, a burst of requests
    /// reads it once (37,000 pairs at a million letters) instead of once each. The others wait
    /// for that reading and then check it as they would any kept one, since it may have begun
    /// before a change they must see. A waiting request that is cancelled (its client went away)
    /// stops waiting at once and throws `CancellationError`.
    func takeTurn(for key: Key, after generation: Int) async throws -> Turn {
        let number = state.withLock { state in
            state.waitersSoFar += 1
            return state.waitersSoFar
        }
        let turn = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Turn?, Never>) in
                let turn = state.withLock { state -> Turn?? in
                    if (state.generations[key] ?? 0) != generation { return .some(.lookAgain) }
                    if state.waiting[key] != nil {
                        // Checked under the lock the cancellation handler takes: a request
                        // cancelled before this line never waits, and one cancelled after it
                        // is found there.
                        if Task.isCancelled { return .some(nil) }
                        state.waiting[key]?.append(Waiter(number: number, continuation: continuation))
                        return nil
                    }
                    state.waiting[key] = []
                    return .some(.read)
                }
                if let turn { continuation.resume(returning: turn) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiting[key]?.firstIndex(where: { $0.number == number }) else { return nil }
                return state.waiting[key]?.remove(at: index)
            }
            waiter?.continuation.resume(returning: nil)
        }
        guard let turn else { throw CancellationError() }
        return turn
    }

    /// How many requests wait for a reading of `key`.
    func requestsWaiting(for key: Key) -> Int {
        state.withLock { $0.waiting[key]?.count ?? 0 }
    }

    /// Ends the reading a request began with ``takeTurn(for:after:)``, kept or failed, and wakes
    /// the requests waiting for it.
    func finishReading(_ key: Key) {
        let waiting = state.withLock { state -> [Waiter] in
            state.generations[key, default: 0] += 1
            return state.waiting.removeValue(forKey: key) ?? []
        }
        for request in waiting { request.continuation.resume(returning: .lookAgain) }
    }

    func noteServed(_ reading: Reading, for key: Key) {
        state.withLock { state in
            state.tally.served += 1
            state.clock += 1
            if let index = state.readings[key]?.firstIndex(where: { $0.server == reading.server && $0.snapshot == reading.snapshot }) {
                state.readings[key]?[index].lastUsed = state.clock
            }
        }
    }

    func keep(_ reading: Reading, for key: Key, updated: Bool = false) {
        // The readings replaced or let go are returned, so that networks are freed outside the lock.
        let released = state.withLock { state -> [Reading] in
            if updated { state.tally.updated += 1 } else { state.tally.read += 1 }
            state.generations[key, default: 0] += 1
            state.clock += 1
            let previous = state.readings[key] ?? []
            let others = previous.filter { $0.server != reading.server }
            // Too large to keep: this server's older reading is out of date, and goes too.
            guard reading.network.edges.count <= edgeBudget else {
                state.readings[key] = others
                return previous
            }
            var reading = reading
            reading.lastUsed = state.clock
            state.readings[key] = [reading] + others.prefix(Self.serversPerKey - 1)
            var released = previous
            while state.keptEdgeCount > edgeBudget, let oldest = state.releaseLeastRecentlyUsed(besides: reading.lastUsed) {
                released.append(oldest)
            }
            return released
        }
        _ = released
    }
}
