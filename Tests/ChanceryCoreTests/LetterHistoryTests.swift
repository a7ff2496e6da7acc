@testable import ChanceryCore
import Foundation
import Testing
import ChanceryModel

@Suite("Letter history")
struct LetterHistoryTests {
    @Test("history lists the insert, each update with the changed fields, and the delete, attributed to their writers")
    func insertUpdateDelete() async throws {
        try await withChancery(foundingExample: true) { database in
            let editor = database.attributed(to: "editor-token")
            let ref = try await LetterService(database: database).add(sampleLetter())
            _ = try await LetterService(database: editor).update(ref, ifRevision: 1, changes: LetterChanges(subject: "Revised subject"))
            try await LetterService(database: editor).delete(ref, ifRevision: 2)

            // Deleted letters keep their history, and still answer to their reference here.
            let history = try await LetterService(database: database).history(of: ref.lowercased())
            let letterRows = history.filter { $0.table == "letter" }
            #expect(letterRows.map(\.operation) == ["INSERT", "UPDATE", "UPDATE"])
            #expect(letterRows.map(\.by) == ["test-suite", "editor-token", "editor-token"])

            let insert = letterRows[0]
            #expect(insert.changes.first { $0.field == "subject" } == HistoryChange(field: "subject", before: nil,
                                                                                     after: .string("Follow-up on the summit")))
            #expect(insert.changes.contains { $0.field == "ref" && $0.after == .string(ref) })
            #expect(!insert.changes.contains { $0.before != nil || $0.after == nil })
            #expect(!insert.changes.contains { ["revision", "updated_at", "created_at", "search_document", "summary"].contains($0.field) })

            #expect(letterRows[1].changes == [HistoryChange(field: "subject", before: .string("Follow-up on the summit"),
                                                            after: .string("Revised subject"))])
            let deletion = try #require(letterRows[2].changes.onlyElement)
            #expect(deletion.field == "deleted_at")
            #expect(deletion.before == nil)
            if case .string(let at) = deletion.after { #expect(at.hasPrefix("20")) } else { Issue.record("deleted_at: \(deletion)") }

            // The participants written with the letter are there too, in order of writing.
            let participants = history.filter { $0.table == "letter_participant" }
            #expect(participants.map(\.operation) == ["INSERT", "INSERT"])
            #expect(history.map(\.id) == history.map(\.id).sorted())
            #expect(history.allSatisfy { $0.at.hasSuffix("Z") && $0.at.count == "2024-05-01T09:30:00.123456Z".count })
        }
    }

    @Test("changes to participants, links and sources are in the letter's history; the revision bumps that go with them are not")
    func partsInHistory() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let ref = try await letters.add(sampleLetter())
            _ = try await letters.addParticipant(to: ref, ifRevision: 1, role: .cc, participant: ParticipantDraft(name: "ASEAN"))
            _ = try await letters.addLink(from: ref, ifRevision: 2, kind: .replyTo, to: "KH-US-2022-001")
            _ = try await letters.addSource(to: ref, ifRevision: 3, source: SourceDraft(title: "A report", url: "https://example.org/r"))
            _ = try await letters.removeLink(from: ref, ifRevision: 4, kind: .replyTo, to: "KH-US-2022-001")
            _ = try await letters.removeParticipant(from: ref, ifRevision: 5, role: .cc, position: 1)
            let history = try await letters.history(of: ref)
            #expect(history.map { $0.table + " " + $0.operation } == [
                "letter INSERT", "letter_participant INSERT", "letter_participant INSERT",
                "letter_participant INSERT", "letter_link INSERT", "citation INSERT", "letter_link DELETE", "letter_participant DELETE",
            ])
            let citation = history[5]
            #expect(citation.changes.contains { $0.field == "letter_id" })
            #expect(history[7].changes.contains { $0.field == "role" && $0.before == .string("cc") && $0.after == nil })
            // The history of the other letter lists only the link it holds itself (its reply to
            // US-KH-2022-001), not the one this letter held to it.
            #expect(try await letters.history(of: "KH-US-2022-001").filter { $0.table == "letter_link" }.count == 1)
        }
    }

    @Test("a correction of a source the letter cites is in its history, with what changed; earlier ones and other letters' sources are not")
    func sourceCorrectionsInHistory() async throws {
        try await withChancery(foundingExample: true) { database in
            var before = SourceChanges()
            before.publisher = .set("Before citing")
            var letter = sampleLetter(subject: "Citing a report")
            letter.sources = [SourceDraft(title: "A report", url: "https://example.org/report")]
            let ref = try await LetterService(database: database).add(letter)
            let sources = SourceService(database: database)
            _ = try await sources.edit("1", before)
            var correction = SourceChanges()
            correction.publisher = .set("Khmer Times")
            _ = try await sources.edit("https://example.org/report", correction)

            let history = try await LetterService(database: database).history(of: ref)
            let corrected = history.filter { $0.table == "source" }
            #expect(corrected.map(\.operation) == ["UPDATE"])
            #expect(corrected.first?.changes == [HistoryChange(field: "publisher", before: nil, after: .string("Khmer Times"))])
            // The founding letters cite source 1, corrected before they were read here: theirs.
            let founding = try await LetterService(database: database).history(of: "US-KH-2022-001").filter { $0.table == "source" }
            #expect(founding.count == 1 && founding.first?.changes.first?.after == .string("Before citing"))
        }
    }

    @Test("an unknown reference has no history")
    func unknown() async throws {
        try await withChancery { database in
            let error = await #expect(throws: ChanceryError.self) { try await LetterService(database: database).history(of: "NOPE-1") }
            #expect(error?.kind == .notFound)
            #expect(error?.field == "ref")
        }
    }

    @Test("the per-field difference of two row images")
    func diff() throws {
        let before = try #require(try HistoryDiff.image(#"{"id": 1, "subject": "A", "summary": null, "revision": 1, "tags": [1, true]}"#))
        let after = try #require(try HistoryDiff.image(#"{"id": 1, "subject": "B", "summary": "S", "revision": 2, "tags": [1, true]}"#))
        #expect(HistoryDiff.changes(before: before, after: after) == [
            HistoryChange(field: "subject", before: .string("A"), after: .string("B")),
            HistoryChange(field: "summary", before: nil, after: .string("S")),
        ])
        #expect(HistoryDiff.changes(before: nil, after: before).map(\.field) == ["id", "subject", "tags"])
        #expect(HistoryDiff.changes(before: after, after: nil).map(\.field) == ["id", "subject", "summary", "tags"])
        #expect(try HistoryDiff.image(nil) == nil)
    }

    @Test("JSONValue reads and writes every kind of JSON value")
    func jsonValue() throws {
        let text = #"{"a":null,"b":true,"c":1.5,"d":"x","e":[1,false,"y"],"f":{"g":-2}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value == .object([
            "a": .null, "b": .bool(true), "c": .number(1.5), "d": .string("x"),
            "e": .array([.number(1), .bool(false), .string("y")]), "f": .object(["g": .number(-2)]),
        ]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let again = try JSONDecoder().decode(JSONValue.self, from: try encoder.encode(value))
        #expect(again == value)
        let change = String(decoding: try encoder.encode(HistoryChange(field: "summary", before: nil, after: .string("S"))), as: UTF8.self)
        #expect(change == #"{"after":"S","before":null,"field":"summary"}"#)
    }
}
