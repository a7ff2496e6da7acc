@testable import ChanceryCore
import ChanceryModel
import Foundation
import LibPQClient
import Testing
import ChanceryInterchange

/// A real edition (../shared/fixtures/real/spener: a CSV2CMI table and the CMIF file made from
/// it; CC BY 4.0) imports whole from either file, and both give the same letters and dates.
@Suite("A real edition imports whole")
struct RealEditionTests {
    static let folder = URL(fileURLWithPath: #filePath).appendingPathComponent("../../../../../shared/fixtures/real/spener")
        .standardizedFileURL
    static var present: Bool { FileManager.default.fileExists(atPath: folder.appendingPathComponent("letters.csv").path) }

    /// Each letter as its number and its date's bounds, in a stable order.
    static func letters(importing file: String) async throws -> (report: ImportReport, letters: [String]) {
        try await withChancery { database in
            let path = folder.appendingPathComponent(file).path
            let report = try await ImportService(database: database).run([path], options: ImportOptions())
            let letters = try await database.read { connection in
                try await connection.query("SELECT external_key || ' ' || sent_earliest || '..' || sent_latest AS letter FROM letter ORDER BY 1").rows
                    .map { try $0.decode("letter", as: String.self) }
            }
            return (report, letters)
        }
    }

    @Test("the table and the CMIF file: every row a letter, no rejection, the same letters and dates",
          .enabled(if: present || ProcessInfo.processInfo.environment["CI"] != nil, "needs ../shared/fixtures/real"))
    func spener() async throws {
        let table = try await Self.letters(importing: "letters.csv")
        let cmif = try await Self.letters(importing: "letters.xml")
        // 2,435 rows; one repeats another of the same volume and number word for word.
        #expect(table.report.committed && cmif.report.committed)
        #expect(table.report.counts["letter"]?.rejected == 0 && cmif.report.counts["letter"]?.rejected == 0)
        #expect(table.letters.count == 2_434)
        #expect(cmif.letters.count == 2_434)
        #expect(table.letters == cmif.letters)
    }
}
