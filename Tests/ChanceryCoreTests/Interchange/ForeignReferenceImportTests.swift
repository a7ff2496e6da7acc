@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import LibPQClient
import TestFiles
import Testing

/// References such as US-KH-2022-001 are made alike in every register: another register's
/// export, in any format, names its own letters by refs this register gave to others. A record
/// that shares no sender or addressee with the stored letter of its ref, and differs from it in
/// date or subject, is another letter; one that keeps the date and subject corrects the letter.
@Suite("Records under another letter's reference")
struct ForeignReferenceImportTests {
    static let people = ["Anna", "Bob", "Carl", "Dora"].map { #"{"type":"actor","kind":"person","name":"\#($0)"}"# }

    static func letter(_ ref: String, _ from: String, _ to: String, _ date: String, _ subject: String) -> String {
        #"{"type":"letter","ref":"\#(ref)","from":[{"name":"\#(from)"}],"to":[{"name":"\#(to)"}],"date":"\#(date)","subject":"\#(subject)"}"#
    }

    /// Each letter as "ref: sender → addressee, date, subject".
    static func letters(_ database: ChanceryDatabase) async throws -> [String] {
        try await database.read { connection in
            try await connection.query(
                """
                SELECT l.ref || ': ' || string_agg(a.name, ' → ' ORDER BY p.role) || ', ' || l.sent_edtf || ', ' || l.subject AS line
                FROM letter l JOIN letter_participant p ON p.letter_id = l.id JOIN actor a ON a.id = p.actor_id
                GROUP BY l.id ORDER BY l.ref
                """).rows.map { try $0.decode("line", as: String.self) }
        }
    }

    @Test("another register's export under a ref taken here adds its letter under a free ref, and finds it again",
          arguments: [InterchangeFormat.jsonl, .csv])
    func anotherRegistersExport(format: InterchangeFormat) async throws {
        try await withTemporaryFolder { folder in
            let ours = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "Anna to Bob")],
                                        named: "ours.jsonl", in: folder)
            let theirs = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Carl", "Dora", "1700-05-05", "Carl to Dora"),
                                                         Self.letter("XX-XX-1700-002", "Dora", "Carl", "1700-06-01", "Dora to Carl")]
                                          + [#"{"type":"letter","ref":"XX-XX-1700-003","from":[{"name":"Dora"}],"to":[{"name":"Carl"}],"date":"1700-07-01","subject":"Again","replyTo":["XX-XX-1700-001"]}"#],
                                          named: "theirs.jsonl", in: folder)
            let export = folder.appendingPathComponent("theirs." + format.rawValue).path
            try await withChancery { database in
                #expect(try await ImportService(database: database).run([theirs], options: ImportOptions()).committed)
                try await ExportService(database: database).export(format: format, query: nil, to: export)
            }
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([ours], options: ImportOptions()).committed)
                let report = try await service.run([export], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(new: 3), "\(report.counts) \(report.rejected)")
                let warning = report.warnings.first { $0.message.contains("is another letter in the register") }
                #expect(warning?.message.contains("XX-XX-1700-001 is another letter in the register (Anna to Bob: no sender or addressee in common)") == true,
                        "\(report.warnings)")
                #expect(warning?.message.contains("chancery letter edit XX-XX-1700-001") == true)
                // Ours is untouched; theirs takes the next free ref, and the reply in the file follows it.
                #expect(try await Self.letters(database) == [
                    "XX-XX-1700-001: Anna → Bob, 1700-01-01, Anna to Bob",
                    "XX-XX-1700-002: Dora → Carl, 1700-06-01, Dora to Carl",
                    "XX-XX-1700-003: Dora → Carl, 1700-07-01, Again",
                    "XX-XX-1700-004: Carl → Dora, 1700-05-05, Carl to Dora",
                ])
                let reply = try await LetterService(database: database).show("XX-XX-1700-003")
                #expect(reply.links.map(\.ref) == ["XX-XX-1700-004"], "\(reply.links)")
                // Given again, the file finds its letter under the ref it was given here.
                let again = try await service.run([export], options: ImportOptions())
                #expect(again.counts["letter"] == ImportCounts(unchanged: 3), "\(again.counts) \(again.rejected)")
                #expect(again.warnings.contains { $0.message.contains("this letter of the file is XX-XX-1700-004") }, "\(again.warnings)")
                #expect(try await Self.letters(database).count == 4)
            }
        }
    }

    @Test("a record that keeps a letter's date and subject and names other correspondents corrects the letter")
    func correction() async throws {
        try await withTemporaryFolder { folder in
            let first = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "Anna to Bob")],
                                         named: "first.jsonl", in: folder)
            let corrected = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Carl", "Dora", "1700-01-01", "Anna to Bob")],
                                             named: "corrected.jsonl", in: folder)
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([first], options: ImportOptions()).committed)
                let report = try await service.run([corrected], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(updated: 1), "\(report.counts)")
                #expect(!report.warnings.contains { $0.message.contains("is another letter") }, "\(report.warnings)")
                #expect(try await Self.letters(database) == ["XX-XX-1700-001: Carl → Dora, 1700-01-01, Anna to Bob"])
            }
        }
    }
}
