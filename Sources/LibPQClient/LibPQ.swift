import CLibPQ
import Foundation

/// A PGconn pointer that may be handed to the connection's queue. libpq allows a PGconn to be used
/// from any thread as long as only one thread uses it at a time, which the serial queue guarantees.
struct PGConnHandle: @unchecked Sendable {
    let raw: OpaquePointer
}

/// A PGcancel object; PQcancel is documented as safe to call from any thread.
struct PGCancelHandle: @unchecked Sendable {
    let raw: OpaquePointer
}

/// The synchronous libpq plumbing shared by the connection's operations. Everything here runs on a
/// connection's own queue, never on the cooperative pool.
enum LibPQ {
    /// libpq's last error text for the connection, trimmed.
    static func errorMessage(_ conn: OpaquePointer) -> String {
        guard let text = PQerrorMessage(conn) else { return "unknown libpq error" }
        let message = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
        return message.isEmpty ? "unknown libpq error" : message
    }

    /// One diagnostic field of a result, nil when absent or empty.
    static func field(_ result: OpaquePointer, _ code: Unicode.Scalar) -> String? {
        guard let value = PQresultErrorField(result, Int32(UInt8(ascii: code))) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// The error a failed result describes, with all server fields. When the connection died along
    /// the way the code becomes .connectionClosed so callers (and the pool) can tell.
    static func serverError(_ result: OpaquePointer, conn: OpaquePointer, code: PostgresError.Code = .server) -> PostgresError {
        var message = field(result, "M")
        if message == nil, let text = PQresultErrorMessage(result) {
            let trimmed = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
            message = trimmed.isEmpty ? nil : trimmed
        }
        let connectionLost = PQstatus(conn) == CONNECTION_BAD
        return PostgresError(
            code: connectionLost && code == .server ? .connectionClosed : code,
            message: message ?? errorMessage(conn),
            sqlState: field(result, "C"),
            detail: field(result, "D"),
            hint: field(result, "H"),
            constraint: field(result, "n"),
            table: field(result, "t"),
            column: field(result, "c"),
            schema: field(result, "s"),
            dataType: field(result, "d"),
            severity: field(result, "V") ?? field(result, "S")
        )
    }

    /// The error for "libpq gave no result at all" (out of memory or the connection is gone).
    static func missingResult(_ conn: OpaquePointer) -> PostgresError {
        PostgresError(
            code: PQstatus(conn) == CONNECTION_BAD ? .connectionClosed : .protocolViolation,
            message: errorMessage(conn)
        )
    }

    /// Sends one statement with text-format parameters and explicit type OIDs.
    ///
    /// The parameter strings are strdup'ed so their addresses stay valid for the whole PQexecParams
    /// call (pointers from implicit Array-to-pointer conversions would dangle), and freed afterwards.
    static func execute(_ conn: OpaquePointer, _ sql: String, _ parameters: BoundParameters) throws -> PostgresQueryResult {
        do {
            return try withParameterValues(parameters) { values in
                try parameters.typeOIDs.withUnsafeBufferPointer { types in
                    try collect(PQexecParams(conn, sql, Int32(types.count), types.baseAddress, values, nil, nil, 0), conn: conn)
                }
            }
        } catch let error as PostgresError {
            throw error.redactingParameters(parameters.texts)
        }
    }

    /// Calls `body` with the parameters as C strings that stay valid for the whole call.
    static func withParameterValues<T>(_ parameters: BoundParameters,
                                       _ body: (UnsafePointer<UnsafePointer<CChar>?>?) throws -> T) throws -> T {
        let copies: [UnsafeMutablePointer<CChar>?] = parameters.texts.map { text in text.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        for (position, text) in parameters.texts.enumerated() where text != nil && copies[position] == nil {
            throw PostgresError(code: .invalidParameter, message: "out of memory copying parameter $\(position + 1)")
        }
        let values: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        return try values.withUnsafeBufferPointer { try body($0.baseAddress) }
    }

    /// Sends SQL through the simple query protocol (several statements allowed, no parameters).
    static func executeSimple(_ conn: OpaquePointer, _ sql: String) throws -> PostgresQueryResult {
        try collect(PQexec(conn, sql), conn: conn)
    }

    /// A successful result (its rows read from the PGresult, which they keep) or its error.
    static func collect(_ result: OpaquePointer?, conn: OpaquePointer) throws -> PostgresQueryResult {
        guard let result else { throw missingResult(conn) }
        let status = PQresultStatus(result)
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return read(owning: result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            PQclear(result)
            abandonCopy(conn, status: status)
            throw PostgresError(
                code: .protocolViolation,
                message: "COPY … FROM STDIN / TO STDOUT cannot run through query/execute/executeScript; use copyFrom"
            )
        default:
            defer { PQclear(result) }
            throw serverError(result, conn: conn)
        }
    }

    /// The rows of a successful result, which becomes theirs: it is cleared when the last of
    /// them goes. Cells are read where libpq put them rather than copied out first, since most
    /// are read once (a network of states' 150,000 cells, a listing's 400).
    static func read(owning result: OpaquePointer) -> PostgresQueryResult {
        let tag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        let affected = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        let rowCount = Int(PQntuples(result))
        guard rowCount > 0 else {
            let columns = (0..<PQnfields(result)).map { String(cString: PQfname(result, $0)) }
            PQclear(result)
            return PostgresQueryResult(columns: columns, rows: [], affectedRows: affected, commandTag: tag)
        }
        let cells = PostgresResultCells(owning: result)
        let rows = (0..<rowCount).map { PostgresRow(cells: cells, row: $0) }
        return PostgresQueryResult(columns: cells.columns, rows: rows, affectedRows: affected, commandTag: tag)
    }

    /// Gets the connection out of an unexpected COPY state so it can run the next statement.
    static func abandonCopy(_ conn: OpaquePointer, status: ExecStatusType) {
        if status == PGRES_COPY_IN {
            _ = PQputCopyEnd(conn, "COPY FROM STDIN is only supported through copyFrom")
        } else {
            var buffer: UnsafeMutablePointer<CChar>?
            while PQgetCopyData(conn, &buffer, 0) > 0 {
                PQfreemem(buffer)
                buffer = nil
            }
        }
        drainResults(conn)
    }

    /// Discards results until libpq reports none left, so the connection is ready for the next command.
    static func drainResults(_ conn: OpaquePointer) {
        var remaining = 10_000
        while remaining > 0, let result = PQgetResult(conn) {
            let status = PQresultStatus(result)
            PQclear(result)
            // A result still in COPY state would repeat forever; ending the copy breaks the cycle.
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
                if PQstatus(conn) == CONNECTION_BAD { return }
                _ = PQputCopyEnd(conn, "abandoned")
            }
            remaining -= 1
        }
    }
}

/// Parameters converted to text on the caller's side, so only Sendable strings cross to the queue.
struct BoundParameters: Sendable {
    var texts: [String?]
    var typeOIDs: [UInt32]

    init(_ parameters: [any PostgresEncodable]) throws {
        texts = []
        typeOIDs = []
        for (position, parameter) in parameters.enumerated() {
            let text = parameter.postgresText
            if let text, text.utf8.contains(0) {
                // A C string would silently stop at the NUL; PostgreSQL text cannot hold one anyway.
                throw PostgresError(
                    code: .invalidParameter,
                    message: "parameter $\(position + 1) contains a NUL byte, which PostgreSQL text cannot store"
                )
            }
            texts.append(text)
            typeOIDs.append(type(of: parameter).postgresTypeOID)
        }
    }
}
