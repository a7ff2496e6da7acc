import ArgumentParser
import ChanceryCore
import ChanceryModel
import ChanceryRendering
import Foundation

extension LetterCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a letter: its fields, participants, links and sources, in one change.",
            discussion: """
                Every option is a change; what is not named stays. All changes are made together or \
                not at all, as one new revision, and recorded in the letter's history.

                Example:
                  chancery letter edit US-KH-2022-001 --date 2022-02-14 \\
                      --summary "Invites Hun Sen to the summit"
                  chancery letter edit US-KH-2022-001 --add-cc Indonesia --clear received
                  chancery letter edit KH-US-2022-001 --remove-participant "Jo Biden" \\
                      --add-to "Joe Biden"
                """
        )

        @Argument(help: "The letter's reference.")
        var ref: String
        @Option(help: ArgumentHelp("What kind of item it is.", valueName: "kind"))
        var kind: LetterKind?
        @Option(help: ArgumentHelp("Date sent, EDTF.", valueName: "edtf"))
        var date: String?
        @Option(help: ArgumentHelp("Date received, EDTF.", valueName: "edtf"))
        var received: String?
        @Option(help: "The date of sending as the source writes it.")
        var dateAsWritten: String?
        @Option(help: "The date of receipt as the source writes it.")
        var receivedAsWritten: String?
        @Option(help: "What the letter is about.")
        var subject: String?
        @Option(help: "A summary of its content.")
        var summary: String?
        @Option(help: ArgumentHelp("File holding the full text.", valueName: "path"))
        var textFile: String?
        @Option(help: ArgumentHelp("Language, BCP 47.", valueName: "tag"))
        var language: String?
        @Option(help: ArgumentHelp("How the sender classified it.", valueName: "level"))
        var classification: Classification?
        @Option(help: "Place of writing.")
        var sentPlace: String?
        @Option(help: ArgumentHelp("GeoNames id of the place of writing.", valueName: "id"))
        var sentPlaceGeonamesId: Int64?
        @Option(help: "Place of receipt.")
        var receivedPlace: String?
        @Option(help: ArgumentHelp("GeoNames id of the place of receipt.", valueName: "id"))
        var receivedPlaceGeonamesId: Int64?
        @Flag(inversion: .prefixedNo, help: "Whether a reply is awaited.")
        var awaitingReply: Bool?
        @Option(help: ClearedFields.help(Self.clearable, note: "Clearing received also clears received-as-written, unless that is given."))
        var clear: [String] = []

        @Option(help: ArgumentHelp("Add an author (repeatable).", valueName: "name"))
        var addFrom: [String] = []
        @Option(help: ArgumentHelp("Add a signatory (repeatable).", valueName: "name"))
        var addSignatory: [String] = []
        @Option(help: ArgumentHelp("Add a recipient (repeatable).", valueName: "name"))
        var addTo: [String] = []
        @Option(help: ArgumentHelp("Add a copy recipient (repeatable).", valueName: "name"))
        var addCc: [String] = []
        @Option(help: ArgumentHelp("Add an intermediary, after those already named (repeatable).", valueName: "name"))
        var addVia: [String] = []
        @Option(help: ArgumentHelp("Remove an actor from every role it has on the letter (repeatable).", valueName: "name"))
        var removeParticipant: [String] = []

        @Option(help: ArgumentHelp("Link: this letter answers REF (repeatable).", valueName: "ref"))
        var replyTo: [String] = []
        @Option(help: ArgumentHelp("Link: this letter encloses REF (repeatable).", valueName: "ref"))
        var encloses: [String] = []
        @Option(help: ArgumentHelp("Link: this letter forwards REF (repeatable).", valueName: "ref"))
        var forwards: [String] = []
        @Option(help: ArgumentHelp("Link: this letter mentions REF (repeatable).", valueName: "ref"))
        var refersTo: [String] = []
        @Option(help: ArgumentHelp("Remove every link from this letter to REF (repeatable).", valueName: "ref"))
        var unlink: [String] = []

        @Option(help: ArgumentHelp("URL of a public source to cite.", valueName: "url"))
        var sourceURL: String?
        @Option(help: "Title of that source (required with --source-url).")
        var sourceTitle: String?
        @Option(help: "Publisher of that source.")
        var sourcePublisher: String?
        @Option(help: ArgumentHelp("Publication date of that source, EDTF.", valueName: "edtf"))
        var sourceDate: String?
        @Option(help: "The sentence of the source supporting the record.")
        var sourceQuote: String?
        @Option(help: ArgumentHelp("Stop citing a source: its URL, or its title when it has none (repeatable).", valueName: "url"))
        var removeSource: [String] = []

        @Option(help: ArgumentHelp("Only if the letter is still at this revision (as `letter show --json` reports it).", valueName: "n"))
        var ifRevision: Int?
        @Flag(help: "Print the letter as JSON afterwards.")
        var json = false

        static let clearable = ["received", "date-as-written", "received-as-written", "summary", "text", "language",
                                "sent-place", "sent-place-geonames-id", "received-place", "received-place-geonames-id"]

        func validate() throws {
            let given: [String: Bool] = [
                "received": received != nil, "date-as-written": dateAsWritten != nil, "received-as-written": receivedAsWritten != nil,
                "summary": summary != nil, "text": textFile != nil, "language": language != nil, "sent-place": sentPlace != nil,
                "sent-place-geonames-id": sentPlaceGeonamesId != nil, "received-place": receivedPlace != nil,
                "received-place-geonames-id": receivedPlaceGeonamesId != nil,
            ]
            try ClearedFields(clear).check(clearable: Self.clearable, given: given)
            if sourceURL != nil && sourceTitle == nil { throw ValidationError("--source-url needs --source-title (the article's headline).") }
            if sourceTitle == nil && (sourcePublisher != nil || sourceDate != nil || sourceQuote != nil) {
                throw ValidationError("--source-publisher, --source-date and --source-quote describe a source: give --source-title.")
            }
        }

        func run() async throws {
            try await CommandContext.run(positional: ["ref"]) { database in
                var edit = LetterEdit()
                edit.changes = try changes()
                edit.addedParticipants = [(ParticipantRole.author, addFrom), (.signatory, addSignatory), (.recipient, addTo),
                                          (.cc, addCc), (.transmitter, addVia)]
                    .flatMap { role, names in names.map { LetterEdit.AddedParticipant(role: role, participant: ParticipantDraft(name: $0)) } }
                edit.removedParticipants = removeParticipant
                edit.addedLinks = [(LetterLinkKind.replyTo, replyTo), (.encloses, encloses), (.forwards, forwards), (.refersTo, refersTo)]
                    .flatMap { kind, targets in targets.map { LetterEdit.AddedLink(kind: kind, target: $0) } }
                edit.removedLinks = unlink
                if let sourceTitle {
                    edit.addedSources = [SourceDraft(title: sourceTitle, url: sourceURL, publisher: sourcePublisher,
                                                     published: sourceDate, quote: sourceQuote)]
                }
                edit.removedSources = removeSource
                let service = LetterService(database: database)
                // Read first only to tell whether a date given changes the letter's (see keptWordings).
                let before = date != nil || received != nil || clear.contains("received") ? try await service.show(ref) : nil
                let letter = try await service.edit(ref, ifRevision: ifRevision, edit)
                if json { try Output.json(letter) } else { print(LetterText.detail(letter)) }
                for note in keptWordings(before: before, after: letter) { FileHandle.standardError.write(Data((note + "\n").utf8)) }
            }
        }

        /// A corrected date whose wording in the source was left as it was: the two may no
        /// longer agree, which a person correcting one should see.
        private func keptWordings(before: LetterDetail?, after letter: LetterDetail) -> [String] {
            guard let before else { return [] }
            let cleared = Set(clear)
            return [(before.date.edtf != letter.date.edtf, dateAsWritten, "date", "date", letter.dateAsWritten),
                    (before.received?.edtf != letter.received?.edtf, receivedAsWritten, "received", "date of receipt", letter.receivedAsWritten)]
                .compactMap { corrected, wording, option, what, kept in
                    guard corrected, wording == nil, !cleared.contains(option + "-as-written"), let kept else { return nil }
                    return "note: the \(what) as written, “\(kept)”, is kept as it was; correct it with --\(option)-as-written "
                        + "or drop it with --clear \(option)-as-written"
                }
        }

        private func changes() throws -> LetterChanges {
            let cleared = ClearedFields(clear)
            var changes = LetterChanges(kind: kind, date: date, received: cleared.patch(received, "received"), subject: subject,
                                        summary: cleared.patch(summary, "summary"),
                                        text: cleared.patch(try textFile.map(Add.readText), "text"),
                                        language: cleared.patch(language, "language"), classification: classification,
                                        sentPlace: cleared.patch(sentPlace, "sent-place"), receivedPlace: cleared.patch(receivedPlace, "received-place"),
                                        awaitingReply: awaitingReply)
            changes.dateAsWritten = cleared.patch(dateAsWritten, "date-as-written")
            changes.receivedAsWritten = cleared.patch(receivedAsWritten, "received-as-written")
            changes.sentPlaceGeonamesId = cleared.patch(sentPlaceGeonamesId, "sent-place-geonames-id")
            changes.receivedPlaceGeonamesId = cleared.patch(receivedPlaceGeonamesId, "received-place-geonames-id")
            return changes
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a letter (softly: it keeps its reference and history, and `letter restore` brings it back).",
            discussion: "Example:\n  chancery letter delete US-KH-2022-003"
        )

        @Argument(help: "The letter's reference.")
        var ref: String
        @Option(help: ArgumentHelp("Only if the letter is still at this revision.", valueName: "n"))
        var ifRevision: Int?

        func run() async throws {
            try await CommandContext.run(positional: ["ref"]) { database in
                try await LetterService(database: database).delete(ref, ifRevision: ifRevision)
                print("Deleted \(ref). Undo with: chancery letter restore \(ref)")
            }
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring a deleted letter back, with its reference, links and history.",
            discussion: "Example:\n  chancery letter restore US-KH-2022-003"
        )

        @Argument(help: "The letter's reference.")
        var ref: String
        @Option(help: ArgumentHelp("Only if the letter is still at this revision.", valueName: "n"))
        var ifRevision: Int?
        @Flag(help: "Print the letter as JSON.")
        var json = false

        func run() async throws {
            try await CommandContext.run(positional: ["ref"]) { database in
                let letter = try await LetterService(database: database).restore(ref, ifRevision: ifRevision)
                if json { try Output.json(letter) } else { print("Restored \(letter.ref).\n\n" + LetterText.detail(letter)) }
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show who changed what in a letter and when, newest first (deleted letters too).",
            discussion: "Example:\n  chancery letter history US-KH-2022-001\n  chancery letter history US-KH-2022-001 --json"
        )

        @Argument(help: "The letter's reference.")
        var ref: String
        @Flag(help: "Print every change as JSON, oldest first, with the values before and after.")
        var json = false

        func run() async throws {
            try await CommandContext.run(positional: ["ref"]) { database in
                let entries = try await LetterService(database: database).history(of: ref)
                if json { try Output.json(entries) } else { print(LetterHistoryView(entries, limit: nil).text) }
            }
        }
    }
}
