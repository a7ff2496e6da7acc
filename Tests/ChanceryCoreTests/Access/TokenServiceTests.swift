@testable import ChanceryCore
import LibPQClient
import Synchronization
import Testing
import ChanceryModel

@Suite("API tokens")
struct TokenServiceTests {
    @Test("a created token's secret authenticates it; only the secret's SHA-256 is stored")
    func createAndAuthenticate() async throws {
        try await withChancery { database in
            let tokens = TokenService(database: database)
            let issued = try await tokens.create(name: "ci-bot", role: .editor)
            #expect(issued.token.name == "ci-bot" && issued.token.role == .editor && issued.token.revokedAt == nil)
            #expect(issued.token.createdBy == "test-suite")
            #expect(issued.token.createdAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil, "\(issued.token.createdAt)")
            #expect(issued.secret.hasPrefix("chancery_") && issued.secret.utf8.count == 52)
            #expect(try await tokens.authenticate(secret: issued.secret) == issued.token)
            #expect(try await tokens.authenticate(secret: TokenSecret.generate()) == nil)

            let (leaks, hashMatches, historyLeaks): (Int, Int, Int) = try await database.read { connection in
                let row = try await connection.query(
                    """
                    SELECT (SELECT count(*) FROM api_token t WHERE strpos(to_jsonb(t)::text, \(issued.secret)) > 0) AS leaks,
                           (SELECT count(*) FROM api_token WHERE secret_hash = sha256(convert_to(\(issued.secret), 'UTF8'))) AS matches,
                           (SELECT count(*) FROM history h WHERE strpos(to_jsonb(h)::text, \(issued.secret)) > 0) AS history_leaks
                    """).rows[0]
                return (try row.decode("leaks"), try row.decode("matches"), try row.decode("history_leaks"))
            }
            #expect(leaks == 0, "a column of api_token holds the secret")
            #expect(historyLeaks == 0, "the history holds the secret")
            #expect(hashMatches == 1)
        }
    }

    @Test("a revoked token no longer authenticates; revoking again returns it unchanged")
    func revoke() async throws {
        try await withChancery { database in
            let tokens = TokenService(database: database)
            let issued = try await tokens.create(name: "Alice@example.org", role: .admin)
            let revoked = try await tokens.revoke("alice@EXAMPLE.org")
            #expect(revoked.id == issued.token.id && revoked.revokedAt != nil)
            #expect(try await tokens.authenticate(secret: issued.secret) == nil)
            let again = try await tokens.revoke(String(issued.token.id))
            #expect(again == revoked)
            #expect(try await tokens.list().map(\.revokedAt) == [revoked.revokedAt])
        }
    }

    @Test("names are unique ignoring case and never reused, even after revocation")
    func duplicateName() async throws {
        try await withChancery { database in
            let tokens = TokenService(database: database)
            _ = try await tokens.create(name: "reporter", role: .reader)
            let duplicate = await #expect(throws: ChanceryError.self) { try await tokens.create(name: "Reporter", role: .admin) }
            #expect(duplicate?.kind == .conflict && duplicate?.field == "name")
            #expect(duplicate?.hint?.contains("never reused") == true)
            _ = try await tokens.revoke("reporter")
            let reused = await #expect(throws: ChanceryError.self) { try await tokens.create(name: "REPORTER", role: .reader) }
            #expect(reused?.kind == .conflict && reused?.message.contains("revoked") == true)
            #expect(try await tokens.list().count == 1)
        }
    }

