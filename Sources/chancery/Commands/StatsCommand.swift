import ArgumentParser
import ChanceryCore
import ChanceryModel
import ChanceryRendering

/// `chancery stats`: counts by country, year and kind, statuses, and the most active correspondents.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count letters by country, year and kind; invitations and events by status; the busiest correspondents.",
        discussion: """
            A participant's country is the state itself or the state it acts for. Years are those \
            of the earliest possible day (of the latest when the start is open; "undated" when \
            both ends are). --since/--until keep letters and invitations whose dates overlap the \
            window, and events whose period does. The busiest correspondents leave out actors \
            that stand for someone the sources do not name ("einen Amtsbruder"; actor show says so).

            JSON: {since, until, letters, byCountry: [{code, name, sent, received, conveyed, total}], \
            byYear: [{year, letters}], byKind: [{kind, letters}], invitations, openInvitations, \
            invitationResponses: [{status, count}], eventsByStatus: [{status, count}], \
            topCorrespondents: [{from, to, letters}], topCountryPairs: [{from, to, letters}]}.

            Example:
              chancery stats
              chancery stats --since 2022 --until 2022 --top 5 --json
            """
    )

    @Option(help: ArgumentHelp("Only records dated on or after this (EDTF, e.g. 2022-01).", valueName: "edtf"))
    var since: String?
    @Option(help: ArgumentHelp("Only records dated on or before this (EDTF, e.g. 2022-12).", valueName: "edtf"))
    var until: String?
    @Option(help: ArgumentHelp("How many correspondent pairs to list (at least 1).", valueName: "n"))
    var top: Int = 10
    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1 (e.g. --top 10).") }
    }

    func run() async throws {
        try await CommandContext.run { database in
            let statistics = try await StatisticsService(database: database)
                .statistics(StatisticsRequest(since: since, until: until, top: top))
            if json { try Output.json(statistics) } else { print(StatisticsTextRenderer().render(statistics)) }
        }
    }
}
