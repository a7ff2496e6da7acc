import Foundation
import LibPQClient

/// Finds letters by reference and assigns new references.
struct LetterLookup {
    let connection: PostgresConnection

    /// The id of the letter `ref` (exact, else case-insensitive), or a not-found error listing
    /// similar references.
    func id(of ref: String, field: String) async throws -> Int64 {
        let trimmed = ref.trimmingCharacters(in: .whitespaces)
        // The exact reference uses the unique index; only a miss pays for the case-insensitive scan.
        if let exact = try await connection.query("SELECT id FROM letter WHERE ref = $1", [trimmed]).rows.first {
            return try exact.decode("id")
        }
        let folded = try await connection.query("SELECT id FROM letter WHERE lower(ref) = lower($1) LIMIT 2", [trimmed]).rows
        if folded.count == 1 { return try folded[0].decode("id") }
        let similar = try await connection.query(
            """
            SELECT ref || ' — ' || subject AS label FROM letter
            WHERE similarity(lower(ref), lower($1)) > 0.3 OR strpos(lower(ref), lower($1)) > 0
            ORDER BY similarity(lower(ref), lower($1)) DESC, ref LIMIT 5
            """,
            [trimmed]).rows.map { try $0.decode("label", as: String.self) }
        throw ChanceryError(.notFound, "no letter with ref '\(trimmed)'", field: field,
                            hint: "List letters with `chancery letters` to find the reference.", candidates: similar)
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
