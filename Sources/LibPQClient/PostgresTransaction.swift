import CLibPQ

extension PostgresConnection {
    /// BEGIN … COMMIT; rolls back on any thrown error and rethrows it; nested calls use SAVEPOINTs
    /// (released on success, rolled back to on error).
    ///
    /// Failures of the transaction machinery itself are reported as `.transactionFailed` (keeping the
    /// server's SQLSTATE and fields), distinct from errors the body throws. If the body swallowed a
    /// server error, the transaction is already aborted: it is rolled back and `.transactionFailed`
    /// is thrown instead of pretending to commit.
    @discardableResult
    public func withTransaction<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let depth = state.withLock { $0.transactionDepth }
        // Savepoint names are generated from the depth only, never from caller input.
        let savepoint: String? = depth == 0 ? nil : "libpqclient_savepoint_\(depth)"
        try await begin(savepoint: savepoint)
        state.withLock { $0.transactionDepth = depth + 1 }

        let value: T
        do {
            value = try await body(self)
        } catch {
            state.withLock { $0.transactionDepth = depth }
            try await rollBack(savepoint: savepoint, after: error)
            throw error
        }
        state.withLock { $0.transactionDepth = depth }
        try await commit(savepoint: savepoint)
        return value
    }

    /// The nesting depth of `withTransaction` calls currently running on this connection (0 = none).
    public var transactionDepth: Int {
        state.withLock { $0.transactionDepth }
    }

    private func begin(savepoint: String?) async throws {
        let sql = savepoint.map { "SAVEPOINT \($0)" } ?? "BEGIN"
        try await withHandle(cancellable: false) { conn in
            do {
                _ = try LibPQ.executeSimple(conn, sql)
            } catch let error as PostgresError {
                throw Self.transactionError("\(sql) failed", underlying: error)
            }
        }
    }

    private func commit(savepoint: String?) async throws {
        try await withHandle(cancellable: false) { conn in
            let rollbackSQL = savepoint.map { "ROLLBACK TO SAVEPOINT \($0); RELEASE SAVEPOINT \($0)" } ?? "ROLLBACK"
            switch PQtransactionStatus(conn) {
            case PQTRANS_INTRANS:
                break
            case PQTRANS_INERROR:
                // COMMIT of an aborted transaction "succeeds" with tag ROLLBACK: catch that case explicitly.
                _ = try? LibPQ.executeSimple(conn, rollbackSQL)
                throw PostgresError(
                    code: .transactionFailed,
                    message: "the transaction was aborted by an error the body caught; it has been rolled back"
                )
            case PQTRANS_IDLE:
                throw PostgresError(
                    code: .transactionFailed,
                    message: "no transaction was open at commit time: the body ended it with COMMIT or ROLLBACK"
                )
            default:
                throw PostgresError(code: .connectionClosed, message: "transaction state unknown at commit: \(LibPQ.errorMessage(conn))")
            }
            let sql = savepoint.map { "RELEASE SAVEPOINT \($0)" } ?? "COMMIT"
            let result: PostgresQueryResult
            do {
                result = try LibPQ.executeSimple(conn, sql)
            } catch let error as PostgresError {
                // A failed COMMIT (e.g. a deferred constraint) has already rolled back; a failed RELEASE has not.
                if savepoint != nil { _ = try? LibPQ.executeSimple(conn, rollbackSQL) }
                throw Self.transactionError("\(sql) failed", underlying: error)
            }
            if result.commandTag == "ROLLBACK" {
                throw PostgresError(code: .transactionFailed, message: "COMMIT rolled back the transaction")
            }
        }
    }

    private func rollBack(savepoint: String?, after bodyError: any Error) async throws {
        let sql = savepoint.map { "ROLLBACK TO SAVEPOINT \($0); RELEASE SAVEPOINT \($0)" } ?? "ROLLBACK"
        do {
            try await withHandle(cancellable: false) { conn in
                _ = try LibPQ.executeSimple(conn, sql)
            }
        } catch let error as PostgresError {
            var failure = Self.transactionError("\(sql) failed", underlying: error)
            failure.detail = [failure.detail, "rolling back because the body threw: \(bodyError)"]
                .compactMap { $0 }
                .joined(separator: "\n")
            throw failure
        }
    }

    private static func transactionError(_ what: String, underlying: PostgresError) -> PostgresError {
        var error = underlying
        error.code = underlying.code == .connectionClosed ? .connectionClosed : .transactionFailed
        error.message = "\(what): \(underlying.message)"
        return error
    }
}
