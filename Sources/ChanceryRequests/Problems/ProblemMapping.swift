import ChanceryModel
import Foundation
import HTTPTypes

/// Turns what reading a request or a service threw into the problem the client receives: a
/// `Problem` as it is, a `ChanceryError` by its kind, a `DecodingError` as a 400 naming the
/// field. The server's own layers (the database driver, NIO, the router) throw errors this
/// module does not know; ChanceryHTTP maps those, and anything else is a 500 there.
package struct ProblemMapping {
    /// Path segments of the route (`ref`, `position`): an unknown one of these is a 404, while an
    /// unknown name inside a body or query is a 422.
    package var pathFields: Set<String>
    /// Whether the request carried a JSON body, whose fields are named in camelCase.
    package var hasBody: Bool
    package var retryAfter: Int

    package init(pathFields: Set<String>, hasBody: Bool, retryAfter: Int) {
        self.pathFields = pathFields
        self.hasBody = hasBody
        self.retryAfter = retryAfter
    }

    /// The problem for `error`; nil for an error that is none of the above.
    package func problem(for error: any Error) -> Problem? {
        switch error {
        case let problem as Problem:
            return problem
        case let error as ChanceryError:
            var problem = serviceProblem(for: error)
            let next = error.next.compactMap(\.request)
            if !next.isEmpty, problem.status < 500 { problem.next = next }
            return problem
        case let error as DecodingError:
            return Self.problem(for: error)
        default:
            return nil
        }
    }

    private func serviceProblem(for error: ChanceryError) -> Problem {
        let field = error.field.map(jsonName)
        switch error.kind {
        case .invalidInput:
            return Problem(.unprocessableContent, "invalid-input", title: "Invalid input", detail: error.message,
                           field: field, hint: error.hint)
        case .notFound:
            if error.field == nil || pathFields.contains(error.field!) {
                return Problem(.notFound, "not-found", title: "Not found", detail: error.message, field: field,
                               hint: error.hint, candidates: error.candidates.isEmpty ? nil : error.candidates)
            }
            return Problem(.unprocessableContent, "unknown-reference", title: "Unknown name or reference",
                           detail: error.message, field: field, hint: error.hint,
                           candidates: error.candidates.isEmpty ? nil : error.candidates)
        case .ambiguous:
            return Problem(.unprocessableContent, "ambiguous-name", title: "Ambiguous name", detail: error.message,
                           field: field, hint: error.hint, candidates: error.candidates)
        case .conflict:
            return Problem(.conflict, "conflict", title: "Conflict with a stored record", detail: error.message,
                           field: field, hint: error.hint)
        case .stale:
            return Problem(.preconditionFailed, "stale-etag", title: "The record changed since you read it",
                           detail: error.message, field: "If-Match", hint: error.hint)
        case .databaseUnavailable, .schemaNotInstalled:
            // Where the database lives is the operator's business, not the client's.
            let detail = error.message.hasPrefix("cannot reach") ? "the database cannot be reached right now" : error.message
            var problem = Problem.unavailable(detail, retryAfter: retryAfter)
            if error.kind == .schemaNotInstalled { problem.hint = "An operator must run `chancery db migrate`." }
            return problem
        case .unexpected:
            return .internalError()
        }
    }

    /// Service field names are the CLI's (`sent-place`); bodies name them in camelCase.
    private func jsonName(_ field: String) -> String {
        guard hasBody, field.contains("-"), !field.first!.isUppercase else { return field }
        let parts = field.split(separator: "-")
        return String(parts[0]) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    package static func problem(for error: DecodingError) -> Problem {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case let .keyNotFound(key, context):
            let at = path(context.codingPath + [key])
            return .badRequest("the body lacks the required field \(at)", field: at)
        case let .typeMismatch(type, context):
            let at = path(context.codingPath)
            return .badRequest("\(at.isEmpty ? "the body" : at) should be \(Self.describe(type))", field: at.isEmpty ? nil : at)
        case let .valueNotFound(type, context):
            let at = path(context.codingPath)
            return .badRequest("\(at) is null but should be \(Self.describe(type))", field: at)
        case let .dataCorrupted(context):
            let at = path(context.codingPath)
            if at.isEmpty { return .badRequest("the body is not valid JSON", hint: "Send one JSON object.") }
            return .badRequest("\(at): \(context.debugDescription)", field: at)
        @unknown default:
            return .badRequest("the body could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "true or false"
        case is Double.Type: "a number"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object or value of type \(type)"
        }
    }
}
