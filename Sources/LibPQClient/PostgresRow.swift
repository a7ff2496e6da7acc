/// One row of a result, holding each column's text (nil for NULL) and type OID.
///
/// Rows are fully copied out of libpq's PGresult, so they are plain Sendable values that outlive
/// the connection and can be decoded on any task.
public struct PostgresRow: Sendable {
    /// Column names in result order (shared by every row of a result).
    public let columns: [String]
    /// Column type OIDs in result order.
    public let columnTypeOIDs: [UInt32]
    /// Each column's text, nil for SQL NULL.
    public let values: [String?]

    /// Assembles a row; `columns`, `columnTypeOIDs` and `values` must have equal length.
    public init(columns: [String], columnTypeOIDs: [UInt32], values: [String?]) {
        precondition(columns.count == values.count && columnTypeOIDs.count == values.count)
        self.columns = columns
        self.columnTypeOIDs = columnTypeOIDs
        self.values = values
    }

    /// Decodes column `name` as T. Throws PostgresError(code: .unexpectedNull) when NULL and T is not
    /// Optional; .columnNotFound for an unknown name; .decoding when the text cannot be read as T.
    public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try decode(column: index(of: name), as: type)
    }

    /// Decodes the column at `index` (0-based) as T, with the same errors as the by-name variant.
    public func decode<T: PostgresDecodable>(column index: Int, as type: T.Type = T.self) throws -> T {
        guard values.indices.contains(index) else {
            throw PostgresError(
                code: .columnNotFound,
                message: "no column at index \(index); the row has \(values.count) columns"
            )
        }
        let name = columns[index]
        do {
            guard let text = values[index] else { return try T.decodeNull() }
            return try T(postgresText: text, typeOID: columnTypeOIDs[index])
        } catch var error as PostgresError {
            // The conformances do not know which column they were reading; add it so the error is actionable.
            error.column = error.column ?? name
            error.message = "column \"\(name)\" (type OID \(columnTypeOIDs[index])) as \(T.self): \(error.message)"
            throw error
        } catch {
            throw PostgresError(
                code: .decoding,
                message: "column \"\(name)\" (type OID \(columnTypeOIDs[index])) as \(T.self): \(error)",
                column: name
            )
        }
    }

    /// True when column `name` is SQL NULL.
    public func isNull(_ name: String) throws -> Bool {
        values[try index(of: name)] == nil
    }

    /// The raw text of column `name` (nil for NULL), as the server sent it.
    public func text(_ name: String) throws -> String? {
        values[try index(of: name)]
    }

    /// The index of the first column called `name`.
    public func index(of name: String) throws -> Int {
        guard let index = columns.firstIndex(of: name) else {
            throw PostgresError(
                code: .columnNotFound,
                message: "no column named \"\(name)\"; the row has \(columns)",
                column: name
            )
        }
        return index
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
