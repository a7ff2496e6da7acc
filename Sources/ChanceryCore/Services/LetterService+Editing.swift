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
            try await update.apply(to: letter.id, storedReceived: letter.receivedEDTF, on: connection)
            // A composed subject names the kind: "Telegram from …" once the kind changes.
            if changes.kind != nil {
                try await LetterPartEditor(connection: connection, letter: letter).recomposeSubject()
            }
            return try await LetterDetailReader(connection: connection).detail(of: letter.id)
        }
    }

    /// Deletes a letter softly, if it is still at `ifRevision`: it keeps its row, reference and
    /// history, and leaves every listing, search, report, thread and export. Deleting it again is
    /// `.notFound`; ``restore(_:ifRevision:)`` undoes it.
    public func delete(_ ref: String, ifRevision: Int?) async throws {
        try await database.write { connection in
            let letter = try await LetterRevisionLock(connection: connection).lock(ref, ifRevision: ifRevision)
            try await connection.execute("UPDATE letter SET deleted_at = now() WHERE id = \(letter.id)")
        }
    }

    /// Brings a deleted letter back, if it is still at `ifRevision` (when given): it returns to
    /// every listing, search, report, thread and export, with its reference, links and history.
    /// A letter that is not deleted is a conflict. Returns it as it now is, at its next revision.
    public func restore(_ ref: String, ifRevision: Int?) async throws -> LetterDetail {
        try await database.write { connection in
            let letter = try await LetterLookup(connection: connection).stored(ref, field: "ref", lockingForUpdate: true)
            guard letter.deletedAt != nil else {
                throw ChanceryError(.conflict, "letter \(letter.ref) is not deleted", field: "ref", hint: "Nothing to restore.")
            }
            if let ifRevision, letter.revision != ifRevision {
                throw ChanceryError(.stale, "letter \(letter.ref) is at revision \(letter.revision), not \(ifRevision)",
                                    field: "revision", hint: "Read its history again and retry with its current revision.")
            }
            try await connection.execute("UPDATE letter SET deleted_at = NULL WHERE id = \(letter.id)")
            return try await LetterDetailReader(connection: connection).detail(of: letter.id)
        }
    }

    /// Changes a letter as a whole in one transaction: its own fields, then participants removed
    /// and added, links removed and added, sources removed and cited. Checks `ifRevision` when
    /// given; the letter ends with at least one author and one recipient, and its received date
    /// not before its sent date. Any refusal writes nothing. Returns the letter as it now is.
    public func edit(_ ref: String, ifRevision: Int?, _ edit: LetterEdit) async throws -> LetterDetail {
        guard !edit.isEmpty else {
            throw ChanceryError(.invalidInput, "nothing to change", hint: "Give at least one field with its new value, or a participant, link or source to add or remove.")
        }
        let update = edit.changes.isEmpty ? nil : try LetterUpdate(edit.changes)
        for source in edit.addedSources { _ = try SourceRecorder.validated(source) }
        return try await database.write { connection in
            let lock = LetterRevisionLock(connection: connection)
            let letter = try await lock.lock(ref, ifRevision: ifRevision)
            if let update {
                try update.checkDates(storedSent: letter.sentEDTF, storedReceived: letter.receivedEDTF)
                try await update.apply(to: letter.id, storedReceived: letter.receivedEDTF, on: connection)
            }
            // Participants resolve against the sent date as it now is.
            let current = try await LetterLookup(connection: connection).current(letter.ref, field: "ref")
            let editor = LetterPartEditor(connection: connection, letter: current)
            for name in edit.removedParticipants { try await editor.removeActor(name) }
            for added in edit.addedParticipants {
                // Named as `letter edit` names its options: --add-to, --add-cc…
                let field = Self.participantField(added.role)
                try await editor.addParticipant(added.participant, as: added.role, field: "add" + field.prefix(1).uppercased() + field.dropFirst())
            }
            try await editor.checkAuthorAndRecipient(field: "removeParticipant")
            if !edit.removedParticipants.isEmpty || !edit.addedParticipants.isEmpty || edit.changes.kind != nil {
                try await editor.recomposeSubject()
            }
            for target in edit.removedLinks { try await editor.removeLink(nil, to: target, field: "unlink") }
            for link in edit.addedLinks {
                // Named as `letter edit` names its options: --reply-to, --refers-to…
                let field = link.kind.rawValue.split(separator: "_").enumerated()
                    .map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
                try await editor.addLink(link.kind, to: link.target, field: field)
            }
            for source in edit.removedSources { try await editor.removeSource(source) }
            for source in edit.addedSources { try await SourceRecorder(connection: connection).cite(source, for: .letter(letter.id)) }
            if update == nil { try await lock.touch(letter.id) }
            return try await LetterDetailReader(connection: connection).detail(of: letter.id)
        }
    }

    /// Every recorded change to a letter, deleted or not, oldest first: its own row, its
    /// participants, the links it holds, its events and its citations (see ``LetterHistoryReader``).
    public func history(of ref: String) async throws -> [HistoryEntry] {
        try await database.replicaRead { connection in
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
