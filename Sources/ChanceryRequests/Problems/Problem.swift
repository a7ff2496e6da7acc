public import ChanceryInterchange
public import HTTPTypes

/// An RFC 9457 problem document: what went wrong, where, and how to fix it, as
/// `application/problem+json`. Never carries a stack trace or SQL.
public struct Problem: Error, Sendable, Codable, Equatable {
    /// A URI naming the kind of problem (`urn:chancery:problem:invalid-input`).
    public var type: String
    /// A short summary of the kind, the same for every occurrence.
    public var title: String
    /// The HTTP status code.
    public var status: Int
    /// This occurrence: what exactly is wrong.
    public var detail: String
    /// The request path it happened on.
    public var instance: String?
    /// The input at fault: a body field (`subject`), a query parameter, a path segment or a header.
    public var field: String?
    /// How to fix it.
    public var hint: String?
    /// The closest existing names, for unknown or ambiguous names.
    public var candidates: [String]?
    /// Requests that go on from here (`GET /v1/letters`), as the hint advises.
    public var next: [String]?
    /// The request's id, as in `X-Request-ID` and the logs.
    public var requestID: String?
    /// Seconds to wait before retrying (sent as `Retry-After` too).
    public var retryAfter: Int?
    /// For an import: the records refused, where they are and why.
    public var rejected: [RejectedRecord]?

    /// Creates a problem; `slug` names its type.
    public init(_ status: HTTPResponse.Status, _ slug: String, title: String, detail: String,
                field: String? = nil, hint: String? = nil, candidates: [String]? = nil, retryAfter: Int? = nil) {
        self.type = "urn:chancery:problem:" + slug
        self.title = title
        self.status = status.code
        self.detail = detail
        self.field = field
        self.hint = hint
        self.candidates = candidates
        self.retryAfter = retryAfter
    }
}

extension Problem {
    /// 400: a malformed request (unreadable JSON, a query parameter of the wrong type).
    package static func badRequest(_ detail: String, field: String? = nil, hint: String? = nil) -> Problem {
        Problem(.badRequest, "bad-request", title: "Malformed request", detail: detail, field: field, hint: hint)
    }

    /// 422: a request the document's schema allows that breaks a rule the document states in
    /// words (parameters that go together, a cursor this service never issued). 400 stays for
    /// what the schema itself refuses, so a schema-valid request is never a 400.
    package static func unprocessable(_ detail: String, field: String? = nil, hint: String? = nil) -> Problem {
        Problem(.unprocessableContent, "invalid-input", title: "Invalid input", detail: detail, field: field, hint: hint)
    }

    /// 401: no credentials, or credentials that are not valid.
    package static func unauthenticated(_ detail: String) -> Problem {
        Problem(.unauthorized, "unauthenticated", title: "Authentication required", detail: detail, field: "Authorization",
                hint: "Send `Authorization: Bearer <token>` with a token from `chancery token create`.")
    }

    /// 403: a valid token whose role does not allow this.
    package static func forbidden(_ detail: String) -> Problem {
        Problem(.forbidden, "forbidden", title: "Not allowed for this token", detail: detail,
                hint: "Ask an administrator for a token with the needed role.")
    }

    /// 404: nothing at this path.
    package static func notFound(_ detail: String, field: String? = nil, candidates: [String]? = nil) -> Problem {
        Problem(.notFound, "not-found", title: "Not found", detail: detail, field: field,
                candidates: candidates?.isEmpty == false ? candidates : nil)
    }

    /// 428: a change without `If-Match`.
    package static func preconditionRequired(_ what: String) -> Problem {
        Problem(HTTPResponse.Status(code: 428), "precondition-required", title: "If-Match required",
                detail: "\(what) needs an If-Match header with the record's current ETag, so changes made meanwhile are not overwritten",
                field: "If-Match", hint: "GET the record, then send its ETag header back as If-Match.")
    }

    /// 415: a body of a type the endpoint does not read.
    package static func unsupportedMediaType(_ received: String?, accepted: Set<String>) -> Problem {
        let names = accepted.sorted().joined(separator: " or ")
        return Problem(.unsupportedMediaType, "unsupported-media-type", title: "Unsupported media type",
                       detail: "the body must be \(names)" + (received.map { ", not \($0)" } ?? " (no Content-Type was sent)"),
                       field: "Content-Type",
                       hint: accepted.contains("application/json") && accepted.count <= 2 ? "Send `Content-Type: application/json`."
                           : "Send the body with one of these Content-Types: \(names).")
    }

    /// 413: a body over the configured limit, which `option` of `chancery serve` sets.
    package static func bodyTooLarge(limit: Int, option: String = "--max-body-size") -> Problem {
        Problem(.contentTooLarge, "body-too-large", title: "Request body too large",
                detail: "the body is larger than \(limit) bytes", hint: "Split the request, or raise \(option) when starting the service.")
    }

    /// 406: no representation the client accepts.
    package static func notAcceptable(_ detail: String) -> Problem {
        Problem(.notAcceptable, "not-acceptable", title: "Not acceptable", detail: detail, field: "Accept")
    }

    /// 503: the database cannot be reached right now.
    package static func unavailable(_ detail: String, retryAfter: Int) -> Problem {
        Problem(.serviceUnavailable, "database-unavailable", title: "Service unavailable", detail: detail,
                hint: "Retry after \(retryAfter) seconds.", retryAfter: retryAfter)
    }

    /// 500: a bug; details go to the log, not the client.
    package static func internalError() -> Problem {
        Problem(.internalServerError, "internal-error", title: "Internal error",
                detail: "the service failed unexpectedly; the log has the details under this request id")
    }
}
