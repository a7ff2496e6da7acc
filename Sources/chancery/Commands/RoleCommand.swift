import ArgumentParser
import ChanceryCore
import ChanceryModel

/// `chancery role add|end|edit`.
struct RoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "role",
        abstract: "Record capacities held over time.",
        discussion: "Example:\n  chancery role add --holder \"Hun Sen\" --title \"Prime Minister\" --of KH \\\n      --period 1985-01/2023-08",
        subcommands: [Add.self, End.self, Edit.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that a person (or state) holds a title of a state or organization.",
            discussion: """
                Letters written by the holder in that period are attributed to the state or \
                organization the role is of, unless --on-behalf-of says otherwise.

                Example:
                  chancery role add --holder "Hun Sen" --title "Prime Minister" --of KH \\
                      --period 1985-01/2023-08
                  chancery role add --holder Cambodia --title "ASEAN Chair" --of ASEAN \\
                      --period 2022
                """
        )

        @Option(help: "Who holds it.")
        var holder: String
        @Option(help: "The title (e.g. Prime Minister).")
        var title: String
        @Option(help: ArgumentHelp("The state or organization it is of.", valueName: "name"))
        var of: String
        @Option(help: ArgumentHelp("When, EDTF (e.g. 2021-01-20/2025-01-20, 2022, 2023-08/..).", valueName: "edtf"))
        var period: String?

        func run() async throws {
            try await CommandContext.run { database in
                let (role, isNew) = try await ActorService(database: database).recordRole(holder: holder, title: title, of: of, period: period)
                print(role.holder + " — " + role.title + ", " + role.of + (role.period.map { " (" + $0.display + ")" } ?? "")
                      + (isNew ? "" : " (already recorded; nothing added)"))
            }
        }
    }
}

/// `chancery membership add|end|edit`.
struct MembershipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "membership",
        abstract: "Record membership of states in organizations over time.",
        discussion: "Example:\n  chancery membership add --member KH --organization ASEAN \\\n      --period 1999-04-30/..",
        subcommands: [Add.self, End.self, Edit.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that a state (or organization) belongs to an organization.",
            discussion: "Example:\n  chancery membership add --member KH --organization ASEAN \\\n      --period 1999-04-30/.."
        )

        @Option(help: "The member.")
        var member: String
        @Option(help: "The organization.")
        var organization: String
        @Option(help: ArgumentHelp("When, EDTF.", valueName: "edtf"))
        var period: String?

        func run() async throws {
            try await CommandContext.run { database in
                let (membership, isNew) = try await ActorService(database: database)
                    .recordMembership(member: member, organization: organization, period: period)
                print(MembershipSelection.line(membership) + (isNew ? "" : " (already recorded; nothing added)"))
            }
        }
    }
}
