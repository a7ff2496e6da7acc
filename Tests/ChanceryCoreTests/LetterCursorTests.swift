@testable import ChanceryCore
import ChanceryModel
import Testing

/// Paging by cursor: a page turned after or before a letter shows the same letters however many
/// are logged meanwhile, through every kind of listing.
@Suite("Letter cursor paging")
struct LetterCursorTests {
    private func letter(_ ref: String, _ sent: String) -> LetterDraft {
        var draft = LetterDraft()
        draft.ref = ref
        draft.from = [ParticipantDraft(name: "Joe Biden", onBehalfOf: "US")]
        draft.to = [ParticipantDraft(name: "Hun Sen", onBehalfOf: "KH")]
        draft.date = sent
        draft.subject = "Letter " + ref
        return draft
    }

    private func page(_ database: ChanceryDatabase, _ cursor: LetterCursor?, size: Int = 3,
                      _ configure: (inout LetterQuery) -> Void = { _ in }) async throws -> [String] {
        var query = LetterQuery()
        configure(&query)
        query.cursor = cursor
        query.limit = size
        return try await LetterService(database: database).list(query).map(\.ref)
    }

    @Test("pages turned forward and back cover the listing once, in order, whatever is logged meanwhile")
    func stablePages() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            // Equal dates on purpose: the order falls back to when letters were recorded.
            let dates = ["2023-01-05", "2023-01-05", "2023-02", "2023-03-01", "2023-03-01", "2023-04", "2023/2024", "2023-06-30"]
            for (index, date) in dates.enumerated() { _ = try await letters.add(letter(String(format: "P-%02d", index), date)) }
            var query = LetterQuery()
            query.since = "2023"
            let whole = try await letters.list(query).map(\.ref)

            let listings: [(inout LetterQuery) -> Void] = [{ $0.since = "2023" }, { $0.person = "Hun Sen"; $0.since = "2023" },
                                                           { $0.between = ("US", "KH"); $0.since = "2023" }]
            for (round, configure) in listings.enumerated() {
                let first = try await page(database, nil, configure)
                #expect(first == Array(whole.prefix(3)))
                // A letter logged meanwhile, earlier than every page: offset paging would repeat a letter.
                _ = try await letters.add(letter("P-EARLY-\(round)", "2023-01-01"))
                let second = try await page(database, .after(first.last!), configure)
                #expect(second == Array(whole.dropFirst(3).prefix(3)), "\(second)")
                let third = try await page(database, .after(second.last!), configure)
                #expect(third == Array(whole.dropFirst(6).prefix(3)))
                let back = try await page(database, .before(third.first!), configure)
                #expect(back == second, "the page before the third is the second, in date order")
                let early = try await letters.show("P-EARLY-\(round)")
                try await letters.delete(early.ref, ifRevision: early.revision)
            }
        }
    }

    @Test("a deleted letter still turns the page; an unknown one is a clear error")
    func boundaries() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            for (index, date) in ["2023-01", "2023-02", "2023-03", "2023-04"].enumerated() {
                _ = try await letters.add(letter("P-\(index)", date))
            }
            try await letters.delete("P-1", ifRevision: try await letters.show("P-1").revision)
            let afterDeleted = try await page(database, .after("P-1")) { $0.since = "2023" }
            #expect(afterDeleted == ["P-2", "P-3"])
            let error = await #expect(throws: ChanceryError.self) { _ = try await page(database, .after("NO-SUCH-LETTER")) }
            #expect(error?.field == "after" && error?.message.contains("NO-SUCH-LETTER") == true)
        }
    }
}
