import Foundation
import HTTPTypes

/// Why a response does not conform to docs/openapi.json.
struct OpenAPIConformanceError: Error, CustomStringConvertible {
    /// What was checked: `GET /v1/letters/KH-US-2022-001 (documented as /v1/letters/{ref}) → 200`.
    var request: String
    /// What is wrong.
    var problem: String
    /// Schema violations of the body, when that is what is wrong.
    var violations: [SchemaViolation] = []
    /// The start of the body, to see what was sent.
    var bodyExcerpt: String? = nil

    var description: String {
        var text = "OpenAPI conformance: \(request): \(problem)"
        for violation in violations.prefix(20) { text += "\n  - " + violation.description }
        if violations.count > 20 { text += "\n  - … and \(violations.count - 20) more" }
        if let bodyExcerpt { text += "\n  body: " + bodyExcerpt }
        return text
    }
}

/// Checks responses against docs/openapi.json: the route and method must be documented, the
/// status documented for them (there is no `default` fallback), the media type among those
/// documented for the status, and a JSON body valid against the documented schema.
enum OpenAPIConformance {
    /// docs/openapi.json in the repository (this file is Tests/ChanceryHTTPTests/OpenAPI/…).
    static let documentURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/openapi.json")

    /// The document's text, read once; nil when it cannot be read.
    static let documentText: String? = try? String(contentsOf: documentURL, encoding: .utf8)

