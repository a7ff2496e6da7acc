@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import TestFiles
import Testing

/// One edition read in two forms names itself differently in each (a CSV's volume siglum, the
/// CMIF's whole citation): its letters are new to the register by edition and key, and an import
/// says which of them a stored letter of another edition already is.
@Suite("Letters another edition already has")
struct EditionLookalikeTests {
    private static func letter(key: String, date: String, to recipient: String = "Hun Sen", edition: String) -> String {
        #"{"type":"letter","from":[{"name":"Joe Biden"}],"to":[{"name":"\#(recipient)"}],"date":"\#(date)","subject":"Letter \#(key)","key":"\#(key)","provenance":{"kind":"edition","title":"\#(edition)"}}"#
    }

    @Test("a letter with another edition's key, dates and correspondents is written with a warning naming the stored one; any difference is no lookalike")
    func lookalikesNamed() async throws {
        try await withChancery(foundingExample: true) { database in
            try await withTemporaryFolder { folder in
                let csvForm = try writeDataset([Self.letter(key: "1", date: "1666-09-21", edition: "SpBr-F-1"),
                                                Self.letter(key: "2", date: "1666-11-01", edition: "SpBr-F-1")], named: "csv.jsonl", in: folder)
                let first = try await ImportService(database: database).run([csvForm], options: ImportOptions())
                #expect(first.warnings.isEmpty)
                let stored = try await LetterService(database: database).list(LetterQuery()).filter { $0.subject == "Letter 1" }.map(\.ref)

                let citation = "Philipp Jakob Spener, Briefe aus der Frankfurter Zeit 1666 – 1674, Band 1"
                let cmifForm = try writeDataset([Self.letter(key: "1", date: "1666-09-21", edition: citation),
                                                 Self.letter(key: "2", date: "1666-11", edition: citation),
                                                 Self.letter(key: "3", date: "1666-12-01", edition: citation),
                                                 Self.letter(key: "2", date: "1666-11-01", to: "Indonesia", edition: "Another edition")],
                                                named: "cmif.jsonl", in: folder)
                var dry = ImportOptions()
                dry.dryRun = true
                let dryRun = try await ImportService(database: database).run([cmifForm], options: dry)
                #expect(dryRun.warnings.map(\.location.line) == [2])  // line 1 is the dataset's header
                let second = try await ImportService(database: database).run([cmifForm], options: ImportOptions())
                #expect(second.counts["letter"] == ImportCounts(new: 4))
                #expect(second.warnings.map(\.location.line) == [2])
                let message = try #require(second.warnings.first?.message)
                #expect(message.hasPrefix("the letter looks like '\(stored.first ?? "?")', imported from 'SpBr-F-1'"), "\(message)")
            }
        }
    }

    @Test("both forms given to one import: the later letter is named with the line of the earlier")
    func lookalikesWithinOneImport() async throws {
        try await withChancery(foundingExample: true) { database in
            try await withTemporaryFolder { folder in
                let csvForm = try writeDataset([Self.letter(key: "1", date: "1666-09-21", edition: "SpBr-F-1"),
                                                Self.letter(key: "2", date: "1666-11-01", edition: "SpBr-F-1")], named: "csv.jsonl", in: folder)
                let cmifForm = try writeDataset([Self.letter(key: "1", date: "1666-09-21", edition: "Band 1"),
                                                 Self.letter(key: "2", date: "1666-11-02", edition: "Band 1")], named: "cmif.jsonl", in: folder)
                let report = try await ImportService(database: database).run([csvForm, cmifForm], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(new: 4))
                #expect(report.warnings.map(\.location.line) == [2], "\(report.warnings)")
                #expect(report.warnings.first?.message.hasPrefix("the letter looks like the one at " + csvForm + ":2, of 'SpBr-F-1'") == true,
                        "\(report.warnings.map(\.message))")
            }
        }
    }
}
