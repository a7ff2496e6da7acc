import Foundation
import ChanceryModel

/// The formats Chancery reads and writes.
public enum InterchangeFormat: String, Sendable, CaseIterable, Codable {
    /// Chancery's own JSON Lines dataset: everything, losslessly.
    case jsonl
    /// One row per letter, in the spirit of CSV2CMI's columns.
    case csv
    /// The Correspondence Metadata Interchange Format (TEI).
    case cmif
    /// Full TEI correspDesc, keeping what CMIF cannot (export only; read as CMIF).
    case tei

    /// Parses a user-given format name.
    public static func parse(_ text: String, field: String = "format") throws -> InterchangeFormat {
        let folded = text.lowercased()
        if let format = InterchangeFormat(rawValue: folded) { return format }
        if ["json", "ndjson", "jsonlines"].contains(folded) { return .jsonl }
        if ["xml"].contains(folded) { return .cmif }
        throw ChanceryError.invalid(field, "unknown format '\(text)'", hint: "Use jsonl, csv, cmif or tei.")
    }

    /// Guesses a file's format from its first bytes: `<` is XML (CMIF/TEI), `{` is JSON Lines,
    /// anything else CSV.
    package static func detect(path: String) throws -> InterchangeFormat {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ChanceryError(.notFound, "cannot read '\(path)'", field: "file", hint: "Check the path and its permissions.")
        }
        defer { try? handle.close() }
        let head = handle.readData(ofLength: 4096)
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw ChanceryError.invalid("file", "'\(path)' is empty", hint: "Give a file with records in it.")
        }
        switch first {
        case UInt8(ascii: "<"): return .cmif
        case UInt8(ascii: "{"): return .jsonl
        default: return .csv
        }
    }

    /// The usual extension of a file in this format.
    public var fileExtension: String {
        switch self {
        case .jsonl: "jsonl"
        case .csv: "csv"
        case .cmif, .tei: "xml"
        }
    }

    /// The reader for a file in this format.
    package func reader(path: String, displayName: String) -> any RecordReader {
        switch self {
        case .jsonl: return JSONLinesReader(input: .file(path: path), displayName: displayName)
        case .csv: return CSVLetterReader(path: path, displayName: displayName)
        case .cmif, .tei: return CMIFReader(path: path, displayName: displayName)
        }
    }
}
