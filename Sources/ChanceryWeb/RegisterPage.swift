import ChanceryRequests
import ChanceryCore
import Foundation
import ChanceryModel
import Hummingbird

/// The register (the home page): letters in date order, narrowed by search text, country,
/// person and dates; every state of the page is a URL.
struct RegisterPage {
    let database: ChanceryDatabase

    static let pageSize = 50
    /// How long the counts a page asks for after showing its letters may take.
    static let deferredCountsTimeLimit: Duration = .seconds(4)

    /// The filters the page reads from its address, with the words they show as.
    static let filterNames: [(name: String, label: String)] = [
        ("text", "Search"), ("country", "Country"), ("from", "Sent from"), ("to", "Sent to"), ("between", "Between"),
        ("person", "Person"), ("org", "Organization"), ("members", "With member states"), ("event", "Event"), ("source", "Source"), ("kind", "Kind"),
        ("awaiting", "Awaiting a reply"), ("since", "From"), ("until", "To"),
    ]

    /// The filter each field a service names in its refusal is given by, so the closest names
    /// it lists can link to the page with that filter corrected.
    static let filterParameters = ["country": "country", "from-country": "from", "to-country": "to", "person": "person",
                                   "org": "org", "event": "event", "source": "source"]

    /// The form's fields by the command line's flags for the same filters, for advice that names them.
    static let fieldLabels = ["since": "From", "until": "To", "country": "Country", "person": "Person", "org": "Organization"]

