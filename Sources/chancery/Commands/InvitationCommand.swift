import ArgumentParser
import ChanceryCore
import ChanceryModel
import ChanceryRendering

/// `chancery invitation add|respond|list`.
struct InvitationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invitation",
        abstract: "Record invitations and the invitees' answers.",
        discussion: "Example:\n  chancery invitation list --pending\n  chancery invitation respond INV-US-2022-001 --invitee ASEAN \\\n      --status accepted --date 2022-03",
        subcommands: [Add.self, Respond.self, List.self, Show.self, Edit.self, History.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an invitation; prints its reference.",
            discussion: """
                Example:
                  chancery invitation add --from "Joe Biden" --as President \\
                      --invitee "Hun Sen" --invitee ASEAN \\
                      --event "Special ASEAN–U.S. Summit" --letter US-ASEAN-2022-001
                """
        )

        @Option(help: ArgumentHelp("Who invites.", valueName: "name"))
        var from: String
        @Option(name: .customLong("as"), help: ArgumentHelp("In what capacity.", valueName: "title"))
        var capacity: String?
        @Option(help: ArgumentHelp("For which state or organization.", valueName: "name"))
        var onBehalfOf: String?
        @Option(help: ArgumentHelp("Who is invited (repeatable; an organization stands for its members' leaders).", valueName: "name"))
        var invitee: [String] = []
        @Option(help: ArgumentHelp("The event (reference or name).", valueName: "event"))
        var event: String?
        @Option(help: ArgumentHelp("The letter extending it.", valueName: "ref"))
        var letter: String?
        @Option(help: ArgumentHelp("When it was extended, EDTF (default: the letter's date).", valueName: "edtf"))
        var date: String?
        @Option(help: ArgumentHelp("Answer requested by, EDTF.", valueName: "edtf"))
        var replyBy: String?
        @Option(help: "A summary.")
        var summary: String?
        @Option(help: ArgumentHelp("Reference to give it; assigned as INV-CC-YEAR-NNN when omitted.", valueName: "ref"))
        var ref: String?

        func validate() throws {
            if invitee.isEmpty { throw ValidationError("Name at least one --invitee.") }
        }

        func run() async throws {
            try await CommandContext.run { database in
                var draft = InvitationDraft()
                draft.ref = ref
                draft.from = ParticipantDraft(name: from, capacity: capacity, onBehalfOf: onBehalfOf)
                draft.invitees = invitee
                draft.event = event
                draft.letter = letter
                draft.date = date
                draft.replyBy = replyBy
                draft.summary = summary
                print(try await InvitationService(database: database).add(draft))
            }
        }
    }

    struct Respond: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an invitee's answer.",
            discussion: "Example:\n  chancery invitation respond INV-US-2022-001 --invitee \"Hun Sen\" \\\n      --status accepted --letter KH-US-2022-001"
        )

        @Argument(help: "The invitation's reference.")
        var invitation: String
        @Option(help: ArgumentHelp("Who answers.", valueName: "name"))
        var invitee: String
        @Option(help: ArgumentHelp("The answer.", valueName: "status"))
        var status: ResponseStatus
        @Option(help: ArgumentHelp("The letter carrying the answer.", valueName: "ref"))
        var letter: String?
        @Option(help: ArgumentHelp("When, EDTF (default: the letter's date). The recorded answer given again keeps its letter when only --date is given, its date and letter when neither is.",
                                   valueName: "edtf"))
        var date: String?
        @Option(help: "A note on the answer. Another answer replaces the earlier one's note; the same answer given again keeps it, unless a note is given (--note \"\" clears it).")
        var note: String?
        @Flag(help: "Print the invitation as JSON.")
        var json = false

        func run() async throws {
            try await CommandContext.run(positional: ["invitation"]) { database in
                let (updated, changed) = try await InvitationService(database: database).answer(
                    ResponseDraft(invitation: invitation, invitee: invitee, status: status, letter: letter, date: date, note: note))
                if !changed {
                    // On stderr, so that a script reading the invitation gets it either way.
                    Output.note("Nothing changed: this answer is already recorded.")
                }
                if json { try Output.json(updated); return }
                print(InvitationText.line(updated))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an invitation: who extended it, to whom, each answer, its summary and sources.",
            discussion: "Example:\n  chancery invitation show INV-US-2022-001"
        )

        @Argument(help: "The invitation's reference.")
        var invitation: String
        @Flag(help: "Print JSON: the invitation as GET /v1/invitations/{ref} gives it, with its sources.")
        var json = false

        func run() async throws {
            try await CommandContext.run(positional: ["invitation", "ref"]) { database in
                let service = InvitationService(database: database)
                let shown = try await service.show(invitation)
                let sources = try await service.sources(of: shown.ref)
                if json { try Output.json(InvitationWithSources(invitation: shown, sources: sources)); return }
                print(InvitationText.detail(shown, sources: sources))
            }
        }

        /// The API's invitation and a `sources` list beside its fields, as `event show` gives an event's.
        private struct InvitationWithSources: Encodable {
            var invitation: Invitation
            var sources: [CitedSource]

            func encode(to encoder: any Encoder) throws {
                try invitation.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(sources, forKey: .sources)
            }

            private enum Key: String, CodingKey { case sources }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List invitations with each invitee's answer.",
            discussion: "Example:\n  chancery invitation list --pending"
        )

        @Flag(help: "Only invitations some invitee has not answered.")
        var pending = false
        @Flag(help: "Print a JSON array.")
        var json = false

        func run() async throws {
            try await CommandContext.run { database in
                let invitations = try await InvitationService(database: database).list(pendingOnly: pending)
                if json { try Output.json(invitations); return }
                guard !invitations.isEmpty else { print(pending ? "No pending invitations." : "No invitations recorded."); return }
                print(invitations.map(InvitationText.line).joined(separator: "\n\n"))
            }
        }
    }
}

