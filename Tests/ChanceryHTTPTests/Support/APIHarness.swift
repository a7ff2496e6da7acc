import ChanceryCore
import ChanceryHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQClient
import Logging
import NIOCore
import TestSupport
import Testing

/// An API over a scratch database holding the founding example, with one token per role,
/// served in-process (no sockets) to the test's client.
struct APIHarness: Sendable {
    let api: ChanceryAPI
    let database: ChanceryDatabase
    /// Where the scratch database is, for a test that must change it behind the services' back.
    let configuration: PostgresConfiguration
    /// Secrets by role.
    let admin: String
    let editor: String
    let reader: String

    /// Runs `body` against a fresh API; the database is dropped afterwards. `logger` replaces the
    /// default one (warnings and worse, to the console) for a test that reads the log.
    static func run<T: Sendable>(
        seed: Bool = true,
        readsFromStandby: Bool = false,
        logger: Logger? = nil,
        configure: @Sendable (inout APIConfiguration) -> Void = { _ in },
        _ body: @Sendable (APIHarness, any TestClientProtocol) async throws -> T
    ) async throws -> T {
        try await TestDatabase.withScratchDatabase { configuration in
            let standbys = readsFromStandby
                ? [try #require(try await TestDatabase.replayedStandby(of: configuration), "run the tests with scripts/run-tests.sh")] : []
            // Generous limits: the tests check where reads go, and a loaded test machine replays slowly.
            var standbySettings = StandbyReads.Settings()
            standbySettings.maximumLagSeconds = 60
            standbySettings.catchUpWait = .seconds(20)
            let database = ChanceryDatabase(configuration: configuration, changedBy: "cli:test-setup", maximumConnections: 4,
                                            standbys: standbys, standbySettings: standbySettings)
            do {
                _ = try await database.migrate()
                if seed { _ = try await FoundingExample.load(into: database) }
                let tokens = TokenService(database: database)
                let secrets = (admin: try await tokens.create(name: "test-admin", role: .admin).secret,
                               editor: try await tokens.create(name: "test-editor", role: .editor).secret,
                               reader: try await tokens.create(name: "test-reader", role: .reader).secret)
                if let standby = standbys.first { try await TestDatabase.waitForReplay(of: configuration, on: standby) }
                let harness = APIHarness(
                    api: ChanceryAPI(database: database, configuration: {
                        var settings = APIConfiguration()
                        configure(&settings)
                        return settings
                    }()),
                    database: database,
                    configuration: configuration,
                    admin: secrets.admin, editor: secrets.editor, reader: secrets.reader)
                // Warnings and worse only: the request lines would drown the test output.
                var quiet = Logger(label: "chancery-test")
                quiet.logLevel = .warning
                let application = Application(router: harness.api.router(), logger: logger ?? quiet)
                let value = try await application.test(.router) { client in try await body(harness, client) }
                await database.close()
                return value
            } catch {
                await database.close()
                throw error
            }
        }
    }
}

/// A response read into what tests look at.
struct APIResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: Data

    /// The body as JSON.
    var json: Any { (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) ?? NSNull() }
    /// The body as a JSON object.
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }
}

extension TestClientProtocol {
    /// Sends a request and returns the response, after checking it against the OpenAPI document:
    /// its status must be documented for the route and its body must match the schema given there.
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: Any? = nil, rawBody: String? = nil,
        headers extra: [String: String] = [:], route: String? = nil, conforming: Bool = true
    ) async throws -> APIResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer " + token }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json, options: [.fragmentsAllowed]))
        } else if let rawBody {
            body = ByteBuffer(string: rawBody)
        }
        for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
        let response = try await execute(uri: path, method: method, headers: headers, body: body) { response in
            APIResponse(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
        }
        // Paths outside the API (a typo's 404) have no documented shape to check.
        if conforming { try OpenAPIConformance.check(response, method: method, path: path, route: route) }
        return response
    }
}
