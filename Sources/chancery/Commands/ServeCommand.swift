import ArgumentParser
import ChanceryCore
import ChanceryHTTP
import Foundation
import Logging
import ChanceryModel

/// `chancery serve`: the JSON API over HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API (/v1, /openapi.json, /healthz, /readyz, /metrics) over HTTP.",
        discussion: """
            Every request but the probes needs `Authorization: Bearer <token>` (see `chancery token \
            create`); readers read, editors write, admins manage tokens. SIGTERM or SIGINT stops \
            accepting connections and lets requests in flight finish. Logs are JSON lines on \
            standard error.

            Example:
              chancery serve --port 8080
              chancery serve --host 0.0.0.0 --anonymous-reads --pool-size 16
              chancery serve --read-url postgresql://standby1/chancery \\
                  --read-url postgresql://standby2/chancery
            """
    )

    @Option(help: ArgumentHelp("Address to listen on.", valueName: "address"))
    var host = "127.0.0.1"
    @Option(help: ArgumentHelp("TCP port (0 picks a free one, printed at start).", valueName: "port"))
    var port = 8080
    @Option(name: .customLong("pool-size"), help: ArgumentHelp("Database connections at most (about twice the database server's CPUs serves best).",
                                                                         valueName: "n"))
    var poolSize = 8
    @Option(name: .customLong("statement-timeout"), help: ArgumentHelp("Longest a statement may run, in milliseconds (503 beyond).", valueName: "ms"))
    var statementTimeout = 5000
    @Option(name: .customLong("max-body-size"), help: ArgumentHelp("Largest request body, in bytes (413 beyond).", valueName: "bytes"))
    var maximumBodySize = 1 << 20
    @Option(name: .customLong("max-import-size"),
            help: ArgumentHelp("Largest file POST /v1/imports takes, in bytes (413 beyond); written to disk as it arrives.", valueName: "bytes"))
    var maximumImportSize = 64 << 20
    @Flag(name: .customLong("anonymous-reads"), help: "Let requests without a token or sign-in read the API and web pages (never write).")
    var anonymousReads = false
    @Option(name: .customLong("token-cache"), help: ArgumentHelp("Seconds a verified token is trusted before it is checked again.", valueName: "seconds"))
    var tokenCacheSeconds = 10.0
    @Option(name: .customLong("header-timeout"),
            help: ArgumentHelp("Seconds a request's line and headers may take before the connection is closed (0: no limit).", valueName: "seconds"))
    var headerTimeout = 60.0
    @Option(name: .customLong("body-timeout"),
            help: ArgumentHelp("Seconds a request body may take after its headers, plus one for every --body-min-rate bytes received (0: no limit).",
                               valueName: "seconds"))
    var bodyTimeout = 20.0
    @Option(name: .customLong("body-min-rate"),
            help: ArgumentHelp("Bytes a second a body must keep arriving at to earn more time.", valueName: "bytes"))
    var bodyMinimumRate = 1024
    @Option(name: .customLong("idle-timeout"),
            help: ArgumentHelp("Seconds a connection may stay idle before it is closed (0: no limit).", valueName: "seconds"))
    var idleTimeout = 75.0
    @Option(name: .customLong("read-url"),
            help: ArgumentHelp("A hot standby to serve reads (repeat for more; default: DATABASE_READ_URL, URLs separated by spaces).",
                               valueName: "url"))
    var readURLs: [String] = []
    @Option(name: .customLong("max-replica-lag"),
            help: ArgumentHelp("Seconds of replay lag beyond which a standby is skipped.", valueName: "seconds"))
    var maximumReplicaLag = 5.0
    @Option(name: .customLong("replica-wait"),
            help: ArgumentHelp("Milliseconds a read that must see a client's write waits for a standby before the primary serves it.",
                               valueName: "ms"))
    var replicaWait = 500
    @Option(name: .customLong("log-level"), help: ArgumentHelp("The least severe log lines written.", valueName: "level"))
    var logLevel: Logger.Level = .info

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535.") }
        if !(1...512).contains(poolSize) { throw ValidationError("--pool-size must be from 1 to 512.") }
        if statementTimeout < 1 { throw ValidationError("--statement-timeout must be at least 1 millisecond.") }
        if maximumBodySize < 1024 { throw ValidationError("--max-body-size must be at least 1024 bytes.") }
        if maximumImportSize < 1024 { throw ValidationError("--max-import-size must be at least 1024 bytes.") }
        if headerTimeout < 0 || !headerTimeout.isFinite { throw ValidationError("--header-timeout must be 0 or more seconds.") }
        if bodyTimeout < 0 || !bodyTimeout.isFinite { throw ValidationError("--body-timeout must be 0 or more seconds.") }
        if bodyMinimumRate < 1 { throw ValidationError("--body-min-rate must be at least 1 byte a second.") }
        if idleTimeout < 0 || !idleTimeout.isFinite { throw ValidationError("--idle-timeout must be 0 or more seconds.") }
        if maximumReplicaLag < 0 || !maximumReplicaLag.isFinite { throw ValidationError("--max-replica-lag must be 0 or more seconds.") }
        if !(0...60_000).contains(replicaWait) { throw ValidationError("--replica-wait must be from 0 to 60000 milliseconds.") }
    }

    func run() async throws {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = JSONLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "chancery")
        var settings = APIConfiguration()
        settings.host = host
        settings.port = port
        settings.maximumBodySize = maximumBodySize
        settings.maximumImportSize = maximumImportSize
        settings.allowsAnonymousReads = anonymousReads
        settings.tokenCacheSeconds = tokenCacheSeconds
        settings.headerTimeoutSeconds = headerTimeout
        settings.idleTimeoutSeconds = idleTimeout
        settings.bodyTimeoutSeconds = bodyTimeout
        settings.bodyMinimumBytesPerSecond = bodyMinimumRate
        try await CommandContext.reportingErrors {
            let location = DatabaseLocation.fromEnvironment()
            let replicas = try ReadReplicas(urls: readURLs.isEmpty ? ReadReplicas.urls() : readURLs,
                                            maximumLagSeconds: maximumReplicaLag, catchUpWaitMilliseconds: replicaWait)
            let database = try await ChanceryDatabase.connecting(
                to: location, changedBy: "serve", maximumConnections: poolSize, statementTimeout: statementTimeout, readReplicas: replicas)
            do {
                if location.isEmbedded { try await database.migrateWithReference() } else { try await database.requireCurrentSchema() }
            } catch let error as ChanceryError where error.kind == .databaseUnavailable {
                // Serve anyway: requests get 503 until the database is back, and then succeed.
                logger.warning("database unavailable at start; serving 503 until it returns", metadata: ["error": .string(error.message)])
            }
            let server = APIServer(api: ChanceryAPI(database: database, configuration: settings), logger: logger)
            let pages = settings.allowsAnonymousReads ? "web pages at /, open to read" : "web pages at /; sign in as a `chancery user add` account"
            try await server.run { port in
                logger.info("listening", metadata: ["host": .string(host), "port": .stringConvertible(port)])
                // Written unbuffered: scripts wait for this line to learn the port.
                FileHandle.standardOutput.write(Data("chancery: serving http://\(host):\(port)/v1 (OpenAPI at /openapi.json; \(pages))\n".utf8))
            }
        }
    }
}
