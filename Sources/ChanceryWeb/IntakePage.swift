import ChanceryCore
import ChanceryIntake
import ChanceryInterchange
import ChanceryModel
import ChanceryRequests
import Foundation
import Hummingbird
import HTTPTypes

/// Article intake in the browser: paste or upload a news article, read the drafts beside the
/// article's sentences (the sentences behind each draft marked, each draft linking to them),
/// tick the drafts to keep, and import them through the normal all-or-nothing path. Like the
/// import page it keeps no state: the drafts travel back with the form.
struct IntakePage {
    /// A sentence, numbered from 1 for people (its anchor keeps intake's own number).
    struct SentenceView {
        var number: Int
        var shown: Int
        var text: String
        var supports: Bool
    }

    struct SentenceLink {
        var number: Int
        var shown: Int
    }

    struct DraftView {
        var index: Int
        var heading: String
        var lines: [String]
        var confidence: String
        var rule: String
        var sentences: [SentenceLink]
        var accepted: Bool
        var quote: String?
        var isLetter = false
        var date = ""
    }

    struct Content {
        var csrf: String
        var problem: String?
        var hint: String?
        var article = ""
        var published = ""
        var title = ""
        var url = ""
        var publisher = ""
        var read = false
        var sentences: [SentenceView] = []
        var ignored: [String] = []
        var hasIgnored = false
        var drafts: [DraftView] = []
        var hasDrafts = false
        var draftsText = ""
        var summary = ""
        var committed = false
        var imported: [ImportPage.CountRow] = []
        var rejected: [String] = []
        var hasRejected = false
    }

    static func form(session: WebSession) -> Response {
        render(Content(csrf: session.csrfToken))
    }

    /// `read` proposes drafts for the article; `import` imports the ticked ones.
    static func run(_ fields: FormEncodedQuery, session: WebSession, database: ChanceryDatabase) async throws -> Response {
        var content = Content(csrf: session.csrfToken)
        content.article = fields.value("file").flatMap { $0.isEmpty ? nil : $0 } ?? fields.value("article") ?? ""
        content.published = fields.text("published") ?? ""
        content.title = fields.text("title") ?? ""
        content.url = fields.text("url") ?? ""
        content.publisher = fields.text("publisher") ?? ""
        if !content.published.isEmpty, !Article.isDay(content.published) {
            content.problem = "The publication day must be written YYYY-MM-DD."
            content.hint = "For example 2022-02-14. Leave it empty when the article does not say."
            return render(content, status: .unprocessableContent)
        }
        let article = Article(text: content.article, published: content.published.isEmpty ? nil : content.published,
                              title: content.title.isEmpty ? nil : content.title, url: content.url.isEmpty ? nil : content.url,
                              publisher: content.publisher.isEmpty ? nil : content.publisher)
        guard !article.sentences.isEmpty else {
            content.problem = "Paste the article's text, or choose a saved page."
            content.hint = "Plain text or HTML; tickers, bylines, captions and related-news lists are left out by themselves."
            return render(content, status: .unprocessableContent)
        }
        if fields.text("action") == "import" {
            return try await importTicked(fields, article: article, content: content, database: database)
        }
        let drafts = try await IntakeService(database: database).draft(article)
        show(try DraftSelection(jsonLines: drafts.jsonLines), article: article, in: &content)
        let known = drafts.proposals.events.compactMap(\.known)
        content.summary = "\(drafts.proposals.letters.count) letter(s), \(drafts.proposals.invitations.count) invitation(s), "
            + "\(drafts.proposals.responses.count) answer(s), \(drafts.proposals.events.count) event(s)"
            + (known.isEmpty ? "" : " (in the register already: \(known.joined(separator: ", ")))")
            + ", \(drafts.proposals.newActors.count) new actor(s)"
        content.draftsText = drafts.jsonLines
        return render(content)
    }

