import LibPQClient
public import ChanceryModel

/// Signs people in and out of the web interface and finds the session a cookie names.
///
/// Sessions live in PostgreSQL, so several `serve` processes share them; only the SHA-256 of a
/// cookie's secret is stored. Failed sign-ins are slowed and then refused by ``SignInPolicy``.
public struct SessionService: Sendable {
    let database: ChanceryDatabase
    let policy: SignInPolicy
    let lifetimeSeconds: Int
    let hasher: PasswordHasher

    /// Creates the service. Sessions last `lifetimeSeconds` (twelve hours unless set).
    public init(database: ChanceryDatabase, policy: SignInPolicy = SignInPolicy(), lifetimeSeconds: Int = 12 * 3600) {
        self.database = database
        self.policy = policy
        self.lifetimeSeconds = lifetimeSeconds
        self.hasher = PasswordHasher()
    }

    /// Checks `name` and `password` from `clientAddress`. A wrong name and a wrong password are
    /// refused alike, in the same time, and counted against both the name and the address.
    public func signIn(name: String, password: String, clientAddress: String) async throws -> SignInOutcome {
        let account = String(InputValidation.trimmed(name).lowercased().prefix(200))
        let counts = try await failureCounts(account: account, clientAddress: clientAddress)
        if let wait = counts.retryAfter(policy) { return .throttled(retryAfterSeconds: wait) }
        let stored = try await database.read { connection in
            try await connection.query(
                "SELECT \(UserService.columns), password_hash FROM app_user WHERE lower(name) = \(account)").rows.first.map {
                    (user: try UserService.user(from: $0), hash: try $0.decode("password_hash", as: String.self))
                }
        }
        let matches = await hasher.verify(password, against: stored?.hash)
        guard matches, let user = stored?.user, !user.isDisabled else {
            _ = try await database.write { connection in
                try await connection.execute(
                    "INSERT INTO sign_in_failure (account, client_address) VALUES (\(account), \(clientAddress))")
            }
            try await Task.sleep(for: policy.delay(afterFailures: max(counts.account, counts.client)))
            return .refused
        }
        let secret = RandomSecret.generate()
        let csrf = RandomSecret.generate()
        let expiresAt: String = try await database.write { connection in
            // A success forgets the account's failures; the address's stay, so one good account
            // cannot be used to reset guessing at others.
            try await connection.execute("DELETE FROM sign_in_failure WHERE account = \(account)")
            try await connection.execute(
                "DELETE FROM sign_in_failure WHERE failed_at < now() - make_interval(secs => \(Double(policy.windowSeconds * 4)))")
            try await connection.execute(
                "DELETE FROM web_session WHERE coalesce(ended_at, expires_at) < now() - interval '30 days'")
            return try await connection.query(
                """
                INSERT INTO web_session (secret_hash, user_id, csrf_token, expires_at)
                VALUES (sha256(convert_to(\(secret), 'UTF8')), \(user.id), \(csrf), now() + make_interval(secs => \(Double(lifetimeSeconds))))
                RETURNING to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expires_at
                """).rows[0].decode("expires_at")
        }
        return .signedIn(StartedSession(session: WebSession(user: user, csrfToken: csrf, expiresAt: expiresAt), secret: secret))
    }

    /// The live session `secret` names: not ended, not expired, its account enabled.
    public func session(secret: String) async throws -> WebSession? {
        guard RandomSecret.isWellFormed(secret) else { return nil }
        return try await database.read { connection in
            try await connection.query(
                """
                SELECT \(UserService.columns), s.csrf_token,
                       to_char(s.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expires_at
                FROM web_session s JOIN app_user ON app_user.id = s.user_id
                WHERE s.secret_hash = sha256(convert_to(\(secret), 'UTF8'))
                  AND s.ended_at IS NULL AND s.expires_at > now() AND app_user.disabled_at IS NULL
                """).rows.first.map { row in
                WebSession(user: try UserService.user(from: row), csrfToken: try row.decode("csrf_token"),
                           expiresAt: try row.decode("expires_at"))
            }
        }
    }

    /// Ends the session `secret` names, on the server: the cookie stops working even if kept.
    public func signOut(secret: String) async throws {
        guard RandomSecret.isWellFormed(secret) else { return }
        _ = try await database.write { connection in
            try await connection.execute(
                "UPDATE web_session SET ended_at = now() WHERE secret_hash = sha256(convert_to(\(secret), 'UTF8')) AND ended_at IS NULL")
        }
    }

    private struct FailureCounts {
        var account: Int
        var client: Int
        var accountRetry: Int?
        var clientRetry: Int?

        func retryAfter(_ policy: SignInPolicy) -> Int? {
            let waits = [account >= policy.accountLimit ? accountRetry : nil, client >= policy.clientLimit ? clientRetry : nil]
            return waits.compactMap { $0 }.max().map { max($0, 1) }
        }
    }

    private func failureCounts(account: String, clientAddress: String) async throws -> FailureCounts {
        let window = Double(policy.windowSeconds)
        return try await database.read { connection in
            let row = try await connection.query(
                """
                WITH by_account AS (
                    SELECT failed_at FROM sign_in_failure
                    WHERE account = \(account) AND failed_at > now() - make_interval(secs => \(window))
                ), by_client AS (
                    SELECT failed_at FROM sign_in_failure
                    WHERE client_address = \(clientAddress) AND failed_at > now() - make_interval(secs => \(window))
                )
                SELECT (SELECT count(*) FROM by_account)::int AS account_failures,
                       (SELECT count(*) FROM by_client)::int AS client_failures,
                       (SELECT ceil(extract(epoch FROM min(failed_at) + make_interval(secs => \(window)) - now()))::int
                        FROM (SELECT failed_at FROM by_account ORDER BY failed_at DESC LIMIT \(policy.accountLimit)) a) AS account_retry,
                       (SELECT ceil(extract(epoch FROM min(failed_at) + make_interval(secs => \(window)) - now()))::int
                        FROM (SELECT failed_at FROM by_client ORDER BY failed_at DESC LIMIT \(policy.clientLimit)) c) AS client_retry
                """).rows[0]
            return FailureCounts(account: try row.decode("account_failures"), client: try row.decode("client_failures"),
                                 accountRetry: try row.decode("account_retry"), clientRetry: try row.decode("client_retry"))
        }
    }
}
