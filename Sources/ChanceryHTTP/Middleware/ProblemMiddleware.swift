import HTTPTypes
import Hummingbird
import Logging
import ChanceryRequests

/// The last line of defence: anything thrown becomes a problem+json response. Errors the
/// endpoints did not map themselves (bugs, the router's "no route") are logged in full here and
/// reach the client only as a generic problem.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let retryAfter: Int
    /// Every endpoint's method and path template, to tell a wrong method (405) from a wrong path (404).
    let routes: [(method: HTTPRequest.Method, path: String)]

    func handle(_ request: Request, context: APIRequestContext,
                next: (Request, APIRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var problem = ProblemMapping(pathFields: [], hasBody: false, retryAfter: retryAfter).serverProblem(for: error)
            var allowed: [HTTPRequest.Method] = []
            if let routing = error as? HTTPError, routing.status == .notFound {
                allowed = routes.filter { Self.matches($0.path, request.uri.path) }.map(\.method)
                problem = allowed.isEmpty
                    ? Problem.notFound("no endpoint at \(request.uri.path)")
                    : Problem(.methodNotAllowed, "method-not-allowed", title: "Method not allowed",
                              detail: "\(request.uri.path) answers \(allowed.map(\.rawValue).joined(separator: ", ")), not \(request.method.rawValue)")
                problem.hint = "See /openapi.json for the API's endpoints."
            }
            if problem.status >= 500 && !(error is Problem) {
                context.logger.error("request failed", metadata: ["error": .string(String(reflecting: error))])
            }
            problem.instance = request.uri.path
            problem.requestID = context.requestID
            var response = problem.response()
            if !allowed.isEmpty { response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ") }
            return response
        }
    }

    /// Whether a concrete path fits a template (`{x}` takes one segment).
    static func matches(_ template: String, _ path: String) -> Bool {
        let expected = template.split(separator: "/"), given = path.split(separator: "/")
        guard expected.count == given.count else { return false }
        return zip(expected, given).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }
}
