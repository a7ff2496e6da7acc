import ChanceryCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ChanceryModel
import ChanceryRendering

/// JSON responses as the API sends them: compact, keys sorted, UTF-8.
enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, etag: String? = nil,
                                   location: String? = nil, replayed: Bool = false) throws -> Response {
        let body = try body(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let etag { headers[.eTag] = etag }
        if let location { headers[.location] = location }
        if replayed { headers[.idempotentReplayed] = "true" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// A value's JSON, as `make` sends it.
    static func body<T: Encodable>(_ value: T) throws -> ByteBuffer {
        ByteBuffer(bytes: try CompactJSONWriter.apiEncoder().encode(value))
    }

    /// JSON already written (by `CompactJSONWriter`, byte for byte what `make` would send).
    static func written(_ bytes: [UInt8], etag: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let etag { headers[.eTag] = etag }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// 201 for what a POST wrote (or, for a retried `Idempotency-Key`, what the first one wrote,
    /// marked `Idempotent-Replayed`).
    static func created<T: Encodable & Sendable>(_ outcome: WriteOutcome<T>, location: String? = nil, etag: String? = nil) throws -> Response {
        try make(outcome.value, status: .created, etag: etag, location: location, replayed: outcome.replayed)
    }

    /// A letter a POST created or changed: 201 with its new ETag and its address.
    static func created(_ outcome: WriteOutcome<LetterDetail>) throws -> Response {
        try created(outcome, location: "/v1/letters/" + outcome.value.ref, etag: ETag.make(revision: outcome.value.revision))
    }

    /// A document in another format (a timeline as Markdown, CSV, HTML, iCalendar).
    static func document(_ text: String, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// 204 after a delete.
    static func noContent() -> Response { Response(status: .noContent) }
}

/// A whole list in one response.
struct Items<Item: Encodable>: Encodable {
    var items: [Item]
}
