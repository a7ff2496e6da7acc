import ChanceryRequests
import Foundation
import ChanceryModel

/// A letter's thread as nested lists: the letter asked for is marked, the others are links.
///
/// Every node stores every field it renders, empty rather than nil: Mustache looks a missing
/// name up in the enclosing node, so a reply without a relation would show its parent's.
struct LetterThreadView {
    struct Node {
        var ref: String
        var url: String
        var relation: String
        var hasRelation: Bool
        var parties: String
        var subject: String
        var date: String
        var isRequested: Bool
        var hasMore: Bool
        var children: [Node]
        var hasChildren: Bool

        init(_ node: ThreadNode) {
            ref = node.ref
            url = PagePath.letter(node.ref)
            relation = node.relation?.label ?? ""
            hasRelation = node.relation != nil
            let via = node.via.isEmpty ? "" : ", via " + node.via.joined(separator: ", ")
            parties = node.from.joined(separator: ", ") + " → " + node.to.joined(separator: ", ") + via
            subject = node.subject
            date = node.date.display
            isRequested = node.isRequested
            hasMore = node.hasMore
            children = node.children.map(Node.init)
            hasChildren = !children.isEmpty
        }
    }

    var root: Node
    var truncated: Bool
    var letterCount: Int

    /// Nil when the letter stands alone: a thread of one says nothing the page does not.
    init?(_ thread: LetterThread) {
        guard thread.letterCount > 1 else { return nil }
        root = Node(thread.root)
        truncated = thread.truncated
        letterCount = thread.letterCount
    }
}

/// The invitations a letter carries, each with its invitees' answers. Empty strings and flags
/// rather than nils, for the reason given on `LetterThreadView`.
struct LetterInvitationView {
    struct Answer {
        var invitee: String
        var inviteeURL: String
        var status: String
        var isPending: Bool
        var responded: String
        var letter: String
        var letterURL: String
        var hasLetter: Bool
        var note: String
        var hasNote: Bool
        /// The answer form, filled with this invitation and invitee, and with the answer recorded
        /// (to correct it) when there is one.
        var answerURL: String
    }

    var ref: String
    /// The invitation's own page.
    var pageURL: String
    var event: String
    var eventURL: String
    var hasEvent: Bool
    var date: String
    var replyBy: String
    var hasReplyBy: Bool
    var summary: String
    var hasSummary: Bool
    var answers: [Answer]
    /// Where the invitation was first recorded, when another register's export brought it here.
    var origin: String
    var hasOrigin: Bool

    init(_ invitation: Invitation) {
        origin = invitation.origin?.phrase ?? ""
        hasOrigin = invitation.origin != nil
        ref = invitation.ref
        pageURL = PagePath.invitation(invitation.ref)
        event = invitation.event ?? ""
        hasEvent = invitation.eventRef != nil
        eventURL = invitation.eventRef.map { PagePath.event($0) } ?? ""
        date = invitation.date.display
        replyBy = invitation.replyBy.map { (try? UncertainDate(parsing: $0, field: "reply-by"))?.display ?? $0 } ?? ""
        hasReplyBy = !replyBy.isEmpty
        summary = invitation.summary ?? ""
        hasSummary = !summary.isEmpty
        answers = invitation.invitees.map { invitee in
            Answer(invitee: invitee.name + (invitee.onBehalfOf.map { " for " + $0 } ?? ""),
                   inviteeURL: PagePath.actor(invitee.name),
                   status: invitee.status.rawValue, isPending: invitee.status == .pending,
                   responded: invitee.responded?.display ?? "",
                   letter: invitee.letter ?? "", letterURL: invitee.letter.map { PagePath.letter($0) } ?? "",
                   hasLetter: invitee.letter != nil, note: invitee.note ?? "", hasNote: invitee.note != nil,
                   answerURL: Self.answerURL(invitation.ref, invitee))
        }
    }

    private static func answerURL(_ invitation: String, _ invitee: Invitee) -> String {
        var fields = [("invitation", invitation), ("invitee", invitee.name)]
        if invitee.status != .pending {
            fields += [("status", invitee.status.rawValue), ("letter", invitee.letter ?? ""), ("date", invitee.responded?.edtf ?? ""),
                       ("note", invitee.note ?? "")]
        }
        return "/answers/new?" + FormEncodedQuery.encode(fields)
    }
}

/// An invitation a letter answers for some of its invitees, linked to the invitation's page.
struct LetterAnsweredView {
    var ref: String
    var pageURL: String
    var event: String
    var eventURL: String
    var hasEvent: Bool
    /// Each answer the letter carries: "Hun Sen accepted".
    var answers: String

    init(_ invitation: Invitation, letter: String) {
        ref = invitation.ref
        pageURL = PagePath.invitation(invitation.ref)
        event = invitation.event ?? ""
        hasEvent = invitation.eventRef != nil
        eventURL = invitation.eventRef.map { PagePath.event($0) } ?? ""
        answers = invitation.invitees.filter { $0.letter == letter }
            .map { $0.name + (($0.onBehalfOf).map { " for " + $0 } ?? "") + " " + $0.status.rawValue }
            .joined(separator: "; ")
    }
}

/// An event a letter concerns, linked to its dossier's timeline.
struct LetterEventView {
    var name: String
    var url: String
    var details: String

    init(_ event: Event) {
        name = event.name
        url = PagePath.event(event.ref)
        let place = [event.city, event.country].compactMap { $0 }.joined(separator: ", ")
        details = [event.kind.rawValue.replacingOccurrences(of: "_", with: " "), event.status.rawValue,
                   event.date?.display ?? "", place, event.origin?.phrase ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
    }
}
