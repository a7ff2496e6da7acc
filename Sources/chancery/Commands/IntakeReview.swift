import ChanceryIntake
import Foundation

/// `chancery intake --review`: each draft in turn, with its supporting sentences; the reviewer
/// accepts it, edits a field, or rejects it. Rejecting a record takes the references to it out of
/// the others (a rejected letter is no longer replied to, enclosed or carrying an invitation), so
/// what is kept still imports.
struct IntakeReview {
    let lines: [String]
    let article: Article
    var input: () -> String? = { readLine(strippingNewline: true) }
    var output: (String) -> Void = { print($0) }

    init(lines: String, article: Article) {
        self.lines = lines.split(separator: "\n").map(String.init)
        self.article = article
    }

    /// The reviewed dataset, or nil when the reviewer quit.
    func run() throws -> String? {
        var selection = try DraftSelection(jsonLines: lines.joined(separator: "\n"))
        let reviewable = selection.reviewable
        output("\(reviewable.count) draft(s) to review. For each: [a]ccept, [e]dit a field, [r]eject, accept [A]ll the rest, [q]uit without writing.")
        review: for (position, index) in reviewable.enumerated() {
            while true {
                output("\n[\(position + 1)/\(reviewable.count)] " + Self.describe(selection.records[index]))
                output("> ", terminator: true)
                guard let answer = input()?.trimmingCharacters(in: .whitespaces) else { return nil }
                switch answer {
                case "a", "": continue review
                case "A": break review
                case "r":
                    selection.reject(index)
                    continue review
                case "q": return nil
                case "e":
                    output("field=value (a JSON value, or text), e.g. date=2022-03 or subject=Reply on the summit:")
                    guard let edit = input(), let equals = edit.firstIndex(of: "=") else { continue }
                    let field = String(edit[..<equals]).trimmingCharacters(in: .whitespaces)
                    guard !field.isEmpty, field != "type" else { output("cannot change that field"); continue }
                    selection.set(field, to: String(edit[edit.index(after: equals)...]).trimmingCharacters(in: .whitespaces), in: index)
                default:
                    output("answer a, e, r, A or q")
                }
            }
        }
        return try selection.jsonLines()
    }

    /// One draft in a few lines: what it says, how sure intake is, and the sentences behind it.
    static func describe(_ record: [String: Any]) -> String {
        let type = record["type"] as? String ?? "?"
        func names(_ field: String) -> String {
            ((record[field] as? [[String: Any]]) ?? []).compactMap { p in
                (p["name"] as? String).map { $0 + ((p["capacity"] as? String).map { " (\($0))" } ?? "") }
            }.joined(separator: ", ")
        }
        var lines: [String] = []
        switch type {
        case "letter":
            lines.append("letter \(record["ref"] as? String ?? "") [\(record["kind"] as? String ?? "letter")] \(record["date"] as? String ?? "")")
            lines.append("  from: \(names("from"))")
            lines.append("  to:   \(names("to"))")
            if !names("via").isEmpty { lines.append("  via:  \(names("via"))") }
            for field in ["replyTo", "encloses"] { if let refs = record[field] as? [String], !refs.isEmpty { lines.append("  \(field): \(refs.joined(separator: ", "))") } }
        case "invitation":
            let from = (record["from"] as? [String: Any])?["name"] as? String ?? "?"
            lines.append("invitation \(record["ref"] as? String ?? "") from \(from) to \(((record["invitees"] as? [String]) ?? []).joined(separator: ", "))")
            if let event = record["event"] as? String { lines.append("  to: \(event)") }
            if let letter = record["letter"] as? String { lines.append("  in letter: \(letter)") }
        case "response":
            lines.append("answer: \(record["invitee"] as? String ?? "?") \(record["status"] as? String ?? "?") invitation \(record["invitation"] as? String ?? "?")")
        case "event":
            lines.append("event: \(record["name"] as? String ?? "?") [\(record["kind"] as? String ?? "")] \(record["city"] as? String ?? "")")
        case "actor":
            lines.append("new actor: \(record["name"] as? String ?? "?") (\(record["kind"] as? String ?? ""))")
            if let note = record["note"] as? String { lines.append("  " + note) }
        default:
            lines.append(type)
        }
        if let intake = record["intake"] as? [String: Any], let confidence = intake["confidence"] {
            lines.append("  confidence \(confidence) (\(intake["rule"] as? String ?? "rule"))")
        }
        let quote = ((record["sources"] as? [[String: Any]])?.first?["quote"] as? String) ?? (record["note"] as? String)
        if let quote, type != "actor" { lines.append("  “" + quote + "”") }
        return lines.joined(separator: "\n")
    }
}

extension IntakeReview {
    fileprivate func output(_ text: String, terminator: Bool) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
