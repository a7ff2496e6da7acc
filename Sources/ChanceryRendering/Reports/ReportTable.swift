/// Columns aligned with two spaces between them; numeric columns right-aligned.
struct ReportTable {
    package var header: [String]
    var rows: [[String]] = []
    /// Indexes of the columns to right-align.
    var numericColumns: Set<Int> = []

    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column -> String in
                let cell = row[column]
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                if numericColumns.contains(column) { return pad + cell }
                return column == row.count - 1 ? cell : cell + pad
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
