@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import LibPQClient
import TestFiles
import Testing

/// A CSV2CMI table and CMIF have no subjects: an import composes one ("Letter from Anna to
/// Bob"). Given again with another addressee, the letter's subject is composed again; one a
/// person wrote stays, and the same letter in another format keeps the wording it has.
@Suite("Composed subjects follow the correspondents")
struct ComposedSubjectImportTests {
    static let people = ["Anna", "Bob", "Carl", "Dora"].map { #"{"type":"actor","kind":"person","name":"\#($0)"}"# }

    static func table(_ rows: String, in folder: URL) throws -> String {
        let file = folder.appendingPathComponent("letters-\(UUID().uuidString).csv")
        try ("ref,kind,sender,recipient,date\n" + rows).write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    static func subject(_ database: ChanceryDatabase, _ ref: String) async throws -> String {
        try await LetterService(database: database).show(ref).subject
    }

    @Test("a composed subject is composed again for a new addressee; one a person wrote stays")
    func recomposed() async throws {
        try await withTemporaryFolder { folder in
            let people = try writeDataset(Self.people, named: "people.jsonl", in: folder)
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([people], options: ImportOptions()).committed)
                let first = try Self.table("A-1,letter,Anna,Bob,1700-01-01\n", in: folder)
                #expect(try await service.run([first], options: ImportOptions()).counts["letter"] == ImportCounts(new: 1))
                #expect(try await Self.subject(database, "A-1") == "Letter from Anna to Bob")

                let readdressed = try Self.table("A-1,letter,Anna,Carl,1700-01-01\n", in: folder)
                let report = try await service.run([readdressed], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(updated: 1), "\(report.counts)")
                #expect(try await Self.subject(database, "A-1") == "Letter from Anna to Carl")
                // The same table again changes nothing.
                #expect(try await service.run([readdressed], options: ImportOptions()).counts["letter"] == ImportCounts(unchanged: 1))

                var edit = LetterEdit()
                edit.changes.subject = "On the synod"
                _ = try await LetterService(database: database).edit("A-1", ifRevision: nil, edit)
                let again = try Self.table("A-1,letter,Anna,Dora,1700-01-01\n", in: folder)
                #expect(try await service.run([again], options: ImportOptions()).counts["letter"] == ImportCounts(updated: 1))
                let letter = try await LetterService(database: database).show("A-1")
                #expect(letter.subject == "On the synod")
                #expect(letter.participants.filter { $0.role == .recipient }.map(\.name) == ["Dora"])
            }
        }
    }

