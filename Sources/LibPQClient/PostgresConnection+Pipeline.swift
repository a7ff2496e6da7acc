import CLibPQ

extension PostgresConnection {
    /// Runs statements that do not need one another's results in one round trip (libpq's
    /// pipeline mode), each through the connection's prepared statements as `query` runs it, and
    /// returns their results in order. A letter's detail is seven such statements: one wait for
    /// the server instead of seven, each of which parked the connection's thread.
    ///
    /// Errors are those of running them one by one: the first failing statement's error is
    /// thrown and the statements after it do not run (inside a transaction, the failure aborts it
    /// as usual).
    public func pipeline(_ queries: [PostgresQuery]) async throws -> [PostgresQueryResult] {
        guard queries.count > 1, let cache = preparedStatements else {
            var results: [PostgresQueryResult] = []
            for query in queries { results.append(try await self.query(query)) }
            return results
        }
        let statements = try queries.map { query in
            LibPQ.PipelinedStatement(sql: query.sql, parameters: try BoundParameters(query.binds), prepared: !query.plansForEachValue)
        }
        if let observer = PostgresStatementLog.observer {
            for (position, statement) in statements.enumerated() {
                observer(PostgresStatement(sql: statement.sql, parameters: statement.parameters.texts,
                                           typeOIDs: statement.parameters.typeOIDs,
                                           opensPipeline: position == 0, closesPipeline: position == statements.count - 1))
            }
        }
        return try await withHandle(cancellable: true) { conn in
            try LibPQ.executePipeline(conn, statements, cache: cache)
        }
    }
}

extension LibPQ {
    struct PipelinedStatement: Sendable {
        var sql: String
        var parameters: BoundParameters
        /// False for a statement planned with its values each run (sent unnamed).
        var prepared: Bool
    }

    static func executePipeline(_ conn: OpaquePointer, _ statements: [PipelinedStatement],
                                cache: PreparedStatementCache) throws -> [PostgresQueryResult] {
        // Each statement's name, and whether this pipeline prepares it: in the pipeline, just
        // before its first run, so that errors come in the order running them one by one gives.
        var names: [(name: String, mustPrepare: Bool)?] = []
        var issued: [PreparedStatementCache.Key: String] = [:]
        for statement in statements {
            let key = PreparedStatementCache.Key(sql: statement.sql, typeOIDs: statement.parameters.typeOIDs)
            if let name = issued[key] {
                names.append((name, false))
                continue
            }
            guard statement.prepared, !statement.parameters.typeOIDs.isEmpty, let named = cache.name(for: key) else {
                names.append(nil)
                continue
            }
            if named.mustPrepare { issued[key] = named.name }
            names.append(named)
        }
        guard PQenterPipelineMode(conn) == 1 else { throw missingResult(conn) }
        var sent = 0
        var failure: (any Error)?
        for (statement, named) in zip(statements, names) {
            // A failure to send still leaves the pipeline to be closed below, never open.
            let accepted: Bool
            do {
                accepted = try withParameterValues(statement.parameters) { values in
                    statement.parameters.typeOIDs.withUnsafeBufferPointer { types in
                        guard let named else {
                            return PQsendQueryParams(conn, statement.sql, Int32(types.count), types.baseAddress, values, nil, nil, 0) == 1
                        }
                        if named.mustPrepare, PQsendPrepare(conn, named.name, statement.sql, Int32(types.count), types.baseAddress) != 1 {
                            return false
                        }
                        return PQsendQueryPrepared(conn, named.name, Int32(types.count), values, nil, nil, 0) == 1
                    }
                }
            } catch {
                failure = error
                break
            }
            guard accepted else {
                failure = missingResult(conn)
                break
            }
            sent += 1
        }
        let synced = PQpipelineSync(conn) == 1
        var results: [PostgresQueryResult] = []
        reading: for position in 0..<sent {
            let statement = statements[position]
            var steps = 1
            if let named = names[position], named.mustPrepare { steps = 2 }
            for step in 0..<steps {
                let result = PQgetResult(conn)
                if failure == nil {
                    do {
                        let read = try collect(result, conn: conn)
                        if step == steps - 1 {
                            results.append(read)
                        } else if let named = names[position] {
                            cache.remember(PreparedStatementCache.Key(sql: statement.sql, typeOIDs: statement.parameters.typeOIDs), as: named.name)
                        }
                    } catch let error as PostgresError {
                        failure = error.redactingParameters(statement.parameters.texts)
                    } catch {
                        failure = error
                    }
                } else if let result {
                    // Aborted by the failure before it (PGRES_PIPELINE_ABORTED).
                    PQclear(result)
                }
                if result == nil { break reading }
                // Each step's results end with a null.
                while let extra = PQgetResult(conn) { PQclear(extra) }
            }
        }
        if synced { drainToSync(conn) }
        if PQexitPipelineMode(conn) != 1, failure == nil { failure = missingResult(conn) }
        if let failure {
            if let error = failure as? PostgresError, isStalePreparedStatement(error) {
                // Server-side names are gone or stale: as `executePrepared` does, start afresh.
                cache.forgetAll()
                if PQtransactionStatus(conn) != PQTRANS_INERROR {
                    _ = try? executeSimple(conn, "DEALLOCATE ALL")
                    return try statements.map { try execute(conn, $0.sql, $0.parameters) }
                }
            }
            throw failure
        }
        return results
    }

    /// Reads up to the pipeline's synchronization point, so that the connection leaves pipeline
    /// mode with nothing pending whatever went wrong before it.
    private static func drainToSync(_ conn: OpaquePointer) {
        var nulls = 0
        while nulls < 2 {
            guard let result = PQgetResult(conn) else {
                nulls += 1
                continue
            }
            nulls = 0
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { return }
        }
    }
}
