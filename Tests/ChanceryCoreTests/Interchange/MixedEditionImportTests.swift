@testable import ChanceryCore
import ChanceryModel
import EDTF
import Foundation
import LibPQClient
import TestFiles
import Testing

/// A generated edition table with every feature real archives have (issue 20) imports whole and
/// faithful, and survives a CMIF export and a re-import into an empty register.
@Suite("A mixed-edition table imports whole and round-trips through CMIF")
struct MixedEditionImportTests {
    /// What a register holds of its letters and people, in a form two registers can be compared by.
    struct Snapshot: Equatable {
        /// Per letter: ref, date bounds, dates as written, and each participant with its marks.
        var letters: [String]
        /// Per actor: its authority id (or name), then every name it has, sorted.
        var actors: [String]
    }

    static func snapshot(_ database: ChanceryDatabase) async throws -> Snapshot {
        try await database.read { connection in
            let letters = try await connection.query(
                """
                SELECT concat_ws(' | ', l.ref, l.sent_earliest::text || '..' || l.sent_latest::text, l.received_earliest::text,
                       coalesce(l.sent_as_written, '-'), coalesce(l.received_as_written, '-'),
                       (SELECT string_agg(concat_ws('/', p.role::text, coalesce('gnd:' || a.gnd_id, a.name), p.name_as_written,
                                                    CASE WHEN p.name_supplied THEN 'supplied' END,
                                                    CASE WHEN p.name_uncertain THEN 'uncertain' END), '; ' ORDER BY p.role, p.position)
                        FROM letter_participant p JOIN actor a ON a.id = p.actor_id WHERE p.letter_id = l.id)) AS line
                FROM letter l ORDER BY l.ref
                """).rows.map { try $0.decode("line", as: String.self) }
            let actors = try await connection.query(
                """
                SELECT coalesce('gnd:' || a.gnd_id, a.name) || ' = ' ||
                       (SELECT string_agg(n, ' / ' ORDER BY n) FROM (SELECT a.name AS n UNION SELECT alias FROM actor_alias WHERE actor_id = a.id) names) AS line
                FROM actor a ORDER BY 1
                """).rows.map { try $0.decode("line", as: String.self) }
            return Snapshot(letters: letters, actors: actors)
        }
    }

