/// A person who signs in to the web interface, as stored: everything but the password, of which
/// only a bcrypt hash is kept.
public struct WebUser: Codable, Sendable, Hashable {
    /// The database id.
    public var id: Int64
    /// The name they sign in with; history records their changes as `user:<name>`.
    public var name: String
    /// What they may do; the same roles as tokens.
    public var role: AccessRole
    /// When the account was made, ISO 8601 in UTC.
    public var createdAt: String
    /// Who made it (the CLI user or an admin).
    public var createdBy: String
    /// When it was disabled, ISO 8601 in UTC; nil while it may sign in.
    public var disabledAt: String?

    /// Creates a user description.
    public init(id: Int64, name: String, role: AccessRole, createdAt: String, createdBy: String, disabledAt: String? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.disabledAt = disabledAt
    }

    /// Whether the account has been disabled.
    public var isDisabled: Bool { disabledAt != nil }

    /// The name history records this person's changes under.
    public var changedBy: String { "user:" + name }
}