/// Plain-text form of an invitation.
enum InvitationText {
    static func line(_ invitation: Invitation) -> String {
        var lines = [invitation.ref + "  " + invitation.date.display + "  " + invitation.from.name
                     + (invitation.from.capacity.map { " (" + $0 + ")" } ?? "") + (invitation.from.onBehalfOf.map { " for " + $0 } ?? "")
                     + (invitation.event.map { " → " + $0 } ?? "")]
        if let letter = invitation.letter { lines.append("  extended by " + letter) }
        if let replyBy = invitation.replyBy { lines.append("  answer by " + replyBy) }
        if let origin = invitation.origin { lines.append("  " + origin.phrase) }
        for invitee in invitation.invitees {
            var line = "  " + invitee.name + (invitee.onBehalfOf.map { " for " + $0 } ?? "") + ": " + invitee.status.rawValue
            if let responded = invitee.responded { line += " (" + responded.display + ")" }
            if let letter = invitee.letter { line += " in " + letter }
            if let note = invitee.note { line += " — " + indented(note) }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// The listing's lines, then its summary and the sources citing it (as `letter show` gives a letter's).
    static func detail(_ invitation: Invitation, sources: [CitedSource]) -> String {
        var lines = [line(invitation)]
        if let summary = invitation.summary { lines.append("  summary: " + indented(summary)) }
        for source in sources {
            var line = "  source: " + source.title + " [" + source.kind.rawValue + "]"
            if let publisher = source.publisher { line += ", " + publisher }
            if let published = source.published { line += ", " + published.display }
            if let url = source.url { line += " <" + url + ">" }
            lines.append(line)
            if let quote = source.quote { lines.append("    “" + indented(quote) + "”") }
        }
        return lines.joined(separator: "\n")
    }

    /// Text of several lines kept inside the invitation's indented block.
    private static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    ")
    }
}

extension InvitationCommand {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show who changed what in an invitation, its invitees and their answers, and when, newest first.",
            discussion: "Example:\n  chancery invitation history INV-US-2022-001\n  chancery invitation history INV-US-2022-001 --json"
        )

        @Argument(help: "The invitation's reference.")
        var ref: String
        @Flag(help: "Print every change as JSON, oldest first, with the values before and after.")
        var json = false

        func run() async throws {
            try await CommandContext.run(positional: ["ref"]) { database in
                let entries = try await InvitationService(database: database).history(of: ref)
                if json { try Output.json(entries) } else { print(LetterHistoryView(entries, limit: nil).text) }
            }
        }
    }
}
