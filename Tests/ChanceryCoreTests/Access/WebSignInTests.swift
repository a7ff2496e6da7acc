@testable import ChanceryCore
import LibPQClient
import Testing
import ChanceryModel

/// People who sign in to the web interface (issue 11, "Who may do what"): accounts with bcrypt
/// hashes, sessions in PostgreSQL, and failed sign-ins slowed then refused per account and address.
@Suite("Web users and sessions")
struct WebSignInTests {
    /// No pause between failures: the tests count refusals, not seconds.
    static let quickPolicy = SignInPolicy(windowSeconds: 900, accountLimit: 3, clientLimit: 5, delayPerFailure: .zero)
    static let password = "correct horse battery"

    private static func signedIn(_ outcome: SignInOutcome, sourceLocation: SourceLocation = #_sourceLocation) -> StartedSession? {
        guard case .signedIn(let started) = outcome else {
            Issue.record("expected a session, got \(outcome)", sourceLocation: sourceLocation)
            return nil
        }
        return started
    }

    private static func isRefused(_ outcome: SignInOutcome) -> Bool {
        if case .refused = outcome { return true }
        return false
    }

    private static func retryAfter(_ outcome: SignInOutcome) -> Int? {
        if case .throttled(let seconds) = outcome { return seconds }
        return nil
    }

    @Test("an account keeps only a bcrypt hash; its session is found by the cookie's secret, which is stored only as SHA-256")
    func signInStoresNoSecret() async throws {
        try await withChancery { database in
            let users = UserService(database: database, bcryptCost: 4)
            let added = try await users.add(name: "Desk.Officer", role: .editor, password: Self.password)
            #expect(added.name == "Desk.Officer" && added.role == .editor && added.createdBy == "test-suite" && added.disabledAt == nil)
            #expect(added.changedBy == "user:Desk.Officer")

            let sessions = SessionService(database: database, policy: Self.quickPolicy)
            let started = try #require(Self.signedIn(try await sessions.signIn(name: "desk.officer", password: Self.password, clientAddress: "192.0.2.1")))
            #expect(started.session.user == added)
            #expect(RandomSecret.isWellFormed(started.secret) && RandomSecret.isWellFormed(started.session.csrfToken))
            #expect(started.secret != started.session.csrfToken)
            #expect(try await sessions.session(secret: started.secret) == started.session)
            #expect(try await sessions.session(secret: RandomSecret.generate()) == nil)
            #expect(try await sessions.session(secret: "not a secret") == nil)

            let (userLeaks, sessionLeaks, historyLeaks, hash): (Int, Int, Int, String) = try await database.read { connection in
                let row = try await connection.query(
                    """
                    SELECT (SELECT count(*) FROM app_user u WHERE strpos(to_jsonb(u)::text, \(Self.password)) > 0)::int AS user_leaks,
                           (SELECT count(*) FROM web_session s WHERE strpos(to_jsonb(s)::text, \(started.secret)) > 0)::int AS session_leaks,
                           (SELECT count(*) FROM history h WHERE strpos(to_jsonb(h)::text, \(Self.password)) > 0
                                                            OR strpos(to_jsonb(h)::text, \(started.secret)) > 0)::int AS history_leaks,
                           (SELECT password_hash FROM app_user) AS hash
                    """).rows[0]
                return (try row.decode("user_leaks"), try row.decode("session_leaks"), try row.decode("history_leaks"), try row.decode("hash"))
            }
            #expect(userLeaks == 0 && sessionLeaks == 0 && historyLeaks == 0)
            #expect(hash.hasPrefix("$2b$04$") || hash.hasPrefix("$2a$04$") || hash.hasPrefix("$2y$04$"), "\(hash)")
        }
    }

