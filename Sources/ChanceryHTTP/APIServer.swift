import ChanceryCore
import Hummingbird
public import Logging
import ServiceLifecycle
import UnixSignals

/// Runs the API until SIGTERM or SIGINT, then stops accepting connections and lets requests
/// in flight finish before closing the database pool.
public struct APIServer: Sendable {
    let api: ChanceryAPI
    let logger: Logger

    /// Creates a server for `api`.
    public init(api: ChanceryAPI, logger: Logger) {
        self.api = api
        self.logger = logger
    }

    /// Serves until a termination signal; `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let application = api.application(logger: logger, onServerRunning: onListening)
        let forgetter = NetworkChangeForgetter(database: api.database, interval: .seconds(600), logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [application, forgetter], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        await api.database.close()
    }
}
