import LibPQClient
public import ChanceryModel
/// Turns the database's refusals into ChanceryErrors a person can act on.
///
/// The services validate input before writing, so these are the backstop for rules only the
/// database can see at commit time, or for races between two writers.
///
/// Every message here is a sentence of ours: the server's words (its message, detail and hint,
/// which name tables, columns and constraints) travel separately in `diagnostic`, for the log.
enum ConstraintMessages {
    static func translate(_ error: PostgresError) -> ChanceryError {
        var translated = sentence(for: error)
        translated.diagnostic = diagnostic(of: error)
        return translated
    }

    private static func sentence(for error: PostgresError) -> ChanceryError {
        if error.isConnectionError {
            if error.message.contains("unsupported startup parameter") {
                return ChanceryError(
                    .databaseUnavailable, "the connection pooler" + (error.connectionTarget.map { " at " + $0 } ?? "")
                        + " refuses the session settings Chancery sends",
                    hint: "Behind pgbouncer in transaction mode, set DATABASE_POOL_MODE=transaction (see docs/scaling.md).")
            }
            // The target is our own configuration (a socket or host:port), not the server's words.
            return ChanceryError(
                .databaseUnavailable,
                "cannot reach PostgreSQL" + (error.connectionTarget.map { " at " + $0 } ?? ""),
                hint: "Check DATABASE_URL / PGHOST, or unset both to use the embedded cluster (chancery db start).")
        }
        // Cancelled by statement_timeout, a server shutting down or starting up, too many
        // connections, or a transaction the server chose to abort: all pass if tried again.
        if let state = error.sqlState, ["57014", "57P01", "57P02", "57P03", "53300", "40001", "40P01"].contains(state) {
            return ChanceryError(
                .databaseUnavailable,
                state == "57014" ? "the database did not answer within the statement timeout" : "the database is busy or restarting",
                hint: "Try again in a moment.")
        }
        if error.sqlState == "42P01" || error.sqlState == "42704" {
            return ChanceryError(
                .schemaNotInstalled, "the database has no Chancery schema, or an incomplete one",
                hint: "Run `chancery db migrate`.")
        }
        // The services refuse a NUL naming the field (InputValidation.storable); this catches a
        // text that reached the database unchecked, which is still the client's input, not a bug
        // of the server's.
        if (error.code == .invalidParameter && error.message.contains("NUL")) || error.sqlState == "22021" || error.sqlState == "22P05" {
            return ChanceryError(.invalidInput, "a value contains a character the database cannot store (NUL, U+0000)",
                                 hint: "Remove the NUL character.")
        }
        if let constraint = error.constraint, let known = known[constraint] {
            return ChanceryError(known.kind, known.message, field: known.field, hint: known.hint)
        }
        switch error.sqlState {
        case "23505":
            return ChanceryError(.conflict, "that record already exists", hint: "Look the record up instead of adding it again.")
        case "23503":
            return ChanceryError(.invalidInput, "a referenced record does not exist, or is still referenced by another",
                                 hint: "Check the names and references given.")
        case "23514", "23502", "22001", "22P02", "22007", "22008":
            return ChanceryError(.invalidInput, "the database refused the values: they break one of its rules",
                                 hint: "Check the values against the documented limits.")
        default:
            return ChanceryError(.unexpected, "the database failed unexpectedly")
        }
    }

    /// The server's words on one line: SQLSTATE, message, detail, hint and the objects named.
    static func diagnostic(of error: PostgresError) -> String {
        var parts = [error.description.split(separator: "\n").joined(separator: "; ")]
        if let table = error.table { parts.append("table " + (error.schema.map { $0 + "." } ?? "") + table) }
        if let column = error.column { parts.append("column " + column) }
        if let target = error.connectionTarget { parts.append("target " + target) }
        return parts.joined(separator: "; ")
    }

    private struct Known {
        var kind: ChanceryError.Kind
        var message: String
        var field: String?
        var hint: String?
    }

    private static let known: [String: Known] = [
        "letter_ref_unique": Known(kind: .conflict, message: "a letter with that reference already exists", field: "ref",
                                   hint: "Choose another reference, or leave it out to have one assigned."),
        "invitation_ref_unique": Known(kind: .conflict, message: "an invitation with that reference already exists", field: "ref"),
        "event_ref_unique": Known(kind: .conflict, message: "an event with that reference already exists", field: "ref"),
        "actor_iso_code_unique": Known(kind: .conflict, message: "another state already has that ISO code", field: "isoCode"),
        "actor_wikidata_unique": Known(kind: .conflict, message: "another actor already has that Wikidata id", field: "wikidataId"),
        "actor_viaf_unique": Known(kind: .conflict, message: "another actor already has that VIAF id", field: "viafId"),
        "actor_gnd_unique": Known(kind: .conflict, message: "another actor already has that GND id", field: "gndId"),
        "letter_has_author": Known(kind: .invalidInput, message: "a letter needs at least one author", field: "from"),
        "letter_has_recipient": Known(kind: .invalidInput, message: "a letter needs at least one recipient", field: "to"),
        "participant_once_per_role": Known(kind: .invalidInput, message: "the same actor is named twice in one role of a letter"),
        "role_held_unique": Known(kind: .conflict, message: "that role is already recorded for that holder and period"),
        "membership_unique": Known(kind: .conflict, message: "that membership is already recorded for that period"),
        "source_url_unique": Known(kind: .conflict, message: "a source with that URL already exists", field: "source-url"),
        "letter_received_not_before_sent": Known(kind: .invalidInput, message: "the letter is received before it was sent",
                                                 field: "received", hint: "The received date must not end before the sent date begins."),
        "api_token_name_format": Known(kind: .invalidInput, message: "invalid token name", field: "name",
                                       hint: "Use 1 to 63 letters, digits and . _ @ -, starting with a letter or digit."),
        "api_token_name_unique": Known(kind: .conflict, message: "a token with that name already exists", field: "name",
                                       hint: TokenService.nameReuseHint),
        // 256 random bits colliding means the random source is broken, not that the caller erred.
        "api_token_secret_hash_unique": Known(kind: .unexpected, message: "a newly generated token secret collided with another",
                                              hint: "Try again; if it happens twice, the system's random source is faulty."),
        "app_user_name_format": Known(kind: .invalidInput, message: "invalid user name", field: "name",
                                      hint: "Use 1 to 63 letters, digits and . _ @ -, starting with a letter or digit."),
        "app_user_name_unique": Known(kind: .conflict, message: "a user with that name already exists", field: "name",
                                      hint: "User names are never reused, so history always names one person; choose another name."),
        "app_user_password_hash_format": Known(kind: .invalidInput, message: "a password may be stored only as a bcrypt hash",
                                               field: "password_hash", hint: "Set passwords with `chancery user password NAME`."),
        "web_session_pkey": Known(kind: .unexpected, message: "a newly generated session secret collided with another",
                                                hint: "Try again; if it happens twice, the system's random source is faulty."),
    ]
}

extension ChanceryError {
    /// Runs `body`, turning database errors into ChanceryErrors.
    static func translatingDatabaseErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresError {
            throw ConstraintMessages.translate(error)
        }
    }
}

extension ChanceryError {
    /// The error a failure of the database client stands for (an unreachable server becomes
    /// `.databaseUnavailable`), so interfaces map database failures without knowing the client;
    /// nil for any other error.
    public static func fromDatabaseFailure(_ error: any Error) -> ChanceryError? {
        guard let error = error as? PostgresError else { return nil }
        return ConstraintMessages.translate(error)
    }
}
