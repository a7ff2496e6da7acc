import LibPQClient
public import ChanceryModel

/// Correcting a recorded actor: its name, authority ids, note, other names.
extension ActorService {
    /// Changes the actor `name` resolves to and returns its profile as it now is. Values are
    /// checked as when an actor is recorded; an id another actor holds, or a new name another
    /// actor of the kind bears, is a conflict naming that actor (merge the two instead). The old
    /// name stays findable as an alias unless `changes.dropOldName`. Nothing is written when any
    /// change is refused.
    public func edit(_ name: String, _ changes: ActorChanges, once key: IdempotencyKey? = nil) async throws -> WriteOutcome<ActorProfile> {
        guard !changes.isEmpty else {
            throw ChanceryError(.invalidInput, "nothing to change",
                                hint: "Give at least one field with its new value (a name, an id, a note, an alias).")
        }
        let newName = try changes.name.map {
            try InputValidation.actorName(InputValidation.normalizedName(try InputValidation.required($0, field: "name", maxLength: 200)), field: "name")
        }
        let note = try ColumnAssignments.text(changes.note) { try InputValidation.optional($0, field: "note", maxLength: 2000) }
        let wikidata = try ColumnAssignments.text(changes.wikidataId) { try InputValidation.wikidataId($0) }
        let viaf = try ColumnAssignments.text(changes.viafId) { try InputValidation.viafId($0) }
        let gnd = try ColumnAssignments.text(changes.gndId) { try InputValidation.gndId($0) }
        let existed = try ColumnAssignments.date(changes.existed, field: "existed")
        let added = try changes.addedAliases.map { InputValidation.normalizedName(try InputValidation.required($0, field: "alias", maxLength: 200)) }
        let removed = changes.removedAliases.map(InputValidation.normalizedName)

        return try await database.write(once: key) { connection in
            let actor = try await ActorResolver(connection: connection).resolve(name, field: "actor")
            let locked = try await connection.query("SELECT id FROM actor WHERE id = \(actor.id) FOR UPDATE").rows
            guard !locked.isEmpty else {
                throw ChanceryError(.conflict, "\(actor.name) was merged into another actor while this edit ran", field: "actor",
                                    hint: "Look it up again, and edit the actor it was merged into.", next: [.showActor(name: actor.name)])
            }
            var columns = ColumnAssignments()

            if let newName, newName != actor.name {
                try await refuseNameClash(newName, kind: actor.kind, except: actor.id, on: connection)
                columns.set("name", newName)
            }
            if changes.isoCode.changes {
                guard actor.kind == .state else {
                    throw ChanceryError.invalid(ActorDraft.CodingKeys.isoCode, "only states have an ISO 3166 code, not a \(actor.kind.rawValue)")
                }
                let iso: FieldPatch<String> = switch changes.isoCode {
                case .set(let code): try await CountryLookup(connection: connection)
                    .code(code, field: ActorDraft.CodingKeys.isoCode.stringValue).map { .set($0) } ?? .clear
                default: changes.isoCode
                }
                try await refuseTakenId("iso_code", iso, label: "ISO code", field: ActorDraft.CodingKeys.isoCode.stringValue, except: actor.id, on: connection)
                columns.set("iso_code", iso)
            }
            try await refuseTakenId("wikidata_id", wikidata, label: "Wikidata id", field: ActorDraft.CodingKeys.wikidataId.stringValue, except: actor.id, on: connection)
            try await refuseTakenId("viaf_id", viaf, label: "VIAF id", field: ActorDraft.CodingKeys.viafId.stringValue, except: actor.id, on: connection)
            try await refuseTakenId("gnd_id", gnd, label: "GND id", field: ActorDraft.CodingKeys.gndId.stringValue, except: actor.id, on: connection)
            columns.set("wikidata_id", wikidata)
            columns.set("viaf_id", viaf)
            columns.set("gnd_id", gnd)
            columns.set("note", note)
            if existed.changes {
                guard actor.kind == .state else {
                    throw ChanceryError.invalid("existed", "only states have an existence period, not a \(actor.kind.rawValue)")
                }
                columns.setDate("existed", existed)
            }
            try await columns.update("actor", id: actor.id, on: connection)
            if let unidentified = changes.unidentified {
                // After the name and ids: the trigger decides again from a new name unless the
                // flag itself changes in the statement, and the flag given may be the one it had.
                try await connection.execute("UPDATE actor SET unidentified = \(unidentified) WHERE id = \(actor.id)")
            }

            let currentName = newName ?? actor.name
            for alias in removed {
                let gone = try await connection.execute(
                    "DELETE FROM actor_alias WHERE actor_id = \(actor.id) AND lower(alias) = lower(\(alias))")
                guard gone > 0 else {
                    throw ChanceryError(.notFound, "\(actor.name) has no other name '\(alias)'", field: "removeAlias",
                                        hint: "The actor's other names are listed with it.", next: [.showActor(name: actor.name)])
                }
            }
            var aliases = added
            if let newName, newName.lowercased() != actor.name.lowercased(), !changes.dropOldName { aliases.append(actor.name) }
            for alias in added { try await refuseForeignAlias(alias, of: actor, field: "addAlias", on: connection) }
            for alias in aliases where alias.lowercased() != currentName.lowercased() {
                try await connection.execute(
                    "INSERT INTO actor_alias (actor_id, alias) VALUES (\(actor.id), \(alias)) ON CONFLICT DO NOTHING")
            }
            if newName != nil {
                // The new name is the name now, not also another name.
                try await connection.execute(
                    "DELETE FROM actor_alias WHERE actor_id = \(actor.id) AND lower(alias) = lower(\(currentName))")
            }
            let renamed = try await connection.query(
                "SELECT id, kind::text AS kind, name, iso_code, wikidata_id FROM actor WHERE id = \(actor.id)").rows[0]
            return try await profile(of: try ActorResolver.actor(from: renamed), on: connection)
        }
    }

