import Foundation
import HTTPTypes

/// The fields each JSON body may have, read from the OpenAPI document's request schemas, so a
/// misspelt field (`summmary`) is refused with 400 rather than silently dropped, and the
/// document and the server cannot disagree about it.
struct BodyFields: Sendable {
    private let allowed: [String: Set<String>]

    /// Read from the embedded document once.
    static let fromDocument = BodyFields(document: OpenAPIDocument.json)

    init(document: String) {
        var allowed: [String: Set<String>] = [:]
        guard let root = try? JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any],
              let paths = root["paths"] as? [String: [String: Any]],
              let schemas = (root["components"] as? [String: Any])?["schemas"] as? [String: Any]
        else { self.allowed = [:]; return }
        for (path, operations) in paths {
            for (method, operation) in operations {
                guard let content = ((operation as? [String: Any])?["requestBody"] as? [String: Any])?["content"] as? [String: Any],
                      let json = (content["application/json"] ?? content["application/merge-patch+json"]) as? [String: Any],
                      var schema = json["schema"] as? [String: Any] else { continue }
                if let ref = schema["$ref"] as? String, let target = schemas[String(ref.split(separator: "/").last ?? "")] as? [String: Any] {
                    schema = target
                }
                guard let properties = schema["properties"] as? [String: Any] else { continue }
                allowed[Self.key(method.uppercased(), path)] = Set(properties.keys)
            }
        }
        self.allowed = allowed
    }

    /// Throws 400 naming the first field of `body` the endpoint does not know (the document lets
    /// dataset records keep their `type`, so a line copied from a JSON Lines file is accepted).
    func check(_ body: Data, method: HTTPRequest.Method, path: String) throws {
        guard let fields = allowed[Self.key(method.rawValue, path)],
              let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return }
        for name in object.keys.sorted() where !fields.contains(name) {
            throw Problem.badRequest("the body has a field \(name) that this endpoint does not know", field: name,
                                     hint: "It takes " + fields.sorted().joined(separator: ", ") + ".")
        }
    }

    private static func key(_ method: String, _ path: String) -> String { method + " " + path }
}
