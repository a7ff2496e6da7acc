/// Columns aligned with two spaces between them, for reports and the CLI's lists alike; numeric
/// columns right-aligned, the last column never padded.
///
/// Widths are terminal columns (`TerminalColumns`), not characters or UTF-16 units, so Khmer,
/// CJK and emoji in names keep the columns after them aligned.
package struct ReportTable {
    package var header: [String]
    package var rows: [[String]]
    /// Indexes of the columns to right-align.
    package var numericColumns: Set<Int>
    /// Cells longer than this many characters are cut and end in "…"; nil keeps them whole.
    package var maximumWidth: Int?

    package init(header: [String], rows: [[String]] = [], numericColumns: Set<Int> = [], maximumWidth: Int? = nil) {
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
        self.maximumWidth = maximumWidth
    }

    package func render() -> String {
        let all = ([header] + rows).map { $0.map(cut) }
        let widths = header.indices.map { column in all.map { TerminalColumns.width(of: $0[column]) }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column -> String in
                let cell = row[column]
                let pad = String(repeating: " ", count: widths[column] - TerminalColumns.width(of: cell))
                if numericColumns.contains(column) { return pad + cell }
                return column == row.count - 1 ? cell : cell + pad
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    private func cut(_ cell: String) -> String {
        guard let maximumWidth, cell.count > maximumWidth else { return cell }
        return String(cell.prefix(maximumWidth - 1)) + "…"
    }
}
