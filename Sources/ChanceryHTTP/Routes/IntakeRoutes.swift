import ChanceryCore
import ChanceryIntake
import ChanceryModel
import Hummingbird
import ChanceryRequests

/// Article intake, as `chancery intake` and the web's intake page do it: a news article (plain
/// text or a saved HTML page) as the body, the drafts it supports as a JSON Lines dataset in the
/// answer. Nothing is written: a client reviews the drafts and sends those it keeps to
/// `POST /v1/imports`.
struct IntakeRoutes {
    var endpoints: [Endpoint] {
        [Endpoint(.post, "/v1/intake", .editor, query: ["published", "title", "url", "publisher"], accepting: Self.articleTypes, draft)]
    }

    static let articleTypes: Set<String> = ["text/plain", "text/html"]

    @Sendable func draft(_ request: APIRequest) async throws -> Response {
        guard let body = request.body, body.readableBytes > 0 else {
            throw Problem.badRequest("intake needs the article as the body",
                                     hint: "POST the article's text with Content-Type text/plain, or a saved page with text/html.")
        }
        let query = request.query
        let article = try Article.checked(text: Article.text(of: Array(body.readableBytesView)), published: try query.string("published"),
                                          title: try query.string("title"), url: try query.string("url"),
                                          publisher: try query.string("publisher"), textField: "body")
        let drafts = try await IntakeService(database: request.database).draft(article)
        return JSONResponse.document(drafts.jsonLines, contentType: "application/x-ndjson; charset=utf-8")
    }
}
