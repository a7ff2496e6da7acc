import ChanceryRequests
import ChanceryCore
import ChanceryModel
import Foundation
import HTTPTypes
import Hummingbird

/// The editors' forms for what letters refer to: actors (with aliases and authority ids),
/// offices held, memberships, events, invitations and their answers. Each is one `RecordForm`
/// whose saving calls the same service as the CLI and the API; a refused form comes back with
/// the message beside its field and everything typed kept.
struct RecordPage: Sendable {
    let path: String
    let title: String
    let intro: String
    let submit: String
    let specs: [RecordForm.FieldSpec]
    /// Records what the form holds; returns where to go next (the record's page).
    let save: @Sendable (FormEncodedQuery, ChanceryDatabase) async throws -> String

    /// The form, filled from the address (`/offices/new?holder=Hun+Sen`) so a page can link to
    /// it with what it already knows.
    func blank(query: String?, csrf: String) -> Response {
        render(RecordForm(title: title, intro: intro, action: path, submit: submit, csrf: csrf, specs: specs,
                          values: FormEncodedQuery(query)), status: .ok)
    }

    /// Saves and goes to the record, or sends the form back with the refusal (422, nothing written).
    func post(_ fields: FormEncodedQuery, session: WebSession, database: ChanceryDatabase) async throws -> Response {
        do {
            let location = try await save(fields, database)
            return Response(status: .seeOther, headers: [.location: location])
        } catch let refusal as ChanceryError where refusal.isTheEditorsToFix {
            return render(RecordForm(title: title, intro: intro, action: path, submit: submit, csrf: session.csrfToken, specs: specs,
                                     values: fields, refusal: refusal), status: .unprocessableContent)
        }
    }

    private func render(_ form: RecordForm, status: HTTPResponse.Status) -> Response {
        HTMLResponse.page(PageRenderer.shared.page(title: title, template: "record-form", content: form), status: status)
    }

    /// Every record form, by the address it is served at.
    static let all: [RecordPage] = [.actor, .office, .membership, .event, .invitation, .answer]
}

// MARK: - The forms

extension RecordPage {
    private static func choices<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> RecordForm.Input where T.RawValue == String {
        .choice(type.allCases.map { ($0.rawValue, $0.rawValue.replacingOccurrences(of: "_", with: " ")) })
    }

    private static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static let periodHint = "EDTF: 2021-01-20/2025-01-20 for a term; 1985/2023-08 when only years or months are known; 2022/.. for one still running."

    static let actor = RecordPage(
        path: "/actors/new", title: "New actor",
        intro: "A person, a state or an organization that letters can name. Other names and authority ids let imports and searches find it.",
        submit: "Save the actor",
        specs: [
            .init(name: "kind", label: "Kind", input: choices(ActorKind.self)),
            .init(name: "name", label: "Name", hint: "The name the register shows, e.g. Narendra Modi, India, ASEAN.", required: true,
                  errorFields: ["actor"]),
            .init(name: "aliases", label: "Other names (one per line)", hint: "In any language or script: Kambodscha, កម្ពុជា.",
                  input: .lines, errorFields: ["alias"]),
            .init(name: "iso", label: "ISO 3166 code (states only)", hint: "Two letters, e.g. IN.", errorFields: ["iso-code", "isoCode"]),
            .init(name: "wikidata", label: "Wikidata id", hint: "Q followed by digits, e.g. Q1058.", errorFields: ["wikidata-id", "wikidataId"]),
            .init(name: "viaf", label: "VIAF id", hint: "Digits only.", errorFields: ["viaf-id", "viafId"]),
            .init(name: "gnd", label: "GND id", hint: "As the Deutsche Nationalbibliothek writes it, e.g. 118616242.", errorFields: ["gnd-id", "gndId"]),
            .init(name: "note", label: "Note", input: .lines),
        ],
        save: { fields, database in
            let kind = ActorKind(rawValue: fields.text("kind") ?? "") ?? .person
            let draft = ActorDraft(kind: kind, name: fields.value("name") ?? "", aliases: lines(fields.value("aliases")),
                                   isoCode: fields.text("iso"), wikidataId: fields.text("wikidata"), viafId: fields.text("viaf"),
                                   gndId: fields.text("gnd"), note: fields.text("note"))
            let actor = try await ActorService(database: database).add(draft)
            return PagePath.actor(actor.name)
        })

    static let office = RecordPage(
        path: "/offices/new", title: "New office held",
        intro: "Who held which office of which state or organization, and when: letters written in that capacity are then placed by country.",
        submit: "Save the office",
        specs: [
            .init(name: "holder", label: "Holder", hint: "A person, by name, alias or Wikidata id.", required: true, suggestsNames: true),
            .init(name: "title", label: "Office", hint: "e.g. Prime Minister, Minister of Foreign Affairs.", required: true),
            .init(name: "of", label: "Of (state or organization)", required: true, suggestsNames: true),
            .init(name: "period", label: "Period (EDTF)", hint: periodHint, readsDate: true),
        ],
        save: { fields, database in
            let role = try await ActorService(database: database).addRole(holder: fields.value("holder") ?? "", title: fields.value("title") ?? "",
                                                                          of: fields.value("of") ?? "", period: fields.text("period"))
            return PagePath.actor(role.holder)
        })

