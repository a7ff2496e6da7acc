import ChanceryCore
import ChanceryModel
import Hummingbird

/// The register (the home page): letters in date order, narrowed by search text, country,
/// person and dates; every state of the page is a URL.
struct RegisterPage {
    let database: ChanceryDatabase

    static let pageSize = 50

    /// The filters the page reads from its address, with the words they show as.
    static let filterNames: [(name: String, label: String)] = [
        ("text", "Search"), ("country", "Country"), ("person", "Person"), ("org", "Organization"), ("kind", "Kind"),
        ("awaiting", "Awaiting a reply"), ("since", "From"), ("until", "To"),
    ]

    func response(query raw: String?) async throws -> Response {
        let form = FormEncodedQuery(raw)
        var query = LetterQuery()
        query.text = form.text("text")
        query.country = form.text("country")
        query.person = form.text("person")
        query.organization = form.text("org")
        query.since = form.text("since")
        query.until = form.text("until")
        query.awaitingReply = form.text("awaiting") != nil
        let start = max(0, Int(form.text("start") ?? "") ?? 0)
        query.offset = start
        query.limit = Self.pageSize + 1
        var content = Content(form: form)
        do {
            if let kind = form.text("kind") {
                guard let known = LetterKind(rawValue: kind) else {
                    throw ChanceryError.invalid("kind", "unknown kind '\(kind)'",
                                                hint: "Use one of " + LetterKind.allCases.map(\.rawValue).joined(separator: ", ") + ".")
                }
                query.kind = known
            }
            let service = LetterService(database: database)
            let letters = try await service.list(query)
            if let facets = try await service.facets(query) {
                content.facets = RegisterFacets(facets, form: form)
            } else {
                content.facetsLeftOut = true
            }
            content.letters = letters.prefix(Self.pageSize).map(Row.init)
            content.countLabel = letters.isEmpty ? "" : "Letters \(start + 1)–\(start + content.letters.count)"
            if letters.count > Self.pageSize { content.nextURL = Self.url(form, start: start + Self.pageSize) }
            if start > 0 { content.previousURL = Self.url(form, start: max(0, start - Self.pageSize)) }
        } catch let error as ChanceryError where error.kind != .databaseUnavailable && error.kind != .unexpected {
            // A bad filter comes back on the page, with what was typed kept in the fields.
            content.error = Content.Problem(message: error.message, hint: error.hint)
            let html = PageRenderer.shared.page(title: "Register", searchText: content.searchText, template: "register", content: content)
            return HTMLResponse.page(html, status: .badRequest)
        }
        let html = PageRenderer.shared.page(title: "Register", searchText: content.searchText, template: "register", content: content)
        return HTMLResponse.page(html)
    }

    /// The page's address with the same filters, starting at `start`.
    private static func url(_ form: FormEncodedQuery, start: Int) -> String {
        let kept = filterNames.compactMap { name, _ in form.text(name).map { (name, $0) } }
        return "/?" + FormEncodedQuery.encode(kept + (start > 0 ? [("start", String(start))] : []))
    }

    struct Content {
        struct Filter {
            var label: String
            var removeURL: String
        }

        struct Problem {
            var message: String
            var hint: String?
        }

        var heading: String
        var searchText: String
        var country: String
        var person: String
        var since: String
        var until: String
        var filters: [Filter]
        /// Mustache reads stored properties only (through Mirror), so the flags are stored.
        var letters: [Row] = [] { didSet { hasLetters = !letters.isEmpty } }
        var hasLetters = false
        var countLabel = ""
        var nextURL: String?
        var previousURL: String?
        var error: Problem?
        var facets: RegisterFacets?
        /// The counts took too long for so many letters and were left out.
        var facetsLeftOut = false

        var hasFilters = false

        init(form: FormEncodedQuery) {
            searchText = form.text("text") ?? ""
            country = form.text("country") ?? ""
            person = form.text("person") ?? ""
            since = form.text("since") ?? ""
            until = form.text("until") ?? ""
            let active = RegisterPage.filterNames.compactMap { name, label in form.text(name).map { (name, label, $0) } }
            filters = active.map { name, label, value in
                let others = active.filter { $0.0 != name }.map { ($0.0, $0.2) }
                return Filter(label: label + ": " + value, removeURL: others.isEmpty ? "/" : "/?" + FormEncodedQuery.encode(others))
            }
            hasFilters = !filters.isEmpty
            heading = searchText.isEmpty ? "Letters in the register" : "Letters about “\(searchText)”"
        }
    }

    struct Row {
        var ref: String
        var url: String
        var date: String
        var parties: String
        var subject: String

        init(_ letter: LetterSummary) {
            ref = letter.ref
            url = "/letters/" + FormEncodedQuery.pathSegment(letter.ref)
            date = letter.date.display
            let via = letter.via.isEmpty ? "" : ", via " + letter.via.joined(separator: ", ")
            parties = letter.from.joined(separator: ", ") + " → " + letter.to.joined(separator: ", ") + via
            subject = letter.subject
        }
    }
}
