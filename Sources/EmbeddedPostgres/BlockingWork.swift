import Foundation

/// Runs blocking work (`waitpid`, `flock`, reads from a child's pipe) on a thread of its own and
/// resumes the awaiting task with its result.
///
/// Swift's cooperative pool has one thread per core; a call that blocks one of them for the
/// seconds `initdb` or a lock held by another process takes stalls every task scheduled behind
/// it (on a two-core server, half the service). Starting a cluster is rare, so a fresh thread per
/// call costs nothing that matters and can never be starved by other blocking work, as a shared
/// queue's limited threads could.
enum BlockingWork {
    static func run<T: Sendable>(_ name: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.name = name
            thread.start()
        }
    }
}
