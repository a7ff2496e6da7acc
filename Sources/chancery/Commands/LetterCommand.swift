import ArgumentParser
import ChanceryCore
import Foundation
import ChanceryModel

/// `chancery letter add|show|edit|delete|restore|history`.
struct LetterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter",
        abstract: "Log, show, correct, delete and restore letters; read their history.",
        discussion: "Example:\n  chancery letter add --from \"Joe Biden\" --to \"Hun Sen\" --date 2022-02 \\\n      --subject \"Summit\"\n  chancery letter show US-KH-2022-001",
        subcommands: [Add.self, Show.self, Edit.self, Delete.self, Restore.self, History.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Log a new letter; prints its reference.",
            discussion: """
                Names resolve through aliases, case-insensitively; states also by ISO code. Dates are \
                EDTF: 2022-05-12, 2022-05, 2022, 2022-01/2022-03, 2022~ (approximately), 2022-05? \
                (uncertain), 202X. When --on-behalf-of is omitted, it is read off the role the sender \
                holds at the date (matching --as when given).

                Example:
                  chancery letter add --from "Joe Biden" --as President --to "Hun Sen" \\
                      --date 2022-02 --subject "Special ASEAN–U.S. Summit" \\
                      --source-url https://example.org/article \\
                      --source-title "Exchange of letters"
                """
        )

        @Option(help: ArgumentHelp("Sender: name, alias, ISO code or Wikidata id (repeatable for joint letters; --as and --on-behalf-of describe the first).",
                                   valueName: "name"))
        var from: [String] = []
        @Option(name: .customLong("as"), help: ArgumentHelp("Capacity the sender writes in (e.g. President).", valueName: "title"))
        var capacity: String?
        @Option(help: ArgumentHelp("State or organization the sender writes for (e.g. US).", valueName: "name"))
        var onBehalfOf: String?
        @Option(help: ArgumentHelp("Recipient (repeatable).", valueName: "name"))
        var to: [String] = []
        @Option(help: ArgumentHelp("Copy recipient (repeatable).", valueName: "name"))
        var cc: [String] = []
        @Option(help: ArgumentHelp("Intermediary who conveyed it, in order (repeatable).", valueName: "name"))
        var via: [String] = []
        @Option(help: ArgumentHelp("Date sent, EDTF (e.g. 2022-02, 2022-01/2022-03, 2022~).", valueName: "edtf"))
        var date: String
        @Option(help: ArgumentHelp("Date received, EDTF.", valueName: "edtf"))
        var received: String?
        @Option(help: ArgumentHelp("What kind of item it is.", valueName: "kind"))
        var kind: LetterKind = .letter
        @Option(help: "What the letter is about (required, at most 300 characters).")
        var subject: String
        @Option(help: "A summary of its content.")
        var summary: String?
        @Option(help: ArgumentHelp("File holding the full text.", valueName: "path"))
        var textFile: String?
        @Option(help: ArgumentHelp("Language, BCP 47 (e.g. en, km).", valueName: "tag"))
        var language: String?
        @Option(help: ArgumentHelp("How the sender classified it.", valueName: "level"))
        var classification: Classification = .unclassified
        @Option(help: "Place of writing (e.g. Washington, D.C.).")
        var sentPlace: String?
        @Option(help: "Place of receipt.")
        var receivedPlace: String?
        @Option(help: ArgumentHelp("Reference of the letter this one answers (repeatable).", valueName: "ref"))
        var replyTo: [String] = []
        @Option(help: ArgumentHelp("Reference of a letter enclosed in this one (repeatable).", valueName: "ref"))
        var encloses: [String] = []
        @Option(help: ArgumentHelp("Reference of a letter this one forwards (repeatable).", valueName: "ref"))
        var forwards: [String] = []
        @Option(help: ArgumentHelp("Reference of a letter this one mentions (repeatable).", valueName: "ref"))
        var refersTo: [String] = []
        @Option(help: ArgumentHelp("An event the letter concerns: a follow-up, a read-out (reference or name; repeatable).",
                                   valueName: "event"))
        var event: [String] = []
        @Option(help: ArgumentHelp("Reference to give it; assigned as FROM-TO-YEAR-NNN when omitted.", valueName: "ref"))
        var ref: String?
        @Flag(help: "Flag the letter as awaiting a reply.")
        var awaitingReply = false
        @Option(help: ArgumentHelp("URL of a public source reporting it.", valueName: "url"))
        var sourceURL: String?
        @Option(help: "Title of that source (required with --source-url).")
        var sourceTitle: String?
        @Option(help: "Publisher of that source.")
        var sourcePublisher: String?
        @Option(help: ArgumentHelp("Publication date of that source, EDTF.", valueName: "edtf"))
        var sourceDate: String?
        @Option(help: "The sentence of the source supporting the record.")
        var sourceQuote: String?

        func validate() throws {
            if from.isEmpty { throw ValidationError("Name the sender with --from.") }
            if to.isEmpty { throw ValidationError("Name at least one recipient with --to.") }
            if sourceURL != nil && sourceTitle == nil {
                throw ValidationError("--source-url needs --source-title (the article's headline).")
            }
            if sourceTitle == nil && (sourcePublisher != nil || sourceDate != nil || sourceQuote != nil) {
                throw ValidationError("--source-publisher, --source-date and --source-quote describe a source: give --source-title.")
            }
        }

        func run() async throws {
            try await CommandContext.run { database in
                var draft = LetterDraft()
                draft.ref = ref
                draft.kind = kind
                draft.classification = classification
                draft.from = from.enumerated().map { index, name in
                    index == 0 ? ParticipantDraft(name: name, capacity: capacity, onBehalfOf: onBehalfOf) : ParticipantDraft(name: name)
                }
                draft.to = to.map { ParticipantDraft(name: $0) }
                draft.cc = cc.map { ParticipantDraft(name: $0) }
                draft.via = via.map { ParticipantDraft(name: $0) }
                draft.date = date
                draft.received = received
                draft.subject = subject
                draft.summary = summary
                draft.text = try textFile.map(Self.readText)
                draft.language = language
                draft.sentPlace = sentPlace
                draft.receivedPlace = receivedPlace
                draft.replyTo = replyTo
                draft.encloses = encloses
                draft.forwards = forwards
                draft.refersTo = refersTo
                draft.events = event
                draft.awaitingReply = awaitingReply
                if let sourceTitle {
                    draft.sources = [SourceDraft(title: sourceTitle, url: sourceURL, publisher: sourcePublisher,
                                                 published: sourceDate, quote: sourceQuote)]
                }
                print(try await LetterService(database: database).add(draft))
            }
        }

        static func readText(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ChanceryError(.invalidInput, "cannot read the text file '\(path)'", field: "text-file",
                                    hint: "Check the path and that the file is readable.")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ChanceryError(.invalidInput, "the text file '\(path)' is not UTF-8", field: "text-file",
                                    hint: "Convert it, e.g. iconv -t UTF-8.")
            }
            return text
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a letter: participants with capacities, links both ways, invitations and sources.",
            discussion: "Example:\n  chancery letter show KH-US-2022-001"
        )

        @Argument(help: "The letter's reference.")
        var ref: String
        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            try await CommandContext.run(positional: ["ref"]) { database in
                let letter = try await LetterService(database: database).show(ref)
                if json { try Output.json(letter) } else { print(LetterText.detail(letter)) }
            }
        }
    }
}
