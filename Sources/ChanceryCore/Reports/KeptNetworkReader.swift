import LibPQClient
import ChanceryModel

/// What a network over the whole register is computed from: `network_input` in schema.sql.
enum NetworkInput: String, CaseIterable {
    case actors
    case countries
    case countryPairs = "country pairs"
}

/// How a network over the whole register is read, and how a reading is brought up to date.
struct WholeRegisterNetwork {
    /// The inputs it is computed from.
    var inputs: [NetworkInput]
    /// Reads it whole, in the caller's snapshot.
    var read: (PostgresConnection) async throws -> CorrespondenceNetwork
    /// The inputs whose changes `update` follows: a reading with changes to others since its
    /// snapshot is read whole again.
    var followedInputs: [NetworkInput] = []
    /// The network read in the snapshot given, brought up to the caller's snapshot.
    var update: ((CorrespondenceNetwork, _ snapshot: String, PostgresConnection) async throws -> CorrespondenceNetwork)? = nil
}

/// Serves networks over the whole register from ``KeptNetworks`` when they are still current,
/// brings them up to date or reads them again when not, and keeps what it read.
struct KeptNetworkReader {
    let kept: KeptNetworks
    let connection: PostgresConnection

    /// Which server (since its last start and crash), database and copy of the schema a session
    /// is talking to.
    private static let server: PostgresQuery = """
        pg_postmaster_start_time()::text || ' ' || coalesce(pg_stat_get_bgwriter_stat_reset_time()::text, '')
            || ' ' || (SELECT oid FROM pg_database WHERE datname = current_database()) || ' ' || 'network_change'::regclass::oid
        """

    /// The kept network for `key` if one is current, else one brought up to date or read, in one
    /// snapshot, and kept.
    func network(_ key: KeptNetworks.Key, _ source: WholeRegisterNetwork) async throws -> CorrespondenceNetwork {
        // Inside a caller's transaction the snapshot is the caller's: a kept network may be newer.
        guard connection.transactionDepth == 0 else { return try await source.read(connection) }
        let (candidates, generation) = kept.readingsAndGeneration(for: key)
        var found = try await standing(of: candidates, source)
        if let found, found.current {
            kept.noteServed(found.reading, for: key)
            return found.reading.network
        }
        // One wait at most: a request that finds the reading it waited for out of date already
        // (a write committed meanwhile) reads or updates for itself.
        if try await kept.takeTurn(for: key, after: generation) == .lookAgain {
            found = try await standing(of: kept.readings(for: key), source)
            if let found, found.current {
                kept.noteServed(found.reading, for: key)
                return found.reading.network
            }
            return try await refresh(key, from: found?.reading, source)
        }
        defer { kept.finishReading(key) }
        return try await refresh(key, from: found?.reading, source)
    }

    /// Brings `base` (read on this server) up to date, or reads the network whole, in one
    /// snapshot, and keeps the result with that snapshot.
    private func refresh(_ key: KeptNetworks.Key, from base: KeptNetworks.Reading?,
                         _ source: WholeRegisterNetwork) async throws -> CorrespondenceNetwork {
        // `update` follows the changes since `base` unless one of another input committed since.
        // Asked in the snapshot it reads in: such a change may have committed since `base` was found.
        let followable = base != nil && source.update != nil ? base?.snapshot : nil
        let unfollowed = source.inputs.filter { !source.followedInputs.contains($0) }.map(\.rawValue)
        let (reading, updated) = try await connection.withTransaction { transaction in
            // The snapshot must be the one every statement below sees.
            try await transaction.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            let row = try await transaction.query(
                """
                SELECT \(Self.server) AS server,
                       CASE WHEN pg_is_in_recovery() THEN m.xmin || ':' || m.xmin || ':' ELSE t.snapshot::text END AS snapshot,
                       \(followable)::text IS NOT NULL
                       AND NOT EXISTS (SELECT FROM network_change w
                                       WHERE w.txid >= pg_snapshot_xmin(\(followable)::pg_snapshot)
                                         AND NOT pg_visible_in_snapshot(w.txid, \(followable)::pg_snapshot)
                                         AND w.input = ANY(\(unfollowed)::network_input[])) AS followed
                FROM (SELECT pg_current_snapshot() AS snapshot) AS t, LATERAL (SELECT pg_snapshot_xmin(t.snapshot)::text AS xmin) AS m
                """).rows[0]
            let server: String = try row.decode("server"), snapshot: String = try row.decode("snapshot")
            if let base, let update = source.update, try row.decode("followed", as: Bool.self) {
                let network = try await update(base.network, base.snapshot, transaction)
                return (KeptNetworks.Reading(server: server, snapshot: snapshot, network: network), true)
            }
            return (KeptNetworks.Reading(server: server, snapshot: snapshot, network: try await source.read(transaction)), false)
        }
        kept.keep(reading, for: key, updated: updated)
        return reading.network
    }

    /// This server's reading among `candidates` (one per server is kept), and whether its
    /// snapshot sees every change to `source`'s inputs committed since.
    private func standing(of candidates: [KeptNetworks.Reading],
                          _ source: WholeRegisterNetwork) async throws -> (reading: KeptNetworks.Reading, current: Bool)? {
        guard !candidates.isEmpty else { return nil }
        let rows = try await connection.query(
            """
            SELECT c.position,
                   NOT EXISTS (SELECT FROM network_change w
                               WHERE w.txid >= pg_snapshot_xmin(c.snapshot::pg_snapshot)
                                 AND NOT pg_visible_in_snapshot(w.txid, c.snapshot::pg_snapshot)
                                 AND w.input = ANY(\(source.inputs.map(\.rawValue))::network_input[])) AS current
            FROM unnest(\(candidates.map(\.server))::text[], \(candidates.map(\.snapshot))::text[])
                WITH ORDINALITY AS c(server, snapshot, position)
            WHERE c.server = (SELECT \(Self.server))
            ORDER BY c.position LIMIT 1
            """).rows
        guard let row = rows.first else { return nil }
        let position: Int = try row.decode("position")
        guard candidates.indices.contains(position - 1) else { return nil }
        return (candidates[position - 1], try row.decode("current"))
    }
}
