import ChanceryModel
import Foundation

/// The top-level field names of one JSON object, found by a single scan of its bytes (strings and
/// nesting tracked, nothing decoded), so every line of a large dataset can be checked for fields
/// Chancery does not know: a misspelt `summmary` would otherwise vanish without a word.
///
/// Kept by hand rather than asking Foundation for the keys, because that is a second full parse
/// of every line: measured on the founding example's lines repeated to 200,000 (`swiftc -O`), the
/// scan took 2.3 s, `JSONSerialization` 3.9 s and `JSONDecoder` into `[String: Skip]` 9.3 s, next
/// to 5.6 s for decoding them into a record-like struct, so the library way would add about a fifth
/// to the time a million-line import spends reading. A name written with escapes (`capa\u0063ity`)
/// is decoded, as the record's decoder reads it.
enum JSONFieldNames {
    /// A key of an object one level down: a top-level field's object (`origin.register`) or an
    /// object in a top-level field's list (`from[0].capacity`).
    struct NestedName: Equatable {
        var field: String
        var index: Int?
        var name: String

        /// As decoding errors name a place: `from[0].capcity`.
        var path: String { field + (index.map { "[\($0)]" } ?? "") + "." + name }
    }

    static func topLevel(of line: String) -> [String] { names(of: line).topLevel }

    /// The line's top-level names and the names one level below them, in one scan.
    static func names(of line: String) -> (topLevel: [String], nested: [NestedName]) {
        var topLevel: [String] = []
        var nested: [NestedName] = []
        // Whether each open container is an object, outermost first; only the first three matter.
        var containers: [Bool] = []
        containers.reserveCapacity(8)
        var expectingKey = false
        var inString = false
        var escaped = false
        var current: [UInt8] = []
        var collecting = false
        var currentHasEscape = false
        var field = ""
        var element = 0
        for byte in line.utf8 {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                    currentHasEscape = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if collecting {
                        let name = currentHasEscape ? unescaped(current) : String(decoding: current, as: UTF8.self)
                        switch containers.count {
                        case 1: topLevel.append(name); field = name
                        case 2: nested.append(NestedName(field: field, index: nil, name: name))
                        default: nested.append(NestedName(field: field, index: element, name: name))
                        }
                    }
                    collecting = false
                    continue
                }
                if collecting { current.append(byte) }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                // Keys of the line's object, of a field's object, and of objects in a field's list.
                let depth = containers.count
                collecting = expectingKey && (depth == 1 || depth == 2 || (depth == 3 && !containers[1]))
                current.removeAll(keepingCapacity: true)
                currentHasEscape = false
                expectingKey = false
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = byte == UInt8(ascii: "{")
                containers.append(isObject)
                if containers.count == 2, !isObject { element = 0 }
                expectingKey = isObject
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !containers.isEmpty { containers.removeLast() }
                expectingKey = false
            case UInt8(ascii: ","):
                if containers.count == 2, !containers[1] { element += 1 }
                expectingKey = containers.last == true
            default:
                break
            }
        }
        return (topLevel, nested)
    }

    /// A key's characters with their escapes decoded (rare: only then is Foundation asked).
    private static func unescaped(_ bytes: [UInt8]) -> String {
        let quoted = Data([UInt8(ascii: "\"")] + bytes + [UInt8(ascii: "\"")])
        return (try? JSONDecoder().decode(String.self, from: quoted)) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// The names each record type reads inside its fields' objects (participants, sources, origin);
    /// others are reported. Fields not listed hold no objects, or objects read whole.
    static func knownNested(for type: String) -> [String: Set<String>]? {
        switch type {
        case "letter": letterNested
        case "invitation": invitationNested
        case "event": eventNested
        default: nil
        }
    }

    private static let origin: Set<String> = ["register", "ref"]
    private static let sources = Set(SourceDraft.CodingKeys.allCases.map(\.stringValue))
    private static let participant = Set(ParticipantDraft.CodingKeys.allCases.map(\.stringValue))
    private static let letterNested = ["from": participant, "to": participant, "cc": participant, "via": participant, "sources": sources,
                                       "provenance": sources, "origin": origin]
    private static let invitationNested = ["from": participant, "sources": sources, "origin": origin]
    private static let eventNested = ["sources": sources, "origin": origin]

    /// The fields each record type reads; others are reported.
    static func known(for type: String) -> Set<String>? {
        // `intake`: what `chancery intake` says of its draft (confidence, supporting sentences);
        // read by people reviewing the drafts, ignored by the import.
        knownByType[type]
    }

    /// Built once: every line of a dataset asks.
    private static let knownByType: [String: Set<String>] = Dictionary(uniqueKeysWithValues:
        ["actor", "source", "membership", "role", "event", "letter", "invitation", "response"].compactMap { type in
            knownFields(for: type).map { (type, $0.union(["intake"])) }
        })

    private static func knownFields(for type: String) -> Set<String>? {
        switch type {
        case "actor":
            return Set(["type", "key"]).union(ActorDraft.CodingKeys.allCases.map(\.stringValue))
                .union(ActorDraft.FormerKeys.allCases.map(\.stringValue))
        case "source": return ["type", "kind", "title", "url", "publisher", "published", "excerpt", "quote", "retrieved"]
        case "membership": return ["type", "member", "organization", "period"]
        case "role": return ["type", "holder", "title", "of", "period"]
        case "event": return Set(["type", "origin"]).union(EventDraft.CodingKeys.allCases.map(\.stringValue))
        case "letter":
            return Set(["type", "origin"]).union(LetterDraft.CodingKeys.allCases.map(\.stringValue))
                .union(LetterDraft.FormerKeys.allCases.map(\.stringValue))
        case "invitation":
            return ["type", "ref", "from", "invitees", "event", "letter", "date", "replyBy", "summary", "sources", "origin"]
        case "response": return ["type", "invitation", "invitee", "status", "letter", "date", "note"]
        default: return nil
        }
    }
}
