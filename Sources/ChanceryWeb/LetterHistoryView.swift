import ChanceryModel
import Foundation

/// A letter's change history as its page lists it: newest first, who and when, and each field's
/// value before and after.
struct LetterHistoryView {
    struct Change {
        var field: String
        var before: String
        var after: String
    }

    struct Entry {
        var at: String
        var by: String
        var what: String
        var changes: [Change]
        var hasChanges: Bool
    }

    /// At most this many entries are shown; the JSON API (`/v1/letters/{ref}/history`) gives all.
    static let limit = 50

    var entries: [Entry]
    /// How many earlier entries are left out, when any are.
    var more: String?

    init(_ history: [HistoryEntry]) {
        let newest = history.reversed().prefix(Self.limit)
        more = history.count > Self.limit ? String(history.count - Self.limit) : nil
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
    static func text(_ value: JSONValue?) -> String {
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
