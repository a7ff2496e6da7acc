import Foundation
import LibPQClient
import Testing
import TestSupport

@Suite struct ConnectionTests {
    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    @Test func connectsWithKeywordConninfo() async throws {
        try await TestDatabase.withScratchDatabase { configuration async throws in
            let database = try #require(configuration.parsedOptions().first { $0.keyword == "dbname" }?.value)
            var parts = ["dbname=\(database)"]
            if let host = environment["PGHOST"] { parts.append("host=\(host)") }
            if let port = environment["PGPORT"] { parts.append("port=\(port)") }
            if let user = environment["PGUSER"] { parts.append("user=\(user)") }
            let connection = try await PostgresConnection.connect(PostgresConfiguration(conninfo: parts.joined(separator: " ")))
            defer { connection.close() }
            let row = try #require(try await connection.query("select current_database() as db").first)
            #expect(try row.decode("db", as: String.self) == database)
        }
    }

    @Test func connectsWithURL() async throws {
        let host = try #require(environment["PGHOST"], "the test server exports PGHOST")
        let port = environment["PGPORT"] ?? "5432"
        let user = environment["PGUSER"] ?? "postgres"
        try await TestDatabase.withScratchDatabase { configuration async throws in
            let database = try #require(configuration.parsedOptions().first { $0.keyword == "dbname" }?.value)
            let encodedHost = try #require(host.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let url = PostgresConfiguration(conninfo: "postgresql://\(user)@/postgres?host=\(encodedHost)&port=\(port)")
            // withDatabase must rewrite the URL's path, not append a second dbname.
            let connection = try await PostgresConnection.connect(try url.withDatabase(database))
            defer { connection.close() }
            let row = try #require(try await connection.query("select current_database() as db").first)
            #expect(try row.decode("db", as: String.self) == database)

            let plain = try await PostgresConnection.connect(url)
            defer { plain.close() }
            #expect(try await plain.scalar("select current_database() as db", as: String.self) == "postgres")
        }
    }

