@testable import ChanceryCore
import Foundation
import TestFiles
import Testing
import ChanceryModel
import ChanceryInterchange

@Suite("Deleting letters")
struct LetterDeletionTests {
    /// The letters around the one deleted: `deleted` answers `question` and KH-US-2022-001,
    /// concerns the summit, extends an invitation and carries an answer to another, and awaits a
    /// reply; `mention` refers to it.
    struct Scenario {
        var question: String
        var deleted: String
        var mention: String
        var invitation: String
    }

    static func scenario(_ database: ChanceryDatabase) async throws -> Scenario {
        let letters = LetterService(database: database)
        var question = sampleLetter(subject: "A question awaiting an answer")
        question.awaitingReply = true
        let questionRef = try await letters.add(question)
        var deleted = sampleLetter(subject: "The zanzibarian proposal")
        deleted.kind = .telegram
        deleted.awaitingReply = true
        deleted.replyTo = [questionRef, "KH-US-2022-001"]
        deleted.events = ["ASEAN-US-SUMMIT-2022"]
        let deletedRef = try await letters.add(deleted)
        var mention = sampleLetter(subject: "A note mentioning the proposal")
        mention.refersTo = [deletedRef]
        let mentionRef = try await letters.add(mention)
        var invitation = InvitationDraft()
        invitation.from = ParticipantDraft(name: "Joe Biden")
        invitation.invitees = ["Hun Sen"]
        invitation.letter = deletedRef
        let invitationRef = try await InvitationService(database: database).add(invitation)
        _ = try await InvitationService(database: database).respond(
            ResponseDraft(invitation: "INV-US-2022-001", invitee: "ASEAN", status: .declined, letter: deletedRef))
        return Scenario(question: questionRef, deleted: deletedRef, mention: mentionRef, invitation: invitationRef)
    }

    /// Every read that shows (or names) letter `ref`, by name.
    static func placesShowing(_ ref: String, in scenario: Scenario, _ database: ChanceryDatabase) async throws -> Set<String> {
        var places: Set<String> = []
        func note(_ place: String, _ shown: Bool) { if shown { places.insert(place) } }
        let letters = LetterService(database: database)
        var query = LetterQuery()
        note("list", try await letters.list(query).contains { $0.ref == ref })
        query.country = "KH"
        note("list by country", try await letters.list(query).contains { $0.ref == ref })
        query = LetterQuery()
        query.between = ("US", "KH")
        note("list between", try await letters.list(query).contains { $0.ref == ref })
        query = LetterQuery()
        query.since = "2022-06"
        query.until = "2022-06"
        note("list in a window", try await letters.list(query).contains { $0.ref == ref })
        query = LetterQuery()
        query.text = "zanzibarian"
        note("list by text", try await letters.list(query).contains { $0.ref == ref })
        note("search", try await SearchService(database: database).search("zanzibarian").letters.contains { $0.letter.ref == ref })
        note("search by name", try await SearchService(database: database).search("Biden").letters.contains { $0.letter.ref == ref })
        for (name, scope) in [("timeline of KH", TimelineScope.country("KH")), ("timeline of the summit", .event("ASEAN-US-SUMMIT-2022")),
                              ("timeline of everything", .everything), ("timeline of a person", .person("Hun Sen"))] {
            let items = try await TimelineService(database: database).timeline(scope).items
            note(name, items.contains { $0.ref == ref || $0.detail.contains(ref) })
        }
        let thread = try await ThreadService(database: database).thread(of: "KH-US-2022-001")
        note("thread", thread.root.allNodes.contains { $0.ref == ref })
        note("pending", try await PendingService(database: database).pending().letters.contains { $0.ref == ref })
        note("answered letter's detail", try await letters.show("KH-US-2022-001").linkedFrom.contains { $0.ref == ref })
        note("mentioning letter's detail", try await letters.show(scenario.mention).links.contains { $0.ref == ref })
        let invitations = try await InvitationService(database: database).list()
        note("invitation", invitations.contains { $0.letter == ref })
        note("invitation response", invitations.contains { $0.invitees.contains { $0.letter == ref } })
        try await withTemporaryFolder { folder in
            let everything = folder.appendingPathComponent("all.jsonl").path
            try await ExportService(database: database).export(format: .jsonl, query: nil, to: everything)
            note("export", try String(contentsOfFile: everything, encoding: .utf8).contains(ref))
            var selected = LetterQuery()
            selected.country = "KH"
            let some = folder.appendingPathComponent("kh.xml").path
            try await ExportService(database: database).export(format: .cmif, query: selected, to: some)
            note("export of a selection", try String(contentsOfFile: some, encoding: .utf8).contains(ref))
        }
        return places
    }

