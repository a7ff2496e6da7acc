@testable import ChanceryCore
import Testing
import ChanceryModel
import ChanceryRendering

@Suite("Letter threads")
struct ThreadServiceTests {
    @Test("Hun Sen's reply hangs under Biden's letter, beside the enclosure Biden's letter carried")
    func foundingThread() async throws {
        try await withChancery(foundingExample: true) { database in
            let thread = try await ThreadService(database: database).thread(of: "KH-US-2022-001")
            #expect(thread.requested == "KH-US-2022-001")
            #expect(!thread.truncated)
            #expect(thread.root.ref == "US-KH-2022-001")
            #expect(thread.root.relation == nil)
            #expect(!thread.root.isRequested)
            #expect(thread.root.from == ["Joe Biden"] && thread.root.to == ["Hun Sen"])
            // The enclosure's start is open, so it sorts first.
            #expect(thread.root.children.map(\.ref) == ["US-ASEAN-2022-001", "KH-US-2022-001"])
            #expect(thread.root.children.map(\.relation) == [.enclosure, .reply])
            #expect(thread.root.children.map(\.isRequested) == [false, true])
            #expect(thread.root.children[0].via == ["Indonesia"])
            #expect(thread.letterCount == 3)
        }
    }

    @Test("asking for the enclosure or the first letter gives the same tree, marked at the letter asked for")
    func sameTreeFromEveryLetter() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = ThreadService(database: database)
            for ref in ["US-ASEAN-2022-001", "US-KH-2022-001"] {
                let thread = try await service.thread(of: ref)
                #expect(thread.root.ref == "US-KH-2022-001", "\(ref)")
                #expect(thread.root.allNodes.filter(\.isRequested).map(\.ref) == [ref])
                #expect(Set(thread.root.allNodes.map(\.ref)) == ["US-KH-2022-001", "US-ASEAN-2022-001", "KH-US-2022-001"])
            }
        }
    }

    @Test("replies of replies nest; forwards and mentions hang where they link")
    func nestedRepliesForwardsAndMentions() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            var answer = sampleLetter(subject: "Thanks for your support")
            answer.date = "2022-05"
            answer.replyTo = ["KH-US-2022-001"]
            let answerRef = try await letters.add(answer)
            var forward = sampleLetter(subject: "Passing on the President's letter")
            forward.from = [ParticipantDraft(name: "Hun Sen")]
            forward.to = [ParticipantDraft(name: "ASEAN")]
            forward.forwards = ["US-KH-2022-001"]
            let forwardRef = try await letters.add(forward)
            var mention = sampleLetter(subject: "Recalling the reply")
            mention.date = "2023"
            mention.refersTo = [answerRef]
            let mentionRef = try await letters.add(mention)

            let thread = try await ThreadService(database: database).thread(of: answerRef)
            #expect(thread.root.ref == "US-KH-2022-001")
            let reply = try #require(thread.root.children.first { $0.ref == "KH-US-2022-001" })
            let nested = try #require(reply.children.first { $0.ref == answerRef })
            #expect(nested.relation == .reply && nested.isRequested)
            #expect(nested.children.map(\.ref) == [mentionRef])
            #expect(nested.children.first?.relation == .mentioning)
            let forwarding = try #require(thread.root.children.first { $0.ref == forwardRef })
            #expect(forwarding.relation == .forwarding)
            #expect(thread.letterCount == 6)
        }
    }

    @Test("a reply loop (A answers B answers A) still yields a finite tree with each letter once")
    func replyCycle() async throws {
        try await withChancery(foundingExample: true) { database in
            // The service never records such a loop; plain SQL can.
            _ = try await database.write { connection in
                try await connection.execute(
                    """
                    INSERT INTO letter_link (letter_id, kind, target_id)
                    SELECT a.id, 'reply_to', b.id FROM letter a, letter b WHERE a.ref = \("US-KH-2022-001") AND b.ref = \("KH-US-2022-001")
                    """)
            }
            let thread = try await ThreadService(database: database).thread(of: "KH-US-2022-001")
            let refs = thread.root.allNodes.map(\.ref)
            #expect(refs.count == Set(refs).count)
            #expect(Set(refs) == ["US-KH-2022-001", "US-ASEAN-2022-001", "KH-US-2022-001"])
        }
    }

    @Test("a thread past its size limit says so and flags the letters with links left out")
    func sizeLimit() async throws {
        try await withChancery(foundingExample: true) { database in
            let thread = try await ThreadService(database: database, maximumLetters: 2).thread(of: "KH-US-2022-001")
            #expect(thread.truncated)
            #expect(thread.letterCount == 2)
            let flagged = thread.root.allNodes.filter(\.hasMore)
            #expect(!flagged.isEmpty)
        }
    }

    @Test("an unknown reference is not found, with similar references")
    func unknownReference() async throws {
        try await withChancery(foundingExample: true) { database in
            let error = await #expect(throws: ChanceryError.self) {
                try await ThreadService(database: database).thread(of: "KH-US-2022-01")
            }
            #expect(error?.kind == .notFound)
            #expect(error?.field == "ref")
            #expect(error?.candidates.contains { $0.hasPrefix("KH-US-2022-001") } == true)
        }
    }

    @Test("the text tree draws branches, labels relations and marks the letter asked for")
    func textTree() async throws {
        try await withChancery(foundingExample: true) { database in
            let thread = try await ThreadService(database: database).thread(of: "KH-US-2022-001")
            let lines = ThreadTextRenderer().render(thread).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            try #require(lines.count == 5)
            #expect(lines[0] == "Thread of KH-US-2022-001: 3 letters")
            #expect(lines[2].hasPrefix("Jan–Apr 2022  US-KH-2022-001  Letter: Working with Cambodia"))
            #expect(lines[2].hasSuffix("— Joe Biden → Hun Sen"))
            #expect(lines[3].hasPrefix("├─ enclosure: "))
            #expect(lines[3].contains("US-ASEAN-2022-001") && lines[3].hasSuffix("Joe Biden → ASEAN, via Indonesia"))
            #expect(lines[4].hasPrefix("└─ ▶ reply: Jan–Apr 2022  KH-US-2022-001  Letter: Reply:"))
            #expect(lines[4].hasSuffix("— Hun Sen → Joe Biden  (this letter)"))
        }
    }
}