    @Test("a wrong password, an unknown name and a disabled account are refused alike")
    func refusals() async throws {
        try await withChancery { database in
            let users = UserService(database: database, bcryptCost: 4)
            _ = try await users.add(name: "reader", role: .reader, password: Self.password)
            let sessions = SessionService(database: database, policy: SignInPolicy(accountLimit: 50, clientLimit: 50, delayPerFailure: .zero))
            #expect(Self.isRefused(try await sessions.signIn(name: "reader", password: Self.password + "!", clientAddress: "a")))
            #expect(Self.isRefused(try await sessions.signIn(name: "nobody", password: Self.password, clientAddress: "a")))
            _ = try await users.disable("reader")
            #expect(Self.isRefused(try await sessions.signIn(name: "reader", password: Self.password, clientAddress: "a")))
        }
    }

    @Test("signing out, disabling the account and changing its password each end its sessions on the server")
    func sessionsEnd() async throws {
        try await withChancery { database in
            let users = UserService(database: database, bcryptCost: 4)
            _ = try await users.add(name: "alice", role: .admin, password: Self.password)
            let sessions = SessionService(database: database, policy: Self.quickPolicy)
            func start() async throws -> String {
                try #require(Self.signedIn(try await sessions.signIn(name: "alice", password: Self.password, clientAddress: "b"))).secret
            }

            let first = try await start()
            let second = try await start()
            try await sessions.signOut(secret: first)
            #expect(try await sessions.session(secret: first) == nil)
            #expect(try await sessions.session(secret: second) != nil, "signing out one browser ended another")

            _ = try await users.setPassword("ALICE", to: "another long passphrase")
            #expect(try await sessions.session(secret: second) == nil, "a password change left a session open")
            #expect(Self.isRefused(try await sessions.signIn(name: "alice", password: Self.password, clientAddress: "b")))

            let third = try #require(Self.signedIn(try await sessions.signIn(name: "alice", password: "another long passphrase", clientAddress: "b")))
            _ = try await users.disable("alice")
            #expect(try await sessions.session(secret: third.secret) == nil, "disabling left a session open")
            #expect(try await users.list().map(\.isDisabled) == [true])
        }
    }

    @Test("a session past its expiry is not found")
    func expiry() async throws {
        try await withChancery { database in
            _ = try await UserService(database: database, bcryptCost: 4).add(name: "bob", role: .reader, password: Self.password)
            let sessions = SessionService(database: database, policy: Self.quickPolicy, lifetimeSeconds: 60)
            let started = try #require(Self.signedIn(try await sessions.signIn(name: "bob", password: Self.password, clientAddress: "c")))
            #expect(started.session.expiresAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
            #expect(try await sessions.session(secret: started.secret) != nil)
            _ = try await database.write { connection in
                try await connection.execute("UPDATE web_session SET created_at = now() - interval '1 hour', expires_at = now() - interval '1 second'")
            }
            #expect(try await sessions.session(secret: started.secret) == nil)
        }
    }

    @Test("after the account's limit of failures even the right password is refused, until the window has passed")
    func accountThrottle() async throws {
        try await withChancery { database in
            _ = try await UserService(database: database, bcryptCost: 4).add(name: "carol", role: .editor, password: Self.password)
            let sessions = SessionService(database: database, policy: Self.quickPolicy)
            for attempt in 1...3 {
                // Each from another address: the account's own count is what locks it.
                #expect(Self.isRefused(try await sessions.signIn(name: "carol", password: "wrong password \(attempt)", clientAddress: "d\(attempt)")))
            }
            let locked = try await sessions.signIn(name: "Carol", password: Self.password, clientAddress: "d9")
            let wait = try #require(Self.retryAfter(locked))
            #expect(wait > 800 && wait <= 900, "retry after \(wait) s")
            // Another account is not affected.
            _ = try await UserService(database: database, bcryptCost: 4).add(name: "dave", role: .editor, password: Self.password)
            #expect(Self.signedIn(try await sessions.signIn(name: "dave", password: Self.password, clientAddress: "d9")) != nil)

            _ = try await database.write { connection in
                try await connection.execute("UPDATE sign_in_failure SET failed_at = failed_at - interval '901 seconds'")
            }
            #expect(Self.signedIn(try await sessions.signIn(name: "carol", password: Self.password, clientAddress: "d9")) != nil)
        }
    }

