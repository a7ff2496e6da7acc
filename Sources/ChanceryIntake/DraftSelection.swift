import Foundation

/// The drafts a reviewer keeps, with their edits: records as JSON objects again, the rejected
/// ones left out together with references to them (a rejected letter is no longer replied to,
/// enclosed or carrying an invitation; answers to a rejected invitation go with it), so that what
/// is kept still imports.
public struct DraftSelection {
    public private(set) var records: [[String: Any]]
    public private(set) var kept: [Bool]

    public enum Problem: Error, CustomStringConvertible {
        case notAnObject(line: Int)
        public var description: String {
            switch self { case .notAnObject(let line): return "line \(line) of the drafts is not a JSON object" }
        }
    }

    public init(jsonLines: String) throws {
        records = try jsonLines.split(whereSeparator: \.isNewline).enumerated().map { n, line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { throw Problem.notAnObject(line: n + 1) }
            return object
        }
        kept = Array(repeating: true, count: records.count)
    }

    /// The records a reviewer decides on: all but the header and the article's source record.
    public var reviewable: [Int] {
        records.indices.filter { !["chancery-dataset", "source"].contains(records[$0]["type"] as? String ?? "") }
    }

    public mutating func reject(_ index: Int) { kept[index] = false }

    /// Sets a field: a JSON value when the text reads as one, else the text.
    public mutating func set(_ field: String, to raw: String, in index: Int) {
        if let value = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: .fragmentsAllowed), !(value is String && raw.first != "\"") {
            records[index][field] = value
        } else {
            records[index][field] = raw
        }
    }

    /// The kept records as JSON Lines, references to rejected ones taken out.
    public func jsonLines() throws -> String {
        var records = self.records
        var kept = self.kept
        let rejected = records.indices.filter { !kept[$0] }.map { records[$0] }
        let letters = Set(rejected.filter { $0["type"] as? String == "letter" }.compactMap { $0["ref"] as? String })
        var letterDates: [String: Any] = [:]
        for letter in rejected where letter["type"] as? String == "letter" {
            if let ref = letter["ref"] as? String { letterDates[ref] = letter["date"] }
        }
        let invitations = Set(rejected.filter { $0["type"] as? String == "invitation" }.compactMap { $0["ref"] as? String })
        let events = Set(rejected.filter { $0["type"] as? String == "event" }.compactMap { $0["ref"] as? String })
        for index in records.indices where kept[index] {
            for field in ["replyTo", "encloses", "forwards", "refersTo", "events"] {
                if let refs = records[index][field] as? [String] {
                    let left = refs.filter { !letters.contains($0) && !events.contains($0) }
                    records[index][field] = left.isEmpty ? nil : left
                }
            }
            if let letter = records[index]["letter"] as? String, letters.contains(letter) {
                // An invitation or answer dated by its letter keeps that date without it.
                records[index]["letter"] = nil
                if records[index]["date"] == nil { records[index]["date"] = letterDates[letter] }
            }
            if let event = records[index]["event"] as? String, events.contains(event) { records[index]["event"] = nil }
            if records[index]["type"] as? String == "response", let invitation = records[index]["invitation"] as? String,
               invitations.contains(invitation) {
                kept[index] = false
            }
        }
        return try records.indices.filter { kept[$0] }.map { index in
            // The type first, as the import's own files have it; the rest in a stable order.
            let object = records[index]
            let type = try JSONSerialization.data(withJSONObject: ["type": object["type"] ?? ""], options: [])
            var rest = object
            rest["type"] = nil
            let body = String(decoding: try JSONSerialization.data(withJSONObject: rest, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
            let head = String(decoding: type, as: UTF8.self).dropLast()
            return body == "{}" ? head + "}" : head + "," + body.dropFirst()
        }.joined(separator: "\n") + "\n"
    }
}
