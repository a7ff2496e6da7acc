import Foundation
import Testing

/// `chancery user add|list|disable|password`, run as the built binary: the password comes from
/// standard input (never an argument) and only its bcrypt hash is stored.
@Suite("User command")
struct UserCommandTests {
    static let password = "a long pass phrase"

    @Test("add reads the password from standard input; list shows the account and never the password; disable and password work")
    func roundTrip() async throws {
        try await ScratchDatabase.with { database in
            let added = try await database.run(["user", "add", "desk.officer", "--role", "editor"], input: Self.password + "\n")
            #expect(added.status == 0, "\(added)")
            #expect(added.stdout.contains("Added user 'desk.officer' (editor)."), "\(added)")
            #expect(!added.stdout.contains(Self.password) && !added.stderr.contains(Self.password))
            #expect(try await database.scalar("SELECT count(*) FROM app_user u WHERE strpos(to_jsonb(u)::text, \(Self.password)) > 0") == "0")
            #expect(try await database.scalar("SELECT password_hash ~ '^\\$2[aby]\\$12\\$' FROM app_user") == "t")
            #expect(try await database.scalar("SELECT created_by FROM app_user") == "cli:cli-tests")

            let listed = try await database.run("user", "list", "--json")
            #expect(listed.status == 0, "\(listed)")
            let users = try listed.jsonArray()
            #expect(users.map { $0.string("name") } == ["desk.officer"] && users[0].string("role") == "editor")
            #expect(!listed.stdout.contains("$2"), "list must not print the hash: \(listed)")

            let changed = try await database.run(["user", "password", "DESK.OFFICER"], input: "another long phrase\n")
            #expect(changed.status == 0 && changed.stdout.contains("sessions have ended"), "\(changed)")
            let disabled = try await database.run("user", "disable", "desk.officer")
            #expect(disabled.status == 0 && disabled.stdout.contains("Disabled user 'desk.officer'"), "\(disabled)")
            #expect(try await database.scalar("SELECT disabled_at IS NOT NULL FROM app_user") == "t")
        }
    }

    @Test("refusals: a short password, a reused name, a password given as an argument; nothing is written")
    func refusals() async throws {
        try await ScratchDatabase.with { database in
            let short = try await database.run(["user", "add", "alice", "--role", "reader"], input: "short\n")
            #expect(short.status == 65, "\(short)")
            #expect(short.stderr.contains("too short") && short.stderr.contains("hint:"), "\(short)")
            let empty = try await database.run(["user", "add", "alice", "--role", "reader"], input: "")
            #expect(empty.status != 0, "\(empty)")
            #expect(try await database.scalar("SELECT count(*) FROM app_user") == "0")

            #expect(try await database.run(["user", "add", "alice", "--role", "reader"], input: Self.password + "\n").status == 0)
            let reused = try await database.run(["user", "add", "ALICE", "--role", "admin"], input: Self.password + "\n")
            #expect(reused.status == 68 && reused.stderr.contains("already exists"), "\(reused)")
            let argument = try await database.run(["user", "add", "bob", "--role", "reader", "--password", Self.password])
            #expect(argument.status == 64, "\(argument)")
            #expect(try await database.scalar("SELECT count(*) FROM app_user") == "1")
        }
    }
}
