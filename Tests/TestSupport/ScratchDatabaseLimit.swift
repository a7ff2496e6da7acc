import Foundation

/// Bounds how many scratch databases exist at once. Swift Testing starts every async test at
/// the same time; each scratch database holds an admin connection and a pool (and HTTP tests a
/// service's pool), so a suite of hundreds of tests would otherwise exceed the test server's
/// max_connections and fail with "too many clients" on a slow machine.
actor ScratchDatabaseLimit {
    static let shared = ScratchDatabaseLimit(
        slots: Int(ProcessInfo.processInfo.environment["CHANCERY_TEST_DATABASES"] ?? "") ?? 24)

    /// Whether the current task already holds a slot: nested scratch databases must not wait for
    /// slots their own outer test is holding.
    @TaskLocal static var holdsSlot = false

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(slots: Int) { free = max(1, slots) }

    /// Runs `body` once a slot is free (at once when this task already holds one).
    nonisolated func withSlot<T>(_ body: () async throws -> T) async rethrows -> T {
        if Self.holdsSlot { return try await body() }
        await acquire()
        do {
            let value = try await Self.$holdsSlot.withValue(true) { try await body() }
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            // The slot passes straight to the longest waiter.
            waiting.removeFirst().resume()
        }
    }
}
