import LibPQClient
import ChanceryModel
import EDTF
import Foundation

/// One row of COPY text format: tab-separated, `\N` for NULL, backslash escapes for the
/// characters COPY treats specially. Values are data, never SQL.
struct CopyRow {
    private(set) var text = ""
    private var first = true

    package mutating func add(_ value: String?) {
        if first { first = false } else { text.append("\t") }
        guard let value else { text.append("\\N"); return }
        if !value.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            text.append(value)
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": text.append("\\\\")
            case "\t": text.append("\\t")
            case "\n": text.append("\\n")
            case "\r": text.append("\\r")
            default: text.unicodeScalars.append(scalar)
            }
        }
    }

    package mutating func add(_ value: Int64?) { add(value.map { String($0) }) }
    package mutating func add(_ value: Int) { add(String(value)) }
    package mutating func add(_ value: Bool) { add(value ? "t" : "f") }

    /// The four columns of an uncertain date (edtf, earliest, latest, precision), NULLs when absent.
    package mutating func add(_ date: UncertainDate?) {
        guard let date else { for _ in 0..<4 { add(String?.none) }; return }
        add(date.edtf)
        add(date.earliestBound.description)
        add(date.latestBound.description)
        add(date.precision.rawValue)
    }

    /// A text[] literal in COPY text: `{"a","b"}` with quotes and backslashes escaped for the
    /// array parser (COPY's own escaping is applied on top by `add`).
    package mutating func add(array values: [String]) {
        let elements = values.map { value in
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        add("{" + elements.joined(separator: ",") + "}")
    }

    /// The row with its line end.
    var line: String { text + "\n" }
}
