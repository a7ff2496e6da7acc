import LibPQClient
public import ChanceryModel
/// Adding and removing a letter's links to other letters, and citing sources for it.
extension LetterService {
    /// Links the letter `ref` to the current letter `target` (it answers, encloses, forwards or
    /// mentions it). A letter cannot link to itself; the same link twice is a conflict. Checks
    /// `ifRevision` when given; bumps the revision; returns the letter as it now is.
    public func addLink(
        from ref: String, ifRevision: Int?, kind: LetterLinkKind, to target: String, once key: IdempotencyKey? = nil
    ) async throws -> WriteOutcome<LetterDetail> {
        try await editParts(of: ref, ifRevision: ifRevision, once: key) { connection, letter in
            let targetID = try await LetterLookup(connection: connection).id(of: target, field: "target")
            guard targetID != letter.id else {
                throw ChanceryError.invalid("target", "a letter cannot be linked to itself", hint: "Name another letter as the target.")
            }
            let added = try await connection.execute(
                """
                INSERT INTO letter_link (letter_id, kind, target_id) VALUES (\(letter.id), \(kind.rawValue)::text::letter_link_kind, \(targetID))
                ON CONFLICT DO NOTHING
                """)
            guard added == 1 else {
                throw ChanceryError(.conflict, "letter \(letter.ref) already has a \(kind.rawValue) link to \(target)", field: "target",
                                    hint: "Nothing to add: the link is there.")
            }
        }
    }

    /// Removes the letter's `kind` link to `target`. Needs the current revision; bumps it;
    /// returns the letter as it now is.
    public func removeLink(from ref: String, ifRevision: Int, kind: LetterLinkKind, to target: String) async throws -> LetterDetail {
        try await editParts(of: ref, ifRevision: ifRevision, once: nil) { connection, letter in
            let targetID = try await LetterLookup(connection: connection).id(of: target, field: "target")
            let removed = try await connection.execute(
                "DELETE FROM letter_link WHERE letter_id = \(letter.id) AND kind = \(kind.rawValue)::text::letter_link_kind AND target_id = \(targetID)")
            guard removed == 1 else {
                throw ChanceryError(.notFound, "letter \(letter.ref) has no \(kind.rawValue) link to \(target)", field: "target",
                                    hint: "Read the letter to see its links.")
            }
        }.value
    }

    /// Cites a source for the letter (recording the source first if it is new, by URL or else by
    /// title). Checks `ifRevision` when given; bumps the revision; returns the letter as it now is.
    public func addSource(
        to ref: String, ifRevision: Int?, source: SourceDraft, once key: IdempotencyKey? = nil
    ) async throws -> WriteOutcome<LetterDetail> {
        _ = try SourceRecorder.validated(source)
        return try await editParts(of: ref, ifRevision: ifRevision, once: key) { connection, letter in
            try await SourceRecorder(connection: connection).cite(source, for: .letter(letter.id))
        }
    }
}
