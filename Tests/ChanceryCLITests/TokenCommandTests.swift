import Foundation
import Testing

/// `chancery token create|list|revoke` against a scratch database.
@Suite("Token command")
struct TokenCommandTests {
    @Test("create prints the secret once; list shows the token; revoke revokes it")
    func roundTrip() async throws {
        try await ScratchDatabase.with { database in
            let created = try await database.run("token", "create", "--name", "ci-bot", "--role", "editor")
            #expect(created.status == 0, "\(created)")
            let secret = created.stdout.trimmingCharacters(in: .newlines)
            #expect(secret.wholeMatch(of: /chancery_[A-Za-z0-9_-]{43}/) != nil, "\(created)")
            #expect(created.stdout == secret + "\n", "stdout must hold the secret alone: \(created)")
            #expect(created.stderr.contains("only once"), "\(created)")

            // Only the secret's hash is stored.
            #expect(try await database.scalar("SELECT count(*) FROM api_token WHERE secret_hash = sha256(convert_to(\(secret), 'UTF8'))") == "1")
            #expect(try await database.scalar("SELECT count(*) FROM api_token t WHERE strpos(to_jsonb(t)::text, \(secret)) > 0") == "0")

            let json = try await database.run("token", "create", "--name", "Auditor", "--role", "READER", "--json")
            #expect(json.status == 0, "\(json)")
            let issued = try json.jsonObject()
            #expect(issued.object("token")?.string("name") == "Auditor")
            #expect(issued.object("token")?.string("role") == "reader")
            #expect(issued.object("token")?.string("createdBy") == "cli:cli-tests")
            #expect(issued.string("secret")?.hasPrefix("chancery_") == true)

            let table = try await database.run("token", "list")
            #expect(table.status == 0, "\(table)")
            #expect(appearInOrder(["ID", "NAME", "ROLE", "CREATED", "BY", "REVOKED", "ci-bot", "editor", "cli:cli-tests",
                                   "Auditor", "reader"], in: table.stdout), "\(table)")
            #expect(!table.stdout.contains("chancery_"), "list must never print a secret: \(table)")

            let revoked = try await database.run("token", "revoke", "CI-BOT")
            #expect(revoked.status == 0, "\(revoked)")
            #expect(revoked.stdout.contains("Revoked token 'ci-bot'"), "\(revoked)")

            let listed = try await database.run("token", "list", "--json")
            #expect(listed.status == 0, "\(listed)")
            let tokens = try listed.jsonArray()
            #expect(tokens.map { $0.string("name") } == ["ci-bot", "Auditor"])
            #expect(tokens[0].string("revokedAt") != nil && tokens[1].string("revokedAt") == nil)

            let again = try await database.run("token", "revoke", "ci-bot")
            #expect(again.status == 0, "revoking twice should succeed: \(again)")
        }
    }

    @Test("without CHANCERY_USER, USER or LOGNAME, changes are recorded as the account's name, as whoami says it")
    func accountNameWithoutUserVariables() async throws {
        try await ScratchDatabase.with { database in
            var environment = database.environment
            for variable in ["CHANCERY_USER", "USER", "LOGNAME"] { environment.removeValue(forKey: variable) }
            let created = try await CLI.run(["token", "create", "--name", "nightly", "--role", "reader", "--json"], environment: environment)
            #expect(created.status == 0, "\(created)")
            let account = String(cString: getpwuid(geteuid())!.pointee.pw_name)
            #expect(try created.jsonObject().object("token")?.string("createdBy") == "cli:" + account, "\(created)")
        }
    }

    @Test("refusals name the flag, say how to fix it and exit with the documented code")
    func refusals() async throws {
        try await ScratchDatabase.with { database in
            let first = try await database.run("token", "create", "--name", "ci-bot", "--role", "editor")
            #expect(first.status == 0, "\(first)")
            let cases: [([String], Int32, [String])] = [
                (["token", "create", "--name", "CI-Bot", "--role", "reader"], 68, ["error: (--name)", "already exists", "hint:", "never reused"]),
                (["token", "create", "--name", "two words", "--role", "reader"], 65, ["error: (--name)", "two words", "hint:"]),
                // Refused by the argument parser, which names the valid roles (usage error, 64).
                (["token", "create", "--name", "x", "--role", "owner"], 64, ["--role", "owner", "'reader', 'editor' or 'admin'"]),
                (["token", "revoke", "nobody"], 66, ["error: (token)", "nobody", "hint:"]),
            ]
            for (arguments, status, messages) in cases {
                let before = try await database.scalar("SELECT count(*) FROM api_token")
                let result = try await database.run(arguments)
                #expect(result.status == status, "\(result)")
                for message in messages { #expect(result.stderr.contains(message), "\(message) missing: \(result)") }
                #expect(result.stdout.isEmpty, "\(result)")
                #expect(try await database.scalar("SELECT count(*) FROM api_token") == before)
            }
        }
    }

    @Test("--help shows an example", arguments: [["token"], ["token", "create"], ["token", "list"], ["token", "revoke"]])
    func help(command: [String]) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("chcli-token-help-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await CLI.run(command + ["--help"], environment: CLI.embeddedEnvironment(home: home))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Example"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: home.path), "--help created an embedded cluster")
    }
}
