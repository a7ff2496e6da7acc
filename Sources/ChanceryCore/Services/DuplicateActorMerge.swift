import Foundation
import LibPQClient
import ChanceryModel

/// Moves everything recorded of a duplicate actor to the actor kept, inside the caller's
/// transaction, then deletes the duplicate; its name becomes an alias of the kept actor.
///
/// Every table that points at an actor is visited. Where the kept actor already has the row
/// the duplicate's would become (both named as recipients of one letter, the same role twice),
/// the kept actor's row stays and the duplicate's is dropped, counted as `combined`. The history
/// triggers record each moved row, so the merge can be read back change by change.
struct DuplicateActorMerge {
    let connection: PostgresConnection
    let service: ActorService
    let duplicate: Actor
    let kept: Actor

    /// The columns one actor's row carries that a merge reconciles.
    private struct Details {
        var isoCode: String?
        var wikidataId: String?
        var viafId: String?
        var gndId: String?
        var note: String?
        var existed: String?
    }

    /// Runs the merge; the caller's transaction makes it all or nothing.
    func run() async throws -> ActorMergeReport {
        guard duplicate.id != kept.id else {
            throw ChanceryError(.conflict, "'\(duplicate.name)' and '\(kept.name)' are already one actor", field: "into",
                                hint: "Nothing to merge: the name is the actor's own or one of its aliases (perhaps from an earlier merge).")
        }
        guard duplicate.kind == kept.kind else {
            throw ChanceryError.invalid("into", "\(duplicate.name) is a \(duplicate.kind.rawValue) and \(kept.name) a \(kept.kind.rawValue); only actors of one kind merge",
                                        hint: "Merge the duplicate into an actor of its own kind.")
        }
        let both = try await details()
        guard let duplicateDetails = both[duplicate.id], let keptDetails = both[kept.id] else {
            throw ActorMergedMeanwhile()
        }
        let taken = try await takeOverFields(from: duplicateDetails, into: keptDetails)

        let letters = try await connection.query(
            "SELECT coalesce(array_agg(DISTINCT letter_id), '{}') AS ids FROM letter_participant WHERE actor_id = \(duplicate.id) OR represents_id = \(duplicate.id)"
        ).rows[0].decode("ids", as: [Int64].self)

        var combined = 0
        var moved: [String: Int] = [:]
        func move(_ table: String, _ column: String, matching others: [String], as group: String) async throws {
            let (gone, count) = try await moveColumn(table, column, matching: others)
            combined += gone
            moved[group, default: 0] += count
        }
        // Rows pointing at both actors would point at one actor twice.
        combined += try await connection.execute(
            "DELETE FROM membership WHERE (member_id, organization_id) IN ((\(duplicate.id), \(kept.id)), (\(kept.id), \(duplicate.id)))")
        combined += try await connection.execute(
            "DELETE FROM role_held WHERE (holder_id, of_id) IN ((\(duplicate.id), \(kept.id)), (\(kept.id), \(duplicate.id)))")
        // An invitee who answered counts over one still pending, whichever actor it was.
        combined += try await connection.execute(
            """
            DELETE FROM invitation_invitee k USING invitation_invitee d
            WHERE k.invitee_id = \(kept.id) AND d.invitee_id = \(duplicate.id) AND k.invitation_id = d.invitation_id
              AND k.status = 'pending' AND d.status <> 'pending'
            """)
        try await move("letter_participant", "actor_id", matching: ["letter_id", "role"], as: "participations")
        try await move("letter_participant", "represents_id", matching: [], as: "participations")
        try await repointRoleCitations()
        try await move("role_held", "holder_id", matching: ["title", "of_id", "period_edtf"], as: "roles")
        try await move("role_held", "of_id", matching: ["holder_id", "title", "period_edtf"], as: "roles")
        try await move("membership", "member_id", matching: ["organization_id", "period_edtf"], as: "memberships")
        try await move("membership", "organization_id", matching: ["member_id", "period_edtf"], as: "memberships")
        try await move("event", "host_id", matching: [], as: "events")
        try await move("event_participant", "actor_id", matching: ["event_id"], as: "events")
        try await move("invitation", "inviter_id", matching: [], as: "invitations")
        try await move("invitation", "inviter_represents_id", matching: [], as: "invitations")
        try await move("invitation_invitee", "invitee_id", matching: ["invitation_id"], as: "invitations")
        try await move("invitation_invitee", "represents_id", matching: [], as: "invitations")
        try await move("citation", "actor_id", matching: ["source_id"], as: "citations")
        try await move("demonym", "state_id", matching: ["word"], as: "aliases")
        moved["aliases", default: 0] += try await moveAliases()

        // Earlier merges into the duplicate now lead to the kept actor.
        try await connection.execute("UPDATE actor_merge SET kept_id = \(kept.id) WHERE kept_id = \(duplicate.id)")
        let ledger = try String(decoding: JSONEncoder().encode(moved.merging(["combined": combined, "letters": letters.count]) { $1 }), as: UTF8.self)
        try await connection.execute(
            """
            INSERT INTO actor_merge (kept_id, merged_actor_id, merged_name, merged_kind, merged_by, moved)
            VALUES (\(kept.id), \(duplicate.id), \(duplicate.name), \(duplicate.kind.rawValue)::text::actor_kind,
                    coalesce(nullif(current_setting('chancery.changed_by', true), ''), session_user), \(ledger)::jsonb)
            """)
        try await connection.execute("DELETE FROM actor WHERE id = \(duplicate.id)")
        // Each letter whose participants changed reads differently now: a new revision (ETag).
        try await connection.execute("UPDATE letter SET revision = revision WHERE id = ANY(\(letters))")

        return ActorMergeReport(
            merged: duplicate.name, kept: try await service.profile(of: kept, on: connection),
            participations: moved["participations"] ?? 0, letters: letters.count, roles: moved["roles"] ?? 0,
            memberships: moved["memberships"] ?? 0, events: moved["events"] ?? 0, invitations: moved["invitations"] ?? 0,
            aliases: moved["aliases"] ?? 0, citations: moved["citations"] ?? 0, combined: combined, fieldsTaken: taken)
    }

