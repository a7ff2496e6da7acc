import Foundation
import LibPQClient
import Testing

/// `chancery db backup` and `db restore` end to end: the built binary, real databases, real
/// pg_dump and pg_restore. Each test needs a source and a target database, so it nests two
/// scratch databases (the suite's few tests hold at most two slots each).
@Suite("Backup and restore")
struct BackupRestoreTests {
    /// The schema version this checkout carries (schema.sql's `chancery-schema-version` line).
    static let schema: Int = {
        let schemaFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("schema.sql")
        let text = (try? String(contentsOf: schemaFile, encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.contains("chancery-schema-version:") } ?? ""
        return Int(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? -1
    }()

    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let cmif = testsFolder.appendingPathComponent("ChanceryInterchangeTests/Fixtures/cmif/example01_basic.xml").path
    static let schemaVersionOne = testsFolder.appendingPathComponent("ChanceryCoreTests/Fixtures/schema-v1.sql")

    /// A folder of its own for the test's files, removed afterwards.
    static func withFolder(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    /// The database's own tables, views and sequences, as `db restore` looks for them.
    static func relationCount(_ database: ScratchDatabase) async throws -> String? {
        try await database.scalar("""
            SELECT count(*)::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'v', 'S') AND n.nspname = 'public'
            """)
    }

    /// Every sequence's position, so a restore that lost them would show.
    static func sequences(_ database: ScratchDatabase) async throws -> String? {
        try await database.scalar("""
            SELECT string_agg(sequencename || '=' || coalesce(last_value::text, '-'), ',' ORDER BY sequencename)
            FROM pg_sequences WHERE schemaname = 'public'
            """)
    }

    @Test("a register restored into an empty database exports the same JSON Lines byte for byte; history and sequences survive")
    func roundTrip() async throws {
        try await Self.withFolder { folder in
            try await ScratchDatabase.with(demo: true) { source in
                #expect(try await source.run("import", Self.cmif).status == 0)
                let edited = try await source.run("letter", "edit", "US-KH-2022-001", "--summary", "Invites Hun Sen", "--add-cc", "Indonesia")
                #expect(edited.status == 0, "\(edited)")
                #expect(try await source.run("letter", "delete", "KH-US-2022-001").status == 0)
                let before = folder.appendingPathComponent("before.jsonl").path
                #expect(try await source.run("export", "--format", "jsonl", "--output", before).status == 0)
                let sourceHistory = try await source.run("letter", "history", "US-KH-2022-001", "--json")

                let backup = folder.appendingPathComponent("register.chancery-backup").path
                let written = try await source.run("db", "backup", backup)
                #expect(written.status == 0, "\(written)")
                #expect(written.stdout.contains("backup written to \(backup)") && written.stdout.contains("schema version \(Self.schema)"), "\(written)")
                let sourceCounts = try await source.counts()
                #expect(written.stdout.contains("\(sourceCounts["letter"] ?? -1) letters"), "\(written)")
                let attributes = try FileManager.default.attributesOfItem(atPath: backup)
                #expect((attributes[.posixPermissions] as? Int) == 0o600, "a backup holds password hashes: owner only")
                let header = String(decoding: try Data(contentsOf: URL(fileURLWithPath: backup)).prefix(400), as: UTF8.self)
                #expect(header.hasPrefix("CHANCERY-BACKUP 1\n{"), "\(header)")
                #expect(header.contains("\"schemaVersion\":\(Self.schema)") && header.contains("\"chanceryVersion\":\"0.5.0\""), "\(header)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["before.jsonl", "register.chancery-backup"],
                        "no temporary files are left behind")

                try await ScratchDatabase.with(migrate: false) { target in
                    let restored = try await target.run("db", "restore", backup)
                    #expect(restored.status == 0, "\(restored)")
                    #expect(restored.stdout.contains("restored \(sourceCounts["letter"] ?? -1) letters"), "\(restored)")
                    #expect(restored.stdout.contains("schema version \(Self.schema)"), "\(restored)")

                    let after = folder.appendingPathComponent("after.jsonl").path
                    #expect(try await target.run("export", "--format", "jsonl", "--output", after).status == 0)
                    let beforeText = try exportWithoutMoment(atPath: before)
                    #expect(beforeText.utf8.count > 1000)
                    #expect(try exportWithoutMoment(atPath: after) == beforeText, "the export after the restore differs")

                    #expect(try await target.counts() == sourceCounts, "history, deleted letters and every guarded table come back")
                    let targetHistory = try await target.run("letter", "history", "US-KH-2022-001", "--json")
                    #expect(targetHistory.stdout == sourceHistory.stdout && !targetHistory.stdout.isEmpty, "\(targetHistory)")
                    #expect(try await Self.sequences(target) == (try await Self.sequences(source)))
                    let gone = try await target.run("letter", "show", "KH-US-2022-001")
                    #expect(gone.status == 66, "a deleted letter stays deleted: \(gone)")

                    // The same new letter on both sides gets the same fresh reference: nothing collides.
                    let newLetter = ["letter", "add", "--from", "Joe Biden", "--to", "Hun Sen", "--date", "2022-06", "--subject", "After the restore"]
                    let onTarget = try await target.run(newLetter)
                    let onSource = try await source.run(newLetter)
                    #expect(onTarget.status == 0 && onSource.status == 0, "\(onTarget)\n\(onSource)")
                    #expect(onTarget.stdout == onSource.stdout, "\(onTarget)\n\(onSource)")
                    #expect(!beforeText.isEmpty && !beforeText
                        .contains("\"" + onTarget.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + "\""))
                }
                // A copy put to use beside the original gets an id of its own; its records are the same.
                try await ScratchDatabase.with(migrate: false) { copy in
                    let restored = try await copy.run("db", "restore", "--as-copy", backup)
                    #expect(restored.status == 0, "\(restored)")
                    #expect(restored.stdout.contains("an id of its own: the original's exports are another register's here"), "\(restored)")
                    let exported = folder.appendingPathComponent("copy.jsonl").path
                    #expect(try await copy.run("export", "--format", "jsonl", "--output", exported).status == 0)
                    let original = try String(contentsOfFile: before, encoding: .utf8).split(separator: "\n")
                    let copied = try String(contentsOfFile: exported, encoding: .utf8).split(separator: "\n")
                    #expect(copied.dropFirst() == original.dropFirst())
                    #expect(copied.first != original.first && copied.first?.contains(#""register":""#) == true, "\(copied.first ?? "")")
                }
            }
        }
    }

    @Test("restore refuses a database that is not empty, naming what it holds, and changes nothing")
    func nonEmptyTarget() async throws {
        try await Self.withFolder { folder in
            try await ScratchDatabase.with(demo: true) { source in
                let backup = folder.appendingPathComponent("register.chancery-backup").path
                #expect(try await source.run("db", "backup", backup).status == 0)
                let before = try await source.counts()
                let refused = try await source.run("db", "restore", backup)
                #expect(refused.status == 68, "\(refused)")
                #expect(refused.stderr.contains("is not empty: it holds a Chancery register (schema version \(Self.schema), \(before["letter"] ?? -1) letters)"),
                        "\(refused)")
                #expect(refused.stderr.contains("hint: Restore into a new, empty database") && refused.stderr.contains("Nothing was changed"))
                #expect(try await source.counts() == before)
            }
            try await ScratchDatabase.with(migrate: false) { target in
                let connection = try await PostgresConnection.connect(target.configuration)
                try await connection.execute("CREATE TABLE unrelated (id int)")
                connection.close()
                let backup = folder.appendingPathComponent("register.chancery-backup").path
                let refused = try await target.run("db", "restore", backup)
                #expect(refused.status == 68, "\(refused)")
                #expect(refused.stderr.contains("it has 1 tables, views or sequences (public.unrelated)"), "\(refused)")
                #expect(try await Self.relationCount(target) == "1")
            }
        }
    }