    // Parsed once; never mutated, so sharing it between concurrently running tests is safe.
    nonisolated(unsafe) private static let parsed: Result<[String: Any], OpenAPIConformanceError> = {
        guard let text = documentText else {
            return .failure(OpenAPIConformanceError(request: documentURL.path, problem: "cannot read the OpenAPI document"))
        }
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                return .failure(OpenAPIConformanceError(request: documentURL.path, problem: "the document is not a JSON object"))
            }
            return .success(object)
        } catch {
            return .failure(OpenAPIConformanceError(request: documentURL.path, problem: "the document is not valid JSON: \(error)"))
        }
    }()

    /// The parsed document.
    static func document() throws -> [String: Any] {
        try parsed.get()
    }

    /// The documented path templates (`/v1/letters/{ref}`).
    static func pathTemplates() throws -> [String] {
        ((try document())["paths"] as? [String: Any] ?? [:]).keys.sorted()
    }

    /// The template a concrete path is served by: segment-wise, `{x}` matching any one non-empty
    /// segment; when several match, the one with the most literal segments.
    static func template(matching concretePath: String, among templates: [String]) -> String? {
        let segments = concretePath.split(separator: "/", omittingEmptySubsequences: false)
        var best: (template: String, literals: Int)?
        for template in templates {
            let parts = template.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == segments.count else { continue }
            var literals = 0
            var matches = true
            for (part, segment) in zip(parts, segments) {
                if part.hasPrefix("{") && part.hasSuffix("}") {
                    if segment.isEmpty { matches = false; break }
                } else if part == segment {
                    literals += 1
                } else {
                    matches = false
                    break
                }
            }
            if matches, literals > best?.literals ?? -1 { best = (template, literals) }
        }
        return best?.template
    }

    /// Throws an ``OpenAPIConformanceError`` unless the document describes `response` as an answer
    /// to `method` on `path` (its query is ignored). `route` names the documented template when
    /// the path alone would not (`/v1/letters/{ref}`; Hummingbird's `:ref` form works too).
    static func check(_ response: APIResponse, method: HTTPRequest.Method, path: String, route: String?) throws {
        let document = try document()
        let validator = JSONSchemaValidator(root: document)
        let concretePath = String(path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var label = "\(method.rawValue) \(concretePath)"
        let paths = document["paths"] as? [String: Any] ?? [:]

        let template: String
        if let route {
            template = route.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                segment.hasPrefix(":") ? "{" + segment.dropFirst() + "}" : String(segment)
            }.joined(separator: "/")
            guard paths[template] != nil else {
                throw OpenAPIConformanceError(request: label, problem: "the route \(template) is not documented")
            }
        } else {
            guard let matched = Self.template(matching: concretePath, among: Array(paths.keys)) else {
                throw OpenAPIConformanceError(request: label, problem: "no documented path matches \(concretePath)")
            }
            template = matched
        }
        if template != concretePath { label += " (documented as \(template))" }

        let pathItem = paths[template] as? [String: Any] ?? [:]
        let methodKey = method.rawValue.lowercased()
        guard let operation = pathItem[methodKey] as? [String: Any] else {
            let documented = pathItem.keys.filter { ["get", "put", "post", "delete", "options", "head", "patch", "trace"].contains($0) }
            throw OpenAPIConformanceError(
                request: label,
                problem: "\(method.rawValue) is not documented for \(template) (documented: \(documented.sorted().map { $0.uppercased() }.joined(separator: ", ")))")
        }

        let code = response.status.code
        label += " → \(code)"
        let responses = operation["responses"] as? [String: Any] ?? [:]
        let rangeKey = "\(code / 100)XX"
        guard let responseValue = responses[String(code)] ?? responses[rangeKey] else {
            throw OpenAPIConformanceError(
                request: label,
                problem: "status \(code) is not documented (documented: \(responses.keys.sorted().joined(separator: ", ")))",
                bodyExcerpt: excerpt(response.body))
        }
        guard let documented = dereference(responseValue, in: document) as? [String: Any] else {
            throw OpenAPIConformanceError(request: label, problem: "the documented response for \(code) cannot be resolved")
        }

        // 204 and 304 never carry a body, whatever the document says.
        if code == 204 || code == 304 {
            if !response.body.isEmpty {
                throw OpenAPIConformanceError(request: label, problem: "a \(code) must not have a body, but it has \(response.body.count) bytes",
                                              bodyExcerpt: excerpt(response.body))
            }
            return
        }

        let content = documented["content"] as? [String: Any] ?? [:]
        let contentType = response.headers[.contentType]
        guard !content.isEmpty else {
            if !response.body.isEmpty {
                throw OpenAPIConformanceError(
                    request: label,
                    problem: "the document gives \(code) no body, but the response has \(response.body.count) bytes (Content-Type \(contentType ?? "none"))",
                    bodyExcerpt: excerpt(response.body))
            }
            return
        }
        guard let contentType, let mediaType = mediaType(of: contentType) else {
            throw OpenAPIConformanceError(
                request: label,
                problem: "the response has no Content-Type; documented: \(content.keys.sorted().joined(separator: ", "))",
                bodyExcerpt: excerpt(response.body))
        }
        guard let mediaKey = content.keys.first(where: { matches(mediaType, range: $0) }) else {
            throw OpenAPIConformanceError(
                request: label,
                problem: "the media type \(mediaType) is not documented for \(code) (documented: \(content.keys.sorted().joined(separator: ", ")))",
                bodyExcerpt: excerpt(response.body))
        }
        guard isJSON(mediaType) else { return }

        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: response.body, options: [.fragmentsAllowed])
        } catch {
            throw OpenAPIConformanceError(request: label, problem: "the body is not valid JSON although it is sent as \(mediaType)",
                                          bodyExcerpt: excerpt(response.body))
        }
        guard let schema = (content[mediaKey] as? [String: Any])?["schema"] else { return }
        let escapedTemplate = JSONSchemaValidator.escape(template)
        let violations = validator.validate(
            json, against: schema, schemaLocation: "#/paths/\(escapedTemplate)/\(methodKey)/responses/\(code)/content/\(JSONSchemaValidator.escape(mediaKey))/schema")
        if !violations.isEmpty {
            throw OpenAPIConformanceError(request: label, problem: "the \(mediaType) body does not match the documented schema",
                                          violations: violations, bodyExcerpt: excerpt(response.body))
        }
    }

    /// Follows `$ref`s (`#/components/responses/NotFound`) until a value that is not one.
    static func dereference(_ value: Any, in document: [String: Any]) -> Any? {
        var current: Any? = value
        var hops = 0
        while let object = current as? [String: Any], let reference = object["$ref"] as? String, hops < 32 {
            current = JSONSchemaValidator.resolve(reference, in: document)
            hops += 1
        }
        return current
    }

    /// `application/json` from `application/json; charset=utf-8`, lowercased.
    static func mediaType(of contentType: String) -> String? {
        let type = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return type?.isEmpty == false ? type : nil
    }

    /// Whether a media type falls in a documented range (`text/csv` in `text/csv`, `text/*`, `*/*`).
    static func matches(_ mediaType: String, range: String) -> Bool {
        let range = range.lowercased()
        if range == mediaType || range == "*/*" { return true }
        if range.hasSuffix("/*") { return mediaType.hasPrefix(String(range.dropLast())) }
        return false
    }

    /// JSON bodies are checked against their schemas: `application/json` and `…+json`.
    static func isJSON(_ mediaType: String) -> Bool {
        mediaType == "application/json" || mediaType.hasSuffix("+json")
    }

    private static func excerpt(_ body: Data) -> String? {
        guard !body.isEmpty else { return nil }
        let text = String(decoding: body.prefix(600), as: UTF8.self)
        return body.count > 600 ? text + "…" : text
    }
}
