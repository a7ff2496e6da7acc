import ChanceryRequests
import ChanceryCore
import ChanceryModel
import ChanceryRendering
import Foundation
import Hummingbird
import HTTPTypes

/// Timelines in the browser: for a country, a pair, a person, an organization or an event, with
/// the SVG chart the HTML report draws, the items in a table, and the report in all six formats.
/// The address takes the JSON API's parameters (`/timeline?between=US,KH&since=2022`). The page
/// shows the first `defaultLimit` items (a busy country has tens of thousands) and links to twice
/// as many; the downloads hold every item.
struct TimelinePage {
    /// Items a page shows unless the address asks for more (`limit`).
    static let defaultLimit = 500
    /// The most a page shows, as the JSON API allows.
    static let maximumLimit = 100_000

    /// What the visitor asked for, as typed; blank fields are absent.
    struct Choice {
        var country: String?
        var side: String?
        var between: String?
        var person: String?
        var org: String?
        var members: Bool
        var event: String?
        var since: String?
        var until: String?
        /// How many items to show, as typed (`limit`).
        var limit: String?

        init(_ query: FormEncodedQuery) {
            country = query.text("country")
            side = query.text("side")
            between = query.text("between")
            person = query.text("person")
            org = query.text("org")
            members = query.text("members") != nil
            event = query.text("event")
            since = query.text("since")
            until = query.text("until")
            limit = query.text("limit")
        }

        /// Nil when nothing is chosen yet: the page then shows only the form.
        func request() throws -> TimelineRequest? {
            let given = [country, between, person, org, event].compactMap { $0 }
            guard !given.isEmpty else { return nil }
            guard given.count == 1 else {
                throw ChanceryError.invalid("scope", "a timeline is of one thing: a country, a pair, a person, an organization or an event",
                                            hint: "Fill in only one of those fields.")
            }
            let scope: TimelineScope
            if let country {
                let chosenSide = try side.map { value in
                    guard let known = CountrySide(rawValue: value) else {
                        throw ChanceryError.invalid("side", "unknown side '\(value)'", hint: "Choose any, sender or recipient.")
                    }
                    return known
                }
                scope = .country(country, side: chosenSide ?? .any)
            } else if let between {
                let pair = between.split { $0 == "," || $0 == "–" }
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard pair.count == 2 else {
                    throw ChanceryError.invalid("between", "'\(between)' does not name two countries", hint: "Write two codes or names with a comma: US,KH.")
                }
                scope = .between(pair[0], pair[1])
            } else if let person {
                scope = .person(person)
            } else if let org {
                scope = .organization(org, includingMembers: members)
            } else {
                scope = .event(event ?? "")
            }
            return TimelineRequest(scope, since: since, until: until, limit: try shownItems())
        }

        /// The items to show: `limit` when given, else `defaultLimit`.
        func shownItems() throws -> Int {
            guard let limit else { return TimelinePage.defaultLimit }
            guard let count = Int(limit), (1...TimelinePage.maximumLimit).contains(count) else {
                throw ChanceryError.invalid("limit", "'\(limit)' is not a number of items from 1 to \(TimelinePage.maximumLimit)",
                                            hint: "Ask for \(TimelinePage.defaultLimit) items, or leave the field out.")
            }
            return count
        }

        /// The choice as query pairs, for the download links (every item: no limit).
        var pairs: [(String, String)] {
            var pairs: [(String, String)] = []
            for (name, value) in [("country", country), ("side", side), ("between", between), ("person", person), ("org", org),
                                  ("event", event), ("since", since), ("until", until)] {
                if let value { pairs.append((name, value)) }
            }
            if members { pairs.append(("members", "true")) }
            return pairs
        }
    }

    struct ItemView {
        var date: String
        var edtf: String
        var kind: String
        var ref: String
        var url: String?
        var title: String
        var detail: String
        var status: String?
    }

    struct Link {
        var label: String
        var url: String
    }

    struct Content {
        var choice: Choice
        var title: String?
        var summary: String?
        var chart: String?
        var items: [ItemView] = []
        var downloads: [Link] = []
        /// The address of the same timeline with twice as many items, when more match.
        var more: Link?
        var problem: WebProblem?
        var hasItems = false
        var senderSide: Bool
        var recipientSide: Bool
    }

