import ArgumentParser
import ChanceryCore
import ChanceryRendering
import Foundation
import ChanceryModel

/// `chancery token create|list|revoke`: API tokens for the HTTP API.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue, list and revoke API tokens.",
        discussion: """
            A token's secret is printed once, when it is created; only its SHA-256 is stored. Tokens \
            are revoked, never deleted, and a name is never reused, so the history keeps naming \
            one token.

            Example:
              chancery token create --name ci-bot --role editor
              chancery token list
              chancery token revoke ci-bot
            """,
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a token; prints its secret, which is shown only this once.",
            discussion: """
                Readers may read; editors may also record correspondence; admins may also manage \
                tokens. Standard output carries only the secret (or, with --json, the token and \
                its secret), so it can be captured: SECRET=$(chancery token create …).

                Example:
                  chancery token create --name ci-bot --role editor
                  chancery token create --name alice@example.org --role admin --json
                """
        )

        @Option(help: ArgumentHelp("1 to 63 letters, digits and . _ @ -; never reused.", valueName: "name"))
        var name: String
        @Option(help: ArgumentHelp("What the token may do: readers read, editors also write, admins also manage tokens.", valueName: "role"))
        var role: AccessRole
        @Flag(help: "Print {token, secret} as JSON.")
        var json = false

        func run() async throws {
            try await CommandContext.run { database in
                let issued = try await TokenService(database: database)
                    .create(name: name, role: role)
                if json { try Output.json(issued) } else { print(issued.secret) }
                FileHandle.standardError.write(Data((
                    "Issued token '\(issued.token.name)' (\(issued.token.role.rawValue)). "
                    + "Its secret is shown only once: store it now; it cannot be recovered, only revoked.\n").utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List tokens, revoked ones included; never their secrets.",
            discussion: "Example:\n  chancery token list\n  chancery token list --json"
        )

        @Flag(help: "Print a JSON array.")
        var json = false

        func run() async throws {
            try await CommandContext.run { database in
                let tokens = try await TokenService(database: database).list()
                if json { try Output.json(tokens); return }
                guard !tokens.isEmpty else { print("No tokens issued."); return }
                var table = ReportTable(header: ["ID", "NAME", "ROLE", "CREATED", "BY", "REVOKED"], maximumWidth: 60)
                table.rows = tokens.map { token in
                    [String(token.id), token.name, token.role.rawValue, token.createdAt, token.createdBy, token.revokedAt ?? ""]
                }
                print(table.render())
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token at once; revoking it again changes nothing.",
            discussion: "Example:\n  chancery token revoke ci-bot\n  chancery token revoke 3"
        )

        @Argument(help: ArgumentHelp("The token's name (any case) or id.", valueName: "token"))
        var token: String
        @Flag(help: "Print the revoked token as JSON.")
        var json = false

        func run() async throws {
            try await CommandContext.run(positional: ["token"]) { database in
                let revoked = try await TokenService(database: database).revoke(token)
                if json { try Output.json(revoked); return }
                print("Revoked token '\(revoked.name)' (id \(revoked.id))" + (revoked.revokedAt.map { " at " + $0 } ?? "") + ".")
            }
        }
    }
}
