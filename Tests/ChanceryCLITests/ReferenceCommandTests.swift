import Foundation
import Testing

/// The reference data through the built binary, as a new user meets it.
@Suite("Reference data from the command line")
struct ReferenceCommandTests {
    @Test("db migrate loads it; reference update then adds nothing; names in any language and demonyms resolve; the demo is unchanged")
    func referenceFromTheCommandLine() async throws {
        try await ScratchDatabase.with(migrate: false) { database in
            let migrated = try await database.run("db", "migrate")
            #expect(migrated.status == 0 && migrated.stdout.contains("schema version"), "\(migrated)")
            #expect(migrated.stdout.contains("reference data: ") && migrated.stdout.contains(" states"), "\(migrated)")
            let again = try await database.run("db", "migrate")
            #expect(again.status == 0 && !again.stdout.contains("reference data"), "\(again)")
            let update = try await database.run("reference", "update")
            #expect(update.status == 0 && update.stdout.contains("reference data: nothing to add"), "\(update)")

            let india = try await database.run("letters", "--country", "IN", "--json")
            let indianLetters = try india.jsonArray()
            #expect(india.status == 0 && indianLetters.isEmpty, "\(india)")
            let cambodia = try await database.run("actor", "show", "Kambodscha")
            #expect(cambodia.status == 0 && cambodia.stdout.hasPrefix("Cambodia (state, KH, Q424)"), "\(cambodia)")
            #expect(cambodia.stdout.contains("Demonyms:    Cambodian, Khmer"), "\(cambodia)")
            #expect(cambodia.stdout.contains("more (--all-names lists them)"), "\(cambodia)")
            let soviet = try await database.run("actor", "show", "Union of Soviet Socialist Republics")
            #expect(soviet.stdout.hasPrefix("Soviet Union (state, SU, Q15180)"), "\(soviet)")
            #expect(soviet.stdout.contains("Existed:     30 Dec 1922 – 26 Dec 1991 (1922-12-30/1991-12-26)"), "\(soviet)")

            let demo = try await database.run("demo")
            #expect(demo.status == 0, "\(demo)")
            let letters = try await database.run("letters", "--country", "Kambodscha", "--json")
            #expect(letters.status == 0, "\(letters)")
            #expect(refs(try letters.jsonArray()) == ["US-KH-2022-001", "KH-US-2022-001"], "\(letters)")
            // Viet Nam is in ASEAN from 28 July 1995 by the reference data alone: its 2022 note counts, its 1990 one does not.
            for (date, subject) in [("2022-03", "Note on the summit"), ("1990-05", "Note before joining")] {
                let logged = try await database.run("letter", "add", "--from", "Vietnam", "--to", "US", "--date", date, "--subject", subject)
                #expect(logged.status == 0, "\(logged)")
            }
            let withMembers = try await database.run("letters", "--org", "ASEAN", "--members", "--json")
            let subjects = try withMembers.jsonArray().compactMap { $0["subject"] as? String }
            #expect(subjects.contains("Note on the summit") && !subjects.contains("Note before joining"), "\(withMembers)")
            let unknown = try await database.run("letters", "--country", "Atlantis")
            #expect(unknown.status != 0 && unknown.stderr.contains("nor the name of a recorded state"), "\(unknown)")

            let sources = try await database.run("reference", "sources")
            #expect(sources.status == 0 && sources.stdout.contains("Debian iso-codes"), "\(sources)")
        }
    }
}
