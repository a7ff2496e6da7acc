@testable import ChanceryCore
import ChanceryInterchange
import Foundation
import TestFiles
import Testing

/// An index on a staging table that is built after rows of the table changed in the same
/// transaction is one PostgreSQL will not use until the import commits (`pg_index.indcheckxmin`):
/// every statement meant to look rows up through it reads the whole table instead, which at a
/// million letters costs minutes, and no result shows it. Each import path here, on the files
/// that reach it, leaves every staging index usable.
@Suite("Staging indexes stay usable during an import")
struct StagingIndexTests {
    static let records = OwnExportImportTests.records + [
        #"{"type":"response","invitation":"INV-T-1","invitee":"Bob","status":"accepted","date":"1700-02-02"}"#,
        ForeignReferenceImportTests.letter("XX-XX-1700-002", "Bob", "Anna", "1700-02-02", "Bob to Anna").dropLast()
            + #","replyTo":["XX-XX-1700-001"]}"#,
    ]

    static func expectUsable(_ report: ImportReport, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(report.committed, "\(what): not committed", sourceLocation: sourceLocation)
        #expect(report.unusableStagingIndexes == [], "\(what)", sourceLocation: sourceLocation)
    }

    @Test("a JSON Lines file, given again, then the register's own export of it, edited")
    func jsonLines() async throws {
        try await withTemporaryFolder { folder in
            let source = try writeDataset(Self.records, named: "source.jsonl", in: folder)
            let export = folder.appendingPathComponent("export.jsonl").path
            try await withChancery { database in
                let service = ImportService(database: database)
                Self.expectUsable(try await service.run([source], options: ImportOptions()), "first import")
                Self.expectUsable(try await service.run([source], options: ImportOptions()), "the same file again")
                try await ExportService(database: database).export(format: .jsonl, query: nil, to: export)
                let edited = try String(contentsOfFile: export, encoding: .utf8)
                    .replacingOccurrences(of: "Anna to Bob", with: "Anna writes to Bob")
                try edited.write(toFile: export, atomically: true, encoding: .utf8)
                Self.expectUsable(try await service.run([export], options: ImportOptions()), "own export, edited")
            }
        }
    }

    @Test("a real edition's CMIF file and its table, each twice, and a CMIF export of it given back")
    func edition() async throws {
        let folder = RealEditionTests.folder
        guard RealEditionTests.present else { return }
        try await withTemporaryFolder { scratch in
            let export = scratch.appendingPathComponent("export.xml").path
            try await withChancery { database in
                let service = ImportService(database: database)
                for file in ["letters.xml", "letters.xml", "letters.csv", "letters.csv"] {
                    Self.expectUsable(try await service.run([folder.appendingPathComponent(file).path], options: ImportOptions()), file)
                }
                try await ExportService(database: database).export(format: .cmif, query: nil, to: export)
                Self.expectUsable(try await service.run([export], options: ImportOptions()), "CMIF export")
            }
        }
    }

    @Test("the founding example, exported as CSV and as JSON Lines and given back")
    func foundingExample() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery(foundingExample: true) { database in
                let service = ImportService(database: database)
                for format in [InterchangeFormat.csv, .jsonl] {
                    let path = folder.appendingPathComponent("export.\(format.rawValue)").path
                    try await ExportService(database: database).export(format: format, query: nil, to: path)
                    Self.expectUsable(try await service.run([path], options: ImportOptions()), "\(format) export")
                }
            }
        }
    }
}
