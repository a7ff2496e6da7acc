import ChanceryRequests
import ChanceryCore
import ChanceryModel
import Foundation
import HTTPTypes
import Hummingbird

/// A letter's parts in the browser (editors): adding and removing participants and links to
/// other letters, and citing sources, one change per form, each through the service the API
/// uses. Every form carries the revision the page showed: when someone changed the letter
/// meanwhile, nothing is saved and the page shows the letter as it now is.
struct LetterPartsPage {
    struct ParticipantRow {
        var role: String
        var roleLabel: String
        var position: Int
        var name: String
        var details: String
        var removable: Bool
    }

    struct LinkRow {
        var kind: String
        var label: String
        var target: String
        var url: String
        var subject: String
    }

    typealias Option = RecordForm.Field.Option
    typealias Problem = RecordForm.Problem

    var ref: String
    var path: String
    var subject: String
    var revision: Int
    var csrf: String
    var participants: [ParticipantRow]
    var links: [LinkRow]
    var hasLinks: Bool
    var sources: [String]
    var hasSources: Bool
    var roles: [Option]
    var linkKinds: [Option]
    var sourceKinds: [Option]
    /// What was typed into the add forms, kept when one is refused.
    var typed: [String: String]
    /// A refusal's message by the form field it concerns.
    var error: [String: String]
    var problem: Problem?

