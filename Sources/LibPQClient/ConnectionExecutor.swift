import Dispatch

/// The thread a connection's libpq calls run on, offered to Swift concurrency as a task executor.
///
/// The pool runs each leased connection's work with this executor preferred, so a task's code
/// between statements runs on the connection's thread too: a statement is then a plain call on
/// that thread instead of two hand-offs (to the connection's queue and back to the cooperative
/// pool), which on a small virtual machine cost more than a short query does. libpq still never
/// blocks a cooperative-pool thread, and code isolated to an actor still runs on its actor.
final class ConnectionExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: DispatchQueue is thread-safe; the key is immutable after init.
    let queue: DispatchQueue
    private let key = DispatchSpecificKey<ObjectIdentifier>()

    init(label: String) {
        queue = DispatchQueue(label: label)
        queue.setSpecific(key: key, value: ObjectIdentifier(queue))
    }

    /// Whether the caller is running on this executor's thread.
    var isCurrent: Bool {
        DispatchQueue.getSpecific(key: key) == ObjectIdentifier(queue)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
