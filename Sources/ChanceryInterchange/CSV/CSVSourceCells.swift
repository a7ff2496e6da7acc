import EDTF
import ChanceryModel

/// A letter's sources in the `source_*` columns: each column a `|` list, lined up by position
/// with `source_title` (a source needs a title; `source_kind` may be one value for all).
enum CSVSourceCells {
    /// The columns after `source_title`, with how each reads into and out of a source.
    private static var details: [(column: CSVColumn, get: (SourceDraft) -> String?)] { [
        (.sourceURL, \.url), (.sourcePublisher, \.publisher), (.sourcePublished, \.published),
        (.sourceExcerpt, \.excerpt), (.sourceQuote, \.quote), (.sourceRetrieved, \.retrieved),
    ] }

    /// The sources of a row; throws `CSVRowProblem` when the lists do not line up.
    static func read(fields: [String], header: CSVHeader) throws -> [SourceDraft] {
        let titleColumn = header.name(of: .sourceTitle)
        let titles = CSVListValue.split(header.value(.sourceTitle, in: fields))
        func lineUp(_ column: CSVColumn, broadcast: Bool) throws -> [String] {
            let values = CSVListValue.split(header.value(column, in: fields))
            if values.isEmpty { return Array(repeating: "", count: titles.count) }
            if values.count == titles.count { return values }
            if broadcast && values.count == 1 { return Array(repeating: values[0], count: titles.count) }
            if titles.isEmpty {
                throw CSVRowProblem("column '\(header.name(of: column))' is filled but '\(titleColumn)' is empty; give each source a title")
            }
            throw CSVRowProblem("column '\(header.name(of: column))' has \(values.count) entries for \(titles.count) in '\(titleColumn)'; "
                + "separate them with | in the same order as the titles, leaving an entry blank where there is none")
        }
        let kinds = try lineUp(.sourceKind, broadcast: true)
        let columns = try details.map { try lineUp($0.column, broadcast: false) }
        var sources: [SourceDraft] = []
        for (position, title) in titles.enumerated() {
            let values = columns.map { $0[position].csvOptional }
            guard !title.isEmpty else {
                if values.allSatisfy({ $0 == nil }) { continue }
                throw CSVRowProblem("column '\(titleColumn)': entry \(position + 1) is empty but that source has other details; give its title")
            }
            var source = SourceDraft(title: title, url: values[0], publisher: values[1], published: values[2],
                                     excerpt: values[3], quote: values[4], retrieved: values[5])
            if let kind = kinds[position].csvOptional {
                source.kind = try CSVRowProblem.checking(header.name(of: .sourceKind)) { try SourceKind.parse(kind, field: "source kind") }
            }
            if let published = source.published, (try? EDTFDate(published)) == nil {
                throw CSVRowProblem("column '\(header.name(of: .sourcePublished))': '\(published)' is not an EDTF date; write 2022-05-12, 2022-05 or 2022")
            }
            if let retrieved = source.retrieved, retrieved.count != 10 || ((try? CalendarDay(iso: retrieved))?.year ?? 0) < 1 {
                throw CSVRowProblem("column '\(header.name(of: .sourceRetrieved))': '\(retrieved)' is not a day; write the day the source was read as 2022-05-12")
            }
            sources.append(source)
        }
        return sources
    }

    /// The cells of the `source_*` columns for a letter's sources.
    static func cells(for sources: [SourceDraft]) -> [CSVColumn: String] {
        var cells: [CSVColumn: String] = [
            .sourceKind: CSVListValue.join(sources.map(\.kind.rawValue)),
            .sourceTitle: CSVListValue.join(sources.map(\.title)),
        ]
        for (column, get) in details {
            cells[column] = CSVListValue.join(sources.map { get($0) ?? "" })
        }
        return cells
    }
}
