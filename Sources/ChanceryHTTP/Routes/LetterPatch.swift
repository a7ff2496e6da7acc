import ChanceryCore
import ChanceryModel
import HTTPTypes

/// A JSON merge patch (RFC 7396) of a letter: a field left out stays, `null` clears it, a
/// value replaces it. Fields are named as in `POST /v1/letters`; participants, links and
/// sources change through their own endpoints.
struct LetterPatch: Decodable {
    var changes = LetterChanges()

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static let fields = ["kind", "date", "received", "subject", "summary", "text", "language", "classification",
                         "sentPlace", "receivedPlace", "awaitingReply"]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys where !Self.fields.contains(key.stringValue) {
            throw Problem.badRequest("a letter has no field \(key.stringValue) that PATCH can change", field: key.stringValue,
                                     hint: "PATCH takes " + Self.fields.joined(separator: ", ")
                                         + "; participants, links and sources have their own endpoints.")
        }
        func required<T: Decodable>(_ name: String, _ type: T.Type) throws -> T? {
            let key = Key(stringValue: name)
            guard container.contains(key) else { return nil }
            if try container.decodeNil(forKey: key) {
                throw Problem(.unprocessableContent, "invalid-input", title: "Invalid input",
                              detail: "\(name) cannot be removed; a letter always has one", field: name)
            }
            return try container.decode(T.self, forKey: key)
        }
        func optional(_ name: String) throws -> FieldPatch<String> {
            let key = Key(stringValue: name)
            guard container.contains(key) else { return .keep }
            if try container.decodeNil(forKey: key) { return .clear }
            return .set(try container.decode(String.self, forKey: key))
        }
        changes.kind = try required("kind", LetterKind.self)
        changes.sent = try required("date", String.self)
        changes.received = try optional("received")
        changes.subject = try required("subject", String.self)
        changes.summary = try optional("summary")
        changes.body = try optional("text")
        changes.language = try optional("language")
        changes.classification = try required("classification", Classification.self)
        changes.sentPlace = try optional("sentPlace")
        changes.receivedPlace = try optional("receivedPlace")
        changes.awaitingReply = try required("awaitingReply", Bool.self)
    }
}
