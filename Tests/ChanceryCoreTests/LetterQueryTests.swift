@testable import ChanceryCore
import Testing
import ChanceryModel

@Suite("Querying letters")
struct LetterQueryTests {
    private func refs(_ database: ChanceryDatabase, _ configure: (inout LetterQuery) -> Void) async throws -> [String] {
        var query = LetterQuery()
        configure(&query)
        return try await LetterService(database: database).list(query).map(\.ref)
    }

    @Test("by country, pair, person, organization, date, kind and text")
    func filters() async throws {
        try await withChancery(foundingExample: true) { database in
            let both = ["US-KH-2022-001", "KH-US-2022-001"]
            let found1 = try await refs(database) { $0.country = "KH" }
            #expect(found1 == both)
            let found2 = try await refs(database) { $0.country = "kh" }
            #expect(found2 == both)
            let found3 = try await refs(database) { $0.between = ("US", "KH"); $0.since = "2022-01-01"; $0.until = "2022-12-31" }
            #expect(found3 == both)
            let found4 = try await refs(database) { $0.country = "KH"; $0.since = "2023-01-01" }
            #expect(found4 == [])
            let found5 = try await refs(database) { $0.fromCountry = "KH" }
            #expect(found5 == ["KH-US-2022-001"])
            let found6 = try await refs(database) { $0.toCountry = "KH" }
            #expect(found6 == ["US-KH-2022-001"])
            let found7 = try await refs(database) { $0.country = "ID" }
            #expect(found7 == ["US-ASEAN-2022-001"])
            let found8 = try await refs(database) { $0.person = "Jo Biden" }
            #expect(found8 == ["US-ASEAN-2022-001"] + both)
            let found9 = try await refs(database) { $0.person = "ហ៊ុន សែន" }
            #expect(found9 == both)
            let found10 = try await refs(database) { $0.organization = "ASEAN" }
            #expect(found10 == ["US-ASEAN-2022-001"])
            let found11 = try await refs(database) { $0.text = "centrality" }
            #expect(found11 == ["US-KH-2022-001"])
            let found12 = try await refs(database) { $0.text = "100%_" }
            #expect(found12 == [])
            let found13 = try await refs(database) { $0.kind = .cable }
            #expect(found13 == [])
            let found14 = try await refs(database) { $0.country = "KH"; $0.limit = 1 }
            #expect(found14 == ["US-KH-2022-001"])
        }
    }

    @Test("date windows match by overlap, or only when certainly inside with strict")
    func overlapAndStrict() async throws {
        try await withChancery(foundingExample: true) { database in
            let found15 = try await refs(database) { $0.country = "KH"; $0.since = "2022-02"; $0.until = "2022-03" }
            #expect(found15.count == 2)
            let found16 = try await refs(database) { $0.country = "KH"; $0.since = "2022-02"; $0.until = "2022-03"; $0.strict = true }
            #expect(found16 == [])
            let found17 = try await refs(database) { $0.country = "KH"; $0.since = "2022"; $0.until = "2022"; $0.strict = true }
            #expect(found17.count == 2)
            let found18 = try await refs(database) { $0.country = "KH"; $0.until = "2021" }
            #expect(found18 == [])
        }
    }

    @Test("bad filters are specific errors", arguments: [
        ("country", "ZZ"), ("country", "KHM"), ("since", "2022-13"), ("person", "Nobody Atall"),
    ])
    func badFilters(field: String, value: String) async throws {
        try await withChancery(foundingExample: true) { database in
            var query = LetterQuery()
            switch field {
            case "country": query.country = value
            case "since": query.since = value
            default: query.person = value
            }
            let error = await #expect(throws: ChanceryError.self) { try await LetterService(database: database).list(query) }
            #expect(error?.field == field)
        }
    }

    @Test("a country's code is looked up by the page's own statement")
    func codeLookedUpInline() async throws {
        try await withChancery(foundingExample: true) { database in
            let selection = try await database.read { connection in
                var query = LetterQuery()
                query.country = " kh"
                return try await LetterQueryRunner(connection: connection).selection(for: query, codesLookedUpInline: true)
            }
            #expect(selection.codesLookedUpInline.map(\.code) == ["KH"])
            let page = selection.pageQuery(columns: LetterQueryRunner.summaryColumns, joins: LetterSQL.participantLists, limit: 5, offset: 0)
            #expect(page.sql.contains("a.iso_code = $"))
            #expect(page.binds.contains { ($0 as? String) == "KH" })
        }
    }

    @Test("an empty page from an inline code still names an unknown code, and finds a state's two-letter name")
    func inlineCodeFallsBack() async throws {
        try await withChancery(foundingExample: true) { database in
            // Not an ISO code: the statement's lookup finds no state, the listing looks it up by name.
            _ = try await ActorService(database: database).addAliases(to: "Cambodia", ["QQ"])
            let byName = try await refs(database) { $0.country = "qq" }
            let byCode = try await refs(database) { $0.country = "KH" }
            #expect(byName == byCode)
            #expect(byName.count == 2)
            let toName = try await refs(database) { $0.toCountry = "QQ" }
            #expect(toName == ["US-KH-2022-001"])
            // An ISO code without a state actor selects nothing, as before.
            let empty = try await refs(database) { $0.country = "FR" }
            #expect(empty == [])
            var unknown = LetterQuery()
            unknown.fromCountry = "ZZ"
            let error = await #expect(throws: ChanceryError.self) { try await LetterService(database: database).list(unknown) }
            #expect(error?.field == "from-country")
            #expect(error?.message.contains("'ZZ'") == true)
        }
    }

    @Test("a letter is shown by its exact reference, by another case, and named when missing")
    func showByReference() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let exact = try await letters.show("US-ASEAN-2022-001")
            #expect(exact.ref == "US-ASEAN-2022-001")
            #expect(exact.participants.count >= 2)
            #expect(exact.invitations == ["INV-US-2022-001"])
            // Found through LetterLookup's case-insensitive match, with the same parts.
            let folded = try await letters.show("  us-asean-2022-001 ")
            #expect(folded == exact)
            let error = await #expect(throws: ChanceryError.self) { try await letters.show("US-ASEAN-2022-009") }
            #expect(error?.kind == .notFound)
            #expect(error?.candidates.contains { $0.hasPrefix("US-ASEAN-2022-001") } == true)
        }
    }

    @Test("a reversed window is refused")
    func reversedWindow() async throws {
        try await withChancery(foundingExample: true) { database in
            var query = LetterQuery()
            query.since = "2023"
            query.until = "2022"
            let error = await #expect(throws: ChanceryError.self) { try await LetterService(database: database).list(query) }
            #expect(error?.kind == .invalidInput)
        }
    }
}
