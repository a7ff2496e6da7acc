import Foundation
public import ChanceryCore
public import Hummingbird
import ChanceryModel

/// The web interface's reading room: the register, a letter's page, an actor's page and the open
/// items, served
/// beside the JSON API by `chancery serve`. Pages call the same services as the CLI and the API
/// and hold no SQL. Until people can sign in, the pages are open only when the operator allows
/// anonymous reads (`serve --anonymous-reads`).
public struct WebPages: Sendable {
    let database: ChanceryDatabase
    let allowsAnonymousReads: Bool

    /// The version shown in every page's footer.
    static var version: String { ChanceryVersion.release }

    /// Creates the pages over a database.
    public init(database: ChanceryDatabase, allowsAnonymousReads: Bool) {
        self.database = database
        self.allowsAnonymousReads = allowsAnonymousReads
    }

    /// Adds the pages' routes to `router`.
    public func add<Context: RequestContext>(to router: Router<Context>) {
        router.get("/assets/chancery.css") { _, _ in HTMLResponse.stylesheet(PageRenderer.stylesheet) }
        router.get("/") { request, _ in await guarded { try await RegisterPage(database: database).response(query: request.uri.query) } }
        router.get("/letters/:ref") { _, context in
            await guarded { try await LetterPageContent.response(ref: try segment(context, "ref"), database: database) }
        }
        router.get("/pending") { _, _ in await guarded { try await PendingPageContent.response(database: database) } }
        router.get("/actors/:name") { _, context in
            await guarded { try await ActorPageContent.response(name: try segment(context, "name"), database: database) }
        }
    }

    private func segment<Context: RequestContext>(_ context: Context, _ name: String) throws -> String {
        guard let value = context.parameters.get(name) else { throw ChanceryError(.notFound, "no \(name) in the address") }
        return value.removingPercentEncoding ?? value
    }

    /// Runs a page, answering with a page that says what went wrong rather than a stack of JSON.
    private func guarded(_ page: () async throws -> Response) async -> Response {
        guard allowsAnonymousReads else {
            return Self.message(status: .unauthorized, heading: "Signing in is not available yet",
                                message: "This register's pages open without signing in only when the service allows anonymous reading.",
                                hint: "Ask the operator to start it with `chancery serve --anonymous-reads`, or use the CLI or the JSON API with a token.")
        }
        do {
            return try await page()
        } catch let error as ChanceryError {
            switch error.kind {
            case .notFound:
                return Self.message(status: .notFound, heading: "Not found", message: error.message, hint: error.hint)
            case .databaseUnavailable:
                return Self.message(status: .serviceUnavailable, heading: "The register is unavailable",
                                    message: "The database cannot be reached just now.", hint: "Try again in a moment.")
            default:
                return Self.message(status: .badRequest, heading: "There is a problem", message: error.message, hint: error.hint)
            }
        } catch {
            return Self.message(status: .internalServerError, heading: "Something went wrong",
                                message: "The page could not be made.", hint: "Try again; if it keeps failing, tell the operator.")
        }
    }

    static func message(status: HTTPResponse.Status, heading: String, message: String, hint: String?) -> Response {
        let content = MessageContent(heading: heading, message: message, hint: hint)
        return HTMLResponse.page(PageRenderer.shared.page(title: heading, template: "message", content: content), status: status)
    }

    private struct MessageContent {
        var heading: String
        var message: String
        var hint: String?
    }
}