    @Test("a subject composed from a CSV row stays when the register's CMIF export comes back, and follows a new kind")
    func otherReaderSameLetter() async throws {
        try await withTemporaryFolder { folder in
            let people = try writeDataset(Self.people, named: "people.jsonl", in: folder)
            let export = folder.appendingPathComponent("export.xml").path
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([people], options: ImportOptions()).committed)
                let notes = try Self.table("A-1,note_verbale,Anna,Bob,1700-01-01\n", in: folder)
                #expect(try await service.run([notes], options: ImportOptions()).counts["letter"] == ImportCounts(new: 1))
                #expect(try await Self.subject(database, "A-1") == "Note verbale from Anna to Bob")
                // CMIF would word it "Letter from Anna to Bob": the letter is the same.
                try await ExportService(database: database).export(format: .cmif, query: nil, to: export)
                let back = try await service.run([export], options: ImportOptions())
                #expect(back.counts["letter"] == ImportCounts(unchanged: 1), "\(back.counts)")
                #expect(try await Self.subject(database, "A-1") == "Note verbale from Anna to Bob")
                // Another kind in the table: the subject says it.
                let letters = try Self.table("A-1,letter,Anna,Bob,1700-01-01\n", in: folder)
                #expect(try await service.run([letters], options: ImportOptions()).counts["letter"] == ImportCounts(updated: 1))
                #expect(try await Self.subject(database, "A-1") == "Letter from Anna to Bob")
            }
        }
    }

    @Test("a row that leaves the kind empty composes the subject with the kind the letter keeps")
    func keptKind() async throws {
        try await withTemporaryFolder { folder in
            let people = try writeDataset(Self.people, named: "people.jsonl", in: folder)
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([people], options: ImportOptions()).committed)
                let notes = try Self.table("A-1,note_verbale,Anna,Bob,1700-01-01\n", in: folder)
                #expect(try await service.run([notes], options: ImportOptions()).committed)
                let readdressed = try Self.table("A-1,,Anna,Carl,1700-01-01\n", in: folder)
                #expect(try await service.run([readdressed], options: ImportOptions()).counts["letter"] == ImportCounts(updated: 1))
                #expect(try await Self.subject(database, "A-1") == "Note verbale from Anna to Carl")
            }
        }
    }

    @Test("correspondents changed by hand compose the subject again; the register's export given back keeps it composed")
    func editedCorrespondents() async throws {
        try await withTemporaryFolder { folder in
            let people = try writeDataset(Self.people, named: "people.jsonl", in: folder)
            let export = folder.appendingPathComponent("export.jsonl").path
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([people], options: ImportOptions()).committed)
                let first = try Self.table("A-1,letter,Anna,Bob,1700-01-01\n", in: folder)
                #expect(try await service.run([first], options: ImportOptions()).committed)
                var edit = LetterEdit()
                edit.removedParticipants = ["Bob"]
                edit.addedParticipants = [.init(role: .recipient, participant: ParticipantDraft(name: "Dora"))]
                _ = try await LetterService(database: database).edit("A-1", ifRevision: nil, edit)
                #expect(try await Self.subject(database, "A-1") == "Letter from Anna to Dora")
                _ = try await LetterService(database: database).addParticipant(
                    to: "A-1", ifRevision: nil, role: .recipient, participant: ParticipantDraft(name: "Carl"))
                #expect(try await Self.subject(database, "A-1") == "Letter from Anna to Dora and Carl")

                // The JSON Lines export states the composed subject: given back with a new summary,
                // the subject is still one an import composed, and a later table recomposes it.
                try await ExportService(database: database).export(format: .jsonl, query: nil, to: export)
                let text = try String(contentsOfFile: export, encoding: .utf8)
                    .replacingOccurrences(of: #""subject":"Letter from Anna to Dora and Carl""#,
                                          with: #""subject":"Letter from Anna to Dora and Carl","summary":"Added""#)
                try text.write(toFile: export, atomically: true, encoding: .utf8)
                #expect(try await service.run([export], options: ImportOptions()).counts["letter"] == ImportCounts(updated: 1))
                let later = try Self.table("A-1,letter,Anna,Bob,1700-01-01\n", in: folder)
                #expect(try await service.run([later], options: ImportOptions()).counts["letter"] == ImportCounts(updated: 1))
                #expect(try await Self.subject(database, "A-1") == "Letter from Anna to Bob")
            }
        }
    }

    @Test("a form that sends the composed subject back unchanged keeps it composed; a new kind composes it again")
    func formSave() async throws {
        try await withTemporaryFolder { folder in
            let people = try writeDataset(Self.people, named: "people.jsonl", in: folder)
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([people], options: ImportOptions()).committed)
                #expect(try await service.run([try Self.table("A-1,letter,Anna,Bob,1700-01-01\n", in: folder)], options: ImportOptions()).committed)
                let letters = LetterService(database: database)
                let revision = try await letters.show("A-1").revision
                _ = try await letters.update("A-1", ifRevision: revision,
                                             changes: LetterChanges(kind: .telegram, subject: "Letter from Anna to Bob"))
                #expect(try await Self.subject(database, "A-1") == "Telegram from Anna to Bob")
                let readdressed = try Self.table("A-1,telegram,Anna,Carl,1700-01-01\n", in: folder)
                #expect(try await service.run([readdressed], options: ImportOptions()).counts["letter"] == ImportCounts(updated: 1))
                #expect(try await Self.subject(database, "A-1") == "Telegram from Anna to Carl")
            }
        }
    }
}
