import ChanceryRequests
import ChanceryCore
import ChanceryModel
import Foundation
import Hummingbird
import HTTPTypes

/// Correcting a source, and removing one nothing rests on. The form carries the revision it was
/// opened at: when someone corrected the source meanwhile, the form comes back with the values
/// typed, the source as it now is beside them, and the new revision, so that saving again is a
/// choice made knowing both.
struct SourceEditPage {
    /// The fields as typed (or as stored, when the form opens).
    struct Fields {
        var kind: String
        var title: String
        var url: String
        var publisher: String
        var published: String
        var retrieved: String
        var excerpt: String

        init(_ source: SourceRecord) {
            kind = source.kind.rawValue
            title = source.title
            url = source.url ?? ""
            publisher = source.publisher ?? ""
            published = source.published?.edtf ?? ""
            retrieved = source.retrieved ?? ""
            excerpt = source.excerpt ?? ""
        }

        init(_ form: FormEncodedQuery) {
            kind = form.value("kind") ?? ""
            title = form.value("title") ?? ""
            url = form.value("url") ?? ""
            publisher = form.value("publisher") ?? ""
            published = form.value("published") ?? ""
            retrieved = form.value("retrieved") ?? ""
            excerpt = form.value("excerpt") ?? ""
        }

        /// Every field as the form gives it; an emptied one is cleared.
        func changes() throws -> SourceChanges {
            guard let kind = SourceKind(rawValue: kind) else {
                throw ChanceryError.invalid("kind", "unknown kind '\(kind)'", hint: "Choose one of the kinds listed.")
            }
            func patch(_ text: String) -> FieldPatch<String> {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty ? .clear : .set(trimmed)
            }
            var changes = SourceChanges()
            changes.kind = kind
            changes.title = title
            changes.url = patch(url)
            changes.publisher = patch(publisher)
            changes.published = patch(published)
            changes.retrieved = patch(retrieved)
            changes.excerpt = patch(excerpt)
            return changes
        }
    }

    typealias Option = LetterFormPage.Option
    typealias Problem = LetterFormPage.Problem

    static let fieldLabels = ["title": "Title", "url": "Address", "publisher": "Publisher", "published": "Published",
                              "retrieved": "Read on", "excerpt": "Excerpt", "kind": "Kind"]

    var id: Int64
    var path: String
    var revision: Int
    var csrf: String
    var fields: Fields
    var kinds: [Option]
    var problem: Problem?
    var error: [String: String] = [:]
    /// The source as someone else saved it while this form was open.
    var stored: Fields?

    init(source: SourceRecord, csrf: String, fields: Fields? = nil, refusal: ChanceryError? = nil, stored: Fields? = nil) {
        id = source.id
        path = "/sources/\(source.id)"
        revision = source.revision
        self.csrf = csrf
        let fields = fields ?? Fields(source)
        self.fields = fields
        kinds = SourceKind.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == fields.kind) }
        self.stored = stored
        if let refusal {
            let field = refusal.field.flatMap { Self.fieldLabels[$0] == nil ? nil : $0 }
            let detail = WebProblem(refusal, destinations: .text, fieldLabels: Self.fieldLabels)
            problem = Problem(message: refusal.message, anchor: field.map { "#" + $0 } ?? "#source-form", detail: detail)
            if let field { error[field] = detail.inline }
        }
    }

    func response(status: HTTPResponse.Status = .ok) -> Response {
        HTMLResponse.page(PageRenderer.shared.page(title: "Correct source \(id)", template: "source-edit", content: self), status: status)
    }

    static func form(id: String, session: WebSession, database: ChanceryDatabase) async throws -> Response {
        SourceEditPage(source: try await SourcePageContent.source(id, database: database), csrf: session.csrfToken).response()
    }

    static func save(id: String, _ form: FormEncodedQuery, session: WebSession, database: ChanceryDatabase) async throws -> Response {
        let source = try await SourcePageContent.source(id, database: database)
        let fields = Fields(form)
        guard let revision = form.text("revision").flatMap(Int.init) else {
            throw ChanceryError.invalid("revision", "the form does not say which revision it corrects", hint: "Open the source's form again.")
        }
        do {
            let saved = try await SourceService(database: database).edit(.number(source.id), ifRevision: revision, try fields.changes())
            return Response(status: .seeOther, headers: [.location: "/sources/\(saved.id)"])
        } catch let refusal as ChanceryError where refusal.kind == .stale {
            let source = try await SourcePageContent.source(id, database: database)
            let refusal = ChanceryError(.stale, "someone corrected this source while the form was open; nothing was saved", field: nil,
                                        hint: "Its values now are listed below the form; save again to put yours in their place.")
            return SourceEditPage(source: source, csrf: session.csrfToken, fields: fields, refusal: refusal, stored: Fields(source))
                .response(status: .conflict)
        } catch let refusal as ChanceryError where [.invalidInput, .conflict].contains(refusal.kind) {
            var page = SourceEditPage(source: source, csrf: session.csrfToken, fields: fields, refusal: refusal)
            page.revision = revision
            return page.response(status: refusal.kind == .conflict ? .conflict : .unprocessableContent)
        }
    }

    static func confirmDeletion(id: String, session: WebSession, database: ChanceryDatabase) async throws -> Response {
        let source = try await SourcePageContent.source(id, database: database)
        guard source.citationCount == 0, source.lettersImported == 0 else {
            return WebPages.message(status: .conflict, heading: "The source is still in use",
                                    message: "Source \(source.id) is cited by \(source.citationCount) "
                                        + (source.citationCount == 1 ? "record" : "records") + " and \(source.lettersImported) "
                                        + (source.lettersImported == 1 ? "letter was" : "letters were") + " imported from it.",
                                    hint: "A source is removed only when nothing rests on it; its page lists what does.")
        }
        let page = SourceEditPage(source: source, csrf: session.csrfToken)
        return HTMLResponse.page(PageRenderer.shared.page(title: "Remove source \(page.id)", template: "source-delete", content: page))
    }

    static func delete(id: String, _ form: FormEncodedQuery, database: ChanceryDatabase) async throws -> Response {
        let source = try await SourcePageContent.source(id, database: database)
        guard let revision = form.text("revision").flatMap(Int.init) else {
            throw ChanceryError.invalid("revision", "the form does not say which revision it removes", hint: "Open the source again.")
        }
        do {
            try await SourceService(database: database).delete(.number(source.id), ifRevision: revision)
        } catch let refusal as ChanceryError where [.stale, .conflict].contains(refusal.kind) {
            let heading = refusal.kind == .stale ? "The source changed meanwhile" : "The source is still in use"
            return WebPages.message(status: .conflict, heading: heading, problem: WebProblem(refusal))
        }
        return WebPages.message(status: .ok, heading: "Removed source \(source.id)",
                                message: "“\(source.title)” has left the register; its history is kept.", hint: nil)
    }
}