    @Test("restore refuses a missing file, a file that is no backup, a bare pg_dump archive, a truncated one, a newer schema and a damaged archive; nothing is written")
    func badFiles() async throws {
        try await Self.withFolder { folder in
            let backup = folder.appendingPathComponent("register.chancery-backup").path
            try await ScratchDatabase.with(demo: true) { source in
                let written = try await source.run("db", "backup", backup)
                #expect(written.status == 0, "\(written)")
            }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
            let lines = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
            func file(_ name: String, _ data: Data) throws -> String {
                let path = folder.appendingPathComponent(name).path
                try data.write(to: URL(fileURLWithPath: path))
                return path
            }
            var damaged = bytes
            for index in (damaged.count - 3000)..<(damaged.count - 2000) { damaged[index] ^= 0x5A }
            let newerManifest = String(decoding: lines[1], as: UTF8.self).replacingOccurrences(of: "\"schemaVersion\":\(Self.schema)", with: "\"schemaVersion\":99")
            let cases: [(path: String, status: Int32, message: String)] = [
                (folder.appendingPathComponent("absent").path, 66, "there is no file"),
                (folder.path, 65, "is a folder, not a backup file"),
                (try file("letters.jsonl", Data("{\"type\":\"chancery-dataset\",\"version\":1}\n".utf8)), 65, "is not a Chancery backup"),
                (try file("bare.dump", Data(lines[2])), 65, "is a bare pg_dump archive"),
                (try file("truncated", bytes.prefix(bytes.count - 100)), 65, "is incomplete or damaged"),
                (try file("newer", Data(lines[0]) + Data("\n".utf8) + Data(newerManifest.utf8) + Data("\n".utf8) + Data(lines[2])), 78,
                 "holds schema version 99, newer than this chancery's \(Self.schema)"),
            ]
            let damagedPath = try file("damaged", damaged)
            try await ScratchDatabase.with(migrate: false) { target in
                for (path, status, message) in cases {
                    let refused = try await target.run("db", "restore", path)
                    #expect(refused.status == status, "\(refused)")
                    #expect(refused.stderr.contains("error: (file) ") && refused.stderr.contains(message), "\(refused)")
                }
                #expect(try await Self.relationCount(target) == "0")

                // Damage inside the archive passes the header's checks; pg_restore's one transaction
                // then takes back whatever it had created.
                let failed = try await target.run("db", "restore", damagedPath)
                #expect(failed.status == 69 && failed.stderr.contains("pg_restore") && failed.stderr.contains("nothing was restored"), "\(failed)")
                #expect(try await Self.relationCount(target) == "0")
            }
        }
    }

