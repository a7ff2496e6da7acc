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
            try await LetterPartEditor(connection: connection, letter: letter).addLink(kind, to: target)
        }
    }

    /// Removes the letter's `kind` link to `target`. Needs the current revision; bumps it;
    /// returns the letter as it now is.
    public func removeLink(from ref: String, ifRevision: Int, kind: LetterLinkKind, to target: String) async throws -> LetterDetail {
        try await editParts(of: ref, ifRevision: ifRevision, once: nil) { connection, letter in
            try await LetterPartEditor(connection: connection, letter: letter).removeLink(kind, to: target)
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
