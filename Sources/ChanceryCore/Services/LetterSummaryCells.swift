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
    /// The page's last date written, shared by the rows of one page.
    let lastDate: LastDate

    /// `{"items":[…],"nextCursor":…}` for the first `pageSize` rows, with `nextCursor()` when
    /// there are more.
    static func pageJSON(_ rows: [PostgresRow], pageSize: Int, nextCursor: () -> String) throws -> [UInt8] {
        let count = min(rows.count, pageSize)
        guard let first = rows.first else { return LetterSummary.pageJSON([], nextCursor: nil) }
        let columns = try LetterQueryRunner.SummaryColumns(first)
        let lastDate = LastDate()
        return try LetterSummary.pageJSON(count: count, nextCursor: rows.count > pageSize ? nextCursor() : nil) { index, writer in
            try LetterSummaryCells(row: rows[index], columns: columns, lastDate: lastDate).writeSummaryJSON(to: &writer)
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

    /// Whether `bytes` spell one of the kinds this build knows.
    private static func isKind(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        kinds.contains { sameBytes($0, bytes) }
    }

    /// Whether `known` and `bytes` hold the same bytes: compared by length first, then as memory
    /// (a generic `elementsEqual` cost 270 instructions a row).
    private static func sameBytes(_ known: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard known.count == bytes.count else { return false }
        guard let start = bytes.baseAddress, !known.isEmpty else { return known.isEmpty }
        return known.withUnsafeBufferPointer { memcmp($0.baseAddress!, start, known.count) == 0 }
    }

    func writeDate(to writer: inout CompactJSONWriter) throws {
        try row.withBytes(column: columns.sent) { bytes in
            guard let bytes else { throw Self.null(in: row.columns[columns.sent]) }
            // Listings go in date order: most letters share the date of the one before.
            if let json = lastDate.json(for: bytes) { return writer.repeatWritten(json) }
            let edtf = String(decoding: bytes, as: UTF8.self)
            let start = writer.written
            guard StoredDateJSON.write(edtf: edtf, to: &writer) else {
                throw PostgresError(code: .decoding, message: "'\(edtf)' is not a stored EDTF date", column: "sent_edtf")
            }
            lastDate.remember(bytes, json: start..<writer.written)
        }
    }

    /// The last date a page wrote: its stored EDTF and where its JSON is in the page.
    final class LastDate {
        // One page's writer uses it, on one thread: the run-time exclusivity checks of a class's
        // properties cost more here than what they guard (76 instructions an access).
        @exclusivity(unchecked) private var edtf: [UInt8] = []
        @exclusivity(unchecked) private var written: Range<Int>?

        /// Where the JSON of `edtf` is in the page, if it is the last date written.
        func json(for edtf: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
            guard let written, LetterSummaryCells.sameBytes(self.edtf, edtf) else { return nil }
            return written
        }

        func remember(_ edtf: UnsafeBufferPointer<UInt8>, json: Range<Int>) {
            self.edtf.removeAll(keepingCapacity: true)
            self.edtf.append(contentsOf: edtf)
            written = json
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