    private static func importTicked(_ fields: FormEncodedQuery, article: Article, content: Content, database: ChanceryDatabase) async throws -> Response {
        var content = content
        guard var selection = try? DraftSelection(jsonLines: fields.value("drafts") ?? "") else {
            content.problem = "The drafts did not come back whole, so nothing was imported."
            content.hint = "Read the article again and import from the new page."
            return render(content, status: .unprocessableContent)
        }
        let ticked = Set(fields.pairs.filter { $0.name == "accept" }.compactMap { Int($0.value) })
        for index in selection.reviewable where !ticked.contains(index) { selection.reject(index) }
        for index in selection.reviewable where ticked.contains(index) {
            if let date = fields.text("date-\(index)"), selection.records[index]["type"] as? String == "letter" {
                selection.set("date", to: date, in: index)
            }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-intake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drafts.jsonl").path
        try Data(try selection.jsonLines().utf8).write(to: URL(fileURLWithPath: path))
        do {
            let report = try await ImportService(database: database).run([path], options: ImportOptions())
            content.committed = true
            content.read = true
            content.imported = ImportReport.typeOrder.compactMap { type in
                report.counts[type].flatMap { c in c.total == 0 ? nil : ImportPage.CountRow(type: type, new: c.new, unchanged: c.unchanged, updated: c.updated, rejected: c.rejected) }
            }
            return render(content)
        } catch let rejected as ImportRejected {
            show(selection, article: article, in: &content)
            content.draftsText = fields.value("drafts") ?? ""
            content.problem = "Nothing was imported: \(rejected.report.rejected.count) draft(s) were refused."
            content.hint = "Untick them or fix the fields named below, then import again."
            content.rejected = rejected.report.rejected.map { "Draft on line \($0.location.line): \($0.reason)" }
            content.hasRejected = true
            return render(content, status: .unprocessableContent)
        }
    }

    /// The article's sentences and the drafts, side by side.
    private static func show(_ selection: DraftSelection, article: Article, in content: inout Content) {
        content.read = true
        content.drafts = selection.reviewable.map { index in view(selection.records[index], index: index, accepted: selection.kept[index]) }
        content.hasDrafts = !content.drafts.isEmpty
        let supporting = Set(content.drafts.flatMap { $0.sentences.map(\.number) })
        content.sentences = article.sentences.map {
            SentenceView(number: $0.number, shown: $0.number + 1, text: $0.text, supports: supporting.contains($0.number))
        }
        content.ignored = article.ignored.map { "\($0.reason): \($0.line)" }
        content.hasIgnored = !content.ignored.isEmpty
    }

    static func view(_ record: [String: Any], index: Int, accepted: Bool) -> DraftView {
        let type = record["type"] as? String ?? "?"
        func party(_ p: [String: Any]) -> String {
            (p["name"] as? String ?? "?") + ((p["capacity"] as? String).map { ", " + $0 } ?? "") + ((p["onBehalfOf"] as? String).map { ", for " + $0 } ?? "")
        }
        func parties(_ field: String) -> String { ((record[field] as? [[String: Any]]) ?? []).map(party).joined(separator: "; ") }
        var heading = type.capitalized
        var lines: [String] = []
        switch type {
        case "letter":
            heading = "Letter \(record["ref"] as? String ?? "") (\(record["kind"] as? String ?? "letter"))"
            lines = ["From: " + parties("from"), "To: " + parties("to")]
            if !parties("via").isEmpty { lines.append("Via: " + parties("via")) }
            if let refs = record["replyTo"] as? [String] { lines.append("Replies to: " + refs.joined(separator: ", ")) }
            if let refs = record["encloses"] as? [String] { lines.append("Encloses: " + refs.joined(separator: ", ")) }
        case "invitation":
            heading = "Invitation \(record["ref"] as? String ?? "")"
            lines = ["From: " + party(record["from"] as? [String: Any] ?? [:]), "Invited: " + ((record["invitees"] as? [String]) ?? []).joined(separator: ", ")]
            if let event = record["event"] as? String { lines.append("To: " + event) }
            if let letter = record["letter"] as? String { lines.append("In letter: " + letter) }
        case "response":
            heading = "Answer to \(record["invitation"] as? String ?? "")"
            lines = ["\(record["invitee"] as? String ?? "?"): \(record["status"] as? String ?? "?")"]
            if let letter = record["letter"] as? String { lines.append("In letter: " + letter) }
        case "event":
            heading = "Event \(record["ref"] as? String ?? "")"
            lines = [record["name"] as? String ?? "?", "Kind: \(record["kind"] as? String ?? "")", "Status: \(record["status"] as? String ?? "")"]
            if let city = record["city"] as? String { lines.append("Place: " + city) }
            if let host = record["host"] as? String { lines.append("Host: " + host) }
        case "actor":
            heading = "New actor"
            lines = [(record["name"] as? String ?? "?") + " (\(record["kind"] as? String ?? ""))"]
            if let note = record["note"] as? String { lines.append(note) }
        default:
            break
        }
        let intake = record["intake"] as? [String: Any] ?? [:]
        let confidence = (intake["confidence"] as? Double) ?? 0
        return DraftView(index: index, heading: heading, lines: lines, confidence: String(format: "%.0f%%", confidence * 100),
                         rule: intake["rule"] as? String ?? "", sentences: ((intake["sentences"] as? [Int]) ?? []).map { SentenceLink(number: $0, shown: $0 + 1) },
                         accepted: accepted, quote: ((record["sources"] as? [[String: Any]])?.first?["quote"] as? String),
                         isLetter: type == "letter", date: record["date"] as? String ?? "")
    }

    private static func render(_ content: Content, status: HTTPResponse.Status = .ok) -> Response {
        HTMLResponse.page(PageRenderer.shared.page(title: "Article intake", template: "intake", content: content), status: status)
    }
}
