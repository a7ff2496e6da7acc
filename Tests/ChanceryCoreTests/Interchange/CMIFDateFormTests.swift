@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import LibPQClient
import TestFiles
import Testing

/// A CMIF date says its bounds and whether they are sure (`cert="low"` for EDTF's `?`, `~` and
/// `%` alike; notBefore/notAfter for a set of days): given with a stored date's bounds and
/// sureness, it is that date, and the register's own CMIF export imports back unchanged.
@Suite("CMIF dates keep the stored form")
struct CMIFDateFormTests {
    static let records = [
        #"{"type":"actor","kind":"person","name":"Anna"}"#,
        #"{"type":"actor","kind":"person","name":"Bob"}"#,
        letter("A-1", date: "1945-05~", extra: #","dateAsWritten":"about May 1945""#),
        letter("A-2", date: "1945-03-24%", extra: #","received":"1945-04~""#),
        letter("A-3", date: "[1542-05-05,1542-05-06]"),
        letter("A-4", date: "1700?/1701"),
        letter("A-5", date: "1700-01-01"),
    ]

    static func letter(_ ref: String, date: String, extra: String = "") -> String {
        #"{"type":"letter","ref":"\#(ref)","from":[{"name":"Anna"}],"to":[{"name":"Bob"}],"date":"\#(date)","subject":"Letter \#(ref)"\#(extra)}"#
    }

    static func dates(_ database: ChanceryDatabase) async throws -> [String] {
        try await database.read { connection in
            try await connection.query(
                "SELECT concat_ws(' | ', ref, sent_edtf, received_edtf, sent_as_written) AS line FROM letter ORDER BY ref"
            ).rows.map { try $0.decode("line", as: String.self) }
        }
    }

    @Test("the register's CMIF export imports back unchanged; a date made sure, or moved, changes")
    func roundTrip() async throws {
        try await withTemporaryFolder { folder in
            let letters = try writeDataset(Self.records, named: "letters.jsonl", in: folder)
            let export = folder.appendingPathComponent("export.xml")
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([letters], options: ImportOptions()).committed)
                let stored = try await Self.dates(database)
                #expect(stored == [
                    "A-1 | 1945-05~ | about May 1945", "A-2 | 1945-03-24% | 1945-04~", "A-3 | [1542-05-05,1542-05-06]",
                    "A-4 | 1700?/1701", "A-5 | 1700-01-01",
                ])
                try await ExportService(database: database).export(format: .cmif, query: nil, to: export.path)
                let again = try await service.run([export.path], options: ImportOptions())
                #expect(again.counts["letter"] == ImportCounts(unchanged: 5), "\(again.counts)")
                #expect(try await Self.dates(database) == stored)

                // The same month said to be sure, and another day: the file's dates replace the stored.
                var xml = try String(contentsOf: export, encoding: .utf8)
                for (old, new) in [(#"when="1945-05" cert="low""#, #"when="1945-05""#),
                                   (#"when="1945-03-24" cert="low""#, #"when="1945-03-25" cert="low""#)] {
                    #expect(xml.contains(old), "\(old) not in the export")
                    xml = xml.replacingOccurrences(of: old, with: new)
                }
                try xml.write(to: export, atomically: true, encoding: .utf8)
                let changed = try await service.run([export.path], options: ImportOptions())
                #expect(changed.counts["letter"] == ImportCounts(unchanged: 3, updated: 2), "\(changed.counts)")
                let now = try await Self.dates(database)
                #expect(now[0].hasPrefix("A-1 | 1945-05 |") || now[0] == "A-1 | 1945-05", "\(now)")
                #expect(now[1] == "A-2 | 1945-03-25? | 1945-04~", "\(now)")
                #expect(Array(now.dropFirst(2)) == Array(stored.dropFirst(2)))
            }
        }
    }
}
