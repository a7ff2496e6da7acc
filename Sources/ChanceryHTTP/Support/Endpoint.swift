import ChanceryCore
public import HTTPTypes
import Hummingbird
public import ChanceryModel
/// One route of the API: the table the router is built from and the OpenAPI test checks.
public struct Endpoint: Sendable {
    /// The HTTP method.
    public let method: HTTPRequest.Method
    /// The path in OpenAPI form (`/v1/letters/{ref}`).
    public let path: String
    /// The least role that may call it; nil for the unauthenticated probes (`/healthz`).
    public let access: AccessRole?
    /// The query parameters it reads; any other is refused with 400, so a typo is not ignored.
    public let queryParameters: Set<String>
    /// The media types a body may have (JSON unless the endpoint reads files).
    let bodyTypes: Set<String>
    /// Whether the body is a file, streamed to disk up to the import limit
    /// (`APIConfiguration.maximumImportSize`) instead of read into memory.
    let takesUpload: Bool
    let handler: @Sendable (APIRequest) async throws -> Response

    static let json: Set<String> = ["application/json", "application/merge-patch+json"]

    init(_ method: HTTPRequest.Method, _ path: String, _ access: AccessRole?, query: Set<String> = [],
         accepting bodyTypes: Set<String> = Endpoint.json, upload takesUpload: Bool = false,
         _ handler: @escaping @Sendable (APIRequest) async throws -> Response) {
        self.method = method
        self.takesUpload = takesUpload
        self.path = path
        self.access = access
        self.queryParameters = query
        self.bodyTypes = bodyTypes
        self.handler = handler
        self.pathParameters = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
    }

    /// The path in Hummingbird's form (`/v1/letters/:ref`).
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
    }

    /// The names of the path's parameters (`ref`); worked out once, since every request's
    /// error mapping reads them.
    let pathParameters: Set<String>
}
