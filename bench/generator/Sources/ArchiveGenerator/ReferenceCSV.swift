/// The reference side of the benchmark: one CSV file per table holding exactly the rows the
/// archive's records produce after `chancery import`, ids numbered 1…n in file order, and a
/// load.sql that COPYs them in foreign-key order and moves the identity sequences past them.
final class ReferenceCSV {
    /// (table, columns) in foreign-key order; the file is `<table>.csv`.
    static let tables: [(String, [String])] = [
        ("actor", ["id", "kind", "name", "iso_code", "note"]),
        ("actor_alias", ["actor_id", "alias"]),
        ("membership", ["id", "member_id", "organization_id", "period_edtf", "period_earliest", "period_latest", "period_precision"]),
        ("role_held", ["id", "holder_id", "title", "of_id", "of_kind", "period_edtf", "period_earliest", "period_latest", "period_precision"]),
        ("event", ["id", "ref", "name", "kind", "status", "host_id", "city", "country_code", "period_edtf", "period_earliest",
                   "period_latest", "period_precision", "cameo_code", "summary"]),
        ("event_participant", ["event_id", "actor_id"]),
        ("letter", ["id", "ref", "kind", "sent_edtf", "sent_earliest", "sent_latest", "sent_precision", "subject", "summary",
                    "language", "classification", "sent_place", "awaiting_reply"]),
        ("letter_participant", ["letter_id", "role", "position", "actor_id", "capacity", "represents_id", "represents_kind"]),
        ("letter_link", ["letter_id", "kind", "target_id"]),
        ("letter_event", ["letter_id", "event_id"]),
        ("invitation", ["id", "ref", "inviter_id", "inviter_capacity", "inviter_represents_id", "inviter_represents_kind",
                        "event_id", "letter_id", "issued_edtf", "issued_earliest", "issued_latest", "issued_precision",
                        "reply_by", "summary"]),
        ("invitation_invitee", ["invitation_id", "invitee_id", "represents_id", "represents_kind", "status", "responded_edtf",
                                "responded_earliest", "responded_latest", "responded_precision", "response_letter_id",
                                "note", "recorded_at"]),
        ("source", ["id", "kind", "title", "publisher", "url", "published_edtf", "published_earliest", "published_latest",
                    "published_precision"]),
        ("citation", ["id", "source_id", "letter_id", "invitation_id", "event_id", "quote"]),
    ]

    /// Tables whose id is an identity column the load sets explicitly.
    static let identityTables = ["actor", "membership", "role_held", "event", "letter", "invitation", "source", "citation"]

    let actor, actorAlias, membership, roleHeld, event, eventParticipant, letter, letterParticipant, letterLink,
        letterEvent, invitation, invitationInvitee, source, citation: Output
    private let all: [Output]

    init(directory: String) throws {
        try makeDirectory(directory)
        func open(_ table: String) throws -> Output { try Output(path: directory + "/" + table + ".csv") }
        actor = try open("actor"); actorAlias = try open("actor_alias"); membership = try open("membership")
        roleHeld = try open("role_held"); event = try open("event"); eventParticipant = try open("event_participant")
        letter = try open("letter"); letterParticipant = try open("letter_participant"); letterLink = try open("letter_link")
        letterEvent = try open("letter_event"); invitation = try open("invitation")
        invitationInvitee = try open("invitation_invitee"); source = try open("source"); citation = try open("citation")
        all = [actor, actorAlias, membership, roleHeld, event, eventParticipant, letter, letterParticipant, letterLink,
               letterEvent, invitation, invitationInvitee, source, citation]

        let load = try Output(path: directory + "/load.sql")
        load.text(Self.loadSQL)
        load.close()
    }

    func close() { for file in all { file.close() } }

    /// psql script: run from the CSV folder (\copy paths are relative to psql's working
    /// directory), in one transaction (`psql -1`), so the deferred author/recipient trigger sees
    /// every letter's participants.
    static var loadSQL: String {
        var sql = """
        -- Reference load for the Chancery import benchmark, written by chancery-archive-generator.
        -- Run from this folder, in one transaction:  psql -v ON_ERROR_STOP=1 -1 -f load.sql
        -- COPY writes the given ids into the GENERATED ALWAYS identity columns (COPY, unlike
        -- INSERT, needs no OVERRIDING SYSTEM VALUE); the setval calls below then move each identity
        -- sequence past the loaded ids. Row triggers (history, the deferred letter check) fire as
        -- they do for the importer's own inserts.

        """
        for (table, columns) in tables {
            sql += "\\copy \(table) (\(columns.joined(separator: ", "))) FROM '\(table).csv' WITH (FORMAT csv)\n"
        }
        sql += "\n"
        for table in identityTables {
            sql += "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM \(table);\n"
        }
        return sql
    }
}

func makeDirectory(_ path: String) throws {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
        current += "/" + part
        if mkdir(current, 0o755) != 0 && errno != EEXIST {
            throw GeneratorError(description: "cannot create \(current): " + String(cString: strerror(errno)))
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
