import ChanceryModel
package import Foundation
package import HTTPTypes
package import OpenAPIKit

/// The fields each JSON body may have, read from the OpenAPI document's request schemas, so a
/// misspelt field (`summmary`) is refused with 400 rather than silently dropped, and the
/// document and the server cannot disagree about it. So are fields the document fixes to one
/// value (a dataset record's `type`), which no decoder reads.
package struct BodyFields: Sendable {
    private let allowed: [String: Set<String>]
    private let constants: [String: [String: String]]

    /// Reads the request body schemas of every operation and keeps their top-level property
    /// names. References are followed one by one through the components (the document as a
    /// whole cannot be dereferenced: a thread node's schema refers to itself).
    package init(document text: String) throws {
        let document = try Self.document(text)
        let components = document.components
        var allowed: [String: Set<String>] = [:]
        var constants: [String: [String: String]] = [:]
        for (path, item) in document.paths {
            guard let item = components[item] else { continue }
            for endpoint in item.endpoints {
                guard let request = endpoint.operation.requestBody.flatMap({ components[$0] }),
                      let content = (request.content[.json] ?? request.content[Self.mergePatch]).flatMap({ components[$0] }),
                      let schema = content.schema.flatMap({ components[$0] }),
                      let properties = schema.objectContext?.properties else { continue }
                let key = Self.key(endpoint.method.rawValue, path.rawValue)
                allowed[key] = Set(properties.keys)
                for (name, property) in properties {
                    if let values = property.allowedValues, values.count == 1, let value = values[0].value as? String {
                        constants[key, default: [:]][name] = value
                    }
                }
            }
        }
        self.allowed = allowed
        self.constants = constants
    }

    /// The document, decoded by OpenAPIKit.
    package static func document(_ text: String) throws -> OpenAPI.Document {
        try JSONDecoder().decode(OpenAPI.Document.self, from: Data(text.utf8))
    }

    private static let mergePatch = OpenAPI.ContentType(rawValue: "application/merge-patch+json")!

    /// The property names an operation's JSON body may have; nil for an operation without one.
    package func fields(method: String, path: String) -> Set<String>? { allowed[Self.key(method, path)] }

    /// Throws 400 naming the first field of `body` the endpoint does not know, or that differs
    /// from the one value the document allows it (the document lets dataset records keep their
    /// `type`, so a line copied from a JSON Lines file is accepted, but only with its own type).
    package func check(_ body: Data, method: HTTPRequest.Method, path: String) throws {
        let key = Self.key(method.rawValue, path)
        guard let fields = allowed[key],
              case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: body) else { return }
        for name in object.keys.sorted() where !fields.contains(name) {
            throw Problem.badRequest("the body has a field \(name) that this endpoint does not know", field: name,
                                     hint: "It takes " + fields.sorted().joined(separator: ", ") + ".")
        }
        for (name, expected) in (constants[key] ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let sent = object[name], sent != .string(expected) else { continue }
            throw Problem.badRequest("\(name) must be \"\(expected)\" here", field: name, hint: "Send \(name): \"\(expected)\", or leave it out.")
        }
    }

    private static func key(_ method: String, _ path: String) -> String { method.uppercased() + " " + path }
}
