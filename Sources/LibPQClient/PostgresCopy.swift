import CLibPQ

extension PostgresConnection {
    /// COPY … FROM STDIN: `statement` is the COPY statement, which takes no parameters (one with
    /// interpolated values is refused with `.invalidParameter`); `data` yields chunks of COPY text.
    ///
    /// Chunks are gathered as UTF-8 bytes (never counted as Characters) and handed to the connection's
    /// queue in batches, so the sequence is iterated on the calling task and need not be Sendable.
    /// Every PQputCopyData/PQputCopyEnd return is checked. If the server rejects a row the whole COPY
    /// is rolled back by the server and this throws `.copyFailed` carrying the server's fields
    /// (sqlState, detail …). Returns the number of rows copied.
    @discardableResult
    public func copyFrom<S: Sequence>(_ statement: PostgresQuery, data: S) async throws -> Int where S.Element == String {
        let sql = try statement.parameterlessSQL(for: "COPY")
        try await withHandle(cancellable: true) { conn in
            let result = PQexec(conn, sql)
            guard let result else { throw LibPQ.missingResult(conn) }
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            if status == PGRES_COPY_IN { return }
            if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY {
                throw PostgresError(code: .copyFailed, message: "the statement is not a COPY … FROM STDIN")
            }
            if status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
                LibPQ.abandonCopy(conn, status: status)
                throw PostgresError(code: .copyFailed, message: "the statement is not a COPY … FROM STDIN")
            }
            throw LibPQ.serverError(result, conn: conn, code: .copyFailed)
        }

        let batchSize = 256 * 1024
        var buffer: [UInt8] = []
        buffer.reserveCapacity(batchSize)
        var interruption: (any Error)?
        do {
            for chunk in data {
                buffer.append(contentsOf: chunk.utf8)
                if buffer.count >= batchSize {
                    try Task.checkCancellation()
                    let batch = buffer
                    buffer.removeAll(keepingCapacity: true)
                    try await withHandle(cancellable: false) { conn in try Self.putCopyData(conn, batch) }
                }
            }
        } catch {
            interruption = error
        }

        let lastBatch = buffer
        let stopped = interruption
        return try await withHandle(cancellable: false) { conn in
            if let stopped {
                // Still in COPY mode (unless putCopyData already ended it): abort so the session stays usable.
                if PQtransactionStatus(conn) == PQTRANS_ACTIVE {
                    _ = PQputCopyEnd(conn, "COPY abandoned by the client")
                    LibPQ.drainResults(conn)
                }
                throw stopped
            }
            try Self.putCopyData(conn, lastBatch)
            return try Self.endCopy(conn)
        }
    }

    /// Sends bytes in pieces that fit PQputCopyData's Int32 length; on failure ends the COPY and throws.
    private static func putCopyData(_ conn: OpaquePointer, _ bytes: [UInt8]) throws {
        let pieceSize = 1 << 20
        try bytes.withUnsafeBufferPointer { all in
            var offset = 0
            while offset < all.count {
                let length = min(pieceSize, all.count - offset)
                let sent = all.baseAddress!.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: length) {
                    PQputCopyData(conn, $0, Int32(length))
                }
                guard sent == 1 else {
                    let message = LibPQ.errorMessage(conn)
                    _ = PQputCopyEnd(conn, "client failed to send COPY data")
                    LibPQ.drainResults(conn)
                    throw PostgresError(
                        code: PQstatus(conn) == CONNECTION_BAD ? .connectionClosed : .copyFailed,
                        message: "PQputCopyData failed: \(message)"
                    )
                }
                offset += length
            }
        }
    }

    /// Ends the data stream and reads the COPY's final result: the row count or the server's error.
    private static func endCopy(_ conn: OpaquePointer) throws -> Int {
        guard PQputCopyEnd(conn, nil) == 1 else {
            let message = LibPQ.errorMessage(conn)
            LibPQ.drainResults(conn)
            throw PostgresError(
                code: PQstatus(conn) == CONNECTION_BAD ? .connectionClosed : .copyFailed,
                message: "PQputCopyEnd failed: \(message)"
            )
        }
        var rows = 0
        var failure: PostgresError?
        var remaining = 10_000
        while remaining > 0, let result = PQgetResult(conn) {
            defer { PQclear(result) }
            remaining -= 1
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK:
                rows = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
            case PGRES_COPY_IN:
                // Cannot happen after a successful PQputCopyEnd; guard against looping forever anyway.
                _ = PQputCopyEnd(conn, "unexpected COPY state")
            default:
                if failure == nil { failure = LibPQ.serverError(result, conn: conn, code: .copyFailed) }
            }
        }
        if let failure { throw failure }
        return rows
    }
}
