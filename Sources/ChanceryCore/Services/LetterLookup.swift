import Foundation
import LibPQClient
import ChanceryModel

/// Finds letters by reference and assigns new references.
///
/// A deleted letter keeps its row and its reference (ReferenceAllocator never gives the
/// reference out again), but is not found by `id(of:field:)`: reads, threads and link targets
/// see only current letters, and say so when the reference is that of a deleted one.
struct LetterLookup {
    let connection: PostgresConnection

    /// A stored letter, deleted or not, as the lookups read it.
    struct StoredLetter {
        var id: Int64
        var ref: String
        var revision: Int
        var sentEDTF: String
        var receivedEDTF: String?
        /// When it was deleted (ISO 8601, UTC), or nil for a current letter.
        var deletedAt: String?
    }

    /// The id of the current letter `ref` (exact, else case-insensitive), or a not-found error
    /// listing similar references, or saying it was deleted.
    func id(of ref: String, field: String) async throws -> Int64 {
        try await current(ref, field: field).id
    }

    /// The current letter `ref`; a deleted one is not found.
    func current(_ ref: String, field: String, lockingForUpdate: Bool = false) async throws -> StoredLetter {
        let letter = try await stored(ref, field: field, lockingForUpdate: lockingForUpdate)
        if let deletedAt = letter.deletedAt {
            throw ChanceryError(.notFound, "letter \(letter.ref) was deleted on \(deletedAt)", field: field,
                                hint: "A deleted letter keeps its reference and its history, but no longer takes part in anything; "
                                    + "`chancery letter restore \(letter.ref)` brings it back.")
        }
        return letter
    }

    /// The letter `ref`, deleted or not. With `lockingForUpdate`, its row is locked until the
    /// transaction ends (FOR NO KEY UPDATE: it blocks other editors of the letter, but not the
    /// key-share locks that inserting a link or participant pointing at it takes).
    package func stored(_ ref: String, field: String, lockingForUpdate: Bool = false) async throws -> StoredLetter {
        let trimmed = try InputValidation.storable(ref, field: field).trimmingCharacters(in: .whitespaces)
        let lock: PostgresQuery = lockingForUpdate ? " FOR NO KEY UPDATE" : ""
        // The exact reference uses the unique index; only a miss pays for the case-insensitive scan.
        if let exact = try await connection.query("\(Self.select) WHERE ref = \(trimmed)\(lock)").rows.first {
            return try Self.letter(from: exact)
        }
        let folded = try await connection.query("\(Self.select) WHERE lower(ref) = lower(\(trimmed)) LIMIT 2\(lock)").rows
        if folded.count == 1 { return try Self.letter(from: folded[0]) }
        let similar = try await connection.query(
            """
            SELECT ref || ' — ' || subject AS label FROM letter
            WHERE (similarity(lower(ref), lower(\(trimmed))) > 0.3 OR strpos(lower(ref), lower(\(trimmed))) > 0) AND deleted_at IS NULL
            ORDER BY similarity(lower(ref), lower(\(trimmed))) DESC, ref LIMIT 5
            """).rows.map { try $0.decode("label", as: String.self) }
        throw ChanceryError(.notFound, "no letter with ref '\(trimmed)'", field: field,
                            hint: "Find the letter's reference among the letters, by its subject, a correspondent or its date.",
                            candidates: similar, next: [.listLetters])
    }

    private static let select: PostgresQuery = """
        SELECT id, ref, revision, sent_edtf, received_edtf,
               to_char(deleted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS deleted_at
        FROM letter
        """

    private static func letter(from row: PostgresRow) throws -> StoredLetter {
        StoredLetter(id: try row.decode("id"), ref: try row.decode("ref"), revision: try row.decode("revision"),
                     sentEDTF: try row.decode("sent_edtf"), receivedEDTF: try row.decode("received_edtf"),
                     deletedAt: try row.decode("deleted_at"))
    }

    /// `<from country>-<to country>-<year>-`, the prefix of references like US-KH-2022-001:
    /// readable, sortable, unique through the number that follows.
    static func referencePrefix(from sender: ResolvedParticipant, to recipient: ResolvedParticipant, sent: UncertainDate) -> String {
        func code(_ participant: ResolvedParticipant) -> String {
            participant.actor.isoCode ?? participant.represents?.isoCode ?? "XX"
        }
        return code(sender) + "-" + code(recipient) + "-" + ReferenceAllocator.year(of: sent) + "-"
    }
}