    @Test("one address guessing at many accounts is refused after the address's limit")
    func clientThrottle() async throws {
        try await withChancery { database in
            _ = try await UserService(database: database, bcryptCost: 4).add(name: "erin", role: .reader, password: Self.password)
            let sessions = SessionService(database: database, policy: Self.quickPolicy)
            for attempt in 1...5 {
                #expect(Self.isRefused(try await sessions.signIn(name: "guess\(attempt)", password: Self.password, clientAddress: "198.51.100.7")))
            }
            #expect(Self.retryAfter(try await sessions.signIn(name: "erin", password: Self.password, clientAddress: "198.51.100.7")) != nil)
            #expect(Self.signedIn(try await sessions.signIn(name: "erin", password: Self.password, clientAddress: "198.51.100.8")) != nil)
        }
    }

    @Test("failures are slowed: each refusal waits the policy's pause per earlier failure")
    func slowedFailures() async throws {
        try await withChancery { database in
            let sessions = SessionService(database: database, policy: SignInPolicy(accountLimit: 10, clientLimit: 10, delayPerFailure: .milliseconds(300)))
            let clock = ContinuousClock()
            _ = try await sessions.signIn(name: "frank", password: "nope", clientAddress: "e")
            _ = try await sessions.signIn(name: "frank", password: "nope", clientAddress: "e")
            let third = try await clock.measure { _ = try await sessions.signIn(name: "frank", password: "nope", clientAddress: "e") }
            // Two earlier failures: at least 600 ms. A lower bound only; no upper bound is asserted.
            #expect(third >= .milliseconds(600))
        }
    }

    @Test("names are checked, unique ignoring case and never reused; passwords are checked and never trimmed")
    func accountRules() async throws {
        try await withChancery { database in
            let users = UserService(database: database, bcryptCost: 4)
            _ = try await users.add(name: "grace", role: .reader, password: "  ten chars  ")
            let sessions = SessionService(database: database, policy: Self.quickPolicy)
            #expect(Self.isRefused(try await sessions.signIn(name: "grace", password: "ten chars", clientAddress: "f")))
            #expect(Self.signedIn(try await sessions.signIn(name: "grace", password: "  ten chars  ", clientAddress: "f")) != nil)

            let duplicate = await #expect(throws: ChanceryError.self) { try await users.add(name: "GRACE", role: .admin, password: Self.password) }
            #expect(duplicate?.kind == .conflict && duplicate?.field == "name")
            _ = try await users.disable("grace")
            let reused = await #expect(throws: ChanceryError.self) { try await users.add(name: "grace", role: .admin, password: Self.password) }
            #expect(reused?.message.contains("disabled") == true)

            let short = await #expect(throws: ChanceryError.self) { try await users.add(name: "heidi", role: .reader, password: "short") }
            #expect(short?.field == "password" && short?.message.contains("too short") == true)
            let long = await #expect(throws: ChanceryError.self) {
                try await users.add(name: "heidi", role: .reader, password: String(repeating: "é", count: 40))
            }
            #expect(long?.message.contains("too long") == true)
            let badName = await #expect(throws: ChanceryError.self) { try await users.add(name: "two words", role: .reader, password: Self.password) }
            #expect(badName?.field == "name")
            let missing = await #expect(throws: ChanceryError.self) { try await users.disable("nobody") }
            #expect(missing?.kind == .notFound)
            #expect(try await users.list().map(\.name) == ["grace"])
        }
    }

    @Test("the database refuses a password column that is not a bcrypt hash")
    func hashFormatConstraint() async throws {
        try await withChancery { database in
            let refused = await #expect(throws: ChanceryError.self) {
                _ = try await database.write { connection in
                    try await connection.execute(
                        "INSERT INTO app_user (name, role, password_hash, created_by) VALUES ('mallory', 'admin', 'plaintext-password', 'sql')")
                }
            }
            #expect(refused?.kind == .invalidInput)
            #expect(refused?.field == "password_hash" && refused?.message.contains("bcrypt") == true, "\(String(describing: refused))")
        }
    }
}