    /// Points `column` of `table` from the duplicate to the kept actor. Rows that would then equal
    /// one of the kept actor's on `others` (the rest of the table's unique key) are deleted
    /// first. Table and column names are fixed text of ``run()``.
    private func moveColumn(_ table: String, _ column: String, matching others: [String]) async throws -> (combined: Int, moved: Int) {
        // Names spliced into the statement: only the actor references the schema has.
        precondition(Self.actorReferences.contains(table + "." + column), "DuplicateActorMerge: \(table).\(column) is not an actor reference")
        var combined = 0
        if !others.isEmpty {
            let same = others.map { "k.\($0) IS NOT DISTINCT FROM d.\($0)" }.joined(separator: " AND ")
            combined = try await connection.execute(
                """
                DELETE FROM \(unescaped: table) d USING \(unescaped: table) k
                WHERE d.\(unescaped: column) = \(duplicate.id) AND k.\(unescaped: column) = \(kept.id) AND \(unescaped: same)
                """)
        }
        let moved = try await connection.execute(
            "UPDATE \(unescaped: table) SET \(unescaped: column) = \(kept.id) WHERE \(unescaped: column) = \(duplicate.id)")
        return (combined, moved)
    }

    /// Every column that points at an actor, which a merge moves (schema.sql's REFERENCES actor).
    static let actorReferences: Set<String> = [
        "letter_participant.actor_id", "letter_participant.represents_id", "role_held.holder_id", "role_held.of_id",
        "membership.member_id", "membership.organization_id", "event.host_id", "event_participant.actor_id",
        "invitation.inviter_id", "invitation.inviter_represents_id", "invitation_invitee.invitee_id",
        "invitation_invitee.represents_id", "citation.actor_id", "demonym.state_id",
    ]

    /// A role of the duplicate's that the kept actor also holds is dropped in the merge; the
    /// sources cited for it move to the kept actor's role first, so no citation goes with it.
    private func repointRoleCitations() async throws {
        try await connection.execute(
            """
            WITH pairs AS (
                SELECT d.id AS duplicate_role, k.id AS kept_role
                FROM role_held d JOIN role_held k
                  ON (k.holder_id, k.of_id) = (CASE WHEN d.holder_id = \(duplicate.id) THEN \(kept.id) ELSE d.holder_id END,
                                               CASE WHEN d.of_id = \(duplicate.id) THEN \(kept.id) ELSE d.of_id END)
                 AND k.title = d.title AND k.period_edtf IS NOT DISTINCT FROM d.period_edtf AND k.id <> d.id
                WHERE d.holder_id = \(duplicate.id) OR d.of_id = \(duplicate.id))
            UPDATE citation c SET role_id = p.kept_role FROM pairs p
            WHERE c.role_id = p.duplicate_role
              AND NOT EXISTS (SELECT 1 FROM citation x WHERE x.source_id = c.source_id AND x.role_id = p.kept_role)
            """)
    }

