import LibPQClient
public import ChanceryModel

/// Adds, lists and disables the people who sign in to the web interface, and sets their passwords.
///
/// Passwords are kept only as bcrypt hashes. Accounts are disabled, never deleted, and names are
/// never reused, so `history.changed_by`'s `user:<name>` keeps naming one person. Disabling an
/// account or changing its password ends its sessions at once.
public struct UserService: Sendable {
    let database: ChanceryDatabase
    let hasher: PasswordHasher

    /// Creates the service over a database. `bcryptCost` is log2 of bcrypt's rounds (12 unless a
    /// test needs speed more than strength).
    public init(database: ChanceryDatabase, bcryptCost: UInt8 = 12) {
        self.database = database
        self.hasher = PasswordHasher(cost: bcryptCost)
    }

    /// Adds `name` with `role` and `password`, recorded as created by the database's `changedBy`.
    /// Throws `.invalidInput` for a bad name or password and `.conflict` for a name already used,
    /// even by a disabled account.
    public func add(name: String, role: AccessRole, password: String) async throws -> WebUser {
        let name = try TokenName.validated(name, noun: "user name")
        let password = try PasswordRule.validated(password)
        let hash = await hasher.hash(password)
        return try await database.write { connection in
            if let row = try await connection.query(
                "SELECT name, disabled_at IS NOT NULL AS disabled FROM app_user WHERE lower(name) = lower(\(name))").rows.first {
                let stored: String = try row.decode("name")
                let disabled: Bool = try row.decode("disabled")
                throw ChanceryError(.conflict, "a user named '\(stored)' already exists" + (disabled ? " (disabled)" : ""), field: "name",
                                    hint: "User names are never reused, so history always names one person; choose another name.")
            }
            return try Self.user(from: try await connection.query(
                """
                INSERT INTO app_user (name, role, password_hash, created_by)
                VALUES (\(name), \(role.rawValue)::text::api_role, \(hash), \(database.changedBy))
                RETURNING \(Self.columns)
                """).rows[0])
        }
    }

    /// Every account by id, disabled ones too.
    public func list() async throws -> [WebUser] {
        try await database.read { connection in
            try await connection.query("SELECT \(Self.columns) FROM app_user ORDER BY id").rows.map(Self.user(from:))
        }
    }

    /// Disables `name` and ends its sessions. Disabling a disabled account changes nothing.
    public func disable(_ name: String) async throws -> WebUser {
        try await database.write { connection in
            let user = try await Self.locked(name, on: connection)
            if user.isDisabled { return user }
            try await connection.execute("UPDATE web_session SET ended_at = now() WHERE user_id = \(user.id) AND ended_at IS NULL")
            return try Self.user(from: try await connection.query(
                "UPDATE app_user SET disabled_at = now() WHERE id = \(user.id) RETURNING \(Self.columns)").rows[0])
        }
    }

    /// Sets `name`'s password and ends its sessions, so a stolen session stops working too.
    public func setPassword(_ name: String, to password: String) async throws -> WebUser {
        let password = try PasswordRule.validated(password)
        let hash = await hasher.hash(password)
        return try await database.write { connection in
            let user = try await Self.locked(name, on: connection)
            try await connection.execute("UPDATE web_session SET ended_at = now() WHERE user_id = \(user.id) AND ended_at IS NULL")
            return try Self.user(from: try await connection.query(
                """
                UPDATE app_user SET password_hash = \(hash), password_changed_at = now() WHERE id = \(user.id)
                RETURNING \(Self.columns)
                """).rows[0])
        }
    }

    private static func locked(_ name: String, on connection: PostgresConnection) async throws -> WebUser {
        let input = InputValidation.trimmed(name)
        guard let row = try await connection.query(
            "SELECT \(columns) FROM app_user WHERE lower(name) = lower(\(input)) FOR UPDATE").rows.first else {
            throw ChanceryError(.notFound, "no user named '\(input)'", field: "user", hint: "Look the name up among the users.", next: [.listUsers])
        }
        return try user(from: row)
    }

    /// The columns every query returns, times as ISO 8601 UTC text. A constant fragment.
    static let columns: PostgresQuery = """
        app_user.id, app_user.name, app_user.role::text AS role, app_user.created_by,
        to_char(app_user.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
        to_char(app_user.disabled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS disabled_at
        """

    static func user(from row: PostgresRow) throws -> WebUser {
        let role: String = try row.decode("role")
        guard let accessRole = AccessRole(rawValue: role) else {
            throw ChanceryError(.unexpected, "the database holds a user role this chancery does not know: \(role)", hint: "Upgrade chancery.")
        }
        return WebUser(id: try row.decode("id"), name: try row.decode("name"), role: accessRole,
                       createdAt: try row.decode("created_at"), createdBy: try row.decode("created_by"),
                       disabledAt: try row.decode("disabled_at"))
    }
}