    @Test("the database's name rule is translated if the Swift check is bypassed")
    func constraintBackstop() async throws {
        try await withChancery { database in
            _ = try await TokenService(database: database).create(name: "first", role: .reader)
            for (name, kind) in [("bad name", ChanceryError.Kind.invalidInput), ("FIRST", .conflict)] {
                let error = await #expect(throws: ChanceryError.self) {
                    try await database.write { connection in
                        try await connection.execute(
                            "INSERT INTO api_token (name, role, secret_hash, created_by) VALUES (\(name), 'reader', sha256('x'::bytea || \(name)::bytea), 't')")
                    }
                }
                #expect(error?.kind == kind && error?.field == "name", "\(name): \(String(describing: error))")
            }
        }
    }

    @Test("a bad name is refused before anything is written")
    func badName() async throws {
        try await withChancery { database in
            let error = await #expect(throws: ChanceryError.self) {
                try await TokenService(database: database).create(name: "two words", role: .reader)
            }
            #expect(error?.kind == .invalidInput && error?.field == "name" && error?.hint?.contains("letters, digits") == true)
            let stored = try await TokenService(database: database).list()
            #expect(stored.isEmpty)
        }
    }

    @Test("list orders by id and can leave revoked tokens out")
    func list() async throws {
        try await withChancery { database in
            let tokens = TokenService(database: database)
            for (name, role) in [("c-reader", AccessRole.reader), ("b-editor", .editor), ("a-admin", .admin)] {
                _ = try await tokens.create(name: name, role: role)
            }
            _ = try await tokens.revoke("b-editor")
            #expect(try await tokens.list().map(\.name) == ["c-reader", "b-editor", "a-admin"])
            #expect(try await tokens.list().map(\.role) == [.reader, .editor, .admin])
            #expect(try await tokens.list(includeRevoked: false).map(\.name) == ["c-reader", "a-admin"])
        }
    }

    @Test("unknown tokens are not found; a name that is another token's id is ambiguous")
    func revokeLookups() async throws {
        try await withChancery { database in
            let tokens = TokenService(database: database)
            let first = try await tokens.create(name: "first", role: .reader)
            let unknown = await #expect(throws: ChanceryError.self) { try await tokens.revoke("nobody") }
            #expect(unknown?.kind == .notFound && unknown?.field == "token")
            let unknownID = await #expect(throws: ChanceryError.self) { try await tokens.revoke("999") }
            #expect(unknownID?.kind == .notFound)
            _ = try await tokens.create(name: String(first.token.id), role: .reader)
            let ambiguous = await #expect(throws: ChanceryError.self) { try await tokens.revoke(String(first.token.id)) }
            #expect(ambiguous?.kind == .ambiguous && ambiguous?.candidates.count == 2)
            #expect(try await tokens.list(includeRevoked: false).count == 2)
        }
    }

    @Test("creation and revocation are in the history, attributed to whoever issued them")
    func history() async throws {
        try await withChancery { database in
            let admin = database.attributed(to: "root-admin")
            let issued = try await TokenService(database: admin).create(name: "ci-bot", role: .editor)
            #expect(issued.token.createdBy == "root-admin")
            _ = try await TokenService(database: database).revoke("ci-bot")
            let rows: [(String, String)] = try await database.read { connection in
                try await connection.query(
                    """
                    SELECT operation, changed_by FROM history
                    WHERE table_name = 'api_token' AND row_key ->> 'id' = \(String(issued.token.id)) ORDER BY id
                    """
                ).rows.map { (try $0.decode("operation"), try $0.decode("changed_by")) }
            }
            #expect(rows.map(\.0) == ["INSERT", "UPDATE"])
            #expect(rows.map(\.1) == ["root-admin", "test-suite"])
        }
    }

    @Test("malformed secrets are refused without a query")
    func malformedWithoutQuery() async throws {
        try await withChancery { database in
            let tokens = TokenService(database: database)
            let seen = Mutex<[String]>([])
            // The observer is process-wide and other suites run alongside (authenticating tokens
            // of their own): count only statements bound to one of these secrets.
            let malformed = ["", "chancery_", "Bearer chancery_x", "chancery_" + String(repeating: "A", count: 44)]
            let found = try await PostgresStatementLog.observing({ statement in
                if statement.parameters.contains(where: { malformed.contains($0 ?? "-") }) { seen.withLock { $0.append(statement.sql) } }
            }) {
                var found: [AccessToken?] = []
                for secret in malformed {
                    found.append(try await tokens.authenticate(secret: secret))
                }
                return found
            }
            #expect(found.allSatisfy { $0 == nil })
            #expect(seen.withLock { $0 }.isEmpty)

            // A well-formed secret is looked up, which shows the observer sees these statements.
            let wellFormed = TokenSecret.generate()
            let unknown = try await PostgresStatementLog.observing({ statement in
                if statement.parameters.contains(wellFormed) { seen.withLock { $0.append(statement.sql) } }
            }) {
                try await tokens.authenticate(secret: wellFormed)
            }
            #expect(unknown == nil)
            #expect(seen.withLock { $0 }.count == 1)
        }
    }
}
