import ChanceryCore
import ChanceryRequests
import Foundation
import HTTPTypes
import Hummingbird

/// Read-your-writes for clients of a service that reads from standbys: a response to a request
/// that wrote carries the log position of its commit (`Chancery-Commit-LSN`, and for the web
/// pages a cookie); a request that brings one back (`Chancery-Read-After`, or the cookie) reads
/// only from a standby that has replayed that far, else from the primary.
struct ReadYourWritesMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    static let commitHeader = HTTPField.Name("Chancery-Commit-LSN")!
    static let readAfterHeader = HTTPField.Name("Chancery-Read-After")!
    static let cookie = "chancery_read_after"

    func handle(_ request: Request, context: APIRequestContext,
                next: (Request, APIRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        var brought: CommitPosition?
        if let value = request.headers[Self.readAfterHeader] {
            brought = CommitPosition(value.trimmingCharacters(in: .whitespaces))
            if brought == nil { context.malformedReadAfter = value }
        }
        let remembered = request.cookies[Self.cookie].flatMap { CommitPosition($0.value) }
        let required = [brought, remembered].compactMap { $0 }.max()
        let receipt = CommitReceipt()
        var response = try await ReadYourWrites.$required.withValue(required) {
            try await ReadYourWrites.$receipt.withValue(receipt) { try await next(request, context) }
        }
        guard let position = receipt.position else { return response }
        response.headers[Self.commitHeader] = position.description
        if !request.uri.path.hasPrefix("/v1/") {
            // A page that wrote usually redirects: the next page's reads then wait for this commit.
            // Secure behind HTTPS, directly or through a proxy that says so, as the session's cookie is.
            let secure = request.uri.scheme == .https || request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
            response.setCookie(Cookie(name: Self.cookie, value: position.description, maxAge: 3600, path: "/",
                                      secure: secure, httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// The refusal of a malformed Chancery-Read-After, for an authorized API request.
    static func refusal(_ value: String) -> Problem {
        Problem.badRequest("Chancery-Read-After '\(value.prefix(40))' is not a log position", field: "Chancery-Read-After",
                           hint: "Send back the Chancery-Commit-LSN of a write's response, such as 0/16B3748.")
    }
}
