import ChanceryRequests
import Foundation
import ChanceryCore
import ChanceryModel
import Hummingbird
import HTTPTypes

/// Editing a letter's own fields, and deleting it. The form carries the revision it was opened
/// at; when someone else saved in the meantime, the second to save gets a conflict page showing
/// both versions, and nothing is overwritten until they choose.
struct LetterEditPage {
    /// The fields as typed (or as stored, when the form opens).
    struct Fields {
        var kind: String
        var subject: String
        var date: String
        var received: String
        var summary: String
        var awaitingReply: Bool

        init(_ letter: LetterDetail) {
            kind = letter.kind.rawValue
            subject = letter.subject
            date = letter.date.edtf
            received = letter.received?.edtf ?? ""
            summary = letter.summary ?? ""
            awaitingReply = letter.awaitingReply
        }

        init(_ form: FormEncodedQuery) {
            kind = form.value("kind") ?? ""
            subject = form.value("subject") ?? ""
            date = form.value("date") ?? ""
            received = form.value("received") ?? ""
            summary = form.value("summary") ?? ""
            awaitingReply = form.value("awaiting-reply") != nil
        }

        func changes() throws -> LetterChanges {
            guard let kind = LetterKind(rawValue: kind) else {
                throw ChanceryError.invalid("kind", "unknown kind '\(kind)'", hint: "Choose one of the kinds listed.")
            }
            let received = received.trimmingCharacters(in: .whitespaces)
            let summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
            return LetterChanges(kind: kind, date: date.trimmingCharacters(in: .whitespaces),
                                 received: received.isEmpty ? .clear : .set(received), subject: subject,
                                 summary: summary.isEmpty ? .clear : .set(summary), awaitingReply: awaitingReply)
        }

        /// Label and value of each field, as the conflict page lists them.
        var rows: [(label: String, value: String)] {
            [("Kind", kind.replacingOccurrences(of: "_", with: " ")), ("Subject", subject), ("Date sent", date),
             ("Date received", received.isEmpty ? "—" : received), ("Summary", summary.isEmpty ? "—" : summary),
             ("Awaiting a reply", awaitingReply ? "yes" : "no")]
        }
    }

    struct Content {
        var ref: String
        var path: String
        var revision: Int
        var csrf: String
        var fields: Fields
        var kinds: [LetterFormPage.Option]
        var problem: LetterFormPage.Problem?
        var error: [String: String] = [:]

        init(ref: String, revision: Int, csrf: String, fields: Fields, refusal: ChanceryError? = nil) {
            self.ref = ref
            path = PagePath.letter(ref)
            self.revision = revision
            self.csrf = csrf
            self.fields = fields
            kinds = LetterKind.allCases.map {
                LetterFormPage.Option(value: $0.rawValue, label: $0.rawValue.replacingOccurrences(of: "_", with: " "),
                                      selected: $0.rawValue == fields.kind)
            }
            if let refusal { (problem, error) = LetterFormPage.placed(refusal) }
        }
    }

    struct ConflictContent {
        struct Row {
            var label: String
            var mine: String
            var theirs: String
            var differs: Bool
        }

        var ref: String
        var path: String
        var csrf: String
        var rows: [Row]
        var current: Int
        var fields: Fields
    }

    static func form(ref: String, session: WebSession, database: ChanceryDatabase) async throws -> Response {
        let letter = try await LetterService(database: database).show(ref)
        let content = Content(ref: letter.ref, revision: letter.revision, csrf: session.csrfToken, fields: Fields(letter))
        return HTMLResponse.page(PageRenderer.shared.page(title: "Edit " + letter.ref, template: "letter-edit", content: content))
    }

    static func save(ref: String, _ form: FormEncodedQuery, session: WebSession, database: ChanceryDatabase) async throws -> Response {
        let fields = Fields(form)
        let service = LetterService(database: database)
        guard let revision = form.text("revision").flatMap(Int.init) else {
            throw ChanceryError.invalid("revision", "the form does not say which revision it edits", hint: "Open the letter's edit page again.")
        }
        do {
            let saved = try await service.update(ref, ifRevision: revision, changes: try fields.changes())
            return Response(status: .seeOther, headers: [.location: PagePath.letter(saved.ref)])
        } catch let refusal as ChanceryError where refusal.kind == .stale {
            let current = try await service.show(ref)
            let theirs = Fields(current)
            let rows = zip(fields.rows, theirs.rows).map { mine, stored in
                ConflictContent.Row(label: mine.label, mine: mine.value, theirs: stored.value, differs: mine.value != stored.value)
            }
            let content = ConflictContent(ref: current.ref, path: PagePath.letter(current.ref),
                                          csrf: session.csrfToken, rows: rows, current: current.revision, fields: fields)
            let html = PageRenderer.shared.page(title: "Conflict on " + current.ref, template: "letter-conflict", content: content)
            return HTMLResponse.page(html, status: .conflict)
        } catch let refusal as ChanceryError where refusal.kind == .invalidInput {
            let content = Content(ref: ref, revision: revision, csrf: session.csrfToken, fields: fields, refusal: refusal)
            let html = PageRenderer.shared.page(title: "Edit " + ref, template: "letter-edit", content: content)
            return HTMLResponse.page(html, status: .unprocessableContent)
        }
    }

    static func confirmDeletion(ref: String, session: WebSession, database: ChanceryDatabase) async throws -> Response {
        let letter = try await LetterService(database: database).show(ref)
        let content = Content(ref: letter.ref, revision: letter.revision, csrf: session.csrfToken, fields: Fields(letter))
        return HTMLResponse.page(PageRenderer.shared.page(title: "Delete " + letter.ref, template: "letter-delete", content: content))
    }

    static func delete(ref: String, _ form: FormEncodedQuery, database: ChanceryDatabase) async throws -> Response {
        guard let revision = form.text("revision").flatMap(Int.init) else {
            throw ChanceryError.invalid("revision", "the form does not say which revision it deletes", hint: "Open the letter again.")
        }
        do {
            try await LetterService(database: database).delete(ref, ifRevision: revision)
        } catch let refusal as ChanceryError where refusal.kind == .stale {
            return WebPages.message(status: .conflict, heading: "The letter changed meanwhile",
                                    message: "Someone saved \(ref) after you opened it, so it was not deleted.",
                                    hint: "Open the letter, read what changed, and delete it again if you still mean to.")
        }
        return WebPages.message(status: .ok, heading: "Deleted \(ref)",
                                message: "The letter has left the register, its listings and its reports; its history is kept.", hint: nil)
    }
}
