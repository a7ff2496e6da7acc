import LibPQClient
import ChanceryModel

/// Optimistic concurrency for letter edits: an edit names the revision it was based on, locks
/// the letter's row for the rest of its transaction, and goes ahead only if the letter is still
/// at that revision. Two editors starting from the same revision cannot both win: the second
/// waits for the first's lock, then reads the bumped revision and is refused.
struct LetterRevisionLock {
    let connection: PostgresConnection

    /// Locks the current (not deleted) letter `ref` and checks it is at `expected`, when given.
    func lock(_ ref: String, ifRevision expected: Int?) async throws -> LetterLookup.StoredLetter {
        let letter = try await LetterLookup(connection: connection).current(ref, field: "ref", lockingForUpdate: true)
        if let expected, letter.revision != expected {
            throw ChanceryError(.stale, "letter \(letter.ref) is at revision \(letter.revision), not \(expected)",
                                field: "revision", hint: "Read the letter again for its current revision (its ETag), and retry with it.",
                                next: [.showLetter(ref: letter.ref)])
        }
        return letter
    }

    /// Bumps the letter's revision after a change to its participants, links or sources: the
    /// letter_touch trigger adds one on every update of the row, even one that sets nothing new.
    func touch(_ letterID: Int64) async throws {
        try await connection.execute("UPDATE letter SET revision = revision WHERE id = \(letterID)")
    }
}
