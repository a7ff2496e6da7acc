import LibPQClient
public import ChanceryModel
/// Issues, lists, revokes and checks API tokens.
///
/// Only a token's SHA-256 is stored, computed by PostgreSQL (`sha256()`), so a copy of the
/// database does not give access; the secret exists once, in what ``create(name:role:)`` returns.
/// Tokens are revoked, never deleted, and their names never reused, so `history.changed_by`
/// keeps naming exactly one token.
public struct TokenService: Sendable {
    let database: ChanceryDatabase

    /// Creates the service over a database.
    public init(database: ChanceryDatabase) { self.database = database }

    /// Issues a token named `name` with `role`, recorded as created by the database's
    /// `changedBy`. Throws `.invalidInput` (field `name`) for a name the schema would refuse and
    /// `.conflict` for a name already used, even by a revoked token.
    public func create(name: String, role: AccessRole) async throws -> IssuedToken {
        let name = try TokenName.validated(name)
        let secret = TokenSecret.generate()
        let token = try await database.write { connection in
            let existing = try await connection.query(
                "SELECT name, revoked_at IS NOT NULL AS revoked FROM api_token WHERE lower(name) = lower(\(name))").rows
            if let row = existing.first {
                let stored: String = try row.decode("name")
                let revoked: Bool = try row.decode("revoked")
                throw ChanceryError(.conflict, "a token named '\(stored)' already exists" + (revoked ? " (revoked)" : ""),
                                    field: "name", hint: Self.nameReuseHint)
            }
            let row = try await connection.query(
                """
                INSERT INTO api_token (name, role, secret_hash, created_by)
                VALUES (\(name), \(role.rawValue)::text::api_role, sha256(convert_to(\(secret), 'UTF8')), \(database.changedBy))
                RETURNING \(Self.columns)
                """).rows[0]
            return try Self.token(from: row)
        }
        return IssuedToken(token: token, secret: secret)
    }

    /// Every token by id; revoked ones too unless `includeRevoked` is false.
    public func list(includeRevoked: Bool = true) async throws -> [AccessToken] {
        try await database.read { connection in
            try await connection.query(
                "SELECT \(Self.columns) FROM api_token WHERE \(includeRevoked) OR revoked_at IS NULL ORDER BY id"
            ).rows.map(Self.token(from:))
        }
    }

    /// Revokes the token named `nameOrID` (ignoring case) or with that numeric id, and returns it.
    ///
    /// Revoking a revoked token changes nothing and returns it as it is, with its first
    /// `revokedAt`: a retried revocation (an HTTP DELETE sent twice) succeeds. Throws `.notFound`
    /// (field `token`) for an unknown token, and `.ambiguous` when a token is named like another
    /// token's id.
    public func revoke(_ nameOrID: String) async throws -> AccessToken {
        let input = InputValidation.trimmed(nameOrID)
        let isNumber = !input.isEmpty && input.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let id = isNumber ? Int64(input) : nil
        return try await database.write { connection in
            let rows = try await connection.query(
                "SELECT \(Self.columns) FROM api_token WHERE lower(name) = lower(\(input)) OR id = \(id) ORDER BY id FOR UPDATE").rows
            let matches = try rows.map(Self.token(from:))
            guard let token = matches.first else {
                throw ChanceryError(.notFound, "no token named '\(input)'" + (id == nil ? "" : " or with id \(input)"),
                                    field: "token", hint: "Look the name up among the tokens.", next: [.listTokens])
            }
            guard matches.count == 1 else {
                throw ChanceryError(.ambiguous, "'\(input)' is one token's name and another token's id", field: "token",
                                    hint: "Give the name of the one to revoke.",
                                    candidates: matches.map { "\($0.name) (id \($0.id))" })
            }
            if token.isRevoked { return token }
            return try Self.token(from: try await connection.query(
                "UPDATE api_token SET revoked_at = now() WHERE id = \(token.id) RETURNING \(Self.columns)").rows[0])
        }
    }

    /// The valid token whose secret is `secret`, or nil when it is unknown, revoked or not
    /// shaped like a secret at all (refused without a query).
    public func authenticate(secret: String) async throws -> AccessToken? {
        guard TokenSecret.isWellFormed(secret) else { return nil }
        return try await database.read { connection in
            // One lookup through the unique index on secret_hash.
            try await connection.query(
                "SELECT \(Self.columns) FROM api_token WHERE secret_hash = sha256(convert_to(\(secret), 'UTF8')) AND revoked_at IS NULL"
            ).rows.first.map(Self.token(from:))
        }
    }

    static let nameReuseHint =
        "Token names are never reused, even after revocation, so history always names one token; choose another name."

    /// The columns every query returns, times as ISO 8601 UTC text so every interface prints
    /// them alike. A constant fragment spliced into the statements: it carries no value.
    private static let columns: PostgresQuery = """
        id, name, role::text AS role, created_by,
        to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
        to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS revoked_at
        """

    private static func token(from row: PostgresRow) throws -> AccessToken {
        let role: String = try row.decode("role")
        guard let accessRole = AccessRole(rawValue: role) else {
            throw ChanceryError(.unexpected, "the database holds a token role this chancery does not know: \(role)",
                                hint: "Upgrade chancery.")
        }
        return AccessToken(id: try row.decode("id"), name: try row.decode("name"), role: accessRole,
                           createdAt: try row.decode("created_at"), createdBy: try row.decode("created_by"),
                           revokedAt: try row.decode("revoked_at"))
    }
}
