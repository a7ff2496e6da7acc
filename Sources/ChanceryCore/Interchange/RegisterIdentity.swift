import ChanceryModel
import LibPQClient

/// This database's register id (`register_identity` in schema.sql), which exports carry so that
/// an import knows a file of its own register from another's.
enum RegisterIdentity {
    static func read(on connection: PostgresConnection) async throws -> String {
        guard let row = try await connection.query("SELECT id::text AS id FROM register_identity").rows.first else {
            // Only SQL run with the schema's triggers disabled removes it.
            throw ChanceryError(.unexpected, "this register has lost its id (the row of register_identity)",
                                hint: "Restore it from a backup, or give the register a new one with `chancery db migrate` "
                                    + "(its earlier exports then count as another register's).")
        }
        return try row.decode("id")
    }

    /// Gives a register that lost its id (its row removed with the schema's triggers disabled) a
    /// new one, returned; nil when it has one. Its earlier exports then count as another
    /// register's, which is what an import can still tell.
    static func giveIfLost(on connection: PostgresConnection) async throws -> String? {
        try await connection.query(
            "INSERT INTO register_identity SELECT WHERE NOT EXISTS (SELECT FROM register_identity) RETURNING id::text AS id")
            .rows.first?.decode("id")
    }

    /// The moment an export about to take its snapshot on `connection` stands for, as its header
    /// writes it (`RegisterID.moment(text:)`, UTC to the microsecond): every change the snapshot
    /// will not see is recorded in `history` at this moment or later. Read before the export's
    /// transaction begins: a change committed after the snapshot comes from a transaction then
    /// in progress, which started no earlier than the earliest writer seen here, or from one that
    /// starts after this read. (Writers of other databases on the server do not count.)
    static func exportMoment(on connection: PostgresConnection) async throws -> String {
        try await connection.query(
            """
            SELECT to_char(least(now(), (SELECT min(xact_start) FROM pg_stat_activity
                                          WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()
                                            AND datname = current_database()))
                           AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS moment
            """).rows[0].decode("moment")
    }

    /// SQL that holds for an import's staged record `rec` (a column or expression naming
    /// `stg_record.rec`) when its file is an export of this register: its refs name the letters,
    /// events and invitations stored under them, whatever it changes of them.
    static func fromOwnExport(rec: String) -> String {
        "(EXISTS (SELECT FROM stg_record own_r JOIN stg_file own_f USING (file_no) WHERE own_r.rec = \(rec) AND own_f.own_export))"
    }
}