    /// The letters the page's address asks for (its paging aside); a filter that cannot be read
    /// is refused with the reason.
    static func letterQuery(_ form: FormEncodedQuery) throws -> LetterQuery {
        var query = LetterQuery()
        query.text = form.text("text")
        query.country = form.text("country")
        query.person = form.text("person")
        query.organization = form.text("org")
        query.includeMemberStates = form.text("members") != nil
        query.fromCountry = form.text("from")
        query.toCountry = form.text("to")
        query.event = form.text("event")
        query.source = form.text("source")
        query.since = form.text("since")
        query.until = form.text("until")
        query.awaitingReply = form.text("awaiting") != nil
        if let between = form.text("between") {
            let codes = QueryParameters.commaSeparated(between)
            guard codes.count == 2, !codes[0].isEmpty, !codes[1].isEmpty else {
                throw ChanceryError.invalid("between", "'\(between)' is not a pair of countries",
                                            hint: "Give two ISO codes or names separated by a comma, such as US,KH.")
            }
            query.between = (codes[0], codes[1])
        }
        if query.includeMemberStates && query.organization == nil {
            throw ChanceryError.invalid("members", "member states go with an organization",
                                        hint: "Name the organization in the Organization field.")
        }
        if let kind = form.text("kind") {
            guard let known = LetterKind(rawValue: kind) else {
                throw ChanceryError.invalid("kind", "unknown kind '\(kind)'",
                                            hint: "Use one of " + LetterKind.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
            query.kind = known
        }
        return query
    }

    func response(query raw: String?) async throws -> Response {
        let form = FormEncodedQuery(raw)
        var content = Content(form: form)
        do {
            var query = try Self.letterQuery(form)
            // Pages turn by cursor (the letter a page follows or precedes), so a bookmarked page shows
            // the same letters after others are logged; `start` remains for addresses made before.
            let after = form.text("after"), before = form.text("before")
            if let after { query.cursor = .after(after) } else if let before { query.cursor = .before(before) }
            query.offset = query.cursor == nil ? max(0, Int(form.text("start") ?? "") ?? 0) : 0
            query.limit = Self.pageSize + 1
            let service = LetterService(database: database)
            let letters = try await service.listDescribed(query)
            if let source = query.source {
                // A source is named by its number in the address; the filter shows its title.
                let title = try await SourceService(database: database).title(of: source)
                for index in content.filters.indices where content.filters[index].name == "source" {
                    content.filters[index].label = "Source: " + title
                }
            }
            // Counting reads every letter selected: a selection larger than one page is counted on
            // its own request, so the letters never wait for the counts.
            let wholeSelectionShown = query.cursor == nil && query.offset == 0 && letters.count <= Self.pageSize
            if form.text("counts") != nil || wholeSelectionShown {
                if let facets = try await service.facets(query) {
                    content.facets = RegisterFacets(facets, form: form)
                } else {
                    content.facetsLeftOut = true
                }
            } else {
                let filters = Self.filterNames.compactMap { name, _ in form.text(name).map { (name, $0) } }
                content.deferredFacets = DeferredFacets(
                    url: "/register/facets?" + FormEncodedQuery.encode(filters),
                    countsURL: "/?" + FormEncodedQuery.encode(filters + [("counts", "yes")]))
            }
            // One letter more than a page shows whether there is a page beyond, in the direction turned.
            let more = letters.count > Self.pageSize
            let page = before != nil ? Array(letters.suffix(Self.pageSize)) : Array(letters.prefix(Self.pageSize))
            content.list(page.map(Row.init))
            let first = page.first?.date.display ?? "", last = page.last?.date.display ?? ""
            content.countLabel = page.isEmpty ? "" : RegisterFacets.letters(page.count) + ", " + (first == last ? first : first + " to " + last)
            let turnedBack = before != nil, turned = after != nil || before != nil || query.offset > 0
            if let last = page.last, more || turnedBack { content.nextURL = Self.url(form, turn: ("after", last.ref)) }
            if let first = page.first, (turnedBack && more) || (!turnedBack && turned) {
                content.previousURL = Self.url(form, turn: ("before", first.ref))
            }
            if turned { content.firstURL = Self.url(form, turn: nil) }
        } catch let error as ChanceryError where error.kind != .databaseUnavailable && error.kind != .unexpected {
            // A bad filter comes back on the page, with what was typed kept in the fields.
            content.error = WebProblem(error, destinations: .filter(parameters: Self.filterParameters) { parameter, value in
                RegisterFacets.url(form, replacing: [(parameter, value)])
            }, fieldLabels: Self.fieldLabels)
            let html = PageRenderer.shared.page(title: "Register", searchText: content.searchText, template: "register", content: content)
            return HTMLResponse.page(html, status: .badRequest)
        }
        let html = PageRenderer.shared.page(title: "Register", searchText: content.searchText, template: "register", content: content)
        return HTMLResponse.page(html)
    }

    /// The page's address with the same filters, turned after or before a letter (nil: the first page).
    private static func url(_ form: FormEncodedQuery, turn: (name: String, ref: String)?) -> String {
        let kept = filterNames.compactMap { name, _ in form.text(name).map { (name, $0) } }
        let all = kept + (turn.map { [($0.name, $0.ref)] } ?? [])
        return all.isEmpty ? "/" : "/?" + FormEncodedQuery.encode(all)
    }

    struct Content {
        struct Filter {
            var name: String
            var label: String
            var removeURL: String
        }

        var heading: String
        var searchText: String
        var country: String
        var person: String
        var organization: String
        var withMembers: Bool
        var since: String
        var until: String
        var filters: [Filter]
        /// Mustache reads stored properties only (through Mirror), so the flag is stored.
        var hasLetters = false
        /// The letters' table rows, filled from Templates/register-row.mustache (see ``RowTemplate``).
        var rows = ""
        var countLabel = ""
        var nextURL: String?
        var previousURL: String?
        var firstURL: String?
        var error: WebProblem?
        var facets: RegisterFacets?
        /// The counts took too long for so many letters and were left out.
        var facetsLeftOut = false
        /// Where the counts of a broad selection come from, with the script or by a link.
        var deferredFacets: DeferredFacets?

        var hasFilters = false

        /// Shows `letters` as the table's rows.
        mutating func list(_ letters: [Row]) {
            hasLetters = !letters.isEmpty
            rows = Row.template.render(letters) { row, name in row.value(named: name) }
        }

        init(form: FormEncodedQuery) {
            searchText = form.text("text") ?? ""
            country = form.text("country") ?? ""
            person = form.text("person") ?? ""
            organization = form.text("org") ?? ""
            withMembers = form.text("members") != nil
            since = form.text("since") ?? ""
            until = form.text("until") ?? ""
            let active = RegisterPage.filterNames.compactMap { name, label in form.text(name).map { (name, label, $0) } }
            filters = active.map { name, label, value in
                let others = active.filter { $0.0 != name }.map { ($0.0, $0.2) }
                return Filter(name: name, label: label + ": " + value, removeURL: others.isEmpty ? "/" : "/?" + FormEncodedQuery.encode(others))
            }
            hasFilters = !filters.isEmpty
            heading = searchText.isEmpty ? "Letters in the register" : "Letters about “\(searchText)”"
        }
    }

    struct DeferredFacets {
        var url: String
        var countsURL: String
    }

    /// The facets alone, for the page's script to put beside the letters of a broad selection.
    func facets(query raw: String?) async throws -> Response {
        let form = FormEncodedQuery(raw)
        let query = try Self.letterQuery(form)
        var content = Content(form: form)
        // The letters are already shown, so the counts may take longer than the page would wait.
        if let facets = try await LetterService(database: database).facets(query, timeLimit: Self.deferredCountsTimeLimit) {
            content.facets = RegisterFacets(facets, form: form)
        } else {
            content.facetsLeftOut = true
        }
        return HTMLResponse.page(PageRenderer.shared.fragment(template: "register-facets", content: content))
    }

    /// A letter's row of the table, filled by ``RowTemplate`` rather than mustache.
    struct Row {
        static let template = RowTemplate(named: "register-row")

        var ref: String
        var url: String
        var date: String
        var parties: String
        var subject: String

        func value(named name: String) -> String {
            switch name {
            case "ref": ref
            case "url": url
            case "date": date
            case "parties": parties
            case "subject": subject
            default: preconditionFailure("register-row.mustache names {{\(name)}}, which a row does not have")
            }
        }

        /// Senders → recipients, each with capacity and whom they acted for; copies and intermediaries after.
        init(_ letter: DescribedLetterSummary) {
            ref = letter.ref
            url = PagePath.letter(letter.ref)
            date = letter.date.display
            subject = letter.subject
            parties = letter.senders.joined(separator: ", ") + " → " + letter.recipients.joined(separator: ", ")
                + (letter.copied.isEmpty ? "" : "; copy to " + letter.copied.joined(separator: ", "))
                + (letter.transmitters.isEmpty ? "" : "; via " + letter.transmitters.joined(separator: ", "))
        }
    }
}
