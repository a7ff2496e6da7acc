import ChanceryRequests
import Foundation
import ChanceryCore
import ChanceryModel
import ChanceryRendering
import EDTF
import Hummingbird

/// A letter's page: its date as known and as written, who took part in what capacity and for
/// whom (with the names as the source writes them and the editor's marks), the letters it is
/// linked with, and its sources.
struct LetterPageContent {
    struct DateView {
        var display: String
        var edtf: String
        var precision: String
        var earliest: String
        var latest: String

        init(_ date: UncertainDate) {
            display = date.display
            edtf = date.edtf
            precision = date.precision.rawValue
            earliest = date.earliest?.description ?? "an unknown day"
            latest = date.latest?.description ?? "an unknown day"
        }
    }

    struct ParticipantView {
        var role: String
        var name: String
        var url: String
        var asWritten: String?
        var supplied: Bool
        var uncertain: Bool
        var details: String?
    }

    struct LinkView {
        var relation: String
        var ref: String
        var url: String
        var subject: String
        var date: String
    }

    struct SourceView {
        var title: String
        /// The source's own page.
        var page: String?
        var url: String?
        var kind: String
        var publisher: String?
        var quote: String?
    }

    var ref: String
    var kind: String
    var subject: String
    var date: DateView
    var dateAsWritten: String?
    var received: DateView?
    var receivedAsWritten: String?
    var sentPlace: String?
    var receivedPlace: String?
    var language: String?
    var classification: String
    var awaitingReply: Bool
    /// Where the letter was first recorded, when another register's export brought it here.
    var origin: String?
    var participants: [ParticipantView]
    var summary: String?
    var links: [LinkView]
    var sources: [SourceView]
    var text: String?

    /// The letter's address, for the editors' actions.
    var path: String
    /// Whether the viewer may edit: shows the edit, reply and delete actions.
    var mayEdit: Bool
    /// Who changed what and when, newest first.
    var history: LetterHistoryView?
    /// The letters it answers, encloses or forwards and those that answer, enclose or forward it.
    var thread: LetterThreadView?
    /// The invitations it carries, with their answers.
    var invitations: [LetterInvitationView] = []
    /// The invitations it answers for some invitee.
    var answered: [LetterAnsweredView] = []
    /// The invitation form, filled with this letter and its first sender.
    var newInvitationURL = ""
    /// The events it concerns.
    var events: [LetterEventView] = []
    /// The timeline of the sender's and the first recipient's countries, when both are known.
    var pairTimeline: PairTimeline?

    struct PairTimeline {
        var label: String
        var url: String
    }

    /// Mustache reads stored properties only (through Mirror), so the flags are stored.
    var hasLinks = false
    /// The direct links are listed when no thread tree shows them all.
    var showLinks = false
    var hasSources = false
    var hasInvitations = false
    var hasAnswered = false
    var hasEvents = false

    init(_ letter: LetterDetail) {
        ref = letter.ref
        path = PagePath.letter(letter.ref)
        mayEdit = Viewer.current.may(.editor)
        let sender = letter.participants.first { $0.role == .author }?.country
        let recipient = letter.participants.first { $0.role == .recipient }?.country
        if let sender, let recipient, sender != recipient {
            pairTimeline = PairTimeline(label: sender + "–" + recipient,
                                        url: "/timeline?" + FormEncodedQuery.encode([("between", sender + "," + recipient)]))
        }
        let firstSender = letter.participants.first { $0.role == .author }
        let senderLine = firstSender.map { [$0.name, $0.capacity ?? "", $0.onBehalfOf ?? ""].joined(separator: " | ") } ?? ""
        newInvitationURL = "/invitations/new?" + FormEncodedQuery.encode([("letter", letter.ref), ("from", senderLine)])
        kind = letter.kind.rawValue.replacingOccurrences(of: "_", with: " ")
        subject = letter.subject
        date = DateView(letter.date)
        dateAsWritten = letter.dateAsWritten
        received = letter.received.map(DateView.init)
        receivedAsWritten = letter.receivedAsWritten
        sentPlace = letter.sentPlace
        receivedPlace = letter.receivedPlace
        language = letter.language
        classification = letter.classification.rawValue.replacingOccurrences(of: "_", with: " ")
        awaitingReply = letter.awaitingReply
        origin = letter.origin.map { $0.phrase.prefix(1).uppercased() + $0.phrase.dropFirst() }
        participants = letter.participants.map { person in
            var details: [String] = []
            if let capacity = person.capacity { details.append(capacity) }
            if let party = person.onBehalfOf { details.append("for " + party + (person.country.map { " (" + $0 + ")" } ?? "")) }
            let role = person.role == .transmitter ? "via" : person.role.rawValue
            return ParticipantView(role: role, name: person.name, url: PagePath.actor(person.name),
                                   asWritten: person.nameAsWritten.flatMap { $0 == person.name ? nil : $0 },
                                   supplied: person.nameSupplied, uncertain: person.nameUncertain,
                                   details: details.isEmpty ? nil : details.joined(separator: ", "))
        }
        summary = letter.summary
        links = letter.links.map { Self.link($0, label: $0.kind.label) } + letter.linkedFrom.map { Self.link($0, label: $0.kind.inverseLabel) }
        sources = letter.sources.map { source in
            SourceView(title: source.title, page: source.id.map { "/sources/\($0)" }, url: source.url.flatMap(Self.webAddress),
                       kind: source.kind.rawValue,
                       publisher: source.publisher, quote: source.quote)
        }
        text = letter.text
        hasLinks = !links.isEmpty
        hasSources = !sources.isEmpty
    }

