@testable import ChanceryCore
import Foundation
import TestFiles
import Testing
import ChanceryInterchange

/// A large import plans its later statements on statistics that count its own rows, and lists
/// its letters in one pass at the end (found by the kill -9 drill: after a killed import's rows
/// were vacuumed away, the statistics said "empty" and the next import ran for hours).
@Suite("Bulk import: planner statistics")
struct ImportStatisticsTests {
    @Test("an import of many letters leaves statistics that count them, and every letter listed under both parties and the country pair")
    func largeImportRefreshesStatistics() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let count = StatisticsRefresh.threshold + 200
                let letters = (1...count).map { letterRecord("US-KH-2022-\($0)", subject: "Letter \($0)") }
                let path = try writeDataset(baseRecords + letters, named: "many.jsonl", in: folder)
                let report = try await ImportService(database: database).run([path], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(new: count))

                let figures = try await database.read { connection in
                    try await connection.query(
                        """
                        SELECT (SELECT reltuples FROM pg_class WHERE oid = 'letter'::regclass)::bigint AS letter_estimate,
                               (SELECT reltuples FROM pg_class WHERE oid = 'letter_participant'::regclass)::bigint AS participant_estimate,
                               (SELECT count(DISTINCT letter_id) FROM letter_by_party)::int AS listed_by_party,
                               (SELECT count(*) FROM letter_by_country_pair)::int AS listed_by_pair
                        """).rows[0]
                }
                #expect(try figures.decode("letter_estimate", as: Int64.self) == Int64(count))
                #expect(try figures.decode("participant_estimate", as: Int64.self) == Int64(2 * count))
                #expect(try figures.decode("listed_by_party", as: Int.self) == count)
                #expect(try figures.decode("listed_by_pair", as: Int.self) == count)
            }
        }
    }

    @Test("the listing triggers are back in charge after an import: a letter logged next is listed")
    func triggersResumeAfterAnImport() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = try writeDataset(baseRecords + [letterRecord("US-KH-2022-001")], named: "one.jsonl", in: folder)
                _ = try await ImportService(database: database).run([path], options: ImportOptions())
                var draft = sampleLetter(subject: "Logged after the import")
                draft.from = [.init(name: "Hun Sen")]
                draft.to = [.init(name: "Joe Biden")]
                let ref = try await LetterService(database: database).add(draft)
                let listed = try await database.read { connection in
                    try await connection.query(
                        "SELECT count(*)::int AS n FROM letter_by_country_pair b JOIN letter l ON l.id = b.letter_id WHERE l.ref = \(ref)"
                    ).rows[0].decode("n", as: Int.self)
                }
                #expect(listed == 1)
            }
        }
    }
}
