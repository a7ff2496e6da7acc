import Foundation

/// Bounds how many scratch databases exist at once. Swift Testing starts every async test at
/// the same time; each scratch database holds an admin connection and a pool (and HTTP tests a
/// service's pool), so a suite of hundreds of tests would otherwise exceed the test server's
/// max_connections and fail with "too many clients" on a slow machine.
actor ScratchDatabaseLimit {
    static let shared = ScratchDatabaseLimit(
        slots: Int(ProcessInfo.processInfo.environment["CHANCERY_TEST_DATABASES"] ?? "") ?? 24)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(slots: Int) { free = max(1, slots) }

    /// Runs `body` once a slot is free. Tests never nest scratch databases, so a test waits for
    /// slots only other tests hold. (A @TaskLocal flag to allow nesting crashed the Swift 6.3.1
    /// runtime on Linux, as it did in LibPQClient's statement log.)
    nonisolated func withSlot<T>(_ body: () async throws -> T) async rethrows -> T {
        await acquire()
        do {
            let value = try await body()
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
