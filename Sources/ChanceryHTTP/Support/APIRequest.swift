import ChanceryCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ChanceryModel
import ChanceryRequests

/// What a handler gets: the request, who sent it, and the services acting on their behalf.
struct APIRequest: Sendable {
    let request: Request
    let context: APIRequestContext
    /// The caller's token; nil for anonymous reads (when the operator allows them).
    let token: AccessToken?
    let database: ChanceryDatabase
    let configuration: APIConfiguration
    /// The body, read once up front for writes (nil for GET and DELETE, and for uploads).
    let body: ByteBuffer?
    /// An upload endpoint's body, on disk (``Endpoint/takesUpload``).
    var upload: UploadedFile? = nil

    /// The store, with changes recorded in history under the token's name.
    var store: ChanceryDatabase {
        database.attributed(to: token.map { "token:" + $0.name } ?? "anonymous")
    }

    /// A path segment (`ref`), percent-decoded by the router.
    func parameter(_ name: String) throws -> String {
        guard let value = context.parameters.get(name) else { throw Problem.badRequest("the path lacks \(name)") }
        return value.removingPercentEncoding ?? value
    }

    /// Runs a use case on the record the path names: not finding it is a 404 whatever the
    /// service calls the field (the same service error about a body's name is a 422). With
    /// `fields`, only those service fields name the path's record.
    func lookingUp<T>(fields: Set<String>? = nil, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ChanceryError where error.kind == .notFound && (fields.map { $0.contains(error.field ?? "") } ?? true) {
            var problem = Problem.notFound(error.message, field: nil, candidates: error.candidates)
            problem.hint = error.hint
            let next = error.next.compactMap(\.request)
            if !next.isEmpty { problem.next = next }
            throw problem
        }
    }

    /// The query string's parameters.
    var query: QueryParameters { QueryParameters(query: request.uri.query) }

    /// Decodes the JSON body.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard let body, body.readableBytes > 0 else {
            throw Problem.badRequest("this request needs a JSON body", hint: "Send one JSON object with Content-Type: application/json.")
        }
        let data = Data(body.readableBytesView)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw BodyDecodingProblem.problem(for: error, body: data)
        }
    }

    /// The revision named by `If-Match`, required for PATCH and DELETE: 428 without it; an
    /// ETag this service never issued cannot match, so it is a 412.
    func requiredRevision(for what: String) throws -> Int {
        guard let revision = try optionalRevision() else { throw Problem.preconditionRequired(what) }
        return revision
    }

    /// The revision named by `If-Match`, when one was sent. An empty one names no ETag at all,
    /// which is a malformed header (400), not a missing one.
    func optionalRevision() throws -> Int? {
        guard let header = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces) else { return nil }
        guard !header.isEmpty else {
            throw Problem.badRequest("If-Match is empty", field: "If-Match", hint: "Send the record's ETag header back as If-Match, or leave it out.")
        }
        if header == "*" {
            throw Problem(.preconditionRequired, "precondition-required", title: "If-Match required",
                          detail: "If-Match: * would overwrite whatever is stored; send the record's ETag instead",
                          field: "If-Match", hint: "GET the record and send its ETag header back as If-Match.")
        }
        guard let revision = ETag.revision(fromIfMatch: header) else {
            throw Problem(.preconditionFailed, "stale-etag", title: "The record changed since you read it",
                          detail: "If-Match \(header) is not an ETag of this record", field: "If-Match",
                          hint: "GET the record and send its ETag header back as If-Match.")
        }
        return revision
    }

    /// 304 Not Modified with the ETag when `If-None-Match` names the current representation,
    /// whose ETag is `etag` (`*`, or a tag matching by the weak comparison: `ETag`); nil when the
    /// full answer is due.
    func notModified(etag: String) -> Response? {
        guard ETag.noneMatchNamesCurrent(request.headers[.ifNoneMatch], current: etag) else { return nil }
        var headers = HTTPFields()
        headers[.eTag] = etag
        return Response(status: .notModified, headers: headers)
    }

    /// The `Idempotency-Key` header as sent; refused (400) outside the documented 1 to 255
    /// characters rather than ignored, since a client that sent one believes its retries are safe.
    func idempotencyKeyHeader() throws -> String? {
        guard let key = request.headers[.idempotencyKey] else { return nil }
        let length = key.unicodeScalars.count
        guard (1...255).contains(length) else {
            throw Problem.badRequest("Idempotency-Key must be 1 to 255 characters long, not \(length)", field: "Idempotency-Key",
                                     hint: "Send a UUID, or leave the header out.")
        }
        return key
    }

    /// The `Idempotency-Key` of a POST, scoped to the token and bound to this exact request.
    func idempotencyKey() throws -> IdempotencyKey? {
        guard let key = try idempotencyKeyHeader() else { return nil }
        // Canonical JSON (keys sorted), so a retry that serializes the same object with its keys
        // in another order is still the same request.
        let bodyText = body.map { buffer -> String in
            let data = Data(buffer.readableBytesView)
            guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
                  let canonical = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
            else { return String(decoding: data, as: UTF8.self) }
            return String(decoding: canonical, as: UTF8.self)
        } ?? ""
        return IdempotencyKey(scope: token.map { "token:" + $0.name } ?? "anonymous", key: key,
                              fingerprint: "\(request.method.rawValue) \(request.uri.path)\n\(bodyText)")
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let requestID = HTTPField.Name("X-Request-ID")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}

extension HTTPResponse.Status {
    static let preconditionRequired = HTTPResponse.Status(code: 428)
}