    @Test func connectionFailureNamesTheSocket() async throws {
        let directory = "/nonexistent/chancery-\(UUID().uuidString)"
        let error = await #expect(throws: PostgresError.self) {
            _ = try await PostgresConnection.connect(PostgresConfiguration(conninfo: "host=\(directory) port=5439 dbname=x"))
        }
        let failure = try #require(error)
        #expect(failure.code == .connectionFailed)
        #expect(failure.isConnectionError)
        #expect(failure.connectionTarget == "socket \(directory)/.s.PGSQL.5439")
        #expect(failure.description.contains("socket \(directory)/.s.PGSQL.5439"))
    }

    @Test func connectionFailureNamesTheHost() async throws {
        let error = await #expect(throws: PostgresError.self) {
            _ = try await PostgresConnection.connect(PostgresConfiguration(conninfo: "host=127.0.0.1 port=1 dbname=x connect_timeout=2"))
        }
        #expect(error?.connectionTarget == "host 127.0.0.1:1")
    }

    @Test func malformedConninfoIsAConfigurationError() async throws {
        let error = await #expect(throws: PostgresError.self) {
            _ = try await PostgresConnection.connect(PostgresConfiguration(conninfo: "nonsense_option=1"))
        }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test func configurationFromEnvironment() throws {
        #expect(PostgresConfiguration.fromEnvironment(["DATABASE_URL": "postgres://u@h/db"]).conninfo == "postgres://u@h/db")
        #expect(PostgresConfiguration.fromEnvironment(["DATABASE_URL": "", "PGHOST": "/tmp"]).conninfo == "")
        #expect(PostgresConfiguration.fromEnvironment([:]).conninfo == "")
        let rebuilt = try PostgresConfiguration(conninfo: "host=/tmp/it's dbname=old").withDatabase("new db")
        let options = try rebuilt.parsedOptions()
        #expect(options.first { $0.keyword == "host" }?.value == "/tmp/it's")
        #expect(options.first { $0.keyword == "dbname" }?.value == "new db")
        let fromURL = try PostgresConfiguration(conninfo: "postgresql://u@example.org:6543/old?sslmode=disable").withDatabase("new")
        let urlOptions = try fromURL.parsedOptions()
        #expect(urlOptions.first { $0.keyword == "dbname" }?.value == "new")
        #expect(urlOptions.first { $0.keyword == "port" }?.value == "6543")
        #expect(urlOptions.first { $0.keyword == "sslmode" }?.value == "disable")
    }

    @Test func sessionSettingsArePinned() async throws {
        try await TestDatabase.withScratchConnection { connection async throws in
            let row = try #require(try await connection.query(
                "select current_setting('DateStyle') as ds, current_setting('TimeZone') as tz, current_setting('client_encoding') as enc"
            ).first)
            #expect(try row.decode("ds", as: String.self) == "ISO, MDY")
            #expect(try row.decode("tz", as: String.self) == "UTC")
            #expect(try row.decode("enc", as: String.self) == "UTF8")
        }
    }

    @Test func closeIsIdempotentAndLaterCallsFail() async throws {
        try await TestDatabase.withScratchConnection { connection async throws in
            #expect(!connection.isClosed)
            connection.close()
            connection.close()
            #expect(connection.isClosed)
            let error = await #expect(throws: PostgresError.self) { try await connection.execute("select 1") }
            #expect(error?.code == .connectionClosed)
            #expect(error?.isConnectionError == true)
        }
    }

    @Test func serverSideTerminationMarksTheConnectionClosed() async throws {
        try await TestDatabase.withScratchDatabase { configuration async throws in
            let victim = try await PostgresConnection.connect(configuration)
            let killer = try await PostgresConnection.connect(configuration)
            defer { victim.close(); killer.close() }
            try await killer.execute("select pg_terminate_backend(\(Int32(victim.backendPID)))")
            let error = await #expect(throws: PostgresError.self) { try await victim.execute("select 1") }
            #expect(error?.isConnectionError == true)
            #expect(victim.isClosed)
        }
    }

    @Test func escapeIdentifierQuotesHostileNames() async throws {
        try await TestDatabase.withScratchConnection { connection async throws in
            let name = #"letters"; DROP TABLE x; --"#
            let quoted = try connection.escapeIdentifier(name)
            #expect(quoted == #""letters""; DROP TABLE x; --""#)
            try await connection.execute("create table \(unescaped: quoted) (id int)")
            let row = try #require(try await connection.query(
                "select count(*) as n from pg_tables where tablename = \(name)"
            ).first)
            #expect(try row.decode("n", as: Int.self) == 1)
        }
    }

    @Test func executeReturnsAffectedRowsAndScriptsRunSeveralStatements() async throws {
        try await TestDatabase.withScratchConnection { connection async throws in
            try await connection.executeScript("""
                create table t (id int);
                insert into t values (1), (2), (3);
                """)
            #expect(try await connection.execute("update t set id = id + 1 where id > \(1)") == 2)
            #expect(try await connection.execute("create index on t (id)") == 0)
            let result = try await connection.query("select id from t order by id")
            #expect(result.count == 3)
            #expect(result.affectedRows == 3)
            #expect(result.columns == ["id"])
            #expect(try result.map { try $0.decode("id", as: Int.self) } == [1, 3, 4])
        }
    }

    @Test func cancellingATaskCancelsTheRunningStatement() async throws {
        try await TestDatabase.withScratchConnection { connection async throws in
            let clock = ContinuousClock()
            let start = clock.now
            let task = Task { try await connection.execute("select pg_sleep(30)") }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            let result = await task.result
            #expect(clock.now - start < .seconds(10))
            guard case let .failure(error) = result else {
                Issue.record("the statement should have been cancelled")
                return
            }
            let postgresError = error as? PostgresError
            #expect(postgresError?.sqlState == "57014" || error is CancellationError)
            // The session survives a cancelled statement.
            #expect(try await connection.scalar("select 1 as one", as: Int.self) == 1)
        }
    }
}