    /// Moves the duplicate's other names, and its own name, to the kept actor, except those the
    /// kept actor already bears (ignoring case).
    private func moveAliases() async throws -> Int {
        let moved = try await connection.execute(
            """
            INSERT INTO actor_alias (actor_id, alias, language)
            SELECT \(kept.id), n.alias, n.language
            FROM (SELECT alias, language FROM actor_alias WHERE actor_id = \(duplicate.id)
                  UNION ALL SELECT \(duplicate.name), NULL) n
            WHERE lower(n.alias) <> lower(\(kept.name))
              AND NOT EXISTS (SELECT 1 FROM actor_alias k WHERE k.actor_id = \(kept.id) AND lower(k.alias) = lower(n.alias))
            ON CONFLICT DO NOTHING
            """)
        try await connection.execute("DELETE FROM actor_alias WHERE actor_id = \(duplicate.id)")
        return moved
    }

    /// Authority ids, existence period and note: the kept actor's stay; those only the duplicate
    /// has move over; two different ids for one authority are a conflict naming both. Notes join.
    private func takeOverFields(from duplicate: Details, into kept: Details) async throws -> [String] {
        let fields: [(name: String, label: String, column: String, duplicate: String?, kept: String?)] = [
            (ActorDraft.CodingKeys.isoCode.stringValue, "ISO codes", "iso_code", duplicate.isoCode, kept.isoCode),
            (ActorDraft.CodingKeys.wikidataId.stringValue, "Wikidata ids", "wikidata_id", duplicate.wikidataId, kept.wikidataId),
            (ActorDraft.CodingKeys.viafId.stringValue, "VIAF ids", "viaf_id", duplicate.viafId, kept.viafId),
            (ActorDraft.CodingKeys.gndId.stringValue, "GND ids", "gnd_id", duplicate.gndId, kept.gndId),
            ("existed", "existence periods", "existed_edtf", duplicate.existed, kept.existed),
        ]
        for field in fields {
            if let theirs = field.duplicate, let ours = field.kept, theirs != ours {
                // Named "into": the merge's own option; the hint names the edit that fixes it.
                throw ChanceryError(.conflict, "the two actors have different \(field.label): \(self.duplicate.name) has \(theirs), \(self.kept.name) has \(ours)",
                                    field: "into",
                                    hint: "Correct the wrong one's \(field.label) first (or remove it), then merge.",
                                    next: [.editActor(name: self.duplicate.name), .editActor(name: self.kept.name)])
            }
        }
        var taken: [String] = []
        var columns = ColumnAssignments()
        var cleared = ColumnAssignments()
        for field in fields where field.kept == nil && field.duplicate != nil && field.column != "existed_edtf" {
            taken.append(field.name)
            columns.set(field.column, field.duplicate)
            cleared.set(field.column, String?.none)
        }
        if kept.existed == nil, duplicate.existed != nil {
            taken.append("existed")
            try await connection.execute(
                """
                UPDATE actor k SET existed_edtf = d.existed_edtf, existed_earliest = d.existed_earliest,
                                   existed_latest = d.existed_latest, existed_precision = d.existed_precision
                FROM actor d WHERE k.id = \(self.kept.id) AND d.id = \(self.duplicate.id)
                """)
        }
        if let note = duplicate.note, note != kept.note {
            let joined = kept.note.map { $0 + "\n\n" + note } ?? note
            guard joined.unicodeScalars.count <= 2000 else {
                throw ChanceryError(.conflict, "the two actors' notes together exceed 2000 characters", field: "note",
                                    hint: "Shorten one of the notes, then merge.", next: [.editActor(name: self.duplicate.name), .editActor(name: self.kept.name)])
            }
            taken.append("note")
            columns.set("note", joined)
        }
        // Unique ids: off the duplicate before onto the kept actor.
        try await cleared.update("actor", id: self.duplicate.id, on: connection)
        try await columns.update("actor", id: self.kept.id, on: connection)
        return taken
    }

    /// Both actors' rows, locked for the rest of the transaction (in id order, so two merges
    /// that share an actor cannot deadlock).
    private func details() async throws -> [Int64: Details] {
        var details: [Int64: Details] = [:]
        for row in try await connection.query(
            """
            SELECT id, iso_code, wikidata_id, viaf_id, gnd_id, note, existed_edtf FROM actor
            WHERE id IN (\(duplicate.id), \(kept.id)) ORDER BY id FOR UPDATE
            """).rows {
            details[try row.decode("id")] = Details(
                isoCode: try row.decode("iso_code"), wikidataId: try row.decode("wikidata_id"), viafId: try row.decode("viaf_id"),
                gndId: try row.decode("gnd_id"), note: try row.decode("note"), existed: try row.decode("existed_edtf"))
        }
        return details
    }
}

/// One of the two actors was merged into another (and deleted) by a merge that committed after
/// this one looked them up: the caller looks both up again, which now leads to the actor kept.
struct ActorMergedMeanwhile: Error {}
