@testable import ChanceryCore
import LibPQClient
import Testing
import ChanceryModel

/// `normalize_actor_aliases()`, run by the upgrade to schema 18: aliases stored with other
/// whitespace than single spaces are respelled as typed names are, so that they are found.
@Suite("Aliases respelled with plain spaces")
struct AliasNormalizationTests {
    @Test("a no-break space or a run of spaces becomes one space; a spelling the actor already has, or its own name, goes; the one with a language stays")
    func respelled() async throws {
        try await withChancery(foundingExample: true) { database in
            let aliases = try await database.write { connection in
                let id: Int64 = try await connection.query("SELECT id FROM actor WHERE name = 'Hun Sen'").rows[0].decode("id")
                for alias in ["Akka\u{00A0}Moha", "Akka  Moha Sena Padei", "Test\u{00A0}Spelling X", "Test Spelling X",
                              "Hun\u{2009}Sen\u{00A0}", "\u{00A0}", "Lang  Name"] {
                    try await connection.execute("INSERT INTO actor_alias (actor_id, alias) VALUES (\(id), \(alias))")
                }
                try await connection.execute("INSERT INTO actor_alias (actor_id, alias, language) VALUES (\(id), 'Lang\u{00A0}Name', 'km')")
                try await connection.execute("INSERT INTO actor_alias (actor_id, alias) VALUES (\(id), 'Plain Name')")
                try await connection.execute("INSERT INTO actor_alias (actor_id, alias, language) VALUES (\(id), 'Plain\u{00A0}Name', 'km')")
                let changed: Int = try await connection.query("SELECT normalize_actor_aliases() AS n").rows[0].decode("n")
                #expect(changed == 8)
                let plain: String? = try await connection.query(
                    "SELECT language FROM actor_alias WHERE actor_id = \(id) AND alias = 'Plain Name'").rows[0].decode("language")
                #expect(plain == "km", "the plain spelling takes the language the respelled one gave")
                let language: String? = try await connection.query(
                    "SELECT language FROM actor_alias WHERE actor_id = \(id) AND alias = 'Lang Name'").rows[0].decode("language")
                #expect(language == "km")
                return try await connection.query("SELECT alias FROM actor_alias WHERE actor_id = \(id) ORDER BY alias").rows
                    .map { try $0.decode("alias", as: String.self) }
            }
            #expect(aliases.contains("Akka Moha") && aliases.contains("Akka Moha Sena Padei") && aliases.contains("Test Spelling X"))
            #expect(!aliases.contains("Hun Sen") && !aliases.contains { $0.unicodeScalars.contains { $0.value == 0xA0 || $0.value == 0x2009 } })
            #expect(!aliases.contains { $0.contains("  ") || $0.isEmpty })
            #expect(try await ActorService(database: database).show("akka moha").actor.name == "Hun Sen")
        }
    }
}
