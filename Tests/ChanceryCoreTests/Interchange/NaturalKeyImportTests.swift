@testable import ChanceryCore
import Foundation
import TestFiles
import Testing
import ChanceryInterchange
import ChanceryModel

/// No importer overwrites a letter with another record of the same import (issue 20): letter
/// numbers belong to their edition; the same natural key twice with different content rejects
/// both records, each naming the other; the same letter twice word for word is one letter.
@Suite("Natural keys of imported letters")
struct NaturalKeyImportTests {
    private func letterCount(_ database: ChanceryDatabase) async throws -> Int {
        try await rowCounts(database)["letter"] ?? -1
    }

    private func importRejected(_ service: ImportService, _ paths: [String]) async -> ImportRejected? {
        await #expect(throws: ImportRejected.self) { try await service.run(paths, options: ImportOptions()) }
    }

    @Test("CSV: keys restarting in each edition are distinct letters; a re-import changes nothing")
    func csvEditions() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = folder.appendingPathComponent("letters.csv").path
                try """
                    key,edition,sender,senderID,addressee,senderDate
                    1,Vol. 1,Ada Example,,Bo Example,1900-01-01
                    2,Vol. 1,Bo Example,,Ada Example,1900-02-01
                    1,Vol. 2,Ada Example,,Cy Example,1901-01-01
                    2,Vol. 2,Dee Example|a group of councillors,https://d-nb.info/gnd/118540238,Ada Example,1901-02-01
                    3,Vol. 2,Ada Example,,Cy Example,1901-03-01
                    3,Vol. 2,Ada Example,,Cy Example,1901-03-01

                    """.write(toFile: path, atomically: true, encoding: .utf8)
                let service = ImportService(database: database)
                let first = try await service.run([path], options: ImportOptions())
                #expect(first.committed)
                #expect(first.counts["letter"] == ImportCounts(new: 5))
                // The repeated row is one letter, with a warning naming the row it repeats.
                let repeated = first.warnings.filter { $0.message.contains("word for word") }
                #expect(repeated.map(\.location.line) == [7])
                #expect(repeated.first?.message.contains("letters.csv:6") == true)
                #expect(repeated.first?.message.contains("key 3 of 'Vol. 2'") == true)
                // The id list shorter than the name list pairs by position, with a warning for its line.
                let pairing = first.warnings.filter { $0.message.contains("paired by position") }
                #expect(pairing.map(\.location.line) == [5])
                let keys = try await database.read { connection in
                    try await connection.query(
                        """
                        SELECT s.title || '#' || l.external_key || ' ' || l.sent_edtf AS letter
                        FROM letter l JOIN source s ON s.id = l.provenance_id ORDER BY 1
                        """).rows.map { try $0.decode("letter", as: String.self) }
                }
                #expect(keys == ["Vol. 1#1 1900-01-01", "Vol. 1#2 1900-02-01", "Vol. 2#1 1901-01-01", "Vol. 2#2 1901-02-01",
                                 "Vol. 2#3 1901-03-01"])
                let senders = try await database.read { connection in
                    try await connection.query(
                        """
                        SELECT a.name || coalesce(' gnd:' || a.gnd_id, '') AS sender FROM letter l
                        JOIN letter_participant p ON p.letter_id = l.id AND p.role = 'author' JOIN actor a ON a.id = p.actor_id
                        WHERE l.sent_edtf = '1901-02-01' ORDER BY p.position
                        """).rows.map { try $0.decode("sender", as: String.self) }
                }
                #expect(senders == ["Dee Example gnd:118540238", "a group of councillors"])
                let counts = try await rowCounts(database)

                let second = try await service.run([path], options: ImportOptions())
                #expect(second.counts["letter"] == ImportCounts(unchanged: 5))
                #expect(try await rowCounts(database) == counts)
            }
        }
    }

    @Test("CSV: one edition and key twice with different content rejects both rows, each naming the other; nothing is overwritten")
    func csvConflict() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = folder.appendingPathComponent("letters.csv").path
                try """
                    key,edition,sender,addressee,senderDate
                    1,Vol. 1,Ada Example,Bo Example,1900-01-01
                    2,Vol. 1,Bo Example,Ada Example,1900-02-01
                    1,Vol. 1,Ada Example,Cy Example,1900-03-01

                    """.write(toFile: path, atomically: true, encoding: .utf8)
                let service = ImportService(database: database)
                let refused = await importRejected(service, [path])
                let rejected = refused?.report.rejected ?? []
                #expect(rejected.map(\.location.line) == [2, 4])
                #expect(rejected.first?.reason.contains("letters.csv:4") == true, "\(rejected)")
                #expect(rejected.last?.reason.contains("letters.csv:2") == true, "\(rejected)")
                #expect(rejected.first?.reason.contains("different content") == true)
                #expect(try await letterCount(database) == 0)

                var options = ImportOptions()
                options.skipInvalid = true
                options.rejectsPath = folder.appendingPathComponent("rejects.csv").path
                let skipped = try await service.run([path], options: options)
                #expect(skipped.counts["letter"] == ImportCounts(new: 1, rejected: 2))
                #expect(try await letterCount(database) == 1)
                let rejects = try String(contentsOfFile: try #require(options.rejectsPath), encoding: .utf8)
                #expect(rejects.split(separator: "\n").count == 3, "\(rejects)")

                // Once stored, a letter is not overwritten by a conflicting pair either.
                let again = try await service.run([path], options: options)
                #expect(again.counts["letter"] == ImportCounts(unchanged: 1, rejected: 2))
                #expect(try await letterCount(database) == 1)
            }
        }
    }

    @Test("CMIF: @key belongs to the edition @source names; a repeated key in one edition is refused or read once")
    func cmifEditions() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                func document(_ correspDescs: String) -> String {
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
                    <titleStmt><title>Merged editions</title></titleStmt>
                    <publicationStmt><idno type="url">https://example.org/merged.xml</idno></publicationStmt>
                    <sourceDesc><bibl xml:id="e1">First edition, 1990</bibl><bibl xml:id="e2">Second edition, 2000</bibl></sourceDesc>
                    </fileDesc><profileDesc>
                    \(correspDescs)
                    </profileDesc></teiHeader><text><body><p/></body></text></TEI>
                    """
                }
                func letter(_ key: String, _ source: String, _ date: String, to recipient: String = "Bo Example") -> String {
                    """
                    <correspDesc key="\(key)" source="#\(source)">
                      <correspAction type="sent"><persName>Ada Example</persName><date when="\(date)"/></correspAction>
                      <correspAction type="received"><persName>\(recipient)</persName></correspAction>
                    </correspDesc>
                    """
                }
                let merged = folder.appendingPathComponent("merged.xml").path
                try document([letter("71", "e1", "1900-01-01"), letter("71", "e2", "1950-01-01"),
                              letter("72", "e2", "1950-02-01"), letter("72", "e2", "1950-02-01")].joined(separator: "\n"))
                    .write(toFile: merged, atomically: true, encoding: .utf8)
                let service = ImportService(database: database)
                let first = try await service.run([merged], options: ImportOptions())
                #expect(first.counts["letter"] == ImportCounts(new: 3))
                #expect(first.warnings.filter { $0.message.contains("word for word") }.count == 1)
                let keys = try await database.read { connection in
                    try await connection.query(
                        """
                        SELECT s.title || '#' || l.external_key AS letter FROM letter l JOIN source s ON s.id = l.provenance_id ORDER BY 1
                        """).rows.map { try $0.decode("letter", as: String.self) }
                }
                #expect(keys == ["First edition, 1990#71", "Second edition, 2000#71", "Second edition, 2000#72"])
                let counts = try await rowCounts(database)
                let second = try await service.run([merged], options: ImportOptions())
                #expect(second.counts["letter"] == ImportCounts(unchanged: 3))
                #expect(try await rowCounts(database) == counts)

                let conflicting = folder.appendingPathComponent("conflicting.xml").path
                try document([letter("80", "e1", "1900-05-01"), letter("80", "e1", "1900-06-01", to: "Cy Example")].joined(separator: "\n"))
                    .write(toFile: conflicting, atomically: true, encoding: .utf8)
                let refused = await importRejected(service, [conflicting])
                let rejected = refused?.report.rejected ?? []
                #expect(rejected.count == 2)
                #expect(rejected.allSatisfy { $0.reason.contains("key: letter 80 of 'First edition, 1990' is also at ") }, "\(rejected)")
                #expect(rejected.allSatisfy { $0.reason.contains("conflicting.xml:") })
                #expect(try await rowCounts(database) == counts)
            }
        }
    }

    @Test("JSON Lines: a ref or a provenance and key twice with different content rejects both; word for word is one letter")
    func jsonLines() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let provenance = #","key":"9","provenance":{"kind":"archive","title":"Register"}"#
                let path = try writeDataset(baseRecords + [
                    letterRecord("L-1"), letterRecord("L-1", subject: "Another letter"),
                    letterRecord("L-2"), letterRecord("L-2"),
                ], named: "a.jsonl", in: folder)
                let service = ImportService(database: database)
                let refused = await importRejected(service, [path])
                let rejected = refused?.report.rejected ?? []
                #expect(rejected.map(\.location.line) == [8, 9])
                #expect(rejected.first?.reason.contains("ref: letter L-1 is also named by ") == true, "\(rejected)")
                #expect(rejected.first?.reason.contains("a.jsonl:9") == true)
                #expect(rejected.last?.reason.contains("a.jsonl:8") == true)
                // In one file it is a mistake to mend, not two registers' letters.
                #expect(rejected.allSatisfy { $0.reason.hasSuffix("give each letter its own ref, or remove the repeated record") }, "\(rejected)")
                #expect(try await letterCount(database) == 0)

                // In two exports of one register they are one letter by their origin, to be given
                // one file at a time; in files of no register or of two, maybe two registers' letters.
                let register = UUID().uuidString.lowercased()
                let older = try LetterOriginImportTests.export(baseRecords + [letterRecord("L-3")], by: register,
                                                               named: "older.jsonl", in: folder)
                let newer = try LetterOriginImportTests.export([letterRecord("L-3", subject: "Corrected")], by: register,
                                                               named: "newer.jsonl", in: folder)
                let oneRegister = await importRejected(service, [older, newer])?.report.rejected.map(\.reason) ?? []
                #expect(oneRegister.count == 2 && oneRegister.allSatisfy {
                    $0.contains("both are letter L-3 of register \(register) by their origin: import the files one at a time")
                }, "\(oneRegister)")
                let plain = try writeDataset([letterRecord("L-3", subject: "Corrected")], named: "plain.jsonl", in: folder)
                let twoSources = await importRejected(service, [older, plain])?.report.rejected.map(\.reason) ?? []
                #expect(twoSources.count == 2 && twoSources.allSatisfy {
                    $0.hasSuffix("(maybe two registers' letters, whose refs are made alike: import the files one at a time)")
                }, "\(twoSources)")

                let keyed = try writeDataset(baseRecords + [
                    letterRecord("L-3", extra: provenance), letterRecord("L-4", subject: "Other", extra: provenance),
                ], named: "b.jsonl", in: folder)
                let keyRefused = await importRejected(service, [keyed])
                #expect(keyRefused?.report.rejected.count == 2)
                #expect(keyRefused?.report.rejected.first?.reason.contains("key: letter 9 of 'Register' is also at ") == true,
                        "\(keyRefused?.report.rejected ?? [])")
                #expect(keyRefused?.report.rejected.first?.reason.contains("b.jsonl:9") == true)

                let fine = try writeDataset(baseRecords + [letterRecord("L-2"), letterRecord("L-2"), letterRecord("L-5", extra: provenance)],
                                            named: "c.jsonl", in: folder)
                let report = try await service.run([fine], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(new: 2))
                #expect(report.warnings.map(\.location.line) == [9])
                let counts = try await rowCounts(database)
                #expect(try await service.run([fine], options: ImportOptions()).counts["letter"] == ImportCounts(unchanged: 2))
                #expect(try await rowCounts(database) == counts)

                // A record giving the stored letter's natural key to another ref is refused, not a database error.
                let stolen = try writeDataset(baseRecords + [letterRecord("L-6", extra: provenance)], named: "d.jsonl", in: folder)
                let stolenRefused = await importRejected(service, [stolen])
                #expect(stolenRefused?.report.rejected.first?.reason.contains("is L-5 in the register") == true,
                        "\(stolenRefused?.report.rejected ?? [])")
                #expect(try await rowCounts(database) == counts)
            }
        }
    }
}
