@testable import ChanceryCore
import ChanceryModel
import Testing

/// The names the new-letter form suggests while someone types: a word of a name or an alias
/// beginning with what was typed (any script, any case), or an ISO code.
@Suite("Name suggestions")
struct ActorSuggestionTests {
    @Test("names, aliases in any script and ISO codes are suggested; names before aliases")
    func suggestions() async throws {
        try await withChancery(foundingExample: true) { database in
            let actors = ActorService(database: database)
            let hun = try await actors.suggestions(for: "hun")
            #expect(hun == [NameSuggestion(name: "Hun Sen", kind: .person)])
            // A later word of the name matches too.
            let biden = try await actors.suggestions(for: "BIDEN")
            #expect(biden.map(\.name) == ["Joe Biden"])
            let khmer = try await actors.suggestions(for: "ហ៊ុន")
            #expect(khmer == [NameSuggestion(name: "Hun Sen", kind: .person, matched: "ហ៊ុន សែន")])
            let code = try await actors.suggestions(for: "kh")
            #expect(code == [NameSuggestion(name: "Cambodia", kind: .state, matched: "KH")])
            let alias = try await actors.suggestions(for: "Association of")
            #expect(alias.map(\.matched) == ["Association of Southeast Asian Nations"])
            // "Jo" begins Joe Biden's name and his alias "Jo Biden": one suggestion, by its name.
            let jo = try await actors.suggestions(for: "jo")
            #expect(jo == [NameSuggestion(name: "Joe Biden", kind: .person)])
        }
    }

    @Test("too little typed, LIKE wildcards and a limit: nothing more than asked")
    func bounds() async throws {
        try await withChancery(foundingExample: true) { database in
            let actors = ActorService(database: database)
            for typed in ["h", "%%", "__", "  "] {
                let found = try await actors.suggestions(for: typed)
                #expect(found.isEmpty, "\(typed)")
            }
            let one = try await actors.suggestions(for: "in", limit: 1)
            #expect(one.count == 1)
        }
    }
}
