import Foundation
import Testing

/// The register's id, which exports carry, from the command line.
@Suite("Register id")
struct RegisterIdentityCommandTests {
    @Test("a register that lost its id refuses to export saying so; db migrate gives it a new one and says so")
    func lostIdentity() async throws {
        try await ScratchDatabase.with(migrate: true) { database in
            let before = try #require(try await database.scalar("SELECT id::text FROM register_identity"))
            // Only SQL run past the schema's triggers removes it.
            _ = try await database.scalar("ALTER TABLE register_identity DISABLE TRIGGER register_identity_kept")
            _ = try await database.scalar("DELETE FROM register_identity")
            _ = try await database.scalar("ALTER TABLE register_identity ENABLE TRIGGER register_identity_kept")

            let refused = try await database.run("export", "--format", "jsonl")
            #expect(refused.status != 0 && refused.stderr.contains("lost its id"), "\(refused)")

            let migrated = try await database.run("db", "migrate", "--no-reference")
            #expect(migrated.status == 0, "\(migrated)")
            let after = try #require(try await database.scalar("SELECT id::text FROM register_identity"))
            #expect(after != before)
            #expect(migrated.stdout.contains("the register had lost its id; it is now \(after): exports made before count as another register's"),
                    "\(migrated)")
            let again = try await database.run("db", "migrate", "--no-reference")
            #expect(again.status == 0 && !again.stdout.contains("lost its id"), "\(again)")
            let exported = try await database.run("export", "--format", "jsonl")
            #expect(exported.status == 0 && exported.stdout.hasPrefix(#"{"type":"chancery-dataset","version":1,"register":"\#(after)""#), "\(exported.stdout.prefix(200))")
        }
    }
}