    private static func link(_ linked: LinkedLetter, label: String) -> LinkView {
        LinkView(relation: label.prefix(1).uppercased() + label.dropFirst(), ref: linked.ref,
                 url: PagePath.letter(linked.ref), subject: linked.subject, date: linked.date.display)
    }

    /// Only web addresses become links: a source's `javascript:` URL is shown as nothing clickable.
    static func webAddress(_ url: String) -> String? {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? url : nil
    }

    /// The thread and the history follow on their own requests (the page's script fetches
    /// them), so the letter is shown as fast as the API serves it; `full` (`?full=yes`, the
    /// placeholders' links) puts them in the page, for readers without the script.
    var deferred = false
    var threadFragmentURL = ""
    var historyFragmentURL = ""

    static func response(ref: String, full: Bool, database: ChanceryDatabase) async throws -> Response {
        let service = LetterService(database: database)
        let letter = try await service.show(ref)
        var content = LetterPageContent(letter)
        if full {
            content.history = try await history(of: letter, database: database)
            content.thread = try await thread(of: letter, database: database)
            content.showLinks = content.hasLinks && (content.thread?.truncated ?? true)
        } else {
            content.deferred = true
            content.threadFragmentURL = "/fragments/thread/" + FormEncodedQuery.pathSegment(letter.ref)
            content.historyFragmentURL = "/fragments/history/" + FormEncodedQuery.pathSegment(letter.ref)
        }
        let invitations = InvitationService(database: database)
        for ref in letter.invitations { content.invitations.append(LetterInvitationView(try await invitations.show(ref))) }
        content.answered = try await invitations.answered(byLetter: letter.ref).map { LetterAnsweredView($0, letter: letter.ref) }
        content.hasAnswered = !content.answered.isEmpty
        let events = EventService(database: database)
        for ref in letter.events { content.events.append(LetterEventView(try await events.show(ref))) }
        content.hasInvitations = !content.invitations.isEmpty
        content.hasEvents = !content.events.isEmpty
        let html = PageRenderer.shared.page(title: letter.subject, template: "letter", content: content)
        return HTMLResponse.page(html)
    }

    private static func history(of letter: LetterDetail, database: ChanceryDatabase) async throws -> LetterHistoryView? {
        LetterHistoryView(try await LetterService(database: database).history(of: letter.ref))
    }

    /// A letter linked to no other is a thread of one, which the page does not show.
    private static func thread(of letter: LetterDetail, database: ChanceryDatabase) async throws -> LetterThreadView? {
        guard !letter.links.isEmpty || !letter.linkedFrom.isEmpty else { return nil }
        return LetterThreadView(try await ThreadService(database: database, maximumLetters: 200).thread(of: letter.ref))
    }

    private struct ThreadPart {
        var thread: LetterThreadView?
    }

    private struct HistoryPart {
        var history: LetterHistoryView?
    }

    /// The thread section alone, for the page's script. A letter linked to no other has a
    /// thread of one, which LetterThreadView leaves out.
    static func threadFragment(ref: String, database: ChanceryDatabase) async throws -> Response {
        let thread = try await ThreadService(database: database, maximumLetters: 200).thread(of: ref)
        return HTMLResponse.page(PageRenderer.shared.fragment(template: "letter-thread", content: ThreadPart(thread: LetterThreadView(thread))))
    }

    /// The history section alone, for the page's script.
    static func historyFragment(ref: String, database: ChanceryDatabase) async throws -> Response {
        let part = HistoryPart(history: LetterHistoryView(try await LetterService(database: database).history(of: ref)))
        return HTMLResponse.page(PageRenderer.shared.fragment(template: "letter-history", content: part))
    }
}
