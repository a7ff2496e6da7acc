import ChanceryCore
import Logging
import ServiceLifecycle

/// Forgets, every few minutes, the changes to networks that every session can see: one row per
/// writing transaction would otherwise pile up in `network_change` for a service that is written
/// to only through the API (an import forgets them after its commit).
struct NetworkChangeForgetter: Service {
    let database: ChanceryDatabase
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                    try await NetworkService(database: database).forgetSeenChanges()
                } catch is CancellationError {
                    return
                } catch {
                    // The next round tries again; networks stay exact whatever is left.
                    logger.warning("could not forget seen network changes", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
