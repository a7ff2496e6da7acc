import ChanceryRequests
import ChanceryCore
import ChanceryModel
import Hummingbird

/// `/invitations`: every invitation by the date it was extended, or those still awaiting an
/// answer, fifty to a page, each with who extended it, to what, and how its invitees answered.
struct InvitationListPage {
    struct Row {
        var url: String
        var ref: String
        var date: String
        var inviter: String
        var event: String
        var answers: String
        var pending: Bool
    }

    typealias Option = LetterFormPage.Option

    static let pageSize = 50

    var awaiting: [Option]
    var rows: [Row]
    var hasRows: Bool
    /// "1–50 of 213 invitations", or what matched nothing.
    var summary: String
    var previousURL: String?
    var nextURL: String?
    var hasPages: Bool

    static func response(query: String?, database: ChanceryDatabase) async throws -> Response {
        let form = FormEncodedQuery(query)
        // A choice the page does not offer is refused rather than dropped: a filter that silently
        // vanished would answer with every invitation.
        let pendingOnly = try form.text("answers").map { typed in
            guard ["any", "awaited"].contains(typed) else {
                throw ChanceryError.invalid("answers", "unknown choice '\(typed)'", hint: "Choose any, or awaited for invitations some invitee has not answered.")
            }
            return typed == "awaited"
        } ?? false
        let offset = max(0, form.text("offset").flatMap(Int.init) ?? 0)
        let page = try await InvitationService(database: database).page(pendingOnly: pendingOnly, limit: pageSize, offset: offset)
        func address(offset: Int) -> String {
            let pairs = (pendingOnly ? [("answers", "awaited")] : []) + (offset > 0 ? [("offset", String(offset))] : [])
            return "/invitations" + (pairs.isEmpty ? "" : "?" + FormEncodedQuery.encode(pairs))
        }
        let rows = page.invitations.map { invitation in
            let answered = invitation.invitees.filter { $0.status != .pending }
            let answers = invitation.invitees.map { $0.name + " " + $0.status.rawValue }.joined(separator: ", ")
            return Row(url: PagePath.invitation(invitation.ref), ref: invitation.ref, date: invitation.date.display,
                       inviter: invitation.from.name, event: invitation.event ?? "—",
                       answers: answers + " (\(answered.count) of \(invitation.invitees.count) answered)",
                       pending: answered.count < invitation.invitees.count)
        }
        let shown = offset + rows.count
        let noun = pendingOnly ? "awaiting an answer" : ""
        let summary = rows.isEmpty
            ? (page.total == 0 ? (pendingOnly ? "No invitation awaits an answer." : "No invitations recorded.")
                               : "No invitations past \(offset); \(page.total) in all.")
            : "\(offset + 1)–\(shown) of \(page.total) " + (page.total == 1 ? "invitation" : "invitations") + (noun.isEmpty ? "" : " " + noun)
        let content = InvitationListPage(
            awaiting: [Option(value: "any", label: "Any", selected: !pendingOnly),
                       Option(value: "awaited", label: "Some invitee has not answered", selected: pendingOnly)],
            rows: rows, hasRows: !rows.isEmpty, summary: summary,
            previousURL: offset > 0 ? address(offset: max(0, offset - pageSize)) : nil,
            nextURL: shown < page.total ? address(offset: shown) : nil, hasPages: offset > 0 || shown < page.total)
        return HTMLResponse.page(PageRenderer.shared.page(title: "Invitations", template: "invitations", content: content))
    }
}
