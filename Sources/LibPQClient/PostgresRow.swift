import CLibPQ

/// One row of a result: each column's text (or NULL) and type OID.
///
/// Rows are plain Sendable values that outlive the connection and can be decoded on any task:
/// a result's rows share its cells (the PGresult libpq built, read-only, which they keep until
/// the last of them goes).
public struct PostgresRow: Sendable {
    // Usable from inlinable code: `decode` is inlined where it is called, so that each column's
    // type is known there instead of looked up at run time (a listing decodes 400 cells a page).
    @usableFromInline let cells: PostgresResultCells
    @usableFromInline let row: Int

    /// Column names in result order (shared by every row of a result).
    @inlinable public var columns: [String] { cells.columns }
    /// Column type OIDs in result order.
    @inlinable public var columnTypeOIDs: [UInt32] { cells.columnTypeOIDs }

    /// Assembles a row; `columns`, `columnTypeOIDs` and `values` (nil for NULL) must have equal length.
    public init(columns: [String], columnTypeOIDs: [UInt32], values: [String?]) {
        precondition(columns.count == values.count && columnTypeOIDs.count == values.count)
        var bytes: [UInt8] = []
        var spans: [PostgresResultCells.Span] = []
        for value in values {
            guard let value else { spans.append(.null); continue }
            spans.append(PostgresResultCells.Span(offset: bytes.count, length: value.utf8.count))
            bytes.append(contentsOf: value.utf8)
        }
        self.init(cells: PostgresResultCells(columns: columns, columnTypeOIDs: columnTypeOIDs, bytes: bytes, spans: spans), row: 0)
    }

    init(cells: PostgresResultCells, row: Int) {
        self.cells = cells
        self.row = row
    }

    /// Each column's text, nil for SQL NULL.
    public var values: [String?] {
        columns.indices.map { column in cells.withBytes(row: row, column: column) { $0.map { String(decoding: $0, as: UTF8.self) } } }
    }

    /// Decodes column `name` as T. Throws PostgresError(code: .unexpectedNull) when NULL and T is not
    /// Optional; .columnNotFound for an unknown name; .decoding when the text cannot be read as T.
    @inlinable
    public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try decode(column: index(of: name), as: type)
    }

    /// Decodes the column at `index` (0-based) as T, with the same errors as the by-name variant.
    @inlinable
    public func decode<T: PostgresDecodable>(column index: Int, as type: T.Type = T.self) throws -> T {
        guard columns.indices.contains(index) else { throw noColumn(at: index) }
        do {
            return try cells.withBytes(row: row, column: index) { bytes in
                guard let bytes else { return try T.decodeNull() }
                return try T(postgresBytes: bytes, typeOID: columnTypeOIDs[index])
            }
        } catch {
            throw decodingFailure(error, column: index, as: T.self)
        }
    }

    /// Calls `body` with the bytes of the column at `index` as the server sent them (nil for
    /// NULL), without copying: for writers that pass text on as it is (a listing's JSON).
    @inlinable
    public func withBytes<Result>(column index: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> Result) throws -> Result {
        guard columns.indices.contains(index) else { throw noColumn(at: index) }
        return try cells.withBytes(row: row, column: index, body)
    }

    /// True when column `name` is SQL NULL.
    public func isNull(_ name: String) throws -> Bool {
        cells.withBytes(row: row, column: try index(of: name)) { $0 == nil }
    }

    /// The raw text of column `name` (nil for NULL), as the server sent it.
    public func text(_ name: String) throws -> String? {
        cells.withBytes(row: row, column: try index(of: name)) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// The index of the first column called `name`.
    @inlinable
    public func index(of name: String) throws -> Int {
        guard let index = columns.firstIndex(of: name) else { throw noColumn(named: name) }
        return index
    }
}

/// The errors of `decode`, kept out of the inlined code.
extension PostgresRow {
    @usableFromInline
    func noColumn(at index: Int) -> PostgresError {
        PostgresError(code: .columnNotFound, message: "no column at index \(index); the row has \(columns.count) columns")
    }

    /// The error a conformance threw, with the column it was reading, which it does not know.
    @usableFromInline
    func decodingFailure(_ error: any Error, column index: Int, as type: Any.Type) -> PostgresError {
        let name = columns[index]
        if var error = error as? PostgresError {
            error.column = error.column ?? name
            error.message = "column \"\(name)\" (type OID \(columnTypeOIDs[index])) as \(type): \(error.message)"
            return error
        }
        return PostgresError(code: .decoding, message: "column \"\(name)\" (type OID \(columnTypeOIDs[index])) as \(type): \(error)",
                             column: name)
    }

