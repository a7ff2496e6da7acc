import Foundation
import ChanceryModel

/// A letters file's header row: which field holds which column, under the name the file gives it.
struct CSVHeader {
    /// For each field position, the column it holds (nil for an unknown column).
    let columns: [CSVColumn?]
    /// The header's own text for each known column, so messages name columns as the user wrote them.
    let names: [CSVColumn: String]
    /// The header's names that are no column of ours, in file order.
    let unknown: [String]
    private let positions: [CSVColumn: Int]

    /// Maps the header row; throws when it names a column twice or lacks a required one,
    /// since then no row of the file could be read.
    init(fields: [String], location: RecordLocation) throws {
        var columns: [CSVColumn?] = []
        var names: [CSVColumn: String] = [:]
        var positions: [CSVColumn: Int] = [:]
        var unknown: [String] = []
        for (index, field) in fields.enumerated() {
            let name = field.trimmingCharacters(in: .whitespaces)
            guard let column = CSVColumn.byNormalizedName[CSVColumn.normalized(name)] else {
                columns.append(nil)
                if !name.isEmpty { unknown.append(name) }
                continue
            }
            if let earlier = names[column] {
                throw ChanceryError(.invalidInput, "\(location): the header has both '\(earlier)' and '\(name)', which are the same column",
                                    field: "file", hint: "Keep one of them; see docs/interchange-csv.md for the column names.")
            }
            columns.append(column)
            names[column] = name
            positions[column] = index
        }
        // A side may be given by ids alone (`sender_id` without `sender`); a date is always needed.
        let required: [(columns: [CSVColumn], meaning: String)] = [
            ([.sender, .senderID], "who sent each letter"), ([.recipient, .recipientID], "to whom"), ([.date], "when it was sent"),
        ]
        for (alternatives, meaning) in required where alternatives.allSatisfy({ positions[$0] == nil }) {
            let column = alternatives[0]
            let accepted = ([column.rawValue] + column.aliases).joined(separator: ", ")
            throw ChanceryError(.invalidInput, "\(location): the header has no '\(column.rawValue)' column (\(meaning))",
                                field: "file", hint: "Name the column one of: \(accepted). The first row must be the header.")
        }
        self.columns = columns
        self.names = names
        self.unknown = unknown
        self.positions = positions
    }

    /// Whether the file has the column.
    func has(_ column: CSVColumn) -> Bool { positions[column] != nil }

    /// The column's name as the header writes it.
    func name(of column: CSVColumn) -> String { names[column] ?? column.rawValue }

    /// The trimmed value of `column` in a row; empty when the column or the field is missing.
    func value(_ column: CSVColumn, in fields: [String]) -> String {
        guard let index = positions[column], index < fields.count else { return "" }
        return fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
