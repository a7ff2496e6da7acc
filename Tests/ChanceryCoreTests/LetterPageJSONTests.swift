@testable import ChanceryCore
import ChanceryModel
import ChanceryRendering
import Foundation
import Testing

/// The API's listing is written from the rows as the database sent them
/// (`LetterService.listPageJSON`); it must equal, byte for byte, the page of the summaries
/// `list` builds (`LetterSummary.pageJSON`, itself compared with `JSONEncoder`).
@Suite("Listing pages written from the rows")
struct LetterPageJSONTests {
    /// Both pages of `query` (which asks for one more letter than `pageSize`).
    private func pages(_ database: ChanceryDatabase, _ query: LetterQuery, pageSize: Int) async throws -> (cells: String, model: String) {
        let letters = LetterService(database: database)
        let cells = try await letters.listPageJSON(query, pageSize: pageSize) { "next-\(pageSize)" }
        let summaries = try await letters.list(query)
        let model = LetterSummary.pageJSON(Array(summaries.prefix(pageSize)), nextCursor: summaries.count > pageSize ? "next-\(pageSize)" : nil)
        return (String(decoding: cells, as: UTF8.self), String(decoding: model, as: UTF8.self))
    }

    @Test("equal to the summaries' page for awkward text, every list and kind, and every page size")
    func sameBytes() async throws {
        try await withChancery(foundingExample: true) { database in
            let actors = ActorService(database: database)
            // Names the array literal must quote and escape, and JSON must escape.
            let awkward = [#"Jo "Quoted" Backslash\Smith"#, "NULL", "Brace {Wing}, Comma", "Zoë Ω 王 🕊", " Spaced Name "]
            for name in awkward {
                _ = try await actors.add(ActorDraft(kind: .person, name: name))
            }
            let letters = LetterService(database: database)
            var draft = sampleLetter(subject: "Tabs\tand \"quotes\", back\\slash, newline\nand control \u{1}; ünïcödé ✉️")
            draft.from = [ParticipantDraft(name: awkward[0]), ParticipantDraft(name: "Joe Biden")]
            draft.to = [ParticipantDraft(name: awkward[1]), ParticipantDraft(name: "Hun Sen")]
            draft.cc = [ParticipantDraft(name: awkward[2]), ParticipantDraft(name: awkward[3])]
            draft.via = [ParticipantDraft(name: awkward[4].trimmingCharacters(in: .whitespaces))]
            draft.kind = .telegram
            draft.date = "2022-06-1X?"
            _ = try await letters.add(draft)
            var second = sampleLetter(subject: "Ordinary")
            second.date = "2022-06-03/2022-06-05"
            _ = try await letters.add(second)
            // A date the letter before it on the page shares: written again from the page.
            var third = sampleLetter(subject: "Same dates")
            third.date = second.date
            _ = try await letters.add(third)

            var checked = 0
            for pageSize in [1, 2, 3, 5, 50] {
                for configure: (inout LetterQuery) -> Void in [
                    { _ in }, { $0.country = "KH" }, { $0.country = "US"; $0.since = "2022-06" }, { $0.person = "Joe Biden" },
                    { $0.text = "quotes" }, { $0.country = "FR" },
                ] {
                    var query = LetterQuery()
                    configure(&query)
                    query.limit = pageSize + 1
                    let (cells, model) = try await pages(database, query, pageSize: pageSize)
                    #expect(cells == model)
                    checked += 1
                }
            }
            #expect(checked == 30)
            // The awkward letter is on the first page of all, and its text came through escaped.
            var all = LetterQuery()
            all.limit = 51
            let page = try await pages(database, all, pageSize: 50).cells
            #expect(page.contains(#""Jo \"Quoted\" Backslash\\Smith""#))
            #expect(page.contains(#""NULL""#))
            #expect(page.contains(#"newline\nand control \u0001"#))
            #expect(page.contains(#""kind":"telegram""#))
            let decoded = try JSONSerialization.jsonObject(with: Data(page.utf8)) as? [String: Any]
            #expect((decoded?["items"] as? [Any])?.count == 6)
            #expect(page.components(separatedBy: #""edtf":"2022-06-03/2022-06-05""#).count == 3)
            #expect(decoded?["nextCursor"] is NSNull)
        }
    }
}
