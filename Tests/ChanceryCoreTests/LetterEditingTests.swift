@testable import ChanceryCore
import LibPQClient
import Testing
import ChanceryModel

/// How many history rows there are: a refused edit must add none.
func historyCount(_ database: ChanceryDatabase) async throws -> Int {
    try await database.read { connection in
        try await connection.query("SELECT count(*) AS n FROM history").rows[0].decode("n")
    }
}

/// What an async call returned or threw, for comparing calls run side by side.
func outcome<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}

@Suite("Editing letters")
struct LetterEditingTests {
    @Test("create returns the stored letter at revision 1; update changes fields and bumps the revision")
    func updateChangesFields() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let created = try await letters.create(sampleLetter())
            #expect(!created.replayed)
            #expect(created.value.revision == 1)
            #expect(try await letters.show(created.value.ref) == created.value)

            let changed = try await letters.update(created.value.ref, ifRevision: 1, changes: LetterChanges(
                kind: .noteVerbale, received: .set("2022-07"), subject: "  Follow-up, revised  ", summary: .set("A summary"),
                text: .set("The text"), language: .set("fr"), classification: .confidential, sentPlace: .set("Washington"),
                receivedPlace: .set("Phnom Penh"), awaitingReply: true))
            #expect(changed.revision == 2)
            #expect(changed.kind == .noteVerbale)
            #expect(changed.received?.edtf == "2022-07")
            #expect(changed.subject == "Follow-up, revised")
            #expect(changed.summary == "A summary")
            #expect(changed.text == "The text")
            #expect(changed.language == "fr")
            #expect(changed.classification == .confidential)
            #expect(changed.sentPlace == "Washington")
            #expect(changed.receivedPlace == "Phnom Penh")
            #expect(changed.awaitingReply)
            #expect(changed.participants == created.value.participants)
            #expect(try await letters.show(created.value.ref) == changed)

            // Clearing, and blank text (which clears, as a blank option does when logging).
            let cleared = try await letters.update(created.value.ref, ifRevision: 2, changes: LetterChanges(
                received: .clear, summary: .clear, text: .set("   "), language: .clear, sentPlace: .clear))
            #expect(cleared.revision == 3)
            #expect(cleared.received == nil && cleared.summary == nil && cleared.text == nil && cleared.language == nil)
            #expect(cleared.sentPlace == nil)
            #expect(cleared.receivedPlace == "Phnom Penh")
            #expect(cleared.subject == "Follow-up, revised")

