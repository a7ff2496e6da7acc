import ArgumentParser
import ChanceryCore
import ChanceryModel

/// Which role a command means: `--id`, or `--holder` narrowed by `--title` and `--of`.
struct RoleSelection: ParsableArguments {
    @Option(help: ArgumentHelp("The role's id, as `chancery actor show` lists it.", valueName: "id"))
    var id: Int64?
    @Option(help: ArgumentHelp("Who holds it.", valueName: "name"))
    var holder: String?
    @Option(help: ArgumentHelp("Its title, to tell the holder's roles apart.", valueName: "title"))
    var title: String?
    @Option(help: ArgumentHelp("The state or organization it is of, to tell them apart.", valueName: "name"))
    var of: String?

    func validate() throws {
        if id == nil && holder == nil { throw ValidationError("Name the role: --holder (with --title or --of when it holds several), or --id.") }
    }

    var selector: RoleSelector { RoleSelector(id: id, holder: holder, title: title, of: of) }

    static func line(_ role: RoleHeld) -> String {
        role.holder + " — " + role.title + ", " + role.of + (role.period.map { " (" + $0.display + ")" } ?? "") + " [id \(role.id)]"
    }
}

extension RoleCommand {
    struct End: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the day a role ended.",
            discussion: """
                The role's period becomes its start (open when it had none) to that day.

                Example:
                  chancery role end --holder "Hun Sen" --title "Prime Minister" \\
                      --on 2023-08-22
                """
        )

        @OptionGroup var role: RoleSelection
        @Option(help: ArgumentHelp("The day (or month, or year) it ended, EDTF.", valueName: "edtf"))
        var on: String

        func run() async throws {
            try await CommandContext.run { database in
                print(RoleSelection.line(try await ActorService(database: database).endRole(role.selector, on: on)))
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a role's title, whom it is of, or its period.",
            discussion: """
                Example:
                  chancery role edit --holder "Hun Sen" --title "Prime Minister" \\
                      --new-period 1985-01-14/2023-08-22
                  chancery role edit --id 7 --new-title "ASEAN Chair" --of ASEAN
                """
        )

        @OptionGroup var role: RoleSelection
        @Option(help: ArgumentHelp("The new title.", valueName: "title"))
        var newTitle: String?
        @Option(help: ArgumentHelp("The state or organization it is of, instead.", valueName: "name"))
        var newOf: String?
        @Option(help: ArgumentHelp("The whole period, EDTF; empty for none.", valueName: "edtf"))
        var newPeriod: String?

        func run() async throws {
            try await CommandContext.run { database in
                var changes = RoleChanges()
                changes.title = newTitle
                changes.of = newOf
                if let newPeriod { changes.period = newPeriod.isEmpty ? .clear : .set(newPeriod) }
                print(RoleSelection.line(try await ActorService(database: database).editRole(role.selector, changes)))
            }
        }
    }
}

/// Which membership a command means: `--id`, or `--member` and `--organization` (with
/// `--period` as recorded when the member joined more than once).
struct MembershipSelection: ParsableArguments {
    @Option(help: ArgumentHelp("The membership's id, as `chancery actor show` lists it.", valueName: "id"))
    var id: Int64?
    @Option(help: "The member.")
    var member: String?
    @Option(help: "The organization.")
    var organization: String?
    @Option(help: ArgumentHelp("Its period as recorded, to tell several memberships of the pair apart.", valueName: "edtf"))
    var period: String?

    func validate() throws {
        if id == nil && (member == nil || organization == nil) {
            throw ValidationError("Name the membership: --member and --organization, or --id.")
        }
    }

    var selector: MembershipSelector { MembershipSelector(id: id, member: member, organization: organization, period: period) }

    static func line(_ membership: Membership) -> String {
        membership.member + " in " + membership.organization + (membership.period.map { " (" + $0.display + ")" } ?? "") + " [id \(membership.id)]"
    }
}

extension MembershipCommand {
    struct End: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the day a member left an organization.",
            discussion: "Example:\n  chancery membership end --member GB --organization EU --on 2020-01-31"
        )

        @OptionGroup var membership: MembershipSelection
        @Option(help: ArgumentHelp("The day (or month, or year) it left, EDTF.", valueName: "edtf"))
        var on: String

        func run() async throws {
            try await CommandContext.run { database in
                print(MembershipSelection.line(try await ActorService(database: database).endMembership(membership.selector, on: on)))
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct the period of a membership.",
            discussion: """
                Example:
                  chancery membership edit --member GB --organization EU \\
                      --new-period 1973-01-01/2020-01-31
                  chancery membership edit --id 12 --new-period ""
                """
        )

        @OptionGroup var membership: MembershipSelection
        @Option(help: ArgumentHelp("The whole period, EDTF; empty for none.", valueName: "edtf"))
        var newPeriod: String

        func run() async throws {
            try await CommandContext.run { database in
                let period: FieldPatch<String> = newPeriod.isEmpty ? .clear : .set(newPeriod)
                print(MembershipSelection.line(try await ActorService(database: database).editMembership(membership.selector, period: period)))
            }
        }
    }
}
