@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import TestFiles
import Testing

/// A table that spells a correspondent two ways makes two actors; the import names the new one
/// whose name is close to another's, with how to merge them, as the Spener edition's
/// "Solm-Laubach" beside "Solms-Laubach" and "Schurzﬂeisch" (a ligature) beside "Schurzfleisch".
@Suite("Imports name new actors whose names are close to others'")
struct CloseNameImportTests {
    static func table(_ rows: [(String, String)], in folder: URL, named name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        let lines = ["sender,recipient,date,subject"] + rows.enumerated().map { index, row in "\(row.0),\(row.1),1690-01-\(String(format: "%02d", index + 1)),Letter \(index)" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func closeNames(_ report: ImportReport) -> [String] {
        report.warnings.filter { $0.message.contains("its name is close to") }.map { "\($0.location.line): \($0.message)" }
    }

    @Test("a variant spelling in one table, and one met again later: named once each, with the merge that settles it")
    func variants() async throws {
        try await withTemporaryFolder { folder in
            let first = try Self.table([
                ("Philipp Jakob Spener", "Graf Johann Friedrich von Solms-Laubach"),
                ("Philipp Jakob Spener", "Graf Johann Friedrich von Solm-Laubach"),
                ("Philipp Jakob Spener", "Graf Johann Friedrich von Solm-Laubach"),
                // Descriptions of someone unnamed are many people, not variants of one another; an
                // ordinal or an initial tells two apart; a quote in a name is quoted for the shell.
                ("Philipp Jakob Spener", "einen Freund"),
                ("Philipp Jakob Spener", "einen guten Freund"),
                ("Philipp Jakob Spener", "das erste Collegium Philobiblicum"),
                ("Philipp Jakob Spener", "das zweite Collegium Philobiblicum"),
                ("Philipp Jakob Spener", "dritte Collegium Philobiblicum"),
                ("Philipp Jakob Spener", "Sarah R. Clarke"),
                ("Philipp Jakob Spener", "Sarah W. Clarke"),
                ("Philipp Jakob Spener", "Johann O'Neill Müller"),
                ("Philipp Jakob Spener", "Johann O'Neil Müller"),
            ], in: folder, named: "first.csv")
            try await withChancery { database in
                let service = ImportService(database: database)
                let report = try await service.run([first], options: ImportOptions())
                #expect(Self.closeNames(report) == [
                    "3: 'Graf Johann Friedrich von Solm-Laubach' is a new actor, and its name is close to "
                        + "'Graf Johann Friedrich von Solms-Laubach', new at line 2: if the two are one, "
                        + "`chancery actor merge 'Graf Johann Friedrich von Solm-Laubach' --into 'Graf Johann Friedrich von Solms-Laubach'` "
                        + "makes this name an alias, which later imports find",
                    "13: 'Johann O'Neil Müller' is a new actor, and its name is close to 'Johann O'Neill Müller', new at line 12: "
                        + "if the two are one, `chancery actor merge 'Johann O'\\''Neil Müller' --into 'Johann O'\\''Neill Müller'` "
                        + "makes this name an alias, which later imports find",
                ])
                let later = try Self.table([("Philipp Jakob Spener", "Conrad Samuel Schurzfleisch")], in: folder, named: "later.csv")
                #expect(try await service.run([later], options: ImportOptions()).committed)
                let ligature = try Self.table([("Philipp Jakob Spener", "Conrad Samuel Schurz\u{FB02}eisch")], in: folder, named: "ligature.csv")
                let again = try await service.run([ligature], options: ImportOptions())
                #expect(Self.closeNames(again).count == 1)
                #expect(Self.closeNames(again).first?.contains("close to 'Conrad Samuel Schurzfleisch', already recorded") == true)

                // Merged, the variant is an alias: the table given again makes no actor and says nothing.
                _ = try await ActorService(database: database).merge("Graf Johann Friedrich von Solm-Laubach",
                                                                     into: "Graf Johann Friedrich von Solms-Laubach")
                let merged = try await service.run([first], options: ImportOptions())
                #expect(merged.counts["actor"]?.new == 0)
                #expect(Self.closeNames(merged).isEmpty)
            }
        }
    }

    @Test("where another actor bears the same name, the merge names the one meant by an authority id or its id in the register")
    func sharedNames() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                // Two recorded people called Conrad Samuel Schurzfleisch: one known to the GND, one not.
                let ids = try await database.write { connection in
                    try await connection.query(
                        """
                        INSERT INTO actor (kind, name, gnd_id, unidentified)
                        VALUES ('person', 'Conrad Samuel Schurzfleisch', '118611852', false), ('person', 'Conrad Samuel Schurzfleisch', NULL, false)
                        RETURNING id
                        """).rows.map { try $0.decode("id", as: Int64.self) }
                }
                let table = try Self.table([("Philipp Jakob Spener", "Conrad Samuel Schurzﬂeisch")], in: folder, named: "ligature.csv")
                let report = try await ImportService(database: database).run([table], options: ImportOptions())
                let warning = try #require(Self.closeNames(report).first, "\(report.warnings)")
                let command = try #require(warning.firstRange(of: "`chancery actor merge ").map { warning[$0.upperBound...].prefix { $0 != "`" } })
                // The closest first, the first recorded among equals: the one with a GND id.
                #expect(command == "'Conrad Samuel Schurzﬂeisch' --into 'gnd:118611852'", "\(warning)")
                // The handle the warning gives is one the merge takes.
                _ = try await ActorService(database: database).merge("Conrad Samuel Schurzﬂeisch", into: "gnd:118611852")
                let kept = try await ActorService(database: database).show("gnd:118611852")
                #expect(kept.actor.id == ids[0] && kept.aliases.contains("Conrad Samuel Schurzﬂeisch"), "\(kept.aliases)")
                // One with no authority id is named by its id in the register.
                let other = try await ActorService(database: database).show("id:\(ids[1])")
                #expect(other.actor.id == ids[1] && other.gndId == nil)
                // `id:N` names a number only: no actor may be called so, and none is found by it.
                var named = ActorDraft(kind: .person, name: "id:\(ids[0])")
                await #expect(throws: ChanceryError.self) { _ = try await ActorService(database: database).add(named) }
                named.name = "id: 7"
                await #expect(throws: ChanceryError.self) { _ = try await ActorService(database: database).add(named) }
                await #expect(throws: ChanceryError.self) { _ = try await ActorService(database: database).show("id:999999") }
                // Asked by the shared name, the lookup lists both with their ids.
                do {
                    _ = try await ActorService(database: database).show("Conrad Samuel Schurzfleisch")
                    Issue.record("a shared name resolved to one actor")
                } catch let error as ChanceryError {
                    #expect(error.candidates.contains { $0.hasSuffix("id:\(ids[1]))") }, "\(error.candidates)")
                }
            }
        }
    }
}
