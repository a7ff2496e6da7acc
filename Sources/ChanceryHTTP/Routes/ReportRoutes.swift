import ChanceryCore
import Hummingbird
import ChanceryModel
import ChanceryRendering
import ChanceryRequests

/// Timelines in every report format, search, threads' open items, statistics and networks.
struct ReportRoutes {
    /// Networks over the whole register as last written, for as long as they stay the same.
    let renderedNetworks = RenderedNetworks()

    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/v1/timeline", .reader, query: ["country", "side", "between", "person", "org", "members", "event", "all",
                                                             "since", "until", "strict", "group-by", "limit", "format", "deadlines"], timeline),
            Endpoint(.get, "/v1/search", .reader, query: ["q", "limit", "offset"], search),
            Endpoint(.get, "/v1/pending", .reader, query: ["older-than"], pending),
            Endpoint(.get, "/v1/stats", .reader, query: ["since", "until", "top"], stats),
            Endpoint(.get, "/v1/network", .reader, query: ["format", "level", "since", "until", "cc"], network),
        ]
    }

    @Sendable func timeline(_ request: APIRequest) async throws -> Response {
        let query = request.query
        let scope = try TimelineScopeParameters(query).scope()
        let grouping = try query.choice("group-by", TimelineGrouping.self, allowed: TimelineGrouping.allCases) ?? TimelineGrouping.none
        let timelineRequest = TimelineRequest(scope, since: try query.string("since"), until: try query.string("until"),
                                              strict: try query.bool("strict"), grouping: grouping,
                                              limit: try query.int("limit", in: 1...100_000))
        let format = try ReportFormat.timeline(query: try query.string("format"), accept: request.request.headers[.accept])
        let deadlines = try query.bool("deadlines")
        if deadlines && format != .ics {
            throw Problem.unprocessable("deadlines goes with the ics format", field: "deadlines", hint: "Add format=ics.")
        }
        let timeline = try await TimelineService(database: request.store).timeline(timelineRequest)
        let text = try format.render(timeline, options: TimelineRenderOptions(includeDeadlines: deadlines))
        return JSONResponse.document(text, contentType: ReportFormat.mediaType(of: format))
    }

    @Sendable func search(_ request: APIRequest) async throws -> Response {
        let query = request.query
        guard let text = try query.string("q") else {
            throw Problem.badRequest("search needs q, the words to look for", field: "q", hint: "For example /v1/search?q=summit.")
        }
        let results = try await SearchService(database: request.store).search(
            text, limit: try query.int("limit", in: 1...200) ?? 20, offset: try query.int("offset", in: 0...100_000) ?? 0)
        return try JSONResponse.make(results)
    }

    @Sendable func pending(_ request: APIRequest) async throws -> Response {
        let threshold = try request.query.string("older-than").map { try AgeThreshold(parsing: $0) }
        return try JSONResponse.make(try await PendingService(database: request.store).pending(olderThan: threshold))
    }

    @Sendable func stats(_ request: APIRequest) async throws -> Response {
        let query = request.query
        let statistics = try await StatisticsService(database: request.store).statistics(
            StatisticsRequest(since: try query.string("since"), until: try query.string("until"), top: try query.int("top", in: 1...1000) ?? 10))
        return try JSONResponse.make(statistics)
    }

    @Sendable func network(_ request: APIRequest) async throws -> Response {
        let query = request.query
        let level = try query.choice("level", NetworkLevel.self, allowed: NetworkLevel.allCases) ?? .actor
        let networkRequest = NetworkRequest(level: level, since: try query.string("since"), until: try query.string("until"),
                                            includeCC: try query.bool("cc"))
        let format = try query.string("format") ?? "json"
        let contentType: String
        switch format {
        case "json": contentType = "application/json; charset=utf-8"
        case "dot": contentType = "text/vnd.graphviz; charset=utf-8"
        case "gexf": contentType = "application/gexf+xml; charset=utf-8"
        default: throw Problem.badRequest("format must be json, dot or gexf, not \(format)", field: "format")
        }
        let network = try await NetworkService(database: request.store).network(networkRequest)
        let render = { () throws -> ByteBuffer in
            switch format {
            case "json": ByteBuffer(bytes: network.compactJSON)
            case "dot": ByteBuffer(string: NetworkFormat.dot.write(network))
            default: ByteBuffer(string: NetworkFormat.gexf.write(network))
            }
        }
        let wholeRegister = networkRequest.since == nil && networkRequest.until == nil
        let body = wholeRegister
            ? try await renderedNetworks.body(for: RenderedNetworks.Key(level: level, includeCC: networkRequest.includeCC, format: format),
                                        of: network, render: render)
            : try render()
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
