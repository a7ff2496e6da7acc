/// An API token as stored: everything but its secret, which is never stored (only its SHA-256).
public struct AccessToken: Codable, Sendable, Hashable {
    /// The database id.
    public var id: Int64
    /// The name history records changes under; unique (ignoring case) and never reused.
    public var name: String
    /// What the token may do.
    public var role: AccessRole
    /// When it was issued, ISO 8601 in UTC (`2026-11-30T01:02:03Z`).
    public var createdAt: String
    /// Who issued it (the CLI user or the admin token that asked).
    public var createdBy: String
    /// When it was revoked, ISO 8601 in UTC; nil while it is valid.
    public var revokedAt: String?

    /// Creates a token description.
    public init(id: Int64, name: String, role: AccessRole, createdAt: String, createdBy: String, revokedAt: String? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.revokedAt = revokedAt
    }

    /// Whether the token has been revoked.
    public var isRevoked: Bool { revokedAt != nil }
}
