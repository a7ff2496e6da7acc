import Foundation

/// The `|`-separated lists that cells of several values hold (`Joe Biden|Kamala Harris`).
///
/// `\|` stands for a bar inside a value and `\\` for a backslash; a backslash before anything
/// else is kept as written, so hand-typed values such as `C:\Letters` need no escaping.
enum CSVListValue {
    /// The cell's values, trimmed, in order; an empty cell has none. Blank entries are kept
    /// (`Q6279|` is two entries) because lists in parallel columns line up by position.
    static func split(_ cell: String) -> [String] {
        guard !cell.isEmpty else { return [] }
        var values: [String] = []
        var current = ""
        var escaped = false
        for character in cell {
            if escaped {
                if character != "|" && character != "\\" { current.append("\\") }
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                values.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        values.append(current)
        return values.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Joins values with `|`, escaping bars and backslashes; an all-blank list is an empty cell.
    static func join(_ values: [String]) -> String {
        guard values.contains(where: { !$0.isEmpty }) else { return "" }
        return values.map { value in
            value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
        }.joined(separator: "|")
    }
}
