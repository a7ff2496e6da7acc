import ArgumentParser
import ChanceryCore
import ChanceryReference

/// `chancery reference`: the reference data a register starts with.
struct ReferenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "The reference data: the world's states and former states, organizations and their members, demonyms.",
        discussion: """
            `chancery db migrate` loads it into a new register. After an upgrade, `reference update` adds \
            what the new data has that the register lacks. It never overwrites or removes what a user \
            recorded, changed or deleted; where a user's record contradicts the data, it says so and \
            keeps the record. The history names `chancery reference` as the author.

            Example:
              chancery reference update
              chancery reference sources
            """,
        subcommands: [Update.self, Sources.self])

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the reference data the register lacks; safe to run repeatedly.",
            discussion: """
                JSON: {statesAdded, organizationsAdded, namesAdded, identifiersFilled, periodsFilled, \
                membershipsAdded, demonymsAdded, conflicts: [sentence]}.

                Example:
                  chancery reference update --json
                """)

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            try await CommandContext.run { database in
                let report = try await ReferenceService(database: database).apply()
                if json { try Output.json(report) } else { ReferenceCommand.printReport(report) }
            }
        }
    }

    struct Sources: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Where the reference data this chancery carries comes from.", discussion: "Example:\n  chancery reference sources")

        func run() async throws {
            try await CommandContext.reportingErrors {
                let data = try ReferenceData.bundled()
                print("\(data.states.count) states and territories, current and former; \(data.organizations.count) organizations.")
                for source in data.sources { print("- " + source) }
                print("- Wikidata items (CC0), former states' periods, display names, demonyms: Data/reference in the source tree.")
            }
        }
    }

    /// The report as `db migrate` and `reference update` print it.
    static func printReport(_ report: ReferenceReport) {
        if report.changedNothing {
            print("reference data: nothing to add")
        } else {
            func counted(_ n: Int, _ one: String, _ many: String) -> String? { n == 0 ? nil : "\(n) " + (n == 1 ? one : many) }
            let added = [counted(report.statesAdded, "state", "states"), counted(report.organizationsAdded, "organization", "organizations"),
                         counted(report.namesAdded, "other name", "other names"), counted(report.membershipsAdded, "membership", "memberships"),
                         counted(report.demonymsAdded, "demonym", "demonyms")].compactMap { $0 }
            let filled = [counted(report.identifiersFilled, "ISO code or Wikidata id", "ISO codes and Wikidata ids"),
                          counted(report.periodsFilled, "period", "periods")].compactMap { $0 }
            print("reference data: " + [added.isEmpty ? nil : added.joined(separator: ", ") + " added",
                                        filled.isEmpty ? nil : filled.joined(separator: ", ") + " filled in"]
                .compactMap { $0 }.joined(separator: "; "))
        }
        for conflict in report.conflicts { print("kept as recorded: " + conflict) }
    }
}