    @Test("a deleted letter leaves listings, search, timelines, threads, pending, reports, exports and other letters")
    func deletedLetterDisappears() async throws {
        try await withChancery(foundingExample: true) { database in
            let scenario = try await Self.scenario(database)
            let everywhere: Set<String> = [
                "list", "list by country", "list between", "list in a window", "list by text", "search", "search by name",
                "timeline of KH", "timeline of the summit", "timeline of everything", "timeline of a person", "thread", "pending",
                "answered letter's detail", "mentioning letter's detail", "invitation", "invitation response", "export",
                "export of a selection",
            ]
            #expect(try await Self.placesShowing(scenario.deleted, in: scenario, database) == everywhere)
            let statistics = try await StatisticsService(database: database).statistics()
            let network = try await NetworkService(database: database).network(NetworkRequest())
            #expect(try await PendingService(database: database).pending().letters.map(\.ref).contains(scenario.question) == false)

            let letters = LetterService(database: database)
            try await letters.delete(scenario.deleted, ifRevision: 1)

            #expect(try await Self.placesShowing(scenario.deleted, in: scenario, database) == [])
            let after = try await StatisticsService(database: database).statistics()
            #expect(after.letters == statistics.letters - 1)
            #expect(statistics.byKind.contains { $0.kind == .telegram })
            #expect(!after.byKind.contains { $0.kind == .telegram })
            #expect(after.byYear.reduce(0) { $0 + $1.letters } == after.letters)
            #expect(after.topCorrespondents.reduce(0) { $0 + $1.letters } < statistics.topCorrespondents.reduce(0) { $0 + $1.letters })
            #expect(after.byCountry.first { $0.code == "KH" }!.total == statistics.byCountry.first { $0.code == "KH" }!.total - 1)
            let networkAfter = try await NetworkService(database: database).network(NetworkRequest())
            #expect(networkAfter.edges.reduce(0) { $0 + $1.weight } == network.edges.reduce(0) { $0 + $1.weight } - 1)
            // The question it answered waits for an answer again: a deleted reply answers nothing.
            #expect(try await PendingService(database: database).pending().letters.map(\.ref).contains(scenario.question))
            // The letters around it are intact.
            #expect(try await letters.show(scenario.mention).links == [])
            #expect(try await ThreadService(database: database).thread(of: scenario.question).root.allNodes.map(\.ref) == [scenario.question])

            let error = await #expect(throws: ChanceryError.self) { try await letters.show(scenario.deleted) }
            #expect(error?.kind == .notFound)
            #expect(error?.message.contains("was deleted") == true)
            // Nothing can be linked to it any more.
            var linking = sampleLetter()
            linking.replyTo = [scenario.deleted]
            let link = await #expect(throws: ChanceryError.self) { try await letters.add(linking) }
            #expect(link?.kind == .notFound)
            #expect(link?.field == "reply-to")
        }
    }

    @Test("re-importing a deleted letter leaves it deleted and unchanged, with a warning")
    func reimportLeavesDeleted() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = try writeDataset(baseRecords + [letterRecord("L-1"), letterRecord("L-2")], named: "a.jsonl", in: folder)
                let service = ImportService(database: database)
                _ = try await service.run([path], options: ImportOptions())
                let letters = LetterService(database: database)
                try await letters.delete("L-1", ifRevision: 1)
                let counts = try await rowCounts(database)

                let changed = try writeDataset(baseRecords + [letterRecord("L-1", subject: "Revised"), letterRecord("L-2")],
                                               named: "b.jsonl", in: folder)
                let report = try await service.run([changed], options: ImportOptions())
                #expect(report.committed)
                #expect(report.counts["letter"] == ImportCounts(unchanged: 2))
                #expect(report.warnings.map(\.message) == ["ref: letter L-1 was deleted; importing it again leaves it deleted and unchanged"])
                #expect(try await rowCounts(database) == counts)
                let error = await #expect(throws: ChanceryError.self) { try await letters.show("L-1") }
                #expect(error?.kind == .notFound)
                #expect(try await letters.list(LetterQuery()).map(\.ref) == ["L-2"])
            }
        }
    }
}
