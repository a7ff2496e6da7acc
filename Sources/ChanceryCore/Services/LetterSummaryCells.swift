import ChanceryModel
import ChanceryRendering
import EDTF
import Foundation
import LibPQClient

/// A listing's row (`LetterQueryRunner.summaryColumns`) as a letter summary's fields, written
/// from the bytes the database sent: the JSON of the `LetterSummary` that
/// `LetterQueryRunner.summaries(_:)` would make of the row, without making it. Building 50
/// summaries (four arrays and five strings each) and writing them cost the listing half of
/// its instructions (callgrind).
struct LetterSummaryCells: LetterSummaryFields {
    let row: PostgresRow
    let columns: LetterQueryRunner.SummaryColumns

    /// `{"items":[…],"nextCursor":…}` for the first `pageSize` rows, with `nextCursor()` when
    /// there are more.
    static func pageJSON(_ rows: [PostgresRow], pageSize: Int, nextCursor: () -> String) throws -> [UInt8] {
        let count = min(rows.count, pageSize)
        guard let first = rows.first else { return LetterSummary.pageJSON([], nextCursor: nil) }
        let columns = try LetterQueryRunner.SummaryColumns(first)
        return try LetterSummary.pageJSON(count: count, nextCursor: rows.count > pageSize ? nextCursor() : nil) { index, writer in
            try LetterSummaryCells(row: rows[index], columns: columns).writeSummaryJSON(to: &writer)
        }
    }

    func writeRef(to writer: inout CompactJSONWriter) throws {
        try text(columns.ref, to: &writer)
    }

    func writeKind(to writer: inout CompactJSONWriter) throws {
        try row.withBytes(column: columns.kind) { bytes in
            guard let bytes else { throw Self.null(in: row.columns[columns.kind]) }
            // One of the kinds as stored, passed on without a String; a kind this build does
            // not know reads as `other`, as in `summaries(_:)`.
            if Self.isKind(bytes) {
                writer.string(utf8: bytes)
            } else {
                writer.string(LetterKind.other.rawValue)
            }
        }
    }

    private static let kinds = LetterKind.allCases.map { Array($0.rawValue.utf8) }

    /// Whether `bytes` spell one of the kinds this build knows: compared by length first, then
    /// as memory (a generic `elementsEqual` cost 270 instructions a row).
    private static func isKind(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = bytes.baseAddress else { return false }
        return kinds.contains { kind in
            kind.count == bytes.count && kind.withUnsafeBufferPointer { memcmp($0.baseAddress!, start, kind.count) == 0 }
        }
    }

    func writeDate(to writer: inout CompactJSONWriter) throws {
        let edtf: String = try row.decode(column: columns.sent)
        guard StoredDateJSON.write(edtf: edtf, to: &writer) else {
            throw PostgresError(code: .decoding, message: "'\(edtf)' is not a stored EDTF date", column: "sent_edtf")
        }
    }

    func writeSubject(to writer: inout CompactJSONWriter) throws {
        try text(columns.subject, to: &writer)
    }

    func writeNames(_ names: LetterSummaryNames, to writer: inout CompactJSONWriter) throws {
        let column = switch names {
        case .from: columns.senders
        case .to: columns.recipients
        case .cc: columns.copied
        case .via: columns.transmitters
        }
        try row.withBytes(column: column) { bytes in
            guard let bytes else { throw Self.null(in: row.columns[column]) }
            // Empty, as most copied and conveying lists are.
            if bytes.count == 2, bytes[0] == UInt8(ascii: "{"), bytes[1] == UInt8(ascii: "}") { return writer.raw("[]") }
            writer.raw("[")
            var first = true
            let wellFormed = try PostgresArrayLiteral.forEachElement(utf8: bytes) { name in
                guard let name else { throw Self.null(in: row.columns[column]) }
                if !first { writer.raw(",") }
                first = false
                writer.string(utf8: name)
            }
            guard wellFormed else {
                throw PostgresError(code: .decoding, message: "not a one-dimensional array literal", column: row.columns[column])
            }
            writer.raw("]")
        }
    }

    private func text(_ column: Int, to writer: inout CompactJSONWriter) throws {
        try row.withBytes(column: column) { bytes in
            guard let bytes else { throw Self.null(in: row.columns[column]) }
            writer.string(utf8: bytes)
        }
    }

    private static func null(in column: String) -> PostgresError {
        PostgresError(code: .unexpectedNull, message: "column \"\(column)\" holds a NULL where a letter summary needs a value", column: column)
    }
}
