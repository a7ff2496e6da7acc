import ArgumentParser
import ChanceryCore
import ChanceryRendering
import Foundation
import ChanceryModel

/// `chancery user add|list|disable|password`: the people who sign in to the web interface.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and disable the people who sign in to the web interface.",
        discussion: """
            Passwords are asked for (twice, without echo) or read as one line of standard input; \
            they are never arguments, and only a bcrypt hash is stored. Accounts are disabled, \
            never deleted, and a name is never reused: changes made in the browser are recorded \
            in the history as user:<name>.

            Example:
              chancery user add alice --role editor
              printf '%s\\n' "$PASSWORD" | chancery user add ci-reader --role reader
              chancery user list
              chancery user password alice
              chancery user disable alice
            """,
        subcommands: [Add.self, List.self, Disable.self, Password.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; asks for the password.",
            discussion: "Readers read; editors also record and change correspondence; admins also manage people and tokens.\n\n"
                + "Example:\n  chancery user add alice --role editor"
        )

        @Argument(help: ArgumentHelp("1 to 63 letters, digits and . _ @ -; never reused.", valueName: "name"))
        var name: String
        @Option(help: ArgumentHelp("What the user may do: reader, editor or admin.", valueName: "role"))
        var role: AccessRole
        @Flag(help: "Print the new user as JSON.")
        var json = false

        func run() async throws {
            try await CommandContext.run(positional: ["name", "password"]) { database in
                let user = try await UserService(database: database).add(name: name, role: role, password: try PasswordInput.read())
                if json { try Output.json(user); return }
                print("Added user '\(user.name)' (\(user.role.rawValue)).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List users, disabled ones included.", discussion: "Example:\n  chancery user list\n  chancery user list --json")

        @Flag(help: "Print a JSON array.")
        var json = false

        func run() async throws {
            try await CommandContext.run { database in
                let users = try await UserService(database: database).list()
                if json { try Output.json(users); return }
                guard !users.isEmpty else { print("No users. Add one with `chancery user add NAME --role editor`."); return }
                var table = ReportTable(header: ["ID", "NAME", "ROLE", "CREATED", "BY", "DISABLED"], maximumWidth: 60)
                table.rows = users.map { [String($0.id), $0.name, $0.role.rawValue, $0.createdAt, $0.createdBy, $0.disabledAt ?? ""] }
                print(table.render())
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a user and end their sessions at once; disabling again changes nothing.",
            discussion: "Example:\n  chancery user disable alice")

        @Argument(help: ArgumentHelp("The user's name (any case).", valueName: "name"))
        var name: String
        @Flag(help: "Print the user as JSON.")
        var json = false

        func run() async throws {
            try await CommandContext.run(positional: ["user"]) { database in
                let user = try await UserService(database: database).disable(name)
                if json { try Output.json(user); return }
                print("Disabled user '\(user.name)'" + (user.disabledAt.map { " at " + $0 } ?? "") + "; their sessions have ended.")
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's password (asked for) and end their sessions.",
            discussion: "Example:\n  chancery user password alice")

        @Argument(help: ArgumentHelp("The user's name (any case).", valueName: "name"))
        var name: String

        func run() async throws {
            try await CommandContext.run(positional: ["user", "password"]) { database in
                let user = try await UserService(database: database).setPassword(name, to: try PasswordInput.read(prompt: "New password"))
                print("Set the password of '\(user.name)'; their sessions have ended.")
            }
        }
    }
}
