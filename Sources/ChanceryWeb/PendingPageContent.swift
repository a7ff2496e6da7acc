import ChanceryRequests
import ChanceryCore
import ChanceryModel
import EDTF
import Hummingbird

/// Open items: invitations awaiting answers (overdue first, as `chancery pending` lists them) and
/// letters awaiting a reply.
struct PendingPageContent {
    struct InvitationRow {
        var ref: String
        var url: String
        var date: String
        var from: String
        var event: String?
        var pending: String
        var replyBy: String
        var overdue: String?
        /// The answer form, filled with this invitation (editors only).
        var answerURL: String
    }

    struct LetterRow {
        var url: String
        var date: String
        var parties: String
        var subject: String
        var age: String
    }

    var asOf: String
    var invitations: [InvitationRow]
    var letters: [LetterRow]
    /// Mustache reads stored properties only (through Mirror), so the flags are stored.
    var hasInvitations: Bool
    var hasLetters: Bool
    var mayEdit: Bool

    init(_ report: PendingReport) {
        asOf = report.asOf.description
        invitations = report.invitations.map { invitation in
            InvitationRow(ref: invitation.ref, url: PagePath.invitation(invitation.ref), date: invitation.date.display, from: invitation.from, event: invitation.event,
                          pending: invitation.pendingInvitees.joined(separator: ", "),
                          replyBy: invitation.replyBy?.description ?? "no date set",
                          overdue: invitation.daysOverdue.flatMap { $0 > 0 ? "\($0) day" + ($0 == 1 ? "" : "s") + " overdue" : nil },
                          answerURL: "/answers/new?" + FormEncodedQuery.encode(
                              [("invitation", invitation.ref)] + (invitation.pendingInvitees.count == 1 ? [("invitee", invitation.pendingInvitees[0])] : [])))
        }
        letters = report.letters.map { letter in
            LetterRow(url: PagePath.letter(letter.ref), date: letter.date.display,
                      parties: letter.from.joined(separator: ", ") + " → " + letter.to.joined(separator: ", "),
                      subject: letter.subject, age: letter.ageDays.map { "\($0) day" + ($0 == 1 ? "" : "s") } ?? "date unknown")
        }
        hasInvitations = !invitations.isEmpty
        hasLetters = !letters.isEmpty
        mayEdit = Viewer.current.may(.editor)
    }

    static func response(database: ChanceryDatabase) async throws -> Response {
        let report = try await PendingService(database: database).pending()
        return HTMLResponse.page(PageRenderer.shared.page(title: "Open items", template: "pending", content: PendingPageContent(report)))
    }
}