    /// An alias that is another actor's own name, ISO code or Wikidata id would never find this
    /// actor (those outrank aliases) and would only confuse readers: refused, naming the other.
    func refuseForeignAlias(_ alias: String, of actor: Actor, field: String, on connection: PostgresConnection) async throws {
        let isoCandidate: String? = alias.count == 2 && alias.allSatisfy({ $0.isASCII && $0.isUppercase }) ? alias : nil
        let other = try await connection.query(
            """
            SELECT id, kind::text AS kind, name, iso_code, wikidata_id FROM actor
            WHERE id <> \(actor.id)
              AND (lower(name) = lower(\(alias)) OR iso_code = \(isoCandidate)::char(2) OR wikidata_id = upper(\(alias)))
            LIMIT 1
            """).rows.first
        if let other {
            let label = try ActorResolver.actor(from: other).label
            throw ChanceryError(.conflict, "'\(alias)' already names another actor, \(label)", field: field,
                                hint: "An alias that is another actor's name, code or id would never find \(actor.name). If the two are one actor, merge them.",
                                next: [.mergeActors(duplicate: actor.name, into: try other.decode("name", as: String.self))])
        }
    }

    /// A name another actor of `kind` already bears (as name or alias) is refused, as when an
    /// actor is recorded: the two are most likely one, and a merge says so.
    private func refuseNameClash(_ name: String, kind: ActorKind, except id: Int64, on connection: PostgresConnection) async throws {
        let clash = try await connection.query(
            """
            SELECT a.name FROM actor a
            WHERE a.kind = \(kind.rawValue)::text::actor_kind AND a.id <> \(id)
              AND (lower(a.name) = lower(\(name)) OR a.id IN (SELECT actor_id FROM actor_alias WHERE lower(alias) = lower(\(name))))
            LIMIT 1
            """).rows
        if let other = clash.first {
            let otherName: String = try other.decode("name")
            throw ChanceryError(.conflict, "another \(kind.rawValue), '\(otherName)', is already named '\(name)'", field: "name",
                                hint: "If they are one, merge the duplicate into '\(otherName)'.",
                                next: [.mergeActors(duplicate: try await Self.name(of: id, on: connection), into: otherName)])
        }
    }

