import LibPQClient
import ChanceryModel
import Synchronization

/// Networks over the whole register, kept between requests while nothing they are read from has
/// changed: at a million letters a country network is 37,000 pairs, read once per change rather
/// than once per request.
///
/// Each network is kept with the server it was read from and the snapshot it was read in. Every
/// transaction that writes to what networks are computed from leaves its id in `network_change`
/// (schema.sql), so a kept network is still the register's while no id there is one the snapshot
/// does not see: one statement reading a few index entries asks that. Exact, however writers
/// interleave: a transaction still open when the network was read is outside its snapshot too.
final class KeptNetworks: Sendable {
    /// What a network over the whole register depends on.
    struct Key: Hashable {
        var level: NetworkLevel
        var includeCC: Bool
    }

    /// A network as one server's snapshot saw it.
    struct Reading: Sendable {
        /// The server's start, the database and the schema's copy of `network_change`: a restart,
        /// a restore, or another cluster behind the same address reads the network afresh,
        /// since transaction ids mean nothing across them.
        var server: String
        /// `pg_current_snapshot()` of the transaction that read the network.
        var snapshot: String
        var network: CorrespondenceNetwork
        /// When it was kept, in reads: the oldest is let go first.
        var keptAt = 0
    }

    /// Edges held at most, over all kept networks (about 40 bytes each, so some 16 MB): the
    /// networks kept longest are let go first, and a larger one (of actors, at millions of
    /// letters) is read for every request.
    static let defaultEdgeBudget = 400_000
    /// A primary and its standbys each answer from their own snapshots.
    static let serversPerKey = 4

    /// How often a kept network was served, and how often one was read to be kept.
    struct Tally: Equatable {
        var served = 0
        var read = 0
    }

    private struct State {
        var readings: [Key: [Reading]] = [:]
        var tally = Tally()

        var keptEdgeCount: Int { readings.values.joined().reduce(0) { $0 + $1.network.edges.count } }

        /// Lets go of the reading kept longest, other than the one kept at `keptAt`; returns it.
        mutating func releaseOldest(besides keptAt: Int) -> Reading? {
            var oldest: (key: Key, index: Int, keptAt: Int)?
            for (key, list) in readings {
                for (index, reading) in list.enumerated() where reading.keptAt != keptAt && reading.keptAt < (oldest?.keptAt ?? .max) {
                    oldest = (key, index, reading.keptAt)
                }
            }
            guard let oldest else { return nil }
            return readings[oldest.key]?.remove(at: oldest.index)
        }
    }

    private let state = Mutex(State())
    let edgeBudget: Int

    init(edgeBudget: Int = KeptNetworks.defaultEdgeBudget) { self.edgeBudget = edgeBudget }

    var tally: Tally { state.withLock { $0.tally } }

    func readings(for key: Key) -> [Reading] {
        state.withLock { $0.readings[key] ?? [] }
    }

    func noteServed() {
        state.withLock { $0.tally.served += 1 }
    }

    func keep(_ reading: Reading, for key: Key) {
        // What is let go is returned so that networks are freed outside the lock.
        let released = state.withLock { state -> [Reading] in
            state.tally.read += 1
            guard reading.network.edges.count <= edgeBudget else { return [] }
            var reading = reading
            reading.keptAt = state.tally.read
            let previous = state.readings[key] ?? []
            state.readings[key] = [reading] + previous.filter { $0.server != reading.server }.prefix(Self.serversPerKey - 1)
            var released = previous
            while state.keptEdgeCount > edgeBudget, let oldest = state.releaseOldest(besides: reading.keptAt) {
                released.append(oldest)
            }
            return released
        }
        _ = released
    }
}

/// Serves networks over the whole register from ``KeptNetworks`` when they are still current,
/// and reads and keeps them when not.
struct KeptNetworkReader {
    let kept: KeptNetworks
    let connection: PostgresConnection

    /// Which server, database and copy of the schema a session is talking to.
    private static let server: PostgresQuery = """
        pg_postmaster_start_time()::text || ' ' || (SELECT oid FROM pg_database WHERE datname = current_database())
            || ' ' || 'network_change'::regclass::oid
        """

    /// The kept network for `key` if one is current, else `read`'s, run in one snapshot and kept.
    func network(_ key: KeptNetworks.Key,
                 read: (PostgresConnection) async throws -> CorrespondenceNetwork) async throws -> CorrespondenceNetwork {
        let candidates = kept.readings(for: key)
        if let current = try await current(among: candidates) {
            kept.noteServed()
            return current.network
        }
        // Inside a caller's transaction the snapshot is not this reader's to choose.
        guard connection.transactionDepth == 0 else { return try await read(connection) }
        let reading = try await connection.withTransaction { transaction in
            // The snapshot must be the one every statement of `read` sees.
            try await transaction.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            let row = try await transaction.query("SELECT \(Self.server) AS server, pg_current_snapshot()::text AS snapshot").rows[0]
            return KeptNetworks.Reading(server: try row.decode("server"), snapshot: try row.decode("snapshot"),
                                        network: try await read(transaction))
        }
        kept.keep(reading, for: key)
        return reading.network
    }

    /// The first of `candidates` read from this server and in a snapshot that sees every change
    /// committed since.
    private func current(among candidates: [KeptNetworks.Reading]) async throws -> KeptNetworks.Reading? {
        guard !candidates.isEmpty else { return nil }
        let rows = try await connection.query(
            """
            SELECT c.position FROM unnest(\(candidates.map(\.server))::text[], \(candidates.map(\.snapshot))::text[])
                WITH ORDINALITY AS c(server, snapshot, position)
            WHERE c.server = \(Self.server)
              AND NOT EXISTS (SELECT FROM network_change w
                              WHERE w.txid >= pg_snapshot_xmin(c.snapshot::pg_snapshot)
                                AND NOT pg_visible_in_snapshot(w.txid, c.snapshot::pg_snapshot))
            ORDER BY c.position LIMIT 1
            """).rows
        guard let row = rows.first else { return nil }
        let position: Int = try row.decode("position")
        return candidates.indices.contains(position - 1) ? candidates[position - 1] : nil
    }
}
