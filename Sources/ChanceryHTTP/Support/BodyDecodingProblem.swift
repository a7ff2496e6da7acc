import ChanceryModel
import ChanceryRequests
import Foundation

/// The 400 for a JSON body the decoder refused. A value outside one of the closed vocabularies
/// (`"kind": "lettre"`) names the field, the value and the values accepted, as the CLI does for
/// its options; every other refusal is `ProblemMapping`'s (the field, and what it should be),
/// told also what the body has there when it has the wrong type.
enum BodyDecodingProblem {
    /// A closed vocabulary a request body may carry, by the name the standard library's decoder
    /// gives its type in the message of a raw value it cannot read
    /// ("Cannot initialize LetterKind from invalid String value lettre").
    struct Vocabulary: Sendable {
        let typeName: String
        let values: [String]
        /// Decodes an object `{"value": …}` whose field holds the type, so a test can check that
        /// the decoder's refusal of a value is recognized.
        let decodeField: @Sendable (Data) throws -> Void

        init<V: CaseIterable & RawRepresentable & Decodable & Sendable>(_ type: V.Type) where V.RawValue == String {
            typeName = String(describing: type)
            values = type.allCases.map(\.rawValue)
            decodeField = { data in _ = try JSONDecoder().decode(Field<V>.self, from: data) }
        }

        private struct Field<V: Decodable>: Decodable { var value: V }
    }

    /// Every vocabulary of the request bodies, whose schemas in docs/openapi.json have the same
    /// names and values (a test holds the two together).
    static let vocabularies: [Vocabulary] = [
        Vocabulary(ActorKind.self), Vocabulary(LetterKind.self), Vocabulary(Classification.self),
        Vocabulary(ParticipantRole.self), Vocabulary(LetterLinkKind.self), Vocabulary(ResponseStatus.self),
        Vocabulary(EventKind.self), Vocabulary(EventStatus.self), Vocabulary(SourceKind.self), Vocabulary(AccessRole.self),
    ]

    private static let byTypeName = Dictionary(uniqueKeysWithValues: vocabularies.map { ($0.typeName, $0) })

    /// The problem for `error`, met decoding `body`.
    static func problem(for error: DecodingError, body: Data) -> Problem {
        switch error {
        case let .dataCorrupted(context):
            if let problem = vocabularyProblem(context) { return problem }
        case let .typeMismatch(_, context) where !context.codingPath.isEmpty:
            var problem = ProblemMapping.problem(for: error)
            if let found = describe(value(at: context.codingPath, in: body)), !problem.detail.hasSuffix(" " + found) {
                problem.detail += ", not " + found
            }
            return problem
        default:
            break
        }
        return ProblemMapping.problem(for: error)
    }

    /// The decoder's "Cannot initialize LetterKind from invalid String value lettre" as the problem
    /// naming the field, the value and the accepted values; nil for any other message, or a type
    /// that is not one of the vocabularies.
    private static func vocabularyProblem(_ context: DecodingError.Context) -> Problem? {
        let message = context.debugDescription
        let prefix = "Cannot initialize ", middle = " from invalid String value "
        guard !context.codingPath.isEmpty, message.hasPrefix(prefix),
              let separator = message.range(of: middle),
              let vocabulary = byTypeName[String(message[message.index(message.startIndex, offsetBy: prefix.count)..<separator.lowerBound])]
        else { return nil }
        let value = String(message[separator.upperBound...])
        let field = path(context.codingPath)
        let shown = value.count > 60 ? value.prefix(60) + "…" : value
        let hint: String
        // What the CLI accepts (`Note-Verbale`, `note-verbale`), written as the API reads it.
        if let written = vocabulary.values.first(where: { $0 == value.lowercased().replacingOccurrences(of: "-", with: "_") }) {
            hint = "Send '\(written)': the values are written in lower case, with _ between words."
        } else {
            hint = "Use one of: \(vocabulary.values.joined(separator: ", "))."
        }
        return .badRequest("\(field) '\(shown)' is not one of the accepted values: \(vocabulary.values.joined(separator: ", "))",
                           field: field, hint: hint)
    }

    /// A coding path as problems name fields: `from[0].name`.
    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            .trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    /// The JSON value at `codingPath` in `body`, when it is there.
    private static func value(at codingPath: [any CodingKey], in body: Data) -> JSONValue? {
        guard var value = try? JSONDecoder().decode(JSONValue.self, from: body) else { return nil }
        for key in codingPath {
            switch value {
            case let .array(array) where key.intValue.map(array.indices.contains) == true:
                value = array[key.intValue!]
            case let .object(object) where object[key.stringValue] != nil:
                value = object[key.stringValue]!
            default:
                return nil
            }
        }
        return value
    }

    /// What a JSON value is, as a problem's detail says it: "a number", "an array".
    private static func describe(_ value: JSONValue?) -> String? {
        switch value {
        case nil: nil
        case .null: "null"
        case .bool: "true or false"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
