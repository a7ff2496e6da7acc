/// A signed-in browser: whose it is, the token its forms must carry, and when it ends.
public struct WebSession: Sendable, Hashable {
    /// The signed-in person.
    public var user: WebUser
    /// The anti-forgery token every form that changes something carries back.
    public var csrfToken: String
    /// When the session ends unless the person signs out first, ISO 8601 in UTC.
    public var expiresAt: String

    /// Creates a session description.
    public init(user: WebUser, csrfToken: String, expiresAt: String) {
        self.user = user
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}

/// A new session and the secret its cookie carries; the secret is not stored, only its SHA-256.
public struct StartedSession: Sendable {
    /// The session.
    public var session: WebSession
    /// The cookie's value.
    public var secret: String

    /// Creates a started session.
    public init(session: WebSession, secret: String) {
        self.session = session
        self.secret = secret
    }
}

/// What a sign-in attempt came to.
public enum SignInOutcome: Sendable {
    /// The name and password match an enabled account.
    case signedIn(StartedSession)
    /// The name or password is wrong, or the account is disabled; which is not said.
    case refused
    /// Too many recent failures for this account or this client address; try after `seconds`.
    case throttled(retryAfterSeconds: Int)
}
