import Foundation
import LibPQClient
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

    @Test("a dry run names the moment that bounds a revert; --revert-newer-up-to puts back only what it listed")
    func revertUpToTheCheck() async throws {
        try await ScratchDatabase.with(migrate: true, demo: true) { database in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-revert-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let export = folder.appendingPathComponent("export.jsonl").path
            #expect(try await database.run("export", "--format", "jsonl", "--output", export).status == 0)
            #expect(try await database.run("letter", "edit", "US-KH-2022-001", "--summary", "Edited before the check").status == 0)
            let check = try await database.run("import", export, "--dry-run")
            #expect(check.status == 0, "\(check)")
            let moment = try #require(check.stdout.firstMatch(of: #/--revert-newer-up-to (\S+) only what this check lists/#).map { String($0.1) },
                                      "\(check.stdout)")
            #expect(try await database.run("letter", "edit", "KH-US-2022-001", "--summary", "Edited after the check").status == 0)

            let alone = try await database.run("import", export, "--revert-newer-up-to", moment)
            #expect(alone.status == 64 && alone.stderr.contains("--revert-newer-up-to goes with --revert-newer"), "\(alone)")
            let malformed = try await database.run("import", export, "--revert-newer", "--revert-newer-up-to", "yesterday")
            #expect(malformed.status == 64 && malformed.stderr.contains("is no moment"), "\(malformed)")

            let reverted = try await database.run("import", export, "--revert-newer", "--revert-newer-up-to", moment)
            #expect(reverted.status == 0, "\(reverted)")
            #expect(reverted.stdout.contains("1 record(s) changed in the register since the export were put back"), "\(reverted.stdout)")
            #expect(reverted.stdout.contains("1 record(s) changed in the register since the export were left as the register has them"),
                    "\(reverted.stdout)")
            #expect(try await database.scalar("SELECT summary FROM letter WHERE ref = 'US-KH-2022-001'") != "Edited before the check")
            #expect(try await database.scalar("SELECT summary FROM letter WHERE ref = 'KH-US-2022-001'") == "Edited after the check")
        }
    }
}

extension RegisterIdentityCommandTests {
    @Test("records from another register's export show where they were first recorded; its stale copy of ours is kept, said")
    func originsShown() async throws {
        try await ScratchDatabase.with(migrate: true, demo: true) { first in
            try await ScratchDatabase.with(migrate: true) { second in
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-origins-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let firstID = try #require(try await first.scalar("SELECT id::text FROM register_identity"))
                let export = folder.appendingPathComponent("first.jsonl").path
                #expect(try await first.run("export", "--format", "jsonl", "--output", export).status == 0)
                #expect(try await second.run("import", export).status == 0)
                let event = try #require(try await second.scalar("SELECT ref FROM event ORDER BY ref LIMIT 1"))
                let shown = try await second.run("event", "show", event)
                #expect(shown.stdout.contains("Origin:       first recorded in register \(firstID) as \(event)"), "\(shown)")
                let invitations = try await second.run("invitation", "list")
                #expect(invitations.stdout.contains("first recorded in register \(firstID) as INV-"), "\(invitations)")
                let letter = try await second.run("letter", "show", "US-KH-2022-001")
                #expect(letter.stdout.contains("Origin:    first recorded in register \(firstID) as US-KH-2022-001"), "\(letter)")
                #expect(try await first.run("event", "show", event).stdout.contains("Origin:") == false)

                // The second register's copy, older than an edit made in the first, leaves it as it is.
                let copy = folder.appendingPathComponent("second.jsonl").path
                #expect(try await second.run("export", "--format", "jsonl", "--output", copy).status == 0)
                #expect(try await first.run("event", "edit", event, "--summary", "Edited in the first register").status == 0)
                let back = try await first.run("import", copy)
                #expect(back.status == 0, "\(back)")
                #expect((back.stdout + back.stderr).contains(
                    "event \(event) differs in this file, another register's copy of one first recorded here: it is kept"), "\(back)")
                #expect(try await first.run("event", "show", event).stdout.contains("Summary:      Edited in the first register"))
            }
        }
    }
}

extension RegisterIdentityCommandTests {
    @Test("two registers that both loaded the founding example exchange exports without adding its summit or invitation twice")
    func sameRecordsInBoth() async throws {
        try await ScratchDatabase.with(migrate: true, demo: true) { first in
            try await ScratchDatabase.with(migrate: true, demo: true) { second in
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-alike-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let counts: PostgresQuery = "SELECT (SELECT count(*) FROM event) || ' ' || (SELECT count(*) FROM invitation) || ' ' || (SELECT count(*) FROM letter)"
                let before = try await second.scalar(counts)
                let export = folder.appendingPathComponent("first.jsonl").path
                #expect(try await first.run("export", "--format", "jsonl", "--output", export).status == 0)
                let imported = try await second.run("import", export, "--json")
                #expect(imported.status == 0, "\(imported)")
                #expect(try await second.scalar(counts) == before, "\(imported.stdout)")
                #expect(!imported.stdout.contains("free ref"), "\(imported.stdout)")
            }
        }
    }
}
