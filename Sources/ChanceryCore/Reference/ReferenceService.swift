public import ChanceryReference
import LibPQClient

/// Loads the reference data (states, former states, organizations, members, demonyms) into the
/// register, and again after an upgrade brings new data.
///
/// Additive and idempotent: actors are matched by ISO code, Wikidata id or name and what is
/// missing is added or filled in; nothing a user recorded is overwritten or removed. Each fact
/// applied is entered in `reference_applied`, so a reload adds only new facts and never brings
/// back what a user deleted or changed. A fact that contradicts a user's record is reported,
/// not forced. The history records the changes as made by `chancery reference`.
public struct ReferenceService: Sendable {
    let database: ChanceryDatabase

    /// An arbitrary constant naming the loader's lock among the server's advisory locks.
    private static let advisoryLockKey: Int64 = 0x4348_5245_4645_5245 // "CHREFERE"

    /// The name the history records for the loader's changes.
    public static let author = "chancery reference"

    public init(database: ChanceryDatabase) {
        self.database = database
    }

    /// Whether reference data has ever been applied to this register.
    public func isInstalled() async throws -> Bool {
        try await database.read { connection in
            try await connection.query("SELECT EXISTS (SELECT 1 FROM reference_applied) AS installed").rows[0].decode("installed")
        }
    }

    /// Applies `data` (by default the data this binary carries) in one transaction.
    public func apply(_ data: ReferenceData? = nil) async throws -> ReferenceReport {
        let data = try data ?? ReferenceData.bundled()
        return try await database.write { connection in
            // Two loads at once (two first commands on a new embedded register) would both add the
            // same states; the second waits and then finds them.
            try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.advisoryLockKey))")
            try await connection.execute("SELECT set_config('chancery.changed_by', \(Self.author), true)")
            try await ReferenceStaging(connection: connection).stage(data)
            return try await ReferenceMerge(connection: connection).merge()
        }
    }
}
