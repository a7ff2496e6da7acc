public import ChanceryModel
import Foundation

/// A letter's change history as its page lists it: newest first, who and when, and each field's
/// value before and after. The web page and `chancery letter history` read it alike.
public struct LetterHistoryView: Sendable {
    public struct Change: Sendable {
        public var field: String
        public var before: String
        public var after: String
    }

    public struct Entry: Sendable {
        public var at: String
        public var by: String
        public var what: String
        public var changes: [Change]
        public var hasChanges: Bool
    }

    /// The web page shows at most this many entries; the JSON API (`/v1/letters/{ref}/history`) gives all.
    public static let pageLimit = 50

    public var entries: [Entry]
    /// How many earlier entries are left out, when any are.
    public var more: String?

    /// The newest `limit` entries of `history` (all when nil), newest first.
    public init(_ history: [HistoryEntry], limit: Int? = LetterHistoryView.pageLimit) {
        let limit = limit ?? history.count
        let newest = history.reversed().prefix(limit)
        more = history.count > limit ? String(history.count - limit) : nil
        entries = newest.map { entry in
            let changes = entry.changes.filter { !Self.isBookkeeping($0.field) }
                .map { Change(field: $0.field.replacingOccurrences(of: "_", with: " "), before: Self.text($0.before), after: Self.text($0.after)) }
            return Entry(at: String(entry.at.prefix(19)).replacingOccurrences(of: "T", with: " ") + " UTC", by: entry.by,
                         what: Self.what(table: entry.table, operation: entry.operation), changes: changes, hasChanges: !changes.isEmpty)
        }
    }

    /// Columns that identify rows or are derived from others: they say nothing a reader needs.
    private static func isBookkeeping(_ field: String) -> Bool {
        field == "id" || field.hasSuffix("_id") || field.hasSuffix("_sort") || field.hasSuffix("_earliest") || field.hasSuffix("_latest")
            || ["revision", "search_document", "created_at", "updated_at", "represents_kind"].contains(field)
    }

    private static func what(table: String, operation: String) -> String {
        let thing = switch table {
        case "letter": "the letter"
        case "letter_participant": "a participant"
        case "letter_link": "a link to another letter"
        case "citation": "a source"
        case "letter_event": "an event"
        default: table.replacingOccurrences(of: "_", with: " ")
        }
        let verb = switch operation {
        case "INSERT": "added"
        case "DELETE": "removed"
        default: "changed"
        }
        return thing.prefix(1).uppercased() + thing.dropFirst() + " " + verb
    }

    /// A value as a person reads it: text as it is, nothing as a dash, anything else as JSON.
    public static func text(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return "—"
        case .string(let text)?: return text
        case .bool(let flag)?: return flag ? "yes" : "no"
        case .number(let number)?: return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case let other?:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(other)).map { String(decoding: $0, as: UTF8.self) } ?? "…"
        }
    }
}

extension LetterHistoryView {
    /// The history as terminal text: one paragraph per change, its fields indented beneath.
    public var text: String {
        guard !entries.isEmpty else { return "No recorded changes." }
        return entries.map { entry in
            ([entry.at + "  " + entry.by + "  " + entry.what]
             + entry.changes.map { "    " + $0.field + ": " + $0.before + " → " + $0.after }).joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}
