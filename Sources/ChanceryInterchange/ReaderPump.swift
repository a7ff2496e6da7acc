import Foundation

/// Runs a reader on its own thread and hands its output to an async consumer in batches, with
/// a bounded queue between them: parsing overlaps with COPY, and a slow database makes the
/// reader wait instead of filling memory.
package final class ReaderPump: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [ReaderOutput] = []
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?
    private var waiting: CheckedContinuation<Void, Never>?
    private let capacity: Int

    /// Starts reading at once; `makeReader` runs on the reader's thread.
    package init(capacity: Int = 8192, makeReader: @escaping @Sendable () -> any RecordReader) {
        self.capacity = capacity
        let thread = Thread { [self] in
            do {
                try makeReader().read { output in try self.put(output) }
                self.finish(nil)
            } catch {
                self.finish(error)
            }
        }
        thread.name = "chancery-import-reader"
        thread.start()
    }

    private func put(_ output: ReaderOutput) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw CancellationError() }
        queue.append(output)
        if queue.count >= 256 { wakeConsumer() }
    }

    private func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        if !(error is CancellationError) { failure = error }
        wakeConsumer()
        condition.unlock()
    }

    private func wakeConsumer() {
        waiting?.resume()
        waiting = nil
    }

    /// The next batch in file order, nil when the reader is done; rethrows what stopped it.
    package func nextBatch() async throws -> [ReaderOutput]? {
        while true {
            switch take() {
            case .batch(let batch): return batch
            case .done(let error?): throw error
            case .done(nil): return nil
            case .empty:
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in park(continuation) }
            }
        }
    }

    private enum Taken {
        case batch([ReaderOutput])
        case done((any Error)?)
        case empty
    }

    private func take() -> Taken {
        condition.lock()
        defer { condition.unlock() }
        if !queue.isEmpty {
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            condition.broadcast()
            return .batch(batch)
        }
        return finished ? .done(failure) : .empty
    }

    private func park(_ continuation: CheckedContinuation<Void, Never>) {
        condition.lock()
        defer { condition.unlock() }
        if !queue.isEmpty || finished || cancelled {
            continuation.resume()
        } else {
            waiting = continuation
        }
    }

    /// Stops the reader (when the import fails half-way).
    package func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        wakeConsumer()
        condition.unlock()
    }
}
