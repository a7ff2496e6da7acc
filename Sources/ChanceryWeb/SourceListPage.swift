import ChanceryRequests
import ChanceryCore
import ChanceryModel
import Foundation
import Hummingbird

/// `/sources`: the sources records cite, by title, with a word to look for and a kind, fifty to
/// a page.
struct SourceListPage {
    struct Row {
        var url: String
        var title: String
        var kind: String
        var publisher: String?
        var published: String?
        var citations: Int
        var lettersImported: Int
    }

    typealias Option = LetterFormPage.Option

    static let pageSize = 50

    var text: String
    var kinds: [Option]
    var rows: [Row]
    var hasRows: Bool
    /// "1–50 of 213 sources", or what matched nothing.
    var summary: String
    var previousURL: String?
    var nextURL: String?
    var hasPages: Bool

    static func response(query: String?, database: ChanceryDatabase) async throws -> Response {
        let form = FormEncodedQuery(query)
        let text = form.text("text")
        // A kind the page does not know is refused rather than dropped: a filter that silently
        // vanished would answer with every source.
        let kind = try form.text("kind").map { typed in
            guard let kind = SourceKind(rawValue: typed) else {
                throw ChanceryError.invalid("kind", "unknown kind of source '\(typed)'",
                                            hint: "Choose one of: " + SourceKind.allCases.map(\.label).joined(separator: ", ") + ".")
            }
            return kind
        }
        let offset = max(0, form.text("offset").flatMap(Int.init) ?? 0)
        let page = try await SourceService(database: database).list(containing: text, kind: kind, limit: pageSize, offset: offset)
        func address(offset: Int) -> String {
            let pairs = [("text", text), ("kind", kind?.rawValue)].compactMap { name, value in value.map { (name, $0) } }
                + (offset > 0 ? [("offset", String(offset))] : [])
            return "/sources" + (pairs.isEmpty ? "" : "?" + FormEncodedQuery.encode(pairs))
        }
        let rows = page.sources.map { source in
            Row(url: "/sources/\(source.id)", title: source.title, kind: source.kind.label, publisher: source.publisher,
                published: source.published?.display, citations: source.citations, lettersImported: source.lettersImported)
        }
        let shown = offset + rows.count
        let summary = rows.isEmpty
            ? (page.total == 0 ? "No source matches." : "No sources past \(offset); \(page.total) match.")
            : "\(offset + 1)–\(shown) of \(page.total) " + (page.total == 1 ? "source" : "sources")
        let content = SourceListPage(
            text: text ?? "",
            kinds: [Option(value: "", label: "Any kind", selected: kind == nil)]
                + SourceKind.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == kind) },
            rows: rows, hasRows: !rows.isEmpty, summary: summary,
            previousURL: offset > 0 ? address(offset: max(0, offset - pageSize)) : nil,
            nextURL: shown < page.total ? address(offset: shown) : nil, hasPages: offset > 0 || shown < page.total)
        return HTMLResponse.page(PageRenderer.shared.page(title: "Sources", template: "sources", content: content))
    }
}

extension SourceKind {
    /// The kind as a page names it: "official statement".
    var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}
