/// The cluster's operations for async callers: each runs the blocking one on a thread of its
/// own (``BlockingWork``), never on the cooperative pool, as LibPQClient keeps libpq's calls on
/// its connections' threads.
extension EmbeddedCluster {
    /// ``ensureRunning()``, off the cooperative pool.
    @discardableResult
    public func ensureRunning() async throws -> String {
        try await BlockingWork.run("embedded-postgres start") { try self.ensureRunning() }
    }

    /// ``stop()``, off the cooperative pool.
    @discardableResult
    public func stop() async throws -> Bool {
        try await BlockingWork.run("embedded-postgres stop") { try self.stop() }
    }

    /// ``destroy()``, off the cooperative pool.
    @discardableResult
    public func destroy() async throws -> Bool {
        try await BlockingWork.run("embedded-postgres destroy") { try self.destroy() }
    }

    /// ``status()``, off the cooperative pool (it reads files and probes the server's process).
    public func status() async throws -> EmbeddedClusterStatus {
        try await BlockingWork.run("embedded-postgres status") { try self.status() }
    }
}
