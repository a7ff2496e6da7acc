import ChanceryInterchange
@testable import ChanceryModel
import ChanceryRendering
@testable import ChanceryRequests
import HTTPFuzzSupport

/// The bytes as a query string, read by every GET handler's parameter parsing in turn (without
/// the database calls that follow): the letter filters and their date window, the list cursor,
/// the timeline's scope, grouping and format, search paging, the pending threshold, statistics,
/// the network level, import and export options and the actor kind. A bad query must be a 4xx
/// naming the parameter, never a trap or a 500; and decoding must be the inverse of the
/// encoding the pages use for their links.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let query = QueryParameters(query: text)
    checkEncodingRoundTrip(query.pairs, text: text)

    // GET /v1/letters: only its own parameters, the filters, the page size and the cursor; the
    // service then reads the window.
    readingRequest(hasBody: false, input: text) {
        try query.allowOnly(LetterFilterParameters.names.union(["limit", "cursor"]))
    }
    readingRequest(hasBody: false, input: text) {
        let letters = try LetterFilterParameters(query).letterQuery() ?? LetterQuery()
        _ = try query.int("limit", in: 1...500)
        if let cursor = try query.string("cursor") { _ = try ListCursor(decoding: cursor, for: text) }
        _ = try DateWindow(since: letters.since, until: letters.until, strict: letters.strict)
    }
    // GET /v1/timeline.
    readingRequest(hasBody: false, input: text) {
        _ = try TimelineScopeParameters(query).scope()
        _ = try query.choice("group-by", TimelineGrouping.self, allowed: TimelineGrouping.allCases)
        _ = try query.int("limit", in: 1...100_000)
        _ = try ReportFormat.timeline(query: try query.string("format"), accept: nil)
        _ = try query.bool("deadlines")
        _ = try DateWindow(since: try query.string("since"), until: try query.string("until"), strict: try query.bool("strict"))
    }
    // GET /v1/timeline with the format left to Accept, given the query's text as the header.
    readingRequest(hasBody: false, input: text) {
        _ = try ReportFormat.timeline(query: nil, accept: text)
    }
    // GET /v1/search, /v1/pending, /v1/stats, /v1/invitations.
    readingRequest(hasBody: false, input: text) {
        _ = try query.string("q")
        _ = try query.int("limit", in: 1...200)
        _ = try query.int("offset", in: 0...100_000)
    }
    readingRequest(hasBody: false, input: text) {
        _ = try query.string("older-than").map { try AgeThreshold(parsing: $0) }
    }
    readingRequest(hasBody: false, input: text) {
        _ = try query.int("top", in: 1...1000)
        _ = try DateWindow(since: try query.string("since"), until: try query.string("until"))
    }
    readingRequest(hasBody: false, input: text) {
        _ = try query.bool("pending")
    }
    // GET /v1/network.
    readingRequest(hasBody: false, input: text) {
        _ = try query.choice("level", NetworkLevel.self, allowed: NetworkLevel.allCases)
        _ = try query.bool("cc")
    }
    // POST /v1/import and GET /v1/export.
    readingRequest(hasBody: false, input: text) {
        _ = try query.string("format").map { try InterchangeFormat.parse($0) }
        _ = try query.bool("dry-run")
        _ = try query.bool("skip-invalid")
    }
    // GET /v1/actors.
    readingRequest(hasBody: false, input: text) {
        _ = try query.string("kind").map { try ActorKind.parse($0, field: "kind") }
    }
    // A cursor this service issues for the query reads back as the same position.
    let offset = size * 7
    let cursor = ListCursor(offset: offset).encoded(for: text)
    guard let position = try? ListCursor(decoding: cursor, for: text), position.offset == offset else {
        fatalError("the cursor issued for \(text.debugDescription) at \(offset) does not read back")
    }
    return 0
}

/// The pages write links with `FormEncodedQuery.encode`; reading such a query must give the
/// same pairs back.
private func checkEncodingRoundTrip(_ pairs: [(name: String, value: String)], text: String) {
    let encoded = FormEncodedQuery.encode(pairs.map { ($0.name, $0.value) })
    let decoded = FormEncodedQuery(encoded).pairs
    precondition(decoded.count == pairs.count && zip(decoded, pairs).allSatisfy { $0.name == $1.name && $0.value == $1.value },
                 "\(text.debugDescription) reads as \(pairs), which encodes as \(encoded.debugDescription) and reads back as \(decoded)")
}
