import LibPQClient
import Synchronization

/// Read-your-writes across a primary and its hot standbys. A write notes the log position its
/// commit reached in the task's receipt; the client brings that position back with its next
/// request; a read bound to it is served by a standby only once the standby has replayed that
/// far (see ``StandbyReads``). Task-local, so services keep their signatures: the HTTP layer binds
/// both around each request.
public enum ReadYourWrites {
    /// The log position the current task's reads must see, when its client brought one.
    @TaskLocal public static var required: CommitPosition?
    /// Where the current task's writes leave their commit positions, when someone will pass them on.
    @TaskLocal public static var receipt: CommitReceipt?
}

/// The furthest commit position a task's writes reached.
public final class CommitReceipt: Sendable {
    private let furthest = Mutex<CommitPosition?>(nil)

    /// An empty receipt.
    public init() {}

    /// The position of the last commit, nil when nothing was written.
    public var position: CommitPosition? { furthest.withLock { $0 } }

    func record(_ position: CommitPosition) {
        furthest.withLock { current in current = max(current ?? position, position) }
    }
}

/// A commit's place in the primary's write-ahead log, as clients carry it ("0/16B3748").
public struct CommitPosition: Sendable, Hashable, Comparable, LosslessStringConvertible {
    let lsn: PostgresLSN

    init(_ lsn: PostgresLSN) { self.lsn = lsn }

    /// Reads PostgreSQL's "X/Y" form; nil for anything else.
    public init?(_ text: String) {
        guard let lsn = PostgresLSN(text) else { return nil }
        self.lsn = lsn
    }

    public var description: String { lsn.description }

    public static func < (lhs: CommitPosition, rhs: CommitPosition) -> Bool { lhs.lsn < rhs.lsn }
}
