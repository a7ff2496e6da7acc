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

    /// What a register made from one of the files holds, in a stable order.
    struct Register {
        var report: ImportReport
        /// Each letter as its edition and number, its date's bounds and its date as written.
        var letters: [String]
        /// Each letter's participants: authority id (or name), name as written and the editor's marks.
        var participants: [String]
        /// Each person with an authority id and every name they have.
        var people: [String]
        /// The actors standing for someone unnamed ("einen Amtsbruder").
        var unidentified: [String]
        /// The busiest correspondents' names.
        var busiest: [String]
    }

    static func register(importing file: String) async throws -> Register {
        try await withChancery { database in
            let path = folder.appendingPathComponent(file).path
            let report = try await ImportService(database: database).run([path], options: ImportOptions())
            let busiest = try await StatisticsService(database: database).statistics(StatisticsRequest(top: 20)).topCorrespondents
                .flatMap { [$0.from, $0.to] }
            return try await database.read { connection in
                func lines(_ query: PostgresQuery) async throws -> [String] {
                    try await connection.query(query).rows.map { try $0.decode("line", as: String.self) }
                }
                let letters = try await lines(
                    """
                    SELECT concat_ws(' ', l.external_key, l.sent_earliest || '..' || l.sent_latest, l.sent_as_written) AS line
                    FROM letter l ORDER BY 1
                    """)
                let participants = try await lines(
                    """
                    SELECT concat_ws(' ', l.external_key, l.sent_earliest || '..' || l.sent_latest, p.role::text, p.position,
                                     coalesce(a.gnd_id, a.name), '«' || p.name_as_written || '»',
                                     CASE WHEN p.name_supplied THEN 'supplied' END, CASE WHEN p.name_uncertain THEN 'uncertain' END) AS line
                    FROM letter_participant p JOIN letter l ON l.id = p.letter_id JOIN actor a ON a.id = p.actor_id ORDER BY 1
                    """)
                let people = try await lines(
                    """
                    SELECT a.gnd_id || ': ' || (SELECT string_agg(n, ' / ' ORDER BY n)
                                                 FROM (SELECT a.name AS n UNION SELECT alias FROM actor_alias WHERE actor_id = a.id) names) AS line
                    FROM actor a WHERE a.gnd_id IS NOT NULL ORDER BY 1
                    """)
                let unidentified = try await lines("SELECT name AS line FROM actor WHERE unidentified ORDER BY 1")
                return Register(report: report, letters: letters, participants: participants, people: people,
                                unidentified: unidentified, busiest: busiest)
            }
        }
    }

    @Test("the table and the CMIF file: every row a letter, no rejection, the same letters, dates, people and marks",
          .enabled(if: present || ProcessInfo.processInfo.environment["CI"] != nil, "needs ../shared/fixtures/real"))
    func spener() async throws {
        let table = try await Self.register(importing: "letters.csv")
        let cmif = try await Self.register(importing: "letters.xml")
        // 2,435 rows; one repeats another of the same volume and number word for word.
        #expect(table.report.committed && cmif.report.committed)
        #expect(table.report.counts["letter"]?.rejected == 0 && cmif.report.counts["letter"]?.rejected == 0)
        #expect(table.letters.count == 2_434)
        #expect(cmif.letters.count == 2_434)
        // Letters are matched by number and dates: the table names editions by a code, the CMIF file by their citation.
        for (name, fromTable, fromCMIF) in [("letters", table.letters, cmif.letters), ("people", table.people, cmif.people),
                                            ("participants", table.participants, cmif.participants)] {
            let differences = zip(fromTable, fromCMIF).filter { $0 != $1 }
            for (one, other) in differences.prefix(10) { Issue.record("\(name) differ:\n  table: \(one)\n  CMIF:  \(other)") }
            #expect(differences.isEmpty, "\(differences.count) \(name) differ")
        }
        #expect(table.participants.count == cmif.participants.count)
        // The editor's marks as the table writes them (counted by a separate reading of the file):
        // 1,139 names in brackets, 33 with a question mark.
        #expect(table.participants.filter { $0.contains(" supplied") }.count == 1_139)
        #expect(table.participants.filter { $0.hasSuffix(" uncertain") }.count == 33)
        // The editor's descriptions of people the letters do not name stand apart, and rank nowhere.
        #expect(table.unidentified == cmif.unidentified)
        #expect(table.unidentified.count == 126)
        #expect(table.unidentified.contains("einen Amtsbruder") && table.unidentified.contains("einen Unbekannten"))
        #expect(!table.busiest.isEmpty && table.busiest.allSatisfy { !table.unidentified.contains($0) }, "\(table.busiest)")
        #expect(table.busiest.contains("Adam Rechenberg"))
    }
}
