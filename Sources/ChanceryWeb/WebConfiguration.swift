public import ChanceryCore

/// What the operator decides about the web interface.
public struct WebConfiguration: Sendable {
    /// Whether the reading room opens without signing in (`serve --anonymous-reads`). Writing
    /// always needs a signed-in editor.
    public var allowsAnonymousReads: Bool
    /// How long a session lasts after signing in.
    public var sessionLifetimeSeconds: Int
    /// How failed sign-ins are slowed and refused.
    public var signInPolicy: SignInPolicy

    /// Creates a configuration; by default pages need signing in, and sessions last twelve hours.
    public init(allowsAnonymousReads: Bool = false, sessionLifetimeSeconds: Int = 12 * 3600, signInPolicy: SignInPolicy = SignInPolicy()) {
        self.allowsAnonymousReads = allowsAnonymousReads
        self.sessionLifetimeSeconds = sessionLifetimeSeconds
        self.signInPolicy = signInPolicy
    }
}