    static func response(query: String?, database: ChanceryDatabase) async throws -> Response {
        let choice = Choice(FormEncodedQuery(query))
        var content = Content(choice: choice, senderSide: choice.side == "sender", recipientSide: choice.side == "recipient")
        var status = HTTPResponse.Status.ok
        do {
            if let request = try choice.request() {
                let timeline = try await TimelineService(database: database).timeline(request)
                content.title = timeline.title
                content.summary = timeline.itemCountPhrase + (timeline.truncationNote.map { ". " + $0 } ?? "")
                content.chart = timeline.items.isEmpty ? nil : TimelineChart.svg(timeline)
                content.items = timeline.items.map(Self.view)
                content.hasItems = !content.items.isEmpty
                if timeline.truncated, let shown = request.limit, shown < TimelinePage.maximumLimit {
                    let next = min(shown * 2, TimelinePage.maximumLimit)
                    content.more = Link(label: "Show the first \(next) items",
                                        url: "/timeline?" + FormEncodedQuery.encode(choice.pairs + [("limit", String(next))]))
                }
                content.downloads = TimelineFormat.allCases.map { format in
                    Link(label: format.label, url: "/timeline/download?" + FormEncodedQuery.encode(choice.pairs + [("format", format.rawValue)]))
                }
            }
        } catch let refusal as ChanceryError where refusal.isTheEditorsToFix {
            // The closest names link to the same timeline with the name corrected.
            content.problem = WebProblem(refusal, destinations: .filter(parameters: ["country": "country", "person": "person", "org": "org",
                                                                                     "event": "event"]) { parameter, value in
                "/timeline?" + FormEncodedQuery.encode(choice.pairs.map { $0.0 == parameter ? ($0.0, value) : $0 })
            }, fieldLabels: ["since": "From (EDTF)", "until": "To (EDTF)", "country": "Country", "person": "Person", "org": "Organization"])
            status = refusal.kind == .notFound ? .notFound : .badRequest
        }
        let title = content.title.map { "Timeline: " + $0 } ?? "Timelines"
        return HTMLResponse.page(PageRenderer.shared.page(title: title, template: "timeline", content: content), status: status)
    }

    /// The timeline as a file in `format`, named after what it covers.
    static func download(query: String?, database: ChanceryDatabase) async throws -> Response {
        let parsed = FormEncodedQuery(query)
        guard let name = parsed.text("format"), let format = TimelineFormat(rawValue: name) else {
            throw ChanceryError.invalid("format", "unknown format '\(parsed.value("format") ?? "")'",
                                        hint: "Use one of " + TimelineFormat.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        guard let request = try Choice(parsed).request() else {
            throw ChanceryError.invalid("scope", "a timeline download needs a country, pair, person, organization or event",
                                        hint: "Open /timeline and choose one.")
        }
        let timeline = try await TimelineService(database: database).timeline(request)
        return HTMLResponse.attachment(Array(try format.render(timeline).utf8), fileName: fileName(timeline.title) + "." + format.fileExtension,
                                       contentType: format.mediaType)
    }

    /// "timeline-united-states-cambodia": ASCII letters and digits only, so no header can break.
    static func fileName(_ title: String) -> String {
        let words = title.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return (["timeline"] + words.prefix(8)).joined(separator: "-")
    }

    /// Each item's own page: a letter's, an invitation's (an answer's too), an event's timeline.
    private static func url(of item: TimelineItem) -> String {
        switch item.kind {
        case .letter: PagePath.letter(item.ref)
        case .invitation, .response: PagePath.invitation(item.ref)
        case .event: PagePath.event(item.ref)
        }
    }

    private static func view(_ item: TimelineItem) -> ItemView {
        ItemView(date: item.date?.display ?? "undated", edtf: item.date?.edtf ?? "", kind: item.kind.rawValue, ref: item.ref,
                 url: url(of: item),
                 title: item.title, detail: item.detail, status: item.status)
    }
}
