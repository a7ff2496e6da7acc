import ArgumentParser
import ChanceryCore
import ChanceryModel

extension EventCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct an event: its name, status, date, place, host, participants.",
            discussion: """
                Example:
                  chancery event edit EV-2022-001 --status held --date 2022-05-12/2022-05-13
                  chancery event edit "Special ASEAN–U.S. Summit" \\
                      --add-participant Indonesia --clear cameo-code
                """
        )

        @Argument(help: "Reference or name.")
        var event: String
        @Option(help: "Its name.")
        var name: String?
        @Option(help: ArgumentHelp("What kind of event it is.", valueName: "kind"))
        var kind: EventKind?
        @Option(help: ArgumentHelp("Where it stands.", valueName: "status"))
        var status: EventStatus?
        @Option(help: ArgumentHelp("Who hosts it.", valueName: "name"))
        var host: String?
        @Option(help: "The city.")
        var city: String?
        @Option(help: ArgumentHelp("The country (name or ISO code).", valueName: "cc"))
        var country: String?
        @Option(help: ArgumentHelp("GeoNames id of the place.", valueName: "id"))
        var geonamesId: Int64?
        @Option(help: ArgumentHelp("When, EDTF.", valueName: "edtf"))
        var date: String?
        @Option(help: ArgumentHelp("CAMEO event code.", valueName: "code"))
        var cameoCode: String?
        @Option(help: "A summary.")
        var summary: String?
        @Option(help: ArgumentHelp("Add a participant (repeatable).", valueName: "name"))
        var addParticipant: [String] = []
        @Option(help: ArgumentHelp("Remove a participant (repeatable).", valueName: "name"))
        var removeParticipant: [String] = []
        @Option(help: ClearedFields.help(Self.clearable))
        var clear: [String] = []
        @Flag(help: "Print the event as JSON afterwards.")
        var json = false

        static let clearable = ["host", "city", "country", "geonames-id", "date", "cameo-code", "summary"]

        func validate() throws {
            let given = ["host": host != nil, "city": city != nil, "country": country != nil, "geonames-id": geonamesId != nil,
                         "date": date != nil, "cameo-code": cameoCode != nil, "summary": summary != nil]
            try ClearedFields(clear).check(clearable: Self.clearable, given: given)
        }

        func run() async throws {
            try await CommandContext.run(positional: ["event"]) { database in
                let cleared = ClearedFields(clear)
                var changes = EventChanges()
                changes.name = name
                changes.kind = kind
                changes.status = status
                changes.host = cleared.patch(host, "host")
                changes.city = cleared.patch(city, "city")
                changes.country = cleared.patch(country, "country")
                changes.geonamesId = cleared.patch(geonamesId, "geonames-id")
                changes.date = cleared.patch(date, "date")
                changes.cameoCode = cleared.patch(cameoCode, "cameo-code")
                changes.summary = cleared.patch(summary, "summary")
                changes.addedParticipants = addParticipant
                changes.removedParticipants = removeParticipant
                let event = try await EventService(database: database).edit(self.event, changes)
                if json { try Output.json(event) } else { print(EventText.detail(event)) }
            }
        }
    }
}

extension InvitationCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct an invitation: its date, event, letter, invitees. Answers are recorded with `invitation respond`.",
            discussion: """
                Example:
                  chancery invitation edit INV-US-2022-001 \\
                      --event "Special ASEAN–U.S. Summit" --reply-by 2022-03-31
                  chancery invitation edit INV-US-2022-001 --add-invitee Indonesia
                """
        )

        @Argument(help: "The invitation's reference.")
        var ref: String
        @Option(name: .customLong("as"), help: ArgumentHelp("The capacity the inviter invites in.", valueName: "title"))
        var capacity: String?
        @Option(help: ArgumentHelp("The event it invites to (reference or name).", valueName: "event"))
        var event: String?
        @Option(help: ArgumentHelp("The letter extending it.", valueName: "ref"))
        var letter: String?
        @Option(help: ArgumentHelp("When it was issued, EDTF.", valueName: "edtf"))
        var date: String?
        @Option(help: ArgumentHelp("When answers are due, EDTF.", valueName: "edtf"))
        var replyBy: String?
        @Option(help: "A summary.")
        var summary: String?
        @Option(help: ArgumentHelp("Invite someone else too (repeatable).", valueName: "name"))
        var addInvitee: [String] = []
        @Option(help: ArgumentHelp("Remove an invitee, with any answer recorded (repeatable).", valueName: "name"))
        var removeInvitee: [String] = []
        @Option(help: ClearedFields.help(Self.clearable))
        var clear: [String] = []
        @Flag(help: "Print the invitation as JSON afterwards.")
        var json = false

        static let clearable = ["as", "event", "letter", "reply-by", "summary"]

        func validate() throws {
            let given = ["as": capacity != nil, "event": event != nil, "letter": letter != nil, "reply-by": replyBy != nil, "summary": summary != nil]
            try ClearedFields(clear).check(clearable: Self.clearable, given: given)
        }

        func run() async throws {
            try await CommandContext.run(positional: ["ref"]) { database in
                let cleared = ClearedFields(clear)
                var changes = InvitationChanges()
                changes.capacity = cleared.patch(capacity, "as")
                changes.event = cleared.patch(event, "event")
                changes.letter = cleared.patch(letter, "letter")
                changes.date = date
                changes.replyBy = cleared.patch(replyBy, "reply-by")
                changes.summary = cleared.patch(summary, "summary")
                changes.addedInvitees = addInvitee
                changes.removedInvitees = removeInvitee
                let invitation = try await InvitationService(database: database).edit(ref, changes)
                if json { try Output.json(invitation) } else { print(InvitationText.line(invitation)) }
            }
        }
    }
}
