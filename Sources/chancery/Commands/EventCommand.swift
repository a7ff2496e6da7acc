import ArgumentParser
import ChanceryCore
import ChanceryRendering
import ChanceryModel

/// `chancery event add|list|show`.
struct EventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Record summits, visits and meetings.",
        discussion: "Example:\n  chancery event list\n  chancery event show ASEAN-US-SUMMIT-2022",
        subcommands: [Add.self, List.self, Show.self, Edit.self, History.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an event; prints its reference.",
            discussion: """
                Example:
                  chancery event add --name "Special ASEAN–U.S. Summit" --kind summit \\
                      --host US --city "Washington, D.C." --country US \\
                      --date 2022-05-12/2022-05-13 --status held --cameo-code 043
                """
        )

        @Option(help: "Its name.")
        var name: String
        @Option(help: ArgumentHelp("What kind of event it is.", valueName: "kind"))
        var kind: EventKind = .summit
        @Option(help: ArgumentHelp("Where it stands.", valueName: "status"))
        var status: EventStatus = .proposed
        @Option(help: ArgumentHelp("Who hosts it.", valueName: "name"))
        var host: String?
        @Option(help: "The city.")
        var city: String?
        @Option(help: ArgumentHelp("The country (ISO code or name).", valueName: "cc"))
        var country: String?
        @Option(help: ArgumentHelp("GeoNames id of the place.", valueName: "id"))
        var geonamesId: Int64?
        @Option(help: ArgumentHelp("When, EDTF (planned or held).", valueName: "edtf"))
        var date: String?
        @Option(help: ArgumentHelp("CAMEO event code (e.g. 043: host a visit).", valueName: "code"))
        var cameoCode: String?
        @Option(help: "A summary.")
        var summary: String?
        @Option(help: ArgumentHelp("Who takes part (repeatable).", valueName: "name"))
        var participant: [String] = []
        @Option(help: ArgumentHelp("Reference to give it.", valueName: "ref"))
        var ref: String?

        func run() async throws {
            try await CommandContext.run { database in
                var draft = EventDraft()
                draft.ref = ref
                draft.name = name
                draft.kind = kind
                draft.status = status
                draft.host = host
                draft.city = city
                draft.country = country
                draft.geonamesId = geonamesId
                draft.date = date
                draft.cameoCode = cameoCode
                draft.summary = summary
                draft.participants = participant
                print(try await EventService(database: database).add(draft))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List events by date.", discussion: "Example:\n  chancery event list --json")

        @Flag(help: "Print a JSON array.")
        var json = false

        func run() async throws {
            try await CommandContext.run { database in
                let events = try await EventService(database: database).list()
                if json { try Output.json(events); return }
                guard !events.isEmpty else { print("No events recorded."); return }
                var table = ReportTable(header: ["REF", "DATE", "STATUS", "KIND", "NAME"], maximumWidth: 60)
                table.rows = events.map { [$0.ref, $0.date?.display ?? "undated", $0.status.rawValue, $0.kind.rawValue, $0.name] }
                print(table.render())
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an event.", discussion: "Example:\n  chancery event show ASEAN-US-SUMMIT-2022")

        @Argument(help: "Reference or name.")
        var event: String
        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            try await CommandContext.run(positional: ["event"]) { database in
                let event = try await EventService(database: database).show(self.event)
                if json { try Output.json(event); return }
                print(EventText.detail(event))
            }
        }
    }
}

/// Plain-text form of an event.
enum EventText {
    static func detail(_ event: Event) -> String {
        var lines = [event.ref + "  " + event.name, "Kind:         " + event.kind.rawValue, "Status:       " + event.status.rawValue]
        if let period = event.date { lines.append("When:         " + period.display + " (" + period.edtf + ")") }
        let place = [event.city, event.country].compactMap { $0 }
        if !place.isEmpty { lines.append("Where:        " + place.joined(separator: ", ")) }
        if let host = event.host { lines.append("Host:         " + host) }
        if !event.participants.isEmpty { lines.append("Participants: " + event.participants.joined(separator: ", ")) }
        if let cameo = event.cameoCode { lines.append("CAMEO:        " + cameo) }
        if !event.invitations.isEmpty { lines.append("Invitations:  " + event.invitations.joined(separator: ", ")) }
        if let summary = event.summary { lines.append("Summary:      " + summary) }
        for source in event.sources { lines.append("Source:       " + source.title) }
        if let origin = event.origin { lines.append("Origin:       " + origin.phrase) }
        return lines.joined(separator: "\n")
    }
}

extension EventCommand {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show who changed what in an event and its participants and when, newest first.",
            discussion: "Example:\n  chancery event history ASEAN-US-SUMMIT-2022\n  chancery event history ASEAN-US-SUMMIT-2022 --json"
        )

        @Argument(help: "The event's reference or name.")
        var event: String
        @Flag(help: "Print every change as JSON, oldest first, with the values before and after.")
        var json = false

        func run() async throws {
            try await CommandContext.run(positional: ["event"]) { database in
                let entries = try await EventService(database: database).history(of: event)
                if json { try Output.json(entries) } else { print(LetterHistoryView(entries, limit: nil).text) }
            }
        }
    }
}
