import LibPQClient
public import ChanceryModel
/// Changing and deleting letters, with optimistic concurrency (see ``LetterRevisionLock``).
extension LetterService {
    /// Changes a letter's own fields, if it is still at `ifRevision`; returns it as it now is,
    /// at its next revision. Values are checked as when a letter is logged; the received date
    /// cannot end up before the sent date. Refused with `.notFound` for an unknown or deleted
    /// letter, `.stale` when another edit came first.
    public func update(_ ref: String, ifRevision: Int, changes: LetterChanges) async throws -> LetterDetail {
        let update = try LetterUpdate(changes)
        return try await database.write { connection in
            let letter = try await LetterRevisionLock(connection: connection).lock(ref, ifRevision: ifRevision)
            try update.checkDates(storedSent: letter.sentEDTF, storedReceived: letter.receivedEDTF)
            try await update.apply(to: letter.id, on: connection)
            return try await LetterDetailReader(connection: connection).detail(of: letter.id)
        }
    }

    /// Deletes a letter softly, if it is still at `ifRevision`: it keeps its row, reference and
    /// history, and leaves every listing, search, report, thread and export. Deleting it again is
    /// `.notFound`.
    public func delete(_ ref: String, ifRevision: Int) async throws {
        try await database.write { connection in
            let letter = try await LetterRevisionLock(connection: connection).lock(ref, ifRevision: ifRevision)
            try await connection.execute("UPDATE letter SET deleted_at = now() WHERE id = \(letter.id)")
        }
    }

    /// Every recorded change to a letter, deleted or not, oldest first: its own row, its
    /// participants, the links it holds, its events and its citations (see ``LetterHistoryReader``).
    public func history(of ref: String) async throws -> [HistoryEntry] {
        try await database.read { connection in
            let letter = try await LetterLookup(connection: connection).stored(ref, field: "ref")
            return try await LetterHistoryReader(connection: connection).entries(of: letter.id)
        }
    }

    /// Runs one edit of a letter's participants, links or sources in a transaction (at most once
    /// per idempotency key): locks the letter, checks `ifRevision` when given, runs `change`,
    /// bumps the revision and reads the letter back.
    func editParts(
        of ref: String, ifRevision: Int?, once key: IdempotencyKey?,
        _ change: (PostgresConnection, LetterLookup.StoredLetter) async throws -> Void
    ) async throws -> WriteOutcome<LetterDetail> {
        try await database.write(once: key) { connection in
            let lock = LetterRevisionLock(connection: connection)
            let letter = try await lock.lock(ref, ifRevision: ifRevision)
            try await change(connection, letter)
            try await lock.touch(letter.id)
            return try await LetterDetailReader(connection: connection).detail(of: letter.id)
        }
    }
}
