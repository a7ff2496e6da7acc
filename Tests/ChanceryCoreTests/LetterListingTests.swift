@testable import ChanceryCore
import LibPQClient
import Testing
import ChanceryModel

/// The listing tables (`letter_by_party`, `letter_by_country_pair`) that serve listings by party
/// and pair follow every write, and listings through them give the same letters as the
/// definitions say.
@Suite("Letter listings")
struct LetterListingTests {
    private func refs(_ database: ChanceryDatabase, _ configure: (inout LetterQuery) -> Void) async throws -> [String] {
        var query = LetterQuery()
        configure(&query)
        return try await LetterService(database: database).list(query).map(\.ref)
    }

    private func letter(_ ref: String, _ sent: String, from: String = "Joe Biden", to: String = "Hun Sen") -> LetterDraft {
        var draft = LetterDraft()
        draft.ref = ref
        draft.from = [ParticipantDraft(name: from)]
        draft.to = [ParticipantDraft(name: to)]
        draft.date = sent
        draft.subject = "Letter " + ref
        return draft
    }

    @Test("a window finds letters starting in it, spanning into it, open-ended and decade-long, in date order")
    func windowBranches() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            // Biden's presidency covers less than half of 2015–2025, so his state is not read off
            // his role for the decade-long letter: it is given.
            var decade = letter("T-DECADE", "2015/2025")
            decade.from = [ParticipantDraft(name: "Joe Biden", onBehalfOf: "US")]
            for draft in [letter("T-BEFORE", "2021-12-30"), letter("T-YEAR", "2022"), letter("T-OPEN", "/2022-03"),
                          decade, letter("T-INSIDE", "2022-02-10"), letter("T-AFTER", "2022-03-01"),
                          letter("T-ENDED", "2015/2021"), letter("T-OPEN-END", "2021-06/..")] {
                _ = try await letters.add(draft)
            }
            // Earliest day first, then latest: the Jan–Apr 2022 letters end before the year-dated one;
            // the letter of an unknown start ("/2022-03") is placed at its latest day.
            let expected = ["T-DECADE", "T-OPEN-END", "US-KH-2022-001", "KH-US-2022-001", "T-YEAR", "T-INSIDE", "T-OPEN"]
            let overlap = try await refs(database) { $0.since = "2022-02"; $0.until = "2022-02" }
            #expect(overlap.filter { $0.hasPrefix("T-") } == expected.filter { $0.hasPrefix("T-") })
            let byCountry = try await refs(database) { $0.country = "KH"; $0.since = "2022-02"; $0.until = "2022-02" }
            #expect(byCountry == expected)
            let byPair = try await refs(database) { $0.between = ("KH", "US"); $0.since = "2022-02"; $0.until = "2022-02" }
            #expect(byPair == byCountry)
            let byPerson = try await refs(database) { $0.person = "Hun Sen"; $0.since = "2022-02"; $0.until = "2022-02" }
            #expect(byPerson == byCountry)
            let strict = try await refs(database) { $0.country = "KH"; $0.since = "2022-02"; $0.until = "2022-02"; $0.strict = true }
            #expect(strict == ["T-INSIDE"])
            let sinceOnly = try await refs(database) { $0.person = "Hun Sen"; $0.since = "2022-02-15" }
            #expect(sinceOnly == ["T-DECADE", "T-OPEN-END", "US-KH-2022-001", "KH-US-2022-001", "T-YEAR", "T-AFTER", "T-OPEN"])
            let secondPage = try await refs(database) { $0.person = "Hun Sen"; $0.since = "2022-02-15"; $0.limit = 3; $0.offset = 3 }
            #expect(secondPage == ["KH-US-2022-001", "T-YEAR", "T-AFTER"])
        }
    }

    @Test("open-ended letters sort by their known bound, undated ones last, in every listing, page and timeline")
    func openEndsAndUndated() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            // Logged out of order; "/2022-07-18" is "shortly before 18 July 2022". (Dates while Biden
            // and Hun Sen held the roles that make the letters those of the United States and Cambodia.)
            for draft in [letter("H-UNDATED", "XXXX"), letter("H-BEFORE-JULY", "/2022-07-18"), letter("H-2021-05", "2021-05-02"),
                          letter("H-JULY", "2022-07-18"), letter("H-FROM-2022", "2022/.."), letter("H-2021-12", "2021-12"),
                          letter("H-UNDATED-CHRISTMAS", "XXXX-12-25")] {
                _ = try await letters.add(draft)
            }
            let expected = ["H-2021-05", "H-2021-12", "H-FROM-2022", "H-BEFORE-JULY", "H-JULY", "H-UNDATED", "H-UNDATED-CHRISTMAS"]
            let all = try await refs(database) { _ in }
            #expect(all.filter { $0.hasPrefix("H-") } == expected)
            #expect(all.suffix(2) == ["H-UNDATED", "H-UNDATED-CHRISTMAS"])
            for scope: (inout LetterQuery) -> Void in [{ $0.country = "KH" }, { $0.person = "Hun Sen" }, { $0.between = ("KH", "US") }] {
                let listed = try await refs(database, scope)
                #expect(listed.filter { $0.hasPrefix("H-") } == expected)
                // Pages put together give the whole listing, in order.
                var paged: [String] = []
                for offset in stride(from: 0, to: listed.count, by: 2) {
                    paged += try await refs(database) { scope(&$0); $0.limit = 2; $0.offset = offset }
                }
                #expect(paged == listed)
            }
            // A window holds the letters that may fall in it; an undated letter could be of any time and is in none.
            let inJuly = try await refs(database) { $0.person = "Hun Sen"; $0.since = "2022-07"; $0.until = "2022-07" }
            #expect(inJuly == ["H-FROM-2022", "H-BEFORE-JULY", "H-JULY"])
            let timeline = try await TimelineService(database: database).timeline(.person("Hun Sen"))
            #expect(timeline.items.map(\.ref).filter { $0.hasPrefix("H-") } == expected)
            // The SQL rule and the Swift one agree.
            let sortDays = try await database.read { connection in
                try await connection.query("SELECT sent_edtf, sent_sort::text AS sort FROM letter WHERE ref LIKE 'H-%' ORDER BY ref").rows
                    .map { (try $0.decode("sent_edtf", as: String.self), try $0.decode("sort", as: String.self)) }
            }
            for (edtf, sort) in sortDays {
                let day = try UncertainDate(parsing: edtf, field: "date").sortDay
                #expect((day.map { PostgresDate($0).description } ?? "infinity") == sort, "\(edtf)")
            }
        }
    }

    @Test("listings follow a letter's new date, new participants and deletion")
    func listingsFollowWrites() async throws {
        try await withChancery(foundingExample: true) { database in
            _ = try await LetterService(database: database).add(letter("T-MOVED", "2022-06-01"))
            let before = try await refs(database) { $0.country = "KH"; $0.since = "2023" }
            #expect(before == [])
            _ = try await database.write { connection in
                try await connection.execute(
                    "UPDATE letter SET sent_edtf = '2023-01-05', sent_earliest = '2023-01-05', sent_latest = '2023-01-05' WHERE ref = 'T-MOVED'")
            }
            let moved = try await refs(database) { $0.country = "KH"; $0.since = "2023" }
            #expect(moved == ["T-MOVED"])
            let movedByPair = try await refs(database) { $0.between = ("US", "KH"); $0.since = "2023" }
            #expect(movedByPair == ["T-MOVED"])

            let copiedToIndonesia = try await refs(database) { $0.toCountry = "ID"; $0.since = "2023" }
            #expect(copiedToIndonesia == [])
            _ = try await database.write { connection in
                try await connection.execute(
                    """
                    INSERT INTO letter_participant (letter_id, role, position, actor_id)
                    SELECT l.id, 'cc', 1, a.id FROM letter l, actor a WHERE l.ref = 'T-MOVED' AND a.iso_code = 'ID'
                    """)
            }
            let copied = try await refs(database) { $0.toCountry = "ID"; $0.since = "2023" }
            #expect(copied == ["T-MOVED"])
            let sentByIndonesia = try await refs(database) { $0.fromCountry = "ID"; $0.since = "2023" }
            #expect(sentByIndonesia == [])

            let listingRows: Int = try await database.write { connection in
                try await connection.execute("DELETE FROM letter WHERE ref = 'T-MOVED'")
                return try await connection.query(
                    """
                    SELECT (SELECT count(*) FROM letter_by_party WHERE letter_id NOT IN (SELECT id FROM letter))
                         + (SELECT count(*) FROM letter_by_country_pair WHERE letter_id NOT IN (SELECT id FROM letter)) AS orphans
                    """).rows[0].decode("orphans")
            }
            #expect(listingRows == 0)
            let gone = try await refs(database) { $0.country = "KH"; $0.since = "2023" }
            #expect(gone == [])
        }
    }

    @Test("every party of every founding-example letter is listed with the sides it takes")
    func partiesAndSides() async throws {
        try await withChancery(foundingExample: true) { database in
            let rows = try await database.read { connection in
                try await connection.query(
                    """
                    SELECT l.ref, a.name, b.sides FROM letter_by_party b JOIN letter l ON l.id = b.letter_id
                    JOIN actor a ON a.id = b.party_id WHERE l.ref = 'KH-US-2022-001' ORDER BY a.name
                    """).rows.map { "\(try $0.decode("name", as: String.self)):\(try $0.decode("sides", as: Int.self))" }
            }
            #expect(rows == ["Cambodia:1", "Hun Sen:1", "Joe Biden:2", "United States:2"])
        }
    }
}