    init(_ letter: LetterDetail, csrf: String, typed: FormEncodedQuery = FormEncodedQuery(nil), refusal: ChanceryError? = nil) {
        ref = letter.ref
        path = PagePath.letter(letter.ref)
        subject = letter.subject
        revision = letter.revision
        self.csrf = csrf
        let counts = Dictionary(grouping: letter.participants, by: \.role).mapValues(\.count)
        participants = letter.participants.map { person in
            var details: [String] = []
            if let capacity = person.capacity { details.append(capacity) }
            if let party = person.onBehalfOf { details.append("for " + party) }
            // A letter keeps one author and one recipient: the service refuses removing the last.
            let last = [.author, .recipient].contains(person.role) && counts[person.role] == 1
            return ParticipantRow(role: person.role.rawValue, roleLabel: Self.roleLabel(person.role), position: person.position,
                                  name: person.name, details: details.joined(separator: ", "), removable: !last)
        }
        links = letter.links.map { link in
            LinkRow(kind: link.kind.rawValue, label: link.kind.label, target: link.ref, url: PagePath.letter(link.ref),
                    subject: link.subject)
        }
        hasLinks = !links.isEmpty
        sources = letter.sources.map { $0.title + ($0.url.map { " (" + $0 + ")" } ?? "") }
        hasSources = !sources.isEmpty
        let role = typed.text("role") ?? ParticipantRole.recipient.rawValue
        roles = ParticipantRole.allCases.map { Option(value: $0.rawValue, label: Self.roleLabel($0), selected: $0.rawValue == role) }
        let kind = typed.text("link-kind") ?? LetterLinkKind.replyTo.rawValue
        linkKinds = LetterLinkKind.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == kind) }
        let sourceKind = typed.text("source-kind") ?? SourceKind.news.rawValue
        sourceKinds = SourceKind.allCases.map {
            Option(value: $0.rawValue, label: $0.rawValue.replacingOccurrences(of: "_", with: " "), selected: $0.rawValue == sourceKind)
        }
        self.typed = Dictionary(typed.pairs.filter { $0.name != "csrf" }.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        error = [:]
        if let refusal {
            let field = Self.formField(for: refusal.field, action: typed.text("action"))
            // The names are listed as text: a link would leave what was typed behind.
            let detail = WebProblem(refusal, destinations: .text)
            error[field] = detail.inline
            problem = Problem(message: refusal.message, anchor: "#" + field, detail: detail)
        }
    }

    private static func roleLabel(_ role: ParticipantRole) -> String {
        switch role {
        case .author: "from"
        case .signatory: "signed by"
        case .recipient: "to"
        case .cc: "copy to"
        case .transmitter: "via"
        }
    }

    /// The field of the form that was sent which a refusal concerns; the form's first field
    /// when the refusal names none of its own.
    private static func formField(for errorField: String?, action: String?) -> String {
        let base = errorField.map { String($0.prefix { $0 != "[" && $0 != "." }) } ?? ""
        switch action {
        case "add-link", "remove-link": return "target"
        case "add-source": return ["source-url", "source-title", "source-quote"].contains(base) ? base : "source-title"
        default: return "participant"
        }
    }

    private func render(status: HTTPResponse.Status) -> Response {
        HTMLResponse.page(PageRenderer.shared.page(title: "Parts of " + ref, template: "letter-parts", content: self), status: status)
    }

    static func form(ref: String, session: WebSession, database: ChanceryDatabase) async throws -> Response {
        LetterPartsPage(try await LetterService(database: database).show(ref), csrf: session.csrfToken).render(status: .ok)
    }

    /// Carries out the one change the form asks for and shows the page again; a refusal comes
    /// back on it (422, or 409 when the letter changed meanwhile) and nothing is saved.
    static func change(ref: String, _ form: FormEncodedQuery, session: WebSession, database: ChanceryDatabase) async throws -> Response {
        let service = LetterService(database: database)
        do {
            guard let revision = form.text("revision").flatMap(Int.init) else {
                throw ChanceryError.invalid("revision", "the form does not say which revision it changes", hint: "Open the page again.")
            }
            let changed = try await apply(form, to: ref, revision: revision, service: service)
            return Response(status: .seeOther, headers: [.location: PagePath.letter(changed) + "/parts"])
        } catch let refusal as ChanceryError where refusal.kind == .stale {
            let current = try await service.show(ref)
            let stale = ChanceryError(.stale, "someone changed \(current.ref) since this page was opened; nothing was saved",
                                      hint: "The page now shows the letter as it is: check it, then make the change again.")
            return LetterPartsPage(current, csrf: session.csrfToken, typed: form, refusal: stale).render(status: .conflict)
        } catch let refusal as ChanceryError where refusal.isTheEditorsToFix {
            let current = try await service.show(ref)
            return LetterPartsPage(current, csrf: session.csrfToken, typed: form, refusal: refusal).render(status: .unprocessableContent)
        }
    }

    private static func apply(_ form: FormEncodedQuery, to ref: String, revision: Int, service: LetterService) async throws -> String {
        switch form.text("action") {
        case "add-participant":
            let role = try choice(ParticipantRole.self, form.text("role"), field: "role")
            guard let participant = try LetterForm.participants(form.value("participant") ?? "", field: "participant").first else {
                throw ChanceryError.invalid("participant", "no one is named", hint: "Write Name | capacity | for, e.g. Hun Sen | Prime Minister | Cambodia.")
            }
            return try await service.addParticipant(to: ref, ifRevision: revision, role: role, participant: participant).value.ref
        case "remove-participant":
            let role = try choice(ParticipantRole.self, form.text("role"), field: "role")
            guard let position = form.text("position").flatMap(Int.init) else {
                throw ChanceryError.invalid("position", "the form does not say which participant", hint: "Open the page again.")
            }
            return try await service.removeParticipant(from: ref, ifRevision: revision, role: role, position: position).ref
        case "add-link", "remove-link":
            let kind = try choice(LetterLinkKind.self, form.text("link-kind"), field: "link-kind")
            guard let target = form.text("target") else {
                throw ChanceryError.invalid("target", "no letter is named", hint: "Give the other letter's reference, e.g. US-KH-2022-001.")
            }
            if form.text("action") == "add-link" {
                return try await service.addLink(from: ref, ifRevision: revision, kind: kind, to: target).value.ref
            }
            return try await service.removeLink(from: ref, ifRevision: revision, kind: kind, to: target).ref
        case "add-source":
            let kind = try choice(SourceKind.self, form.text("source-kind"), field: "source-kind")
            let source = SourceDraft(kind: kind, title: form.value("source-title") ?? "", url: form.text("source-url"),
                                     quote: form.text("source-quote"))
            return try await service.addSource(to: ref, ifRevision: revision, source: source).value.ref
        default:
            throw ChanceryError.invalid("action", "the form asks for no change this page knows", hint: "Open the page again.")
        }
    }

    private static func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ value: String?, field: String) throws -> T
    where T.RawValue == String {
        guard let value, let known = T(rawValue: value) else {
            throw ChanceryError.invalid(field, "unknown \(field) '\(value ?? "")'",
                                        hint: "Use one of " + T.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        return known
    }
}