    static let membership = RecordPage(
        path: "/memberships/new", title: "New membership",
        intro: "A state's membership of an organization, and when: “ASEAN with its member states” then includes its letters of those years.",
        submit: "Save the membership",
        specs: [
            .init(name: "member", label: "Member", required: true, suggestsNames: true),
            .init(name: "organization", label: "Organization", required: true, suggestsNames: true),
            .init(name: "period", label: "Period (EDTF)", hint: periodHint, readsDate: true),
        ],
        save: { fields, database in
            let membership = try await ActorService(database: database).addMembership(
                member: fields.value("member") ?? "", organization: fields.value("organization") ?? "", period: fields.text("period"))
            return PagePath.actor(membership.organization)
        })

    static let event = RecordPage(
        path: "/events/new", title: "New event",
        intro: "A summit, visit or meeting that letters and invitations lead to; its timeline gathers them.",
        submit: "Save the event",
        specs: [
            .init(name: "name", label: "Name", hint: "e.g. Special ASEAN–U.S. Summit.", required: true),
            .init(name: "kind", label: "Kind", input: choices(EventKind.self)),
            .init(name: "status", label: "Status", input: choices(EventStatus.self)),
            .init(name: "date", label: "Date (EDTF)", hint: "2022-05-12/2022-05-13; needed once the event is held.", readsDate: true),
            .init(name: "host", label: "Host", suggestsNames: true),
            .init(name: "city", label: "City"),
            .init(name: "country", label: "Country (ISO code or name)"),
            .init(name: "cameo", label: "CAMEO code", hint: "2–4 digits, e.g. 043 (host a visit).", errorFields: ["cameoCode"]),
            .init(name: "participants", label: "Participants (one per line)", input: .lines, suggestsNames: true,
                  errorFields: ["participant"]),
            .init(name: "summary", label: "Summary", input: .lines),
        ],
        save: { fields, database in
            var draft = EventDraft()
            draft.name = fields.value("name") ?? ""
            draft.kind = EventKind(rawValue: fields.text("kind") ?? "") ?? .summit
            draft.status = EventStatus(rawValue: fields.text("status") ?? "") ?? .proposed
            draft.date = fields.text("date")
            draft.host = fields.text("host")
            draft.city = fields.text("city")
            draft.country = fields.text("country")
            draft.cameoCode = fields.text("cameo")
            draft.participants = lines(fields.value("participants"))
            draft.summary = fields.text("summary")
            let ref = try await EventService(database: database).add(draft)
            return PagePath.event(ref)
        })

    static let invitation = RecordPage(
        path: "/invitations/new", title: "New invitation",
        intro: "An invitation a letter carries: who invites whom to what. Each invitee's answer is then awaited under Open items and on the invitation's page.",
        submit: "Save the invitation",
        specs: [
            .init(name: "from", label: "From", hint: "Name | capacity | for, e.g. Joe Biden | President | United States.", required: true,
                  suggestsNames: true, errorFields: ["capacity", "on-behalf-of"]),
            .init(name: "invitees", label: "Invitees (one per line)", input: .lines, required: true, suggestsNames: true,
                  errorFields: ["invitee"]),
            .init(name: "event", label: "Event (reference or name)"),
            .init(name: "letter", label: "Carried by letter (reference)"),
            .init(name: "date", label: "Extended on (EDTF)", hint: "Left empty, the letter's date.", readsDate: true),
            .init(name: "reply-by", label: "Answer asked by (EDTF)", readsDate: true),
            .init(name: "summary", label: "Summary", input: .lines),
        ],
        save: { fields, database in
            var draft = InvitationDraft()
            draft.from = try LetterForm.participants(fields.value("from") ?? "", field: "from").first ?? ParticipantDraft(name: "")
            draft.invitees = lines(fields.value("invitees"))
            draft.event = fields.text("event")
            draft.letter = fields.text("letter")
            draft.date = fields.text("date")
            draft.replyBy = fields.text("reply-by")
            draft.summary = fields.text("summary")
            let service = InvitationService(database: database)
            return PagePath.invitation(try await service.add(draft))
        })

    static let answer = RecordPage(
        path: "/answers/new", title: "Record an answer",
        intro: "An invitee's answer to an invitation, and the letter that carries it.",
        submit: "Save the answer",
        specs: [
            .init(name: "invitation", label: "Invitation (reference)", required: true, errorFields: ["ref"]),
            .init(name: "invitee", label: "Invitee", required: true, suggestsNames: true),
            .init(name: "status", label: "Answer", input: .choice(ResponseStatus.allCases.filter { $0 != .pending }.map { ($0.rawValue, $0.rawValue) })),
            .init(name: "letter", label: "Carried by letter (reference)"),
            .init(name: "date", label: "Answered on (EDTF)", readsDate: true),
            .init(name: "note", label: "Note", input: .lines),
        ],
        save: { fields, database in
            let status = ResponseStatus(rawValue: fields.text("status") ?? "") ?? .accepted
            // The form shows the whole answer: a note it sends empty is no note (an answer
            // corrected with its note erased loses it), while one not sent at all keeps it.
            let draft = ResponseDraft(invitation: fields.value("invitation") ?? "", invitee: fields.value("invitee") ?? "", status: status,
                                      letter: fields.text("letter"), date: fields.text("date"), note: fields.value("note"))
            let invitation = try await InvitationService(database: database).respond(draft)
            return PagePath.invitation(invitation.ref) + "#answers"
        })
}
