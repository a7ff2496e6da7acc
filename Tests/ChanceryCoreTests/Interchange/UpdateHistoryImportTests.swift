@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import TestFiles
import Testing

/// An import that corrects a letter writes into its history what it changed, and nothing else:
/// participants, links and events the file gives as they are stay as they are.
@Suite("History of a letter an import corrects")
struct UpdateHistoryImportTests {
    static let records = ForeignReferenceImportTests.people + [
        #"{"type":"event","ref":"EV-T-1","name":"Synod of 1700","kind":"other","date":"1700-09"}"#,
        #"{"type":"letter","ref":"XX-XX-1700-001","from":[{"name":"Bob"}],"to":[{"name":"Anna"}],"date":"1700-01-01","subject":"Enclosed"}"#,
        #"{"type":"letter","ref":"XX-XX-1700-002","from":[{"name":"Anna","capacity":"Envoy"}],"to":[{"name":"Bob"},{"name":"Carl"}],"#
            + #""cc":[{"name":"Dora"}],"date":"1700-02-02","subject":"Anna to Bob","encloses":["XX-XX-1700-001"],"events":["EV-T-1"]}"#,
        #"{"type":"letter","ref":"XX-XX-1700-003","from":[{"name":"Bob"}],"to":[{"name":"Anna"}],"date":"1700-03-03","subject":"Reply","replyTo":["XX-XX-1700-002"]}"#,
    ]

    @Test("a corrected date and capacity, a participant and an enclosure dropped: history says those, not the unchanged participants, reply, event")
    func onlyWhatChanged() async throws {
        try await withTemporaryFolder { folder in
            let source = try writeDataset(Self.records, named: "source.jsonl", in: folder)
            let export = folder.appendingPathComponent("export.jsonl").path
            let edited = folder.appendingPathComponent("edited.jsonl").path
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([source], options: ImportOptions()).committed)
                try await ExportService(database: database).export(format: .jsonl, query: nil, to: export)
                let letters = LetterService(database: database)
                let before = try await letters.history(of: "XX-XX-1700-002").map(\.id).max() ?? 0

                let text = try String(contentsOfFile: export, encoding: .utf8)
                let lines = text.split(separator: "\n").map { line -> String in
                    guard line.contains(#""ref":"XX-XX-1700-002""#) else { return String(line) }
                    let changed = OwnExportImportTests.replacing(String(line), [
                        ("1700-02-02", "1700-02-03"), (#""capacity":"Envoy""#, #""capacity":"Ambassador""#),
                        (#",{"name":"Carl"}"#, ""), (#","encloses":["XX-XX-1700-001"]"#, ""),
                    ])
                    #expect(changed.contains("Ambassador") && !changed.contains("Carl") && !changed.contains("encloses"), "\(changed)")
                    return changed
                }
                try (lines.joined(separator: "\n") + "\n").write(toFile: edited, atomically: true, encoding: .utf8)

                let report = try await service.run([edited], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(unchanged: 2, updated: 1), "\(report.counts) \(report.rejected)")

                let written = try await letters.history(of: "XX-XX-1700-002").filter { $0.id > before }
                #expect(written.map { $0.table + " " + $0.operation } == [
                    "letter UPDATE", "letter_participant DELETE", "letter_participant UPDATE", "letter_link DELETE",
                ], "\(written)")
                #expect(written.first { $0.table == "letter" }?.changes.map(\.field) == ["sent_earliest", "sent_edtf", "sent_latest"])
                let changed = try #require(written.first { $0.table == "letter_participant" && $0.operation == "UPDATE" })
                #expect(changed.subject == "Anna, author")
                #expect(changed.changes == [HistoryChange(field: "capacity", before: .string("Envoy"), after: .string("Ambassador"))])
                let dropped = try #require(written.first { $0.table == "letter_participant" && $0.operation == "DELETE" })
                #expect(dropped.changes.contains { $0.field == "actor" && $0.before == .string("Carl") })

                // What the letter holds now is the file's: its reply, its event and the other participants stay.
                let shown = try await letters.show("XX-XX-1700-002")
                #expect(shown.participants.map { "\($0.role.rawValue) \($0.name) \($0.capacity ?? "-")" } == [
                    "author Anna Ambassador", "recipient Bob -", "cc Dora -",
                ])
                #expect(shown.links.isEmpty)
                #expect(shown.linkedFrom.map { "\($0.kind.rawValue) \($0.ref)" } == ["reply_to XX-XX-1700-003"])
                #expect(shown.events == ["EV-T-1"])

                // The same file again changes nothing and writes no history.
                let again = try await service.run([edited], options: ImportOptions())
                #expect(again.counts["letter"] == ImportCounts(unchanged: 3), "\(again.counts)")
                #expect(try await letters.history(of: "XX-XX-1700-002").filter { $0.id > before }.count == written.count)
            }
        }
    }
}
