import ChanceryModel

/// The top-level field names of one JSON object, found by a single scan of its bytes (strings and
/// nesting tracked, nothing decoded), so every line of a large dataset can be checked for fields
/// Chancery does not know: a misspelt `summmary` would otherwise vanish without a word.
///
/// Kept by hand rather than asking Foundation for the keys, because that is a second full parse
/// of every line: measured on the founding example's lines repeated to 200,000 (`swiftc -O`), the
/// scan took 2.3 s, `JSONSerialization` 3.9 s and `JSONDecoder` into `[String: Skip]` 9.3 s, next
/// to 5.6 s for decoding them into a record-like struct, so the library way would add about a fifth
/// to the time a million-line import spends reading. Names are returned as written, escapes
/// and all; Chancery's own keys contain none.
enum JSONFieldNames {
    static func topLevel(of line: String) -> [String] {
        var names: [String] = []
        var depth = 0
        var expectingKey = false
        var inString = false
        var escaped = false
        var current: [UInt8] = []
        var collecting = false
        for byte in line.utf8 {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if collecting { names.append(String(decoding: current, as: UTF8.self)) }
                    collecting = false
                    continue
                }
                if collecting { current.append(byte) }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                collecting = depth == 1 && expectingKey
                current.removeAll(keepingCapacity: true)
                expectingKey = false
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = depth == 1 && byte == UInt8(ascii: "{")
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                expectingKey = depth == 1
            default:
                break
            }
        }
        return names
    }

    /// The fields each record type reads; others are reported.
    static func known(for type: String) -> Set<String>? {
        // `intake`: what `chancery intake` says of its draft (confidence, supporting sentences);
        // read by people reviewing the drafts, ignored by the import.
        knownFields(for: type).map { $0.union(["intake"]) }
    }

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
