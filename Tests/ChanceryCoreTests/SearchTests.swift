@testable import ChanceryCore
import Testing
import ChanceryModel

@Suite("Full-text search")
struct SearchTests {
    private func add(_ database: ChanceryDatabase, ref: String, subject: String, summary: String? = nil, body: String? = nil) async throws {
        var draft = LetterDraft()
        draft.ref = ref
        draft.from = [ParticipantDraft(name: "Joe Biden")]
        draft.to = [ParticipantDraft(name: "Hun Sen")]
        draft.date = "2022-06-01"
        draft.subject = subject
        draft.summary = summary
        draft.text = body
        _ = try await LetterService(database: database).add(draft)
    }

    private func found(_ database: ChanceryDatabase, _ text: String) async throws -> [String] {
        try await SearchService(database: database).search(text).letters.map(\.letter.ref)
    }

    @Test("accents and case are ignored, English words stem, words match as prefixes")
    func latinScripts() async throws {
        try await withChancery(foundingExample: true) { database in
            try await add(database, ref: "S-ELYSEE", subject: "Réunion à l'Élysée sur les négociations")
            try await add(database, ref: "S-SUMMITS", subject: "Two summits in one year")
            let elysee = try await found(database, "elysee")
            #expect(elysee == ["S-ELYSEE"])
            let accented = try await found(database, "ÉLYSÉE")
            #expect(accented == ["S-ELYSEE"])
            let prefix = try await found(database, "negoc")
            #expect(prefix == ["S-ELYSEE"])
            let stemmed = try await found(database, "summit year")
            #expect(stemmed == ["S-SUMMITS"])
            let excluded = try await found(database, "summits -year")
            #expect(!excluded.contains("S-SUMMITS"))
            let viaFilter = try await LetterService(database: database).list({ var q = LetterQuery(); q.text = "ELYSEE"; return q }())
            #expect(viaFilter.map(\.ref) == ["S-ELYSEE"])
        }
    }

    @Test("Khmer text and Khmer aliases are found")
    func khmer() async throws {
        try await withChancery(foundingExample: true) { database in
            try await add(database, ref: "S-KHMER", subject: "Letter in Khmer",
                          body: "សម្តេចតេជោ ហ៊ុន សែន នាយករដ្ឋមន្ត្រី នៃព្រះរាជាណាចក្រកម្ពុជា")
            let phrase = try await found(database, "នាយករដ្ឋមន្ត្រី")
            #expect(phrase == ["S-KHMER"])
            let prefix = try await found(database, "សម្តេច")
            #expect(prefix == ["S-KHMER"])
            let results = try await SearchService(database: database).search("ហ៊ុន សែន")
            #expect(results.actors.map(\.name) == ["Hun Sen"])
            #expect(results.actors.first?.matchedAlias == "ហ៊ុន សែន")
            // The Khmer body matches, and so does every letter Hun Sen takes part in through his alias.
            #expect(results.letters.first?.letter.ref == "S-KHMER")
            #expect(Set(results.letters.map(\.letter.ref)).isSuperset(of: ["KH-US-2022-001", "US-KH-2022-001"]))
        }
    }

    @Test("subject matches rank above body matches; snippets mark the words; names count")
    func rankingAndSnippets() async throws {
        try await withChancery(foundingExample: true) { database in
            try await add(database, ref: "S-BODY", subject: "Routine note", body: "Some text. The mekong cooperation is mentioned here once.")
            try await add(database, ref: "S-SUBJECT", subject: "Mekong cooperation", summary: "On the Mekong.")
            let results = try await SearchService(database: database).search("mekong")
            #expect(results.letters.map(\.letter.ref) == ["S-SUBJECT", "S-BODY"])
            #expect(results.letters[0].rank > results.letters[1].rank)
            #expect(results.letters[1].snippet.contains("**mekong**"))
            let byName = try await SearchService(database: database).search("Biden")
            #expect(byName.actors.map(\.name) == ["Joe Biden"])
            #expect(byName.letters.count == 5)
            #expect(byName.letters.allSatisfy { $0.matchedNames == ["Joe Biden"] })
        }
    }

    @Test("past the ranking cap, search ranks the first matches found and says how many it ranked")
    func rankingCap() async throws {
        try await withChancery(foundingExample: true) { database in
            for index in 1...4 {
                try await add(database, ref: "S-MEKONG-\(index)", subject: "Mekong note \(index)",
                              body: String(repeating: "mekong ", count: index))
            }
            let full = try await SearchService(database: database, rankingCap: 4).search("mekong")
            #expect(full.rankedAmong == nil)
            #expect(full.letters.map(\.letter.ref) == ["S-MEKONG-4", "S-MEKONG-3", "S-MEKONG-2", "S-MEKONG-1"])

            let capped = try await SearchService(database: database, rankingCap: 3).search("mekong")
            #expect(capped.rankedAmong == 3)
            #expect(capped.letters.count == 3)
            #expect(Set(capped.letters.map(\.letter.ref)).isSubset(of: Set(full.letters.map(\.letter.ref))))
            // Ranked among themselves: the order is the full ranking's order.
            #expect(capped.letters.map(\.letter.ref) == full.letters.map(\.letter.ref).filter(Set(capped.letters.map(\.letter.ref)).contains))

            // Names count against the cap too: Biden is in all seven letters.
            let byName = try await SearchService(database: database, rankingCap: 5).search("Biden")
            #expect(byName.rankedAmong == 5)
            #expect(byName.letters.count == 5)
            #expect(try await SearchService(database: database, rankingCap: 7).search("Biden").rankedAmong == nil)
        }
    }

    @Test("empty searches and searches of only common words are refused")
    func refused() async throws {
        try await withChancery { database in
            await #expect(throws: ChanceryError.self) { _ = try await SearchService(database: database).search("   ") }
            do {
                _ = try await SearchService(database: database).search("the of and")
                Issue.record("a search of stop words was accepted")
            } catch let error as ChanceryError {
                #expect(error.message.contains("too common"))
            }
        }
    }
}
