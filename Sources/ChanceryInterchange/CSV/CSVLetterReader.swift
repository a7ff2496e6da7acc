import Foundation
import ChanceryModel

/// Reads letters from a CSV file, one letter a row, under a header row naming the columns
/// (docs/interchange-csv.md; CSV2CMI's column names are accepted too).
///
/// Each valid row becomes the actor records it introduces (once per file) and then its letter;
/// a row that cannot be a letter becomes a `RejectedRecord` naming the column at fault, and the
/// rows after it are still read.
package struct CSVLetterReader: RecordReader {
    /// Every record of the format is a letter.
    package func unreadableRecord(_ raw: String) -> (type: String, ref: String?) { ("letter", nil) }

    let source: ReaderSource
    let displayName: String

    /// Reads `path`; locations and messages name it `displayName`.
    init(path: String, displayName: String) {
        self.init(source: .file(path: path), displayName: displayName)
    }

    /// Reads `source`, a file or bytes in memory; locations and messages name it `displayName`.
    package init(source: ReaderSource, displayName: String) {
        self.source = source
        self.displayName = displayName
    }

    package func read(_ emit: (ReaderOutput) throws -> Void) throws {
        var header: CSVHeader?
        var file = FileState(title: (displayName as NSString).lastPathComponent)
        try CSVParser(source: source).forEachRecord { record in
            let location = RecordLocation(file: displayName, line: record.line)
            if let header {
                for output in outputs(for: record, at: location, header: header, file: &file) { try emit(output) }
            } else {
                let mapped = try CSVHeader(fields: record.fields, location: location)
                header = mapped
                for warning in Self.headerWarnings(mapped) {
                    try emit(.warning(ImportWarning(location: location, message: warning)))
                }
            }
            return true
        }
        guard header != nil else {
            throw ChanceryError(.invalidInput, "\(displayName) is empty: a letters CSV file starts with a header row",
                                field: "file", hint: "Put the column names in the first row, e.g. ref,date,sender,recipient,subject.")
        }
    }

    /// What the reader remembers across the rows of one file.
    private struct FileState {
        /// The file's name, the provenance of rows identified by `key` or content.
        let title: String
        /// Actors already announced, so each is announced once.
        var announced = Set<String>()
        var rowKeys = CSVRowKeys()
    }

    /// A data row's outputs: warnings, new actors and the letter; or its rejection.
    private func outputs(for record: CSVRecord, at location: RecordLocation, header: CSVHeader, file: inout FileState) -> [ReaderOutput] {
        func rejected(_ reason: String) -> [ReaderOutput] {
            [.invalid(RejectedRecord(location: location, reason: reason, raw: record.raw,
                                     names: [header.value(.ref, in: record.fields), header.value(.key, in: record.fields)]))]
        }
        if record.isUnterminated {
            return rejected("a quoted value starting in this row never ends: the file ends before its closing \"; "
                + "close the quote (write \"\" for a quote inside a quoted value)")
        }
        let blank = { (field: String) in field.trimmingCharacters(in: .whitespaces).isEmpty }
        // Spreadsheets leave rows of empty cells after the data; they are no records.
        if record.fields.allSatisfy(blank) { return [] }
        if let extra = record.fields.dropFirst(header.columns.count).first(where: { !blank($0) }) {
            return rejected("the row has \(record.fields.count) values but the header has \(header.columns.count) columns "
                + "(extra value '\(extra)'); put values that contain the delimiter in double quotes")
        }
        var row: CSVLetterRow
        do {
            row = try CSVLetterRow(fields: record.fields, header: header, fileTitle: file.title)
        } catch {
            return rejected((error as? CSVRowProblem)?.reason ?? String(describing: error))
        }
        if row.letter.ref == nil && row.letter.key == nil {
            row.letter.key = file.rowKeys.key(for: record.fields, header: header)
            row.letter.provenance = SourceDraft(kind: .archive, title: file.title)
        }
        var outputs = row.warnings.map { ReaderOutput.warning(ImportWarning(location: location, message: $0)) }
        for actor in row.actors where file.announced.insert(Self.identity(actor)).inserted {
            outputs.append(.item(ImportItem(location: location, record: .actor(actor.draft, key: actor.key), raw: record.raw)))
        }
        outputs.append(.item(ImportItem(location: location, record: .letter(row.letter), raw: record.raw)))
        return outputs
    }

    /// The header row, so that a rejects file is itself a CSV file to fix and import again.
    package var rejectsPrologue: String {
        var prologue = ""
        try? CSVParser(source: source).forEachRecord { record in
            prologue = record.raw + "\n"
            return false
        }
        return prologue
    }

    package var rejectsEpilogue: String { "" }

    /// How actor records are told apart within a file: by key, else by kind and name.
    private static func identity(_ actor: (draft: ActorDraft, key: String?)) -> String {
        actor.key.map { "key\u{1F}" + $0 } ?? "name\u{1F}\(actor.draft.kind.rawValue)\u{1F}\(actor.draft.name.lowercased())"
    }

    private static func headerWarnings(_ header: CSVHeader) -> [String] {
        var warnings: [String] = []
        if !header.unknown.isEmpty {
            let names = header.unknown.map { "'" + $0 + "'" }.joined(separator: ", ")
            warnings.append("unknown column\(header.unknown.count == 1 ? "" : "s") \(names) ignored; "
                + "the columns are listed in docs/interchange-csv.md")
        }
        if !header.has(.subject) {
            warnings.append("no subject column: each letter's subject is composed from its kind, senders and recipients "
                + "(\"Letter from … to …\")")
        }
        return warnings
    }
}
