import Foundation

/// Left-aligned columns separated by two spaces, cells cut to a maximum width.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    var maximumWidth = 60

    func render() -> String {
        let cut = ([header] + rows).map { $0.map { $0.count > maximumWidth ? String($0.prefix(maximumWidth - 1)) + "…" : $0 } }
        let widths = header.indices.map { column in cut.map { $0[column].count }.max() ?? 0 }
        return cut.map { row in
            row.indices.map { index in
                index == row.count - 1 ? row[index] : row[index].padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
