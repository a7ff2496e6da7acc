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
