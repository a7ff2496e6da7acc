/// What an API token may do. Each role includes the ones below it: an editor may read, an admin
/// may also edit, so a check needs only "at least this role".
public enum AccessRole: String, Codable, Sendable, CaseIterable, Comparable {
    /// May read the register.
    case reader
    /// May also record and change correspondence.
    case editor
    /// May also issue and revoke tokens.
    case admin

    /// Whether a token with this role may do what needs `needed`.
    public func allows(_ needed: AccessRole) -> Bool { self >= needed }

    /// Orders roles by what they allow: reader < editor < admin.
    public static func < (lhs: AccessRole, rhs: AccessRole) -> Bool { lhs.rank < rhs.rank }

    // The order is spelled out rather than taken from the declaration order, so reordering the
    // cases can never silently widen a role.
    private var rank: Int {
        switch self {
        case .reader: return 0
        case .editor: return 1
        case .admin: return 2
        }
    }
}