    @Test("every row a letter, every spelling a name of its person, marks and dates as written kept, CMIF round trip equal")
    func mixedEditions() async throws {
        let table = MixedEditionTable(perEdition: 100)
        try await withTemporaryFolder { folder in
            let tablePath = folder.appendingPathComponent("edition.csv").path
            try table.csv.write(toFile: tablePath, atomically: true, encoding: .utf8)
            let exportPath = folder.appendingPathComponent("edition.xml").path

            let original = try await withChancery { database in
                let report = try await ImportService(database: database).run([tablePath], options: ImportOptions())
                #expect(report.committed)
                #expect(report.counts["letter"]?.rejected == 0)
                #expect(report.counts["letter"]?.new == table.expected.count)
                // Each legacy open end is read with a warning naming its line.
                let legacy = report.warnings.filter { $0.message.contains("pre-2019") }
                #expect(legacy.count == table.expected.filter { $0.date.hasSuffix("/?") }.count)

                let stored = try await database.read { connection in
                    try await connection.query(
                        """
                        SELECT s.title || '#' || l.external_key AS key, l.sent_edtf, l.sent_as_written,
                               (SELECT string_agg(concat_ws('/', p.role::text, a.gnd_id, p.name_as_written, p.name_supplied::text,
                                                            p.name_uncertain::text), '; ' ORDER BY p.role, p.position)
                                FROM letter_participant p JOIN actor a ON a.id = p.actor_id WHERE p.letter_id = l.id) AS participants
                        FROM letter l JOIN source s ON s.id = l.provenance_id
                        """).rows.map { row in
                        (try row.decode("key", as: String.self),
                         (try row.decode("sent_edtf", as: String.self), try row.decode("sent_as_written", as: String?.self),
                          try row.decode("participants", as: String.self)))
                    }
                }
                let byKey = Dictionary(uniqueKeysWithValues: stored)
                // Every row is a letter, under its edition and number, with its date, its date as
                // written and its participants' names as written and marks.
                for row in table.expected {
                    let letter = try #require(byKey[row.edition + "#" + row.key], "no letter \(row.key) of \(row.edition)")
                    // Stored in the 2019 form (a legacy `1548-10-27/?` as `1548-10-27/`).
                    let stored = row.date.isEmpty ? "XXXX" : try EDTFDate(row.date).expression
                    #expect(letter.0 == stored, "letter \(row.key) of \(row.edition)")
                    #expect(letter.1 == row.dateAsWritten)
                    let participants = row.participants.map { p in
                        [p.role, p.gnd, p.name, String(p.supplied), String(p.uncertain)].compactMap { $0 }.joined(separator: "/")
                    }.joined(separator: "; ")
                    #expect(letter.2 == participants, "letter \(row.key) of \(row.edition)")
                }
                // Every spelling of a person is one of that person's names, and no other name is.
                let snapshot = try await Self.snapshot(database)
                for person in MixedEditionTable.people {
                    let used = Set(table.expected.flatMap(\.participants).filter { $0.gnd == person.gnd }.map(\.name))
                    let line = try #require(snapshot.actors.first { $0.hasPrefix("gnd:" + person.gnd + " = ") })
                    let names = Set(line.dropFirst(("gnd:" + person.gnd + " = ").count).components(separatedBy: " / "))
                    #expect(names == used, "names of \(person.gnd)")
                }
                #expect(snapshot.actors.count == MixedEditionTable.people.count + MixedEditionTable.unnamed.count + 1)
                // The duke who became elector: found by either spelling, each with the years it was used.
                let moritz = try await ActorService(database: database).show("Kf. Moritz")
                #expect(moritz.actor.name == "Hz. Moritz")
                #expect(moritz.aliases == ["Kf. Moritz"])
                #expect(moritz.namesAsWritten.map(\.name) == ["Hz. Moritz", "Kf. Moritz"])
                #expect(moritz.namesAsWritten.first.flatMap(\.lastYear).map { $0 <= 1547 } == true)
                #expect(moritz.namesAsWritten.last.flatMap(\.firstYear).map { $0 >= 1547 } == true)
                #expect(moritz.namesAsWritten.map(\.letterCount).reduce(0, +)
                        == table.expected.filter { $0.participants.contains { $0.gnd == "118583425" } }.count)

                try await ExportService(database: database).export(format: .cmif, query: nil, to: exportPath)
                return snapshot
            }

            let reimported = try await withChancery { database in
                let report = try await ImportService(database: database).run([exportPath], options: ImportOptions())
                #expect(report.committed)
                #expect(report.counts["letter"]?.rejected == 0)
                let snapshot = try await Self.snapshot(database)
                // The letters keep their editions and numbers: the edition given again finds them
                // all (it added every letter a second time when the export kept only references).
                let again = try await ImportService(database: database).run([tablePath], options: ImportOptions())
                #expect(again.committed)
                #expect(again.counts["letter"]?.new == 0)
                #expect(again.counts["source"]?.new == 0)
                let letters = try await database.read { connection in
                    try await connection.query("SELECT count(*) AS n FROM letter").rows[0].decode("n", as: Int64.self)
                }
                #expect(letters == Int64(table.expected.count))
                return snapshot
            }
            #expect(reimported.letters.count == original.letters.count)
            for (before, after) in zip(original.letters, reimported.letters) where before != after {
                Issue.record("after the CMIF round trip:\n  \(before)\nbecame\n  \(after)")
            }
            #expect(reimported.actors == original.actors)
        }
    }
}
