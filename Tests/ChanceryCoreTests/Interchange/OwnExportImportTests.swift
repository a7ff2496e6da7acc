@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import LibPQClient
import TestFiles
import Testing

/// Exports carry their register's id: a file this register exported names its own letters,
/// events and invitations by their refs, so a record there corrects the one under its ref
/// whatever it changes (date, subject and correspondents together), and an older export given
/// back reverts edits made since. Another register's file under the same refs is still another's.
@Suite("Records of the register's own export")
struct OwnExportImportTests {
    static let records = ForeignReferenceImportTests.people + [
        #"{"type":"event","ref":"EV-T-1","name":"Synod of 1700","kind":"other","date":"1700-09"}"#,
        ForeignReferenceImportTests.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "Anna to Bob").dropLast() + #","events":["EV-T-1"]}"#,
        #"{"type":"invitation","ref":"INV-T-1","from":{"name":"Anna"},"invitees":["Bob"],"event":"EV-T-1","letter":"XX-XX-1700-001"}"#,
    ]

    static func registerID(_ database: ChanceryDatabase) async throws -> String {
        try await database.read { try await RegisterIdentity.read(on: $0) }
    }

    static func events(_ database: ChanceryDatabase) async throws -> [String] {
        try await database.read { connection in
            try await connection.query("SELECT ref || ': ' || name || ', ' || period_edtf AS line FROM event ORDER BY ref")
                .rows.map { try $0.decode("line", as: String.self) }
        }
    }

    static func invitations(_ database: ChanceryDatabase) async throws -> [String] {
        try await database.read { connection in
            try await connection.query(
                """
                SELECT i.ref || ': ' || a.name || ' to ' || e.name AS line
                FROM invitation i JOIN actor a ON a.id = i.inviter_id JOIN event e ON e.id = i.event_id ORDER BY i.ref
                """).rows.map { try $0.decode("line", as: String.self) }
        }
    }

    /// `text` with each pair's first string replaced by its second.
    static func replacing(_ text: String, _ pairs: [(String, String)]) -> String {
        pairs.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    @Test("a JSON Lines export given back with a letter's date, subject and correspondents changed corrects it; the older file reverts it")
    func jsonLines() async throws {
        try await withTemporaryFolder { folder in
            let source = try writeDataset(Self.records, named: "source.jsonl", in: folder)
            let export = folder.appendingPathComponent("export.jsonl").path
            let edited = folder.appendingPathComponent("edited.jsonl").path
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([source], options: ImportOptions()).committed)
                try await ExportService(database: database).export(format: .jsonl, query: nil, to: export)
                let text = try String(contentsOfFile: export, encoding: .utf8)
                let header = try #require(text.split(separator: "\n").first.map(String.init))
                #expect(header.hasPrefix(#"{"type":"chancery-dataset","version":1,"register":"\#(try await Self.registerID(database))","exported":""#))
                // Everything that tells another register's letter, event or invitation changes at once.
                try Self.replacing(text, [("Anna to Bob", "Carl to Dora"), (#""from":[{"name":"Anna"}]"#, #""from":[{"name":"Carl"}]"#),
                                          (#""to":[{"name":"Bob"}]"#, #""to":[{"name":"Dora"}]"#), ("1700-01-01", "1700-03-03"),
                                          ("Synod of 1700", "Council of 1701"), ("1700-09", "1701-03"),
                                          (#""from":{"name":"Anna"}"#, #""from":{"name":"Carl"}"#)])
                    .write(toFile: edited, atomically: true, encoding: .utf8)

                let report = try await service.run([edited], options: ImportOptions())
                #expect(report.ownExports == [edited])
                #expect(report.counts["letter"] == ImportCounts(updated: 1), "\(report.counts) \(report.rejected)")
                #expect(report.counts["event"] == ImportCounts(updated: 1), "\(report.counts)")
                #expect(report.counts["invitation"] == ImportCounts(updated: 1), "\(report.counts)")
                #expect(!report.warnings.contains { $0.message.contains("in the register") }, "\(report.warnings)")
                // Taken for corrections, and said: a copy of the register that went its own way names others by these refs.
                let said = report.warnings.map(\.message)
                #expect(said.contains { $0.hasPrefix("ref: XX-XX-1700-001, in this register's own export, makes the letter “Anna to Bob” of 1700-01-01 "
                                                     + "“Carl to Dora” of 1700-03-03, with other correspondents; it is taken for a correction "
                                                     + "(`chancery letter history XX-XX-1700-001`") },
                        "\(said)")
                #expect(said.contains { $0.hasPrefix("ref: event EV-T-1, in this register's own export, gives “Synod of 1700” of 1700-09 another name and date") },
                        "\(said)")
                #expect(try await ForeignReferenceImportTests.letters(database) == ["XX-XX-1700-001: Carl → Dora, 1700-03-03, Carl to Dora"])
                #expect(try await Self.events(database) == ["EV-T-1: Council of 1701, 1701-03"])
                #expect(try await Self.invitations(database) == ["INV-T-1: Carl to Council of 1701"])

                // The export made before the correction would undo it: kept, and said, unless asked.
                let kept = try await service.run([export], options: ImportOptions())
                #expect(kept.changedSinceExport == 3, "\(kept.warnings)")
                #expect(kept.counts["letter"] == ImportCounts(unchanged: 1), "\(kept.counts) \(kept.rejected)")
                #expect(try await ForeignReferenceImportTests.letters(database) == ["XX-XX-1700-001: Carl → Dora, 1700-03-03, Carl to Dora"])
                // Asked, it puts everything back.
                var revert = ImportOptions()
                revert.revertNewer = true
                let reverted = try await service.run([export], options: revert)
                #expect(reverted.counts["letter"] == ImportCounts(updated: 1), "\(reverted.counts) \(reverted.rejected)")
                #expect(try await ForeignReferenceImportTests.letters(database) == ["XX-XX-1700-001: Anna → Bob, 1700-01-01, Anna to Bob"])
                #expect(try await Self.events(database) == ["EV-T-1: Synod of 1700, 1700-09"])
                #expect(try await Self.invitations(database) == ["INV-T-1: Anna to Synod of 1700"])
            }
            // In another register holding a letter, an event and an invitation under the same refs,
            // the edited file is another register's: its records are others under free refs.
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([source], options: ImportOptions()).committed)
                let report = try await service.run([edited], options: ImportOptions())
                #expect(report.ownExports.isEmpty)
                #expect(report.counts["letter"] == ImportCounts(new: 1), "\(report.counts) \(report.rejected)")
                #expect(report.counts["event"] == ImportCounts(new: 1), "\(report.counts)")
                #expect(report.counts["invitation"] == ImportCounts(new: 1), "\(report.counts)")
                #expect(try await ForeignReferenceImportTests.letters(database) == [
                    "XX-XX-1700-001: Anna → Bob, 1700-01-01, Anna to Bob",
                    "XX-XX-1700-002: Carl → Dora, 1700-03-03, Carl to Dora",
                ])
                #expect(try await Self.events(database) == ["EV-T-1: Synod of 1700, 1700-09", "EV-T-1-2: Council of 1701, 1701-03"])
            }
        }
    }

    @Test("a CMIF or TEI export given back with a letter's date and correspondents changed corrects it", arguments: [InterchangeFormat.cmif, .tei])
    func correspDesc(format: InterchangeFormat) async throws {
        try await withTemporaryFolder { folder in
            let source = try writeDataset(Self.records, named: "source.jsonl", in: folder)
            let export = folder.appendingPathComponent("export.xml").path
            let edited = folder.appendingPathComponent("edited.xml").path
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([source], options: ImportOptions()).committed)
                try await ExportService(database: database).export(format: format, query: nil, to: export)
                let text = try String(contentsOfFile: export, encoding: .utf8)
                #expect(text.contains(#"xml:id="chancery-export" ref="urn:uuid:\#(try await Self.registerID(database))""#), "\(text)")
                try Self.replacing(text, [(">Anna<", ">Carl<"), (">Bob<", ">Dora<"), ("1700-01-01", "1700-03-03"), ("Anna to Bob", "Carl to Dora")])
                    .write(toFile: edited, atomically: true, encoding: .utf8)
                let report = try await service.run([edited], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(updated: 1), "\(report.counts) \(report.rejected)")
                #expect(!report.warnings.contains { $0.message.contains("is another letter in the register") }, "\(report.warnings)")
                #expect(report.warnings.contains { $0.message.contains("in this register's own export, makes the letter") }, "\(report.warnings)")
                let letters = try await ForeignReferenceImportTests.letters(database)
                #expect(letters.count == 1 && letters[0].hasPrefix("XX-XX-1700-001: Carl → Dora, 1700-03-03"), "\(letters)")
                // A register id that is no UUID is named, and the file read as another register's.
                let garbled = folder.appendingPathComponent("garbled.xml").path
                try text.replacingOccurrences(of: "urn:uuid:" + (try await Self.registerID(database)), with: "urn:uuid:garbage")
                    .write(toFile: garbled, atomically: true, encoding: .utf8)
                var dryRun = ImportOptions()
                dryRun.dryRun = true
                let checked = try await service.run([garbled], options: dryRun)
                #expect(checked.ownExports.isEmpty)
                #expect(checked.warnings.contains { $0.message.contains("names the register 'urn:uuid:garbage', which is no register's id") }, "\(checked.warnings)")
            }
        }
    }

    @Test("a file joining this register's export and another's is not this register's own: the other's letters stay apart")
    func joinedFiles() async throws {
        try await withTemporaryFolder { folder in
            let source = try writeDataset(Self.records, named: "source.jsonl", in: folder)
            let theirs = try writeDataset(ForeignReferenceImportTests.people
                                          + [ForeignReferenceImportTests.letter("XX-XX-1700-001", "Carl", "Dora", "1700-05-05", "Carl to Dora")],
                                          named: "theirs.jsonl", in: folder)
            let ours = folder.appendingPathComponent("ours.jsonl").path
            let joined = folder.appendingPathComponent("joined.jsonl").path
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([source], options: ImportOptions()).committed)
                try await ExportService(database: database).export(format: .jsonl, query: nil, to: ours)
                try (try String(contentsOfFile: ours, encoding: .utf8) + String(contentsOfFile: theirs, encoding: .utf8))
                    .write(toFile: joined, atomically: true, encoding: .utf8)
                let report = try await service.run([joined], options: ImportOptions())
                #expect(report.ownExports.isEmpty)
                #expect(report.warnings.contains { $0.message.hasPrefix("a second dataset header (files joined?)") }, "\(report.warnings)")
                #expect(try await ForeignReferenceImportTests.letters(database) == [
                    "XX-XX-1700-001: Anna → Bob, 1700-01-01, Anna to Bob",
                    "XX-XX-1700-002: Carl → Dora, 1700-05-05, Carl to Dora",
                ])
            }
        }
    }

    @Test("a letter of the register's own export given another date and subject is corrected, and said, for a copy of the register names others so")
    func divergedCopy() async throws {
        try await withTemporaryFolder { folder in
            let source = try writeDataset(Self.records, named: "source.jsonl", in: folder)
            let export = folder.appendingPathComponent("export.jsonl").path
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([source], options: ImportOptions()).committed)
                try await ExportService(database: database).export(format: .jsonl, query: nil, to: export)
                let text = try String(contentsOfFile: export, encoding: .utf8)
                try Self.replacing(text, [("Anna to Bob", "Anna again"), ("1700-01-01", "1700-04-04")]).write(toFile: export, atomically: true, encoding: .utf8)
                let report = try await service.run([export], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(updated: 1), "\(report.counts)")
                #expect(report.warnings.map(\.message).contains { $0.hasPrefix(
                    "ref: XX-XX-1700-001, in this register's own export, makes the letter “Anna to Bob” of 1700-01-01 “Anna again” of 1700-04-04; it is taken") },
                        "\(report.warnings)")
                #expect(try await ForeignReferenceImportTests.letters(database) == ["XX-XX-1700-001: Anna → Bob, 1700-04-04, Anna again"])
            }
        }
    }

    @Test("the rejects file of the register's own export keeps its id, given alone or beside another input; one of joined exports names no register")
    func rejectsFile() async throws {
        try await withTemporaryFolder { folder in
            let source = try writeDataset(Self.records, named: "source.jsonl", in: folder)
            let other = try writeDataset(ForeignReferenceImportTests.people
                                         + [ForeignReferenceImportTests.letter("XX-XX-1700-001", "Carl", "Nobody", "1700-05-05", "Carl to Nobody")],
                                         named: "other.jsonl", in: folder)
            let export = folder.appendingPathComponent("export.jsonl").path
            let bad = folder.appendingPathComponent("bad.jsonl").path
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([source], options: ImportOptions()).committed)
                try await ExportService(database: database).export(format: .jsonl, query: nil, to: export)
                let text = try String(contentsOfFile: export, encoding: .utf8)
                try text.replacingOccurrences(of: "1700-01-01", with: "1700-02-31").write(toFile: bad, atomically: true, encoding: .utf8)
                let ownHeader = String(text.prefix { $0 != "\n" })
                var options = ImportOptions()
                options.skipInvalid = true
                options.dryRun = true
                // Joined into one file with another register's, the export is not the register's own.
                let joined = folder.appendingPathComponent("joined.jsonl").path
                try (try String(contentsOfFile: bad, encoding: .utf8) + String(contentsOfFile: other, encoding: .utf8))
                    .write(toFile: joined, atomically: true, encoding: .utf8)
                // Two inputs' rejected records go to a file each, under each input's header.
                for (inputs, headers) in [([bad], [ownHeader]), ([bad, other], [ownHeader, JSONLinesReader.header]),
                                          ([joined], [JSONLinesReader.header])] {
                    let rejects = folder.appendingPathComponent("rejects-\(inputs.count).jsonl").path
                    options.rejectsPath = rejects
                    let report = try await service.run(inputs, options: options)
                    // The letter of an impossible date, the invitation it carries, and the other file's letter.
                    #expect(report.rejected.count == (inputs == [bad] ? 2 : 3), "\(report.rejected)")
                    let files = try #require(report.rejectsFiles)
                    #expect(files == (inputs.count == 1 ? [rejects] : [folder.appendingPathComponent("rejects-2-bad.jsonl").path,
                                                                        folder.appendingPathComponent("rejects-2-other.jsonl").path]))
                    var written = 0
                    for (file, header) in zip(files, headers) {
                        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
                        #expect(lines.first.map(String.init) == header, "\(file)")
                        written += lines.count - 1
                    }
                    #expect(written == report.rejected.count)
                }
            }
        }
    }

    @Test("every register has an id of its own, kept for good")
    func identities() async throws {
        var ids: [String] = []
        for _ in 0..<2 {
            try await withChancery { database in
                ids.append(try await Self.registerID(database))
                await #expect(throws: (any Error).self) { try await database.write { try await $0.execute("DELETE FROM register_identity") } }
                await #expect(throws: (any Error).self) { try await database.write { try await $0.execute("UPDATE register_identity SET id = gen_random_uuid()") } }
                #expect(try await Self.registerID(database) == ids.last)
            }
        }
        #expect(ids.count == 2 && ids[0] != ids[1])
        #expect(ids.allSatisfy { UUID(uuidString: $0) != nil }, "\(ids)")
    }
}
