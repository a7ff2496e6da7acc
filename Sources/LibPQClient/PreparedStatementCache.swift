import CLibPQ
import Foundation
import Synchronization

/// The statements a connection has prepared, by text and parameter types: a statement sent
/// again is only bound and executed, so the server does not parse and plan it anew (for the
/// listing queries, planning costs more than running). Bounded; past the bound, statements run
/// unnamed as before. Protocol-level prepared statements survive ROLLBACK, so the cache stays
/// valid across transactions; it is per session and dies with it.
final class PreparedStatementCache: Sendable {
    struct Key: Hashable {
        let sql: String
        let typeOIDs: [UInt32]

        /// The same bytes, not merely equal Strings: two texts Unicode calls equivalent (é, or e
        /// and a combining accent) are different statements to the server.
        static func == (lhs: Key, rhs: Key) -> Bool {
            guard lhs.typeOIDs == rhs.typeOIDs, lhs.sql.utf8.count == rhs.sql.utf8.count else { return false }
            var (left, right) = (lhs.sql, rhs.sql)
            return left.withUTF8 { a in right.withUTF8 { b in a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 } }
        }

        /// Hashes the text's length and its first and last 64 bytes, not all of it: a listing's
        /// statement is some 3,000 bytes, hashed for every run (12,000 instructions). Statements
        /// alike in those are told apart by `==`, which compares the whole text.
        func hash(into hasher: inout Hasher) {
            var text = sql
            text.withUTF8 { utf8 in
                hasher.combine(utf8.count)
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8.prefix(64))))
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8.suffix(64))))
            }
            hasher.combine(typeOIDs)
        }
    }

    private struct State {
        var names: [Key: String] = [:]
        /// Never reused, so a name forgotten here but still on the server cannot clash.
        var issued = 0
    }

    static let capacity = 256
    private let state = Mutex(State())

    /// The statement's name, and whether it must be prepared first; nil when the cache is full.
    func name(for key: Key) -> (name: String, mustPrepare: Bool)? {
        state.withLock { state in
            if let name = state.names[key] { return (name, false) }
            guard state.names.count < Self.capacity else { return nil }
            state.issued += 1
            return ("libpqclient_\(state.issued)", true)
        }
    }

    /// Records a statement the server accepted.
    func remember(_ key: Key, as name: String) {
        state.withLock { $0.names[key] = name }
    }

    /// Forgets every statement (the server no longer has them, or one went stale).
    func forgetAll() {
        state.withLock { $0.names.removeAll() }
    }
}

extension LibPQ {
    /// The server no longer has a prepared statement's name (a pooler, a DISCARD), or its cached
    /// plan no longer fits the tables: the connection's names must be forgotten.
    static func isStalePreparedStatement(_ error: PostgresError) -> Bool {
        error.sqlState == "26000" || (error.sqlState == "0A000" && error.message.contains("cached plan"))
    }

    /// Runs a statement through the connection's prepared statements: prepares it the first
    /// time (PQprepare), then only binds and executes it (PQexecPrepared). A statement whose
    /// cached plan no longer fits (a table changed under it) or that the server dropped (DISCARD
    /// ALL) is prepared again once.
    static func executePrepared(_ conn: OpaquePointer, _ sql: String, _ parameters: BoundParameters,
                                cache: PreparedStatementCache) throws -> PostgresQueryResult {
        let key = PreparedStatementCache.Key(sql: sql, typeOIDs: parameters.typeOIDs)
        guard let (name, mustPrepare) = cache.name(for: key) else { return try execute(conn, sql, parameters) }
        if mustPrepare {
            let prepared = parameters.typeOIDs.withUnsafeBufferPointer { types in
                PQprepare(conn, name, sql, Int32(types.count), types.baseAddress)
            }
            _ = try collect(prepared, conn: conn)
            cache.remember(key, as: name)
        }
        do {
            return try withParameterValues(parameters) { values in
                try collect(PQexecPrepared(conn, name, Int32(parameters.typeOIDs.count), values, nil, nil, 0), conn: conn)
            }
        } catch let error as PostgresError where isStalePreparedStatement(error) {
            // Server-side names are gone or stale: start afresh; this statement runs unnamed.
            // Inside a transaction the error has aborted it, and the caller sees that as usual.
            cache.forgetAll()
            if PQtransactionStatus(conn) == PQTRANS_INERROR { throw error.redactingParameters(parameters.texts) }
            _ = try? executeSimple(conn, "DEALLOCATE ALL")
            return try execute(conn, sql, parameters)
        } catch let error as PostgresError {
            throw error.redactingParameters(parameters.texts)
        }
    }
}