            // A new date moves the letter in the listings (the listing tables follow the letter row).
            let redated = try await letters.update(created.value.ref, ifRevision: 3, changes: LetterChanges(date: "2023-02"))
            #expect(redated.date.edtf == "2023-02")
            var query = LetterQuery()
            query.country = "KH"
            query.since = "2023"
            #expect(try await letters.list(query).map(\.ref) == [created.value.ref])
            query.country = nil
            #expect(try await letters.list(query).map(\.ref) == [created.value.ref])
        }
    }

    @Test("a stale revision is refused and writes nothing")
    func staleRevision() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let ref = try await letters.add(sampleLetter())
            _ = try await letters.update(ref, ifRevision: 1, changes: LetterChanges(subject: "Second"))
            let before = try await letters.show(ref)
            let history = try await historyCount(database)

            let error = await #expect(throws: ChanceryError.self) {
                try await letters.update(ref, ifRevision: 1, changes: LetterChanges(subject: "Third"))
            }
            #expect(error?.kind == .stale)
            #expect(error?.message == "letter \(ref) is at revision 2, not 1")
            #expect(error?.hint == "Read the letter again for its current revision (its ETag), and retry with it.")
            #expect(error?.next == [.showLetter(ref: ref)])
            let deletion = await #expect(throws: ChanceryError.self) { try await letters.delete(ref, ifRevision: 3) }
            #expect(deletion?.kind == .stale)
            #expect(try await letters.show(ref) == before)
            #expect(try await historyCount(database) == history)
        }
    }

    @Test("two concurrent updates from the same revision: exactly one succeeds, the other is stale")
    func concurrentUpdates() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let ref = try await letters.add(sampleLetter())
            for round in 1...5 {
                let revision = try await letters.show(ref).revision
                async let first = outcome { try await letters.update(ref, ifRevision: revision, changes: LetterChanges(subject: "A \(round)")) }
                async let second = outcome { try await letters.update(ref, ifRevision: revision, changes: LetterChanges(subject: "B \(round)")) }
                let outcomes = [await first, await second]
                let winners = outcomes.compactMap { try? $0.get() }
                #expect(winners.count == 1)
                #expect(winners.first?.revision == revision + 1)
                let losers = outcomes.compactMap { outcome -> ChanceryError? in
                    if case .failure(let error) = outcome { return error as? ChanceryError }
                    return nil
                }
                #expect(losers.map(\.kind) == [.stale])
                let stored = try await letters.show(ref)
                #expect(stored.revision == revision + 1)
                #expect(stored.subject == winners.first?.subject)
            }
        }
    }

    /// Every way a change can be wrong, with the field it must name.
    static let badChanges: [(String, ChanceryError.Kind, String?, LetterChanges)] = [
        ("nothing to change", .invalidInput, nil, LetterChanges()),
        ("unreadable date", .invalidInput, "date", LetterChanges(date: "2022-13")),
        ("unreadable received date", .invalidInput, "received", LetterChanges(received: .set("soon"))),
        ("received before the stored sent date", .invalidInput, "received", LetterChanges(received: .set("2021"))),
        ("sent after the stored received date", .invalidInput, "received", LetterChanges(date: "2023")),
        ("blank subject", .invalidInput, "subject", LetterChanges(subject: "  ")),
        ("subject too long", .invalidInput, "subject", LetterChanges(subject: String(repeating: "x", count: 301))),
        ("summary too long", .invalidInput, "summary", LetterChanges(summary: .set(String(repeating: "x", count: 5001)))),
        ("text too long", .invalidInput, "text", LetterChanges(text: .set(String(repeating: "x", count: 1_000_001)))),
        ("bad language", .invalidInput, "language", LetterChanges(language: .set("english!"))),
        ("sent place too long", .invalidInput, "sentPlace", LetterChanges(sentPlace: .set(String(repeating: "x", count: 201)))),
        ("received place too long", .invalidInput, "receivedPlace",
         LetterChanges(receivedPlace: .set(String(repeating: "x", count: 201)))),
    ]

    @Test("invalid changes are refused with the field at fault, and write nothing", arguments: badChanges.indices)
    func invalidChanges(index: Int) async throws {
        let (label, kind, field, changes) = Self.badChanges[index]
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            var draft = sampleLetter()
            draft.received = "2022-07"
            let ref = try await letters.add(draft)
            let before = try await letters.show(ref)
            let history = try await historyCount(database)
            let error = await #expect(throws: ChanceryError.self, "\(label)") {
                try await letters.update(ref, ifRevision: 1, changes: changes)
            }
            #expect(error?.kind == kind, "\(label)")
            #expect(error?.field == field, "\(label): \(String(describing: error))")
            #expect(try await letters.show(ref) == before)
            #expect(try await historyCount(database) == history)
        }
    }

    @Test("an unknown letter is not found, by reference (case-insensitively matched as for show)")
    func unknownLetter() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let error = await #expect(throws: ChanceryError.self) {
                try await letters.update("US-KH-2099-001", ifRevision: 1, changes: LetterChanges(subject: "x"))
            }
            #expect(error?.kind == .notFound)
            #expect(error?.field == "ref")
            let changed = try await letters.update("us-kh-2022-001", ifRevision: 1, changes: LetterChanges(awaitingReply: true))
            #expect(changed.ref == "US-KH-2022-001")
            #expect(changed.revision == 2)
        }
    }

    @Test("create with an idempotency key: a retry creates nothing and replays the same letter")
    func idempotentCreate() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let key = IdempotencyKey(scope: "editor", key: "3f1c", fingerprint: "POST /v1/letters {…}")
            let first = try await letters.create(sampleLetter(), once: key)
            let counts = try await rowCounts(database)
            let second = try await letters.create(sampleLetter(), once: key)
            #expect(!first.replayed)
            #expect(second.replayed)
            #expect(second.value == first.value)
            #expect(try await rowCounts(database) == counts)
            var query = LetterQuery()
            query.text = "Follow-up"
            #expect(try await letters.list(query).map(\.ref) == [first.value.ref])

            let other = IdempotencyKey(scope: "editor", key: "3f1c", fingerprint: "POST /v1/letters {different}")
            let error = await #expect(throws: ChanceryError.self) { try await letters.create(sampleLetter(subject: "Other"), once: other) }
            #expect(error?.kind == .invalidInput)
            #expect(error?.field == "Idempotency-Key")
            #expect(try await rowCounts(database) == counts)

            // Another client may use the same key for its own request.
            let elsewhere = IdempotencyKey(scope: "someone-else", key: "3f1c", fingerprint: "POST /v1/letters {…}")
            #expect(try await !letters.create(sampleLetter(), once: elsewhere).replayed)
        }
    }

    @Test("a refused create writes nothing, not even its idempotency key")
    func refusedCreate() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let counts = try await rowCounts(database)
            var draft = sampleLetter()
            draft.date = "2022-13"
            let key = IdempotencyKey(scope: "editor", key: "k1", fingerprint: "bad")
            let error = await #expect(throws: ChanceryError.self) { try await letters.create(draft, once: key) }
            #expect(error?.field == "date")
            #expect(try await rowCounts(database) == counts)
            let retried = try await letters.create(sampleLetter(), once: IdempotencyKey(scope: "editor", key: "k1", fingerprint: "good"))
            #expect(!retried.replayed)
        }
    }

    @Test("delete needs the current revision; a deleted letter is gone for show, update and a second delete")
    func deleteChecks() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let ref = try await letters.add(sampleLetter())
            try await letters.delete(ref, ifRevision: 1)
            for attempt in [
                { _ = try await letters.show(ref) },
                { _ = try await letters.update(ref, ifRevision: 2, changes: LetterChanges(subject: "x")) },
                { try await letters.delete(ref, ifRevision: 2) },
                { _ = try await ThreadService(database: database).thread(of: ref) },
            ] as [@Sendable () async throws -> Void] {
                let error = await #expect(throws: ChanceryError.self) { try await attempt() }
                #expect(error?.kind == .notFound)
                #expect(error?.field == "ref")
                #expect(error?.message.hasPrefix("letter \(ref) was deleted on ") == true, "\(String(describing: error))")
            }
            // Its reference stays taken: the next letter gets the next number.
            #expect(try await letters.add(sampleLetter()) != ref)
            var taken = sampleLetter()
            taken.ref = ref
            let clash = await #expect(throws: ChanceryError.self) { try await letters.add(taken) }
            #expect(clash?.kind == .conflict)
        }
    }
}
