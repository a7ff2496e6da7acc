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
            let changes = entry.changes.filter { change in
                // A new row's unset flags and first position say nothing a reader needs.
                !Self.isBookkeeping(change.field)
                    && !(entry.operation == "INSERT" && (change.after == nil || change.after == .null || change.after == .bool(false) || change.field == "position"))
            }.map { Change(field: Self.label($0.field), before: Self.text($0.before), after: Self.text($0.after)) }
            return Entry(at: String(entry.at.prefix(19)).replacingOccurrences(of: "T", with: " ") + " UTC", by: entry.by,
                         what: Self.what(entry) + (entry.subject.map { ": " + $0 } ?? ""), changes: changes, hasChanges: !changes.isEmpty)
        }
    }

    /// Columns as a reader names them: `sent_edtf` is the date, `body` the text.
    private static func label(_ field: String) -> String {
        let names = ["sent_edtf": "date", "received_edtf": "received", "sent_as_written": "date as written",
                     "received_as_written": "received as written", "body": "text", "represents": "on behalf of", "deleted_at": "deleted",
                     "published_edtf": "published", "retrieved_on": "read on", "responded_edtf": "answered", "issued_edtf": "issued",
                     "period_edtf": "date", "cameo_code": "CAMEO code", "geonames_id": "GeoNames id",
                     "wikidata_id": "Wikidata id", "viaf_id": "VIAF id", "gnd_id": "GND id", "iso_code": "ISO code", "alias": "other name"]
        return names[field] ?? field.replacingOccurrences(of: "_", with: " ")
    }

    /// "The letter deleted" rather than "changed", when deleting or restoring is all the change was.
    private static func what(_ entry: HistoryEntry) -> String {
        if entry.table == "letter", entry.operation == "UPDATE", entry.changes.map(\.field).filter({ !isBookkeeping($0) }) == ["deleted_at"],
           let change = entry.changes.first(where: { $0.field == "deleted_at" }) {
            return change.after == nil || change.after == .null ? "The letter restored" : "The letter deleted"
        }
        if entry.table == "invitation_invitee", entry.operation == "UPDATE" {
            // Pending until now: answered. Otherwise an answer already given was changed.
            let status = entry.changes.first { $0.field == "status" }
            return status.map { $0.before == .string("pending") } ?? false ? "An answer recorded" : "An answer corrected"
        }
        return what(table: entry.table, operation: entry.operation)
    }

    /// Columns that identify rows or are derived from others: they say nothing a reader needs.
    private static func isBookkeeping(_ field: String) -> Bool {
        if authorityIDs.contains(field) { return false }
        return field == "id" || field.hasSuffix("_id") || field.hasSuffix("_sort") || field.hasSuffix("_earliest") || field.hasSuffix("_latest")
            || field.hasSuffix("_precision")
            || ["revision", "search_document", "created_at", "updated_at", "represents_kind", "recorded_at", "inviter_represents_kind", "of_kind",
                "organization_kind"].contains(field)
    }

    /// Ids of other registers (an actor's), which a reader checks, unlike this register's own.
    private static let authorityIDs: Set<String> = ["wikidata_id", "viaf_id", "gnd_id", "geonames_id"]

    private static func what(table: String, operation: String) -> String {
        let thing = switch table {
        case "letter": "the letter"
        case "letter_participant": "a participant"
        case "letter_link": "a link to another letter"
        case "citation": "a source"
        case "source": "a cited source"
        case "letter_event": "an event"
        case "event": "the event"
        case "event_participant": "a participant"
        case "invitation": "the invitation"
        case "invitation_invitee": "an invitee"
        case "actor": "the actor"
        case "actor_alias": "another name"
        case "role_held": "a role"
        case "membership": "a membership"
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
