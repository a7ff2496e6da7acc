/// Every failure this module reports: a stable `code` to branch on, plus the server's diagnostic
/// fields when PostgreSQL itself raised the error.
///
/// The description is built from server- and libpq-supplied text only; parameter values are never
/// copied into an error, so logging one cannot leak what was bound to a statement.
public struct PostgresError: Error, Sendable, CustomStringConvertible, Hashable {
    /// The kind of failure. A struct rather than an enum so new kinds can be added without breaking
    /// exhaustive `switch`es in client code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) { self.name = name }

        /// The server rejected a statement; `sqlState` says why.
        public static let server = Code("server")
        /// The connection could not be established.
        public static let connectionFailed = Code("connectionFailed")
        /// The connection was closed (by `close()`, a pool shutdown, or the server going away).
        public static let connectionClosed = Code("connectionClosed")
        /// A column was SQL NULL but the requested Swift type is not Optional.
        public static let unexpectedNull = Code("unexpectedNull")
        /// No column of the requested name or index exists in the row.
        public static let columnNotFound = Code("columnNotFound")
        /// A column's text could not be read as the requested Swift type.
        public static let decoding = Code("decoding")
        /// A parameter could not be sent (for example text containing a NUL byte).
        public static let invalidParameter = Code("invalidParameter")
        /// A COPY … FROM STDIN failed; server fields are filled in when the server rejected the data.
        public static let copyFailed = Code("copyFailed")
        /// BEGIN, COMMIT, ROLLBACK or a savepoint command failed, or the transaction was found aborted.
        public static let transactionFailed = Code("transactionFailed")
        /// The configuration could not be parsed by libpq.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// libpq returned something this module does not expect (no result, an unsupported COPY mode …).
        public static let protocolViolation = Code("protocolViolation")

        /// The code's name, e.g. "server".
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// The primary message (the server's `M` field, or a message of this module / libpq).
    public var message: String
    /// The five-character SQLSTATE (PG_DIAG_SQLSTATE), when the server sent one.
    public var sqlState: String?
    /// Secondary detail (PG_DIAG_MESSAGE_DETAIL).
    public var detail: String?
    /// Advice on fixing the problem (PG_DIAG_MESSAGE_HINT).
    public var hint: String?
    /// The violated constraint's name (PG_DIAG_CONSTRAINT_NAME).
    public var constraint: String?
    /// The table involved (PG_DIAG_TABLE_NAME).
    public var table: String?
    /// The column involved (PG_DIAG_COLUMN_NAME).
    public var column: String?
    /// The schema involved (PG_DIAG_SCHEMA_NAME).
    public var schema: String?
    /// The data type involved (PG_DIAG_DATATYPE_NAME).
    public var dataType: String?
    /// ERROR, FATAL, PANIC … in English regardless of lc_messages (PG_DIAG_SEVERITY_NONLOCALIZED).
    public var severity: String?
    /// For connection failures: what was tried, e.g. "socket /tmp/x/.s.PGSQL.5432" or "host db.example:5432".
    public var connectionTarget: String?

    /// Creates an error; server fields default to nil for errors raised by this module itself.
    public init(
        code: Code,
        message: String,
        sqlState: String? = nil,
        detail: String? = nil,
        hint: String? = nil,
        constraint: String? = nil,
        table: String? = nil,
        column: String? = nil,
        schema: String? = nil,
        dataType: String? = nil,
        severity: String? = nil,
        connectionTarget: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
        self.schema = schema
        self.dataType = dataType
        self.severity = severity
        self.connectionTarget = connectionTarget
    }

    /// One readable line, followed by DETAIL / HINT lines when the server supplied them.
    public var description: String {
        var line = "\(severity ?? "ERROR"): \(message)"
        var tags: [String] = []
        if let sqlState { tags.append("SQLSTATE \(sqlState)") }
        if let constraint { tags.append("constraint \(constraint)") }
        if code != .server { tags.append(code.description) }
        if !tags.isEmpty { line += " (\(tags.joined(separator: ", ")))" }
        if let detail, !detail.isEmpty { line += "\nDETAIL: \(detail)" }
        if let hint, !hint.isEmpty { line += "\nHINT: \(hint)" }
        return line
    }
}

extension PostgresError {
    /// SQLSTATE 23505: a UNIQUE or PRIMARY KEY constraint rejected the row.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// SQLSTATE 23503: a FOREIGN KEY constraint rejected the row.
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    /// SQLSTATE 23514: a CHECK constraint rejected the row.
    public var isCheckViolation: Bool { sqlState == "23514" }
    /// SQLSTATE 23502: a NOT NULL constraint rejected the row.
    public var isNotNullViolation: Bool { sqlState == "23502" }

    /// True when the connection itself is unusable (could not connect, was closed, or the server ended
    /// the session), i.e. retrying on a fresh connection may succeed.
    public var isConnectionError: Bool {
        if code == .connectionFailed || code == .connectionClosed { return true }
        guard let sqlState else { return false }
        // Class 08 = connection exception; 57P01..57P03 = administrator shutdown / crash / cannot connect now.
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }
}

extension PostgresError {
    static func closed(_ message: String = "the connection is closed") -> PostgresError {
        PostgresError(code: .connectionClosed, message: message)
    }

    static func decoding(_ message: String) -> PostgresError {
        PostgresError(code: .decoding, message: message)
    }
}
