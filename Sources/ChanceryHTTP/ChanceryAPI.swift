public import ChanceryCore
import Foundation
import HTTPTypes
public import Hummingbird
public import Logging
import NIOCore
import ChanceryModel
import ChanceryWeb
import ChanceryRequests

/// The JSON API: its endpoints and the router that serves them. Handlers call ChanceryCore's
/// services, the same ones the CLI calls; nothing here speaks SQL.
public struct ChanceryAPI: Sendable {
    /// The store every request goes to.
    public let database: ChanceryDatabase
    /// Limits and switches.
    public let configuration: APIConfiguration
    let authenticator: Authenticator
    let metrics = RequestMetrics()

    /// Creates the API over a database.
    public init(database: ChanceryDatabase, configuration: APIConfiguration = APIConfiguration()) {
        self.database = database
        self.configuration = configuration
        self.authenticator = Authenticator(database: database, configuration: configuration)
    }

    /// Every endpoint, in the order the OpenAPI document lists them.
    public var endpoints: [Endpoint] {
        SystemRoutes(api: self).endpoints + LetterRoutes().endpoints + LetterPartRoutes().endpoints
            + ActorRoutes().endpoints + InvitationRoutes().endpoints + EventRoutes().endpoints + SourceRoutes().endpoints
            + ReportRoutes().endpoints + InterchangeRoutes().endpoints + IntakeRoutes().endpoints + TokenRoutes(authenticator: authenticator).endpoints
    }

    /// The router with every endpoint and the middleware every request passes through.
    public func router() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ObservationMiddleware(metrics: metrics))
        let endpoints = self.endpoints
        router.add(middleware: ProblemMiddleware(retryAfter: configuration.retryAfterSeconds,
                                                 routes: endpoints.map { ($0.method, $0.path) }))
        router.add(middleware: ReadYourWritesMiddleware())
        for endpoint in endpoints {
            router.on(RouterPath(endpoint.routerPath), method: endpoint.method) { request, context in
                try await handle(request, context: context, endpoint: endpoint)
            }
        }
        WebPages(database: database, configuration: WebConfiguration(
            allowsAnonymousReads: configuration.allowsAnonymousReads, sessionLifetimeSeconds: configuration.sessionLifetimeSeconds,
            signInPolicy: configuration.signInPolicy)).add(to: router)
        return router
    }

    private func handle(_ request: Request, context: APIRequestContext, endpoint: Endpoint) async throws -> Response {
        let writes = [.post, .patch, .put].contains(request.method)
        let mapping = ProblemMapping(pathFields: endpoint.pathParameters, hasBody: writes,
                                     retryAfter: configuration.retryAfterSeconds)
        do {
            let token = try await endpoint.access.asyncMap { try await authenticator.authorize(request, for: $0) } ?? nil
            if let malformed = context.malformedReadAfter { throw ReadYourWritesMiddleware.refusal(malformed) }
            try QueryParameters(query: request.uri.query).allowOnly(endpoint.queryParameters)
            let upload = writes && endpoint.takesUpload
                ? try await UploadedFile.spool(request, accepting: endpoint.bodyTypes, limit: configuration.maximumImportSize) : nil
            defer { upload?.remove() }
            let body = writes && !endpoint.takesUpload ? try await readBody(of: request, accepting: endpoint.bodyTypes) : nil
            if let body, endpoint.bodyTypes == Endpoint.json {
                try BodyFields.fromDocument.check(Data(body.readableBytesView), method: endpoint.method, path: endpoint.path)
            }
            var apiRequest = APIRequest(request: request, context: context, token: token, database: database,
                                        configuration: configuration, body: body)
            apiRequest.upload = upload
            // Checked before any handler weighs If-Match, so a malformed key is a 400, never a 412.
            _ = try apiRequest.idempotencyKeyHeader()
            return try await endpoint.handler(apiRequest)
        } catch {
            let problem = mapping.serverProblem(for: error)
            // The client gets our sentence; the database's words, which name tables and
            // constraints, go only to the log, found by the request id the client was given.
            let diagnostic = (error as? ChanceryError)?.diagnostic
            if problem.status >= 500 {
                var metadata: Logger.Metadata = ["status": .stringConvertible(problem.status), "error": .string(String(reflecting: error))]
                metadata["database"] = diagnostic.map { .string($0) }
                context.logger.error("request failed", metadata: metadata)
            } else if let diagnostic {
                context.logger.warning("database refused the request", metadata: ["status": .stringConvertible(problem.status),
                                                                                   "database": .string(diagnostic)])
            }
            throw problem
        }
    }

    /// The body of a write: of a type the endpoint reads (415 otherwise), at most the configured
    /// size (413).
    private func readBody(of request: Request, accepting types: Set<String>) async throws -> ByteBuffer {
        let limit = configuration.maximumBodySize
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw Problem.bodyTooLarge(limit: limit)
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Problem.bodyTooLarge(limit: limit)
        }
        if body.readableBytes > 0 {
            let type = request.headers[.contentType]
            let mediaType = type?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
            guard let mediaType, types.contains(mediaType) else {
                throw Problem.unsupportedMediaType(type, accepted: types)
            }
        }
        return body
    }

    /// A Hummingbird application serving the API at `configuration.host:port`.
    public func application(logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        Application(
            router: router(),
            server: .guardedHTTP1(limits: RequestTimeLimits(head: Self.timeAmount(seconds: configuration.headerTimeoutSeconds),
                                                            body: Self.timeAmount(seconds: configuration.bodyTimeoutSeconds),
                                                            bodyBytesPerSecond: configuration.bodyMinimumBytesPerSecond),
                                  idleTimeout: Self.timeAmount(seconds: configuration.idleTimeoutSeconds)),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: "chancery/" + ChanceryVersion.release),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}

extension ChanceryAPI {
    /// Seconds as NIO's time amount; none for zero or less, which waits for ever.
    static func timeAmount(seconds: Double) -> TimeAmount? {
        seconds > 0 ? .nanoseconds(Int64(seconds * 1_000_000_000)) : nil
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
