import ChanceryCore
import ChanceryModel
import ChanceryRendering
import ChanceryRequests
import Hummingbird

/// `/invitations/{ref}`: an invitation, who extended it to what, the letter carrying it, each
/// invitee's answer, the sources reporting it and its history. Letters list the invitations they
/// carry; this page is where one without a letter, or long answered, can still be read.
struct InvitationPageContent {
    var ref: String
    var inviter: String
    var inviterURL: String
    var inviterDetails: String?
    var letter: String?
    var letterURL: String?
    /// The invitation as a letter's page shows it: event, dates, summary, origin and answers.
    var invitation: LetterInvitationView
    var sources: [LetterPageContent.SourceView]
    var history: LetterHistoryView
    /// The answer form, filled with this invitation (editors only).
    var answerURL: String
    var mayEdit: Bool
    /// Mustache reads stored properties only (through Mirror), so the flags are stored.
    var hasSources: Bool
    var hasHistory: Bool
    var isPending: Bool

    init(_ invitation: Invitation, sources: [CitedSource], history: [HistoryEntry]) {
        ref = invitation.ref
        inviter = invitation.from.name
        inviterURL = PagePath.actor(invitation.from.name)
        let details = [invitation.from.capacity, invitation.from.onBehalfOf.map { "for " + $0 }].compactMap { $0 }
        inviterDetails = details.isEmpty ? nil : details.joined(separator: ", ")
        letter = invitation.letter
        letterURL = invitation.letter.map { PagePath.letter($0) }
        self.invitation = LetterInvitationView(invitation)
        self.sources = sources.map { source in
            LetterPageContent.SourceView(title: source.title, page: source.id.map { "/sources/\($0)" },
                                         url: source.url.flatMap(LetterPageContent.webAddress), kind: source.kind.rawValue,
                                         publisher: source.publisher, quote: source.quote)
        }
        self.history = LetterHistoryView(history)
        answerURL = "/answers/new?" + FormEncodedQuery.encode([("invitation", invitation.ref)])
        mayEdit = Viewer.current.may(.editor)
        hasSources = !self.sources.isEmpty
        hasHistory = !self.history.entries.isEmpty
        isPending = invitation.isPending
    }

    static func response(ref: String, database: ChanceryDatabase) async throws -> Response {
        let service = InvitationService(database: database)
        let invitation = try await service.show(ref)
        let content = InvitationPageContent(invitation, sources: try await service.sources(of: invitation.ref),
                                            history: try await service.history(of: invitation.ref))
        let title = "Invitation " + invitation.ref + (invitation.event.map { " to " + $0 } ?? "")
        return HTMLResponse.page(PageRenderer.shared.page(title: title, template: "invitation", content: content))
    }
}
