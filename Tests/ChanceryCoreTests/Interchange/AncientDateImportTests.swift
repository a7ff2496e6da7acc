@testable import ChanceryCore
import ChanceryModel
import EDTF
import LibPQClient
import Foundation
import TestFiles
import Testing

/// Imports write a date's bounds the way `letter add` does (one conversion for both), so years
/// before the common era and the year 0 (1 BC) survive an import and an export.
@Suite("Dates before the common era through import")
struct AncientDateImportTests {
    @Test("0000, -0044-03-15 and a set import, and read back with the same bounds", arguments: [
        ("0000", "0000-01-01", "0000-12-31"),
        ("-0044-03-15", "-0044-03-15", "-0044-03-15"),
        ("[1542-05-05,1542-05-06]", "1542-05-05", "1542-05-06"),
    ])
    func ancientDates(edtf: String, earliest: String, latest: String) async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = try writeDataset([
                    #"{"type":"actor","kind":"person","name":"Amenhotep"}"#,
                    #"{"type":"actor","kind":"person","name":"Burna-Buriash"}"#,
                    #"{"type":"letter","ref":"EA-0001","from":[{"name":"Amenhotep"}],"to":[{"name":"Burna-Buriash"}],"#
                        + #""date":"\#(edtf)","subject":"Gold"}"#,
                ], named: "ancient.jsonl", in: folder)
                let report = try await ImportService(database: database).run([path], options: ImportOptions())
                #expect(report.committed, "\(report.rejected)")
                let letter = try await LetterService(database: database).show("EA-0001")
                #expect(letter.date.edtf == edtf)
                #expect(letter.date.earliest?.description == earliest)
                #expect(letter.date.latest?.description == latest)
                let stored = try await database.read { connection in
                    try await connection.query("SELECT sent_earliest::text AS e FROM letter WHERE ref = 'EA-0001'").rows[0]
                        .decode("e", as: String.self)
                }
                #expect(stored == PostgresDateText.of(try #require(letter.date.earliest)))
            }
        }
    }

    @Test("statistics, the register's year facet and a spelling's years number years as EDTF does: 45 BC is -44, 1 BC is 0")
    func yearsNumberedAsEDTF() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = try writeDataset([
                    #"{"type":"actor","kind":"person","name":"Gaius"}"#,
                    #"{"type":"actor","kind":"person","name":"Marcus"}"#,
                    #"{"type":"letter","ref":"ROMA-1","from":[{"name":"Gaius","nameAsWritten":"C. Iulius"}],"to":[{"name":"Marcus"}],"date":"-0044-03-15","subject":"Ides"}"#,
                    #"{"type":"letter","ref":"ROMA-2","from":[{"name":"Gaius","nameAsWritten":"C. Iulius"}],"to":[{"name":"Marcus"}],"date":"0000","subject":"Year one BC"}"#,
                    // Undated: open at both ends, no year to count (a year of infinity failed the reading).
                    #"{"type":"letter","ref":"ROMA-3","from":[{"name":"Gaius","nameAsWritten":"C. Iulius"}],"to":[{"name":"Marcus"}],"date":"XXXX","subject":"Undated"}"#,
                ], named: "rome.jsonl", in: folder)
                #expect(try await ImportService(database: database).run([path], options: ImportOptions()).committed)
                let statistics = try await StatisticsService(database: database).statistics()
                #expect(statistics.byYear.map(\.year) == [-44, 0, nil])
                var since = StatisticsRequest()
                since.since = "-0044"
                since.until = "-0044"
                #expect(try await StatisticsService(database: database).statistics(since).byYear.map(\.year) == [-44])
                let facets = try #require(try await LetterService(database: database).facets(LetterQuery()))
                #expect(facets.years.map(\.value) == ["-44", "0"])
                let spelling = try #require(try await ActorService(database: database).show("Gaius").namesAsWritten.first)
                #expect(spelling.firstYear == -44 && spelling.lastYear == 0)
            }
        }
    }
}

/// What PostgreSQL prints for a day: 1 BC is `0001-01-01 BC`.
private enum PostgresDateText {
    static func of(_ day: CalendarDay) -> String {
        let year = day.year <= 0 ? 1 - day.year : day.year
        func pad(_ value: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(value).count)) + String(value) }
        return pad(year, 4) + "-" + pad(day.month, 2) + "-" + pad(day.day, 2) + (day.year <= 0 ? " BC" : "")
    }
}
