import ArgumentParser
import ChanceryCore
import Foundation
import ChanceryModel
import ChanceryRendering

/// `chancery timeline`: letters, invitations, responses and events of a scope in date order.
struct TimelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Produce a timeline report for a country, a pair, a person, an organization, an event or a date window.",
        discussion: """
            Items are ordered by their earliest possible date, then their latest; each shows its \
            date as known ("Jan–Apr 2022", "c. 2022", "12–13 May 2022") and its precision. A date \
            window keeps items whose dates overlap it (--strict: only those certainly inside).

            Formats: text (terminal), md (Markdown), json (docs/timeline-json.md), csv (RFC 4180, \
            one row per item), html (one self-contained file with an SVG time axis and a table; \
            prints well), ics (iCalendar: events, and with --deadlines invitations' reply-by days).

            Example:
              chancery timeline --between US KH --format md --output us-kh.md
              chancery timeline --event "Special ASEAN–U.S. Summit" --format html \\
                  --output summit.html
              chancery timeline --country KH --side sender --since 2022 --until 2022 \\
                  --group-by month
              chancery timeline --org ASEAN --members --format ics --deadlines \\
                  --output asean.ics
            """
    )

    @Option(help: ArgumentHelp("Everything involving this country (ISO code, or a name in any language).", valueName: "cc"))
    var country: String?
    @Option(help: ArgumentHelp("With --country: the side the country is on.", valueName: "side"))
    var side: CountrySide = .any
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Everything between two countries.", valueName: "cc cc"))
    var between: [String] = []
    @Option(help: ArgumentHelp("Everything a person took part in (name or alias).", valueName: "name"))
    var person: String?
    @Option(help: ArgumentHelp("Everything an organization took part in or was acted for.", valueName: "name"))
    var org: String?
    @Flag(help: "With --org: also its member states, while they were members.")
    var members = false
    @Option(help: ArgumentHelp("An event's dossier: invitations, responses, the event, letters about it.", valueName: "event"))
    var event: String?
    @Flag(help: "Everything recorded (narrow it with --since and --until).")
    var all = false
    @Option(help: ArgumentHelp("From this date (EDTF, e.g. 2022 or 2022-05).", valueName: "edtf"))
    var since: String?
    @Option(help: ArgumentHelp("Up to this date (EDTF).", valueName: "edtf"))
    var until: String?
    @Flag(help: "Only items certainly within --since/--until, not merely overlapping.")
    var strict = false
    @Option(name: .customLong("group-by"), help: ArgumentHelp("Sections by this unit.", valueName: "unit"))
    var groupBy: TimelineGrouping = .none
    @Option(help: ArgumentHelp("Only the first N items.", valueName: "n"))
    var limit: Int?
    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format: TimelineFormat = .text
    @Flag(help: "With --format ics: add invitations' reply-by days as all-day events.")
    var deadlines = false
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path"))
    var output: String?

    func validate() throws {
        let scopes = [country != nil, !between.isEmpty, person != nil, org != nil, event != nil, all].filter { $0 }.count
        if scopes != 1 { throw ValidationError("Give exactly one of --country, --between, --person, --org, --event or --all.") }
        if !between.isEmpty && between.count != 2 { throw ValidationError("--between takes two country codes, e.g. --between US KH.") }
        if side != .any && country == nil { throw ValidationError("--side goes with --country.") }
        if members && org == nil { throw ValidationError("--members goes with --org.") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
        if deadlines && format != .ics { throw ValidationError("--deadlines goes with --format ics.") }
    }

    var scope: TimelineScope {
        if let country { return .country(country, side: side) }
        if let person { return .person(person) }
        if let org { return .organization(org, includingMembers: members) }
        if let event { return .event(event) }
        if all { return .everything }
        return .between(between[0], between[1])
    }

    func run() async throws {
        let request = TimelineRequest(scope, since: since, until: until, strict: strict,
                                      grouping: groupBy, limit: limit)
        try await CommandContext.run { database in
            let timeline = try await TimelineService(database: database).timeline(request)
            let rendered = try format.render(timeline, options: TimelineRenderOptions(includeDeadlines: deadlines))
            try DocumentOutput.emit(rendered, to: output)
        }
    }
}
