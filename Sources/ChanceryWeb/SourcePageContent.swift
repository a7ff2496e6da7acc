import ChanceryRequests
import ChanceryCore
import ChanceryModel
import Hummingbird

/// `/sources/{id}`: a source, what it says, and the records resting on it.
struct SourcePageContent {
    struct Citation {
        var subject: String
        var ref: String
        /// The record's page, where the web has one (empty where it has none: an absent value
        /// would be looked up in the page around it, whose `url` is the source's address).
        var page: String
        var hasPage: Bool
        var label: String?
        var quote: String?
    }

    var id: Int64
    var path: String
    var title: String
    var kind: String
    var publisher: String?
    var url: String?
    var published: String?
    var retrieved: String?
    var excerpt: String?
    var revision: Int
    var imported: String?
    var citations: [Citation]
    var hasCitations: Bool
    var citedSummary: String
    var mayEdit: Bool
    var mayDelete: Bool
    /// The register filtered by the source, when letters cite it or came from it.
    var lettersURL: String?

    init(_ source: SourceRecord) {
        id = source.id
        path = "/sources/\(source.id)"
        title = source.title
        kind = source.kind.label
        publisher = source.publisher
        url = source.url.flatMap(LetterPageContent.webAddress)
        published = source.published.map { $0.display + " (" + $0.edtf + ")" }
        retrieved = source.retrieved
        excerpt = source.excerpt
        revision = source.revision
        imported = source.lettersImported == 0 ? nil
            : "\(source.lettersImported) " + (source.lettersImported == 1 ? "letter was" : "letters were") + " imported from it"
        citations = source.citations.map(Self.citation)
        hasCitations = !citations.isEmpty
        let count = source.citationCount
        citedSummary = count == 0 ? "No record cites it."
            : "Cited by \(count) " + (count == 1 ? "record" : "records")
                + (source.citations.count < count ? "; the first \(source.citations.count) are listed." : ".")
        mayEdit = Viewer.current.may(.editor)
        mayDelete = mayEdit && count == 0 && source.lettersImported == 0
        lettersURL = source.hasLetters ? "/?" + FormEncodedQuery.encode([("source", String(source.id))]) : nil
    }

    private static func citation(_ citation: SourceCitation) -> Citation {
        let url: String? = switch citation.subject {
        case .letter: PagePath.letter(citation.ref)
        case .actor, .role: PagePath.actor(citation.ref)
        case .event: PagePath.event(citation.ref)
        case .invitation: PagePath.invitation(citation.ref)
        }
        return Citation(subject: citation.subject.rawValue, ref: citation.ref, page: url ?? "", hasPage: url != nil,
                        label: citation.label, quote: citation.quote)
    }

    /// The source numbered `id` (an address names a source by its number only).
    static func source(_ id: String, database: ChanceryDatabase) async throws -> SourceRecord {
        guard let number = Int64(id), number > 0 else { throw ChanceryError(.notFound, "no source '\(id)'") }
        return try await SourceService(database: database).show(.number(number))
    }

    static func response(id: String, database: ChanceryDatabase) async throws -> Response {
        let source = try await source(id, database: database)
        return HTMLResponse.page(PageRenderer.shared.page(title: source.title, template: "source", content: SourcePageContent(source)))
    }
}