    @Test("backup refuses to replace a file without --force, and an unknown PG_BIN; --force replaces it whole")
    func overwriting() async throws {
        try await Self.withFolder { folder in
            try await ScratchDatabase.with(demo: true) { source in
                let backup = folder.appendingPathComponent("register.chancery-backup").path
                try Data("precious\n".utf8).write(to: URL(fileURLWithPath: backup))
                let refused = try await source.run("db", "backup", backup)
                #expect(refused.status == 68, "\(refused)")
                #expect(refused.stderr.contains("already exists; nothing was written") && refused.stderr.contains("--force"), "\(refused)")
                #expect(try String(contentsOfFile: backup, encoding: .utf8) == "precious\n")

                var environment = source.environment
                environment["PG_BIN"] = folder.path
                let noPGDump = try await CLI.run(["db", "backup", backup, "--force"], environment: environment)
                #expect(noPGDump.status == 69 && noPGDump.stderr.contains("there is no pg_dump in that folder"), "\(noPGDump)")
                #expect(try String(contentsOfFile: backup, encoding: .utf8) == "precious\n")

                let replaced = try await source.run("db", "backup", backup, "--force")
                #expect(replaced.status == 0, "\(replaced)")
                #expect(try Data(contentsOf: URL(fileURLWithPath: backup)).starts(with: Data("CHANCERY-BACKUP 1\n".utf8)))
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["register.chancery-backup"])

                let intoFolder = try await source.run("db", "backup", folder.path, "--force")
                #expect(intoFolder.status == 65 && intoFolder.stderr.contains("is a folder"), "\(intoFolder)")
            }
        }
    }

    @Test("a backup of an older schema is restored and upgraded to this build's")
    func olderSchema() async throws {
        try await Self.withFolder { folder in
            let backup = folder.appendingPathComponent("version-1.chancery-backup").path
            try await ScratchDatabase.with(migrate: false) { source in
                let connection = try await PostgresConnection.connect(source.configuration)
                try await connection.executeScript(PostgresQuery(unsafeSQL: try String(contentsOf: Self.schemaVersionOne, encoding: .utf8)))
                try await connection.execute("INSERT INTO schema_version (version) VALUES (1)")
                connection.close()
                let written = try await source.run("db", "backup", backup)
                #expect(written.status == 0 && written.stdout.contains("schema version 1,"), "\(written)")
            }
            try await ScratchDatabase.with(migrate: false) { target in
                let restored = try await target.run("db", "restore", backup)
                #expect(restored.status == 0, "\(restored)")
                #expect(restored.stdout.contains("schema upgraded from version 1 to \(Self.schema)"), "\(restored)")
                let listed = try await target.run("letters", "--json")
                #expect(listed.status == 0, "the upgraded register is usable: \(listed)")
                #expect(try listed.jsonArray().isEmpty, "\(listed)")
            }
        }
    }

    @Test("a new embedded cluster is created and started for a restore; it backs up too, and a second restore into it is refused")
    func embeddedCluster() async throws {
        try await Self.withFolder { folder in
            let backup = folder.appendingPathComponent("register.chancery-backup").path
            let before = folder.appendingPathComponent("before.jsonl").path
            try await ScratchDatabase.with(demo: true) { source in
                #expect(try await source.run("import", Self.cmif).status == 0)
                #expect(try await source.run("export", "--format", "jsonl", "--output", before).status == 0)
                let written = try await source.run("db", "backup", backup)
                #expect(written.status == 0, "\(written)")
            }
            let embedded = try EmbeddedHome()
            do {
                let restored = try await embedded.run("db", "restore", backup)
                #expect(restored.status == 0, "\(restored)")
                let after = folder.appendingPathComponent("after.jsonl").path
                #expect(try await embedded.run("export", "--format", "jsonl", "--output", after).status == 0)
                #expect(try exportWithoutMoment(atPath: after) == (try exportWithoutMoment(atPath: before)))

                let again = try await embedded.run("db", "restore", backup)
                #expect(again.status == 68 && again.stderr.contains("it holds a Chancery register"), "\(again)")
                let second = folder.appendingPathComponent("embedded.chancery-backup").path
                let written = try await embedded.run("db", "backup", second)
                #expect(written.status == 0 && written.stdout.contains("database chancery"), "\(written)")
            } catch {
                await embedded.remove()
                throw error
            }
            await embedded.remove()
        }
    }

    /// The CLI's environment for `database` through PGHOST, PGPORT, PGUSER and PGDATABASE alone.
    static func libpqEnvironment(_ database: ScratchDatabase) throws -> [String: String] {
        var environment = CLI.neutralEnvironment
        for option in try database.configuration.parsedOptions() where option.keyword == "dbname" {
            environment["PGDATABASE"] = option.value
        }
        let mine = ProcessInfo.processInfo.environment
        environment["PGHOST"] = mine["PGHOST"] ?? "/var/run/postgresql"
        for variable in ["PGPORT", "PGUSER", "PGPASSWORD"] { environment[variable] = mine[variable] }
        return environment
    }

    @Test("with PG* variables instead of DATABASE_URL, backup and restore reach the databases they name")
    func libpqVariables() async throws {
        try await Self.withFolder { folder in
            let backup = folder.appendingPathComponent("register.chancery-backup").path
            try await ScratchDatabase.with(demo: true) { source in
                let written = try await CLI.run(["db", "backup", backup], environment: try Self.libpqEnvironment(source))
                #expect(written.status == 0, "\(written)")
                try await ScratchDatabase.with(migrate: false) { target in
                    let restored = try await CLI.run(["db", "restore", backup], environment: try Self.libpqEnvironment(target))
                    #expect(restored.status == 0, "\(restored)")
                    #expect(try await target.counts() == (try await source.counts()))
                }
            }
        }
    }
}