    /// An authority id names one actor: setting one another actor holds is a conflict naming it.
    /// `column` is fixed text of this file's callers.
    private func refuseTakenId(_ column: String, _ patch: FieldPatch<String>, label: String, field: String,
                               except id: Int64, on connection: PostgresConnection) async throws {
        guard case .set(let value) = patch else { return }
        let holder = try await connection.query(
            "SELECT name FROM actor WHERE \(unescaped: column) = \(value) AND id <> \(id)").rows
        if let other = holder.first {
            let otherName: String = try other.decode("name")
            throw ChanceryError(.conflict, "\(label) \(value) is already that of '\(otherName)'", field: field,
                                hint: "If they are one actor, merge the duplicate into '\(otherName)'.",
                                next: [.mergeActors(duplicate: try await Self.name(of: id, on: connection), into: otherName)])
        }
    }

    /// The name of the actor being edited, for the merge a clash suggests.
    private static func name(of id: Int64, on connection: PostgresConnection) async throws -> String? {
        try await connection.query("SELECT name FROM actor WHERE id = \(id)").rows.first?.decode("name")
    }
}

/// Merging duplicates: one person imported under two spellings.
extension ActorService {
    /// Merges the actor `duplicate` names into the one `keep` names, in one transaction (see
    /// ``DuplicateActorMerge``): every participation, role, membership, event, invitation, citation,
    /// alias and id moves to the kept actor, and the duplicate's name becomes one of its aliases.
    /// Two different ids for one authority are a conflict naming both values; merging an actor
    /// into itself (again, after an earlier merge) is a conflict too.
    public func merge(_ duplicate: String, into keep: String, once key: IdempotencyKey? = nil) async throws -> WriteOutcome<ActorMergeReport> {
        try await database.write(once: key) { connection in
            for _ in 1...3 {
                do {
                    return try await merge(duplicate, into: keep, on: connection)
                } catch is ActorMergedMeanwhile {
                    continue
                }
            }
            throw ChanceryError(.conflict, "'\(duplicate)' or '\(keep)' kept being merged by others while this merge ran", field: "into",
                                hint: "Look both up again, and retry.", next: [.showActor(name: duplicate), .showActor(name: keep)])
        }
    }

    private func merge(_ duplicate: String, into keep: String, on connection: PostgresConnection) async throws -> ActorMergeReport {
        let resolver = ActorResolver(connection: connection)
        let duplicateActor = try await resolver.resolve(duplicate, field: "actor")
        let keptActor = try await resolver.resolve(keep, field: "into")
        if duplicateActor.id == keptActor.id {
            let name = InputValidation.normalizedName(duplicate)
            let earlier = try await connection.query(
                """
                SELECT to_char(merged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, merged_by FROM actor_merge
                WHERE kept_id = \(keptActor.id) AND lower(merged_name) = lower(\(name)) ORDER BY merged_at DESC LIMIT 1
                """).rows.first
            let when = try earlier.map { " (merged into it on \(try $0.decode("day", as: String.self)) by \(try $0.decode("merged_by", as: String.self)))" } ?? ""
            let into = InputValidation.normalizedName(keep)
            let what = when.isEmpty && into.lowercased() != keptActor.name.lowercased() && name.lowercased() != keptActor.name.lowercased()
                ? "'\(name)' and '\(into)' both name \(keptActor.name)" : "'\(name)' is already \(keptActor.name)\(when)"
            throw ChanceryError(.conflict, what, field: "into",
                                hint: "Nothing to merge: it is the actor's own name or one of its aliases.")
        }
        return try await DuplicateActorMerge(connection: connection, service: self, duplicate: duplicateActor, kept: keptActor).run()
    }
}