    @usableFromInline
    func noColumn(named name: String) -> PostgresError {
        PostgresError(code: .columnNotFound, message: "no column named \"\(name)\"; the row has \(columns)", column: name)
    }
}

/// All rows of one statement, plus the affected-row count.
public struct PostgresQueryResult: Sendable, RandomAccessCollection {
    /// Column names in result order (empty for statements that return no rows).
    public let columns: [String]
    /// The rows in result order.
    public let rows: [PostgresRow]
    /// PQcmdTuples: rows inserted/updated/deleted/selected/copied, 0 when the command reports none.
    public let affectedRows: Int
    /// The command tag, e.g. "INSERT 0 1" or "SELECT 3".
    public let commandTag: String

    /// Assembles a result.
    public init(columns: [String], rows: [PostgresRow], affectedRows: Int, commandTag: String = "") {
        self.columns = columns
        self.rows = rows
        self.affectedRows = affectedRows
        self.commandTag = commandTag
    }

    /// Always 0.
    public var startIndex: Int { rows.startIndex }
    /// The row count.
    public var endIndex: Int { rows.endIndex }
    /// The row at `position`.
    public subscript(position: Int) -> PostgresRow { rows[position] }
}

/// The cells of one result, every row's: the PGresult libpq built, or (for rows assembled from
/// values) bytes of their own.
@usableFromInline
final class PostgresResultCells: @unchecked Sendable {
    // @unchecked: nothing here changes after init; libpq never changes a PGresult once built,
    // and reading one from several threads at once is safe (libpq's documentation).

    /// Where a cell's bytes are in `bytes`; a negative length is SQL NULL.
    @usableFromInline
    struct Span: Sendable {
        @usableFromInline var offset: Int
        @usableFromInline var length: Int

        static let null = Span(offset: 0, length: -1)
    }

    @usableFromInline let columns: [String]
    @usableFromInline let columnTypeOIDs: [UInt32]
    /// The PGresult the cells are read from, cleared with this object; nil for copied cells.
    private let result: OpaquePointer?
    @usableFromInline let bytes: [UInt8]
    @usableFromInline let spans: [Span]

    /// Takes `result` over: it is cleared when this goes.
    init(owning result: OpaquePointer) {
        let fieldCount = PQnfields(result)
        columns = (0..<fieldCount).map { String(cString: PQfname(result, $0)) }
        columnTypeOIDs = (0..<fieldCount).map { UInt32(PQftype(result, $0)) }
        self.result = result
        (bytes, spans) = ([], [])
    }

    init(columns: [String], columnTypeOIDs: [UInt32], bytes: [UInt8], spans: [Span]) {
        self.columns = columns
        self.columnTypeOIDs = columnTypeOIDs
        self.result = nil
        self.bytes = bytes
        self.spans = spans
    }

    deinit {
        if let result { PQclear(result) }
    }

    /// The cell's bytes (nil for NULL) for the duration of `body`.
    @inlinable
    func withBytes<R>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        // The bytes are the PGresult's, freed with this object: it must outlive `body`.
        if let cell = resultCell(row: row, column: column) { return try withExtendedLifetime(self) { try body(cell.bytes) } }
        let span = spans[row * columns.count + column]
        guard span.length >= 0 else { return try body(nil) }
        return try bytes.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[span.offset..<(span.offset + span.length)]))
        }
    }

    /// A cell of the PGresult: its bytes, nil for NULL, valid while this object lives.
    @usableFromInline
    struct ResultCell {
        @usableFromInline let bytes: UnsafeBufferPointer<UInt8>?
    }

    /// The cell at `row` and `column` of the PGresult, or nil for copied cells.
    @usableFromInline
    func resultCell(row: Int, column: Int) -> ResultCell? {
        guard let result else { return nil }
        // Rows and columns come from the result's own counts, which libpq keeps as C ints.
        var length: Int32 = 0
        guard let value = chancery_pq_cell(result, Int32(truncatingIfNeeded: row), Int32(truncatingIfNeeded: column), &length) else {
            return ResultCell(bytes: nil)
        }
        return ResultCell(bytes: UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: Int(length)))
    }
}
