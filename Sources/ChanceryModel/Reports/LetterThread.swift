/// How a letter in a thread relates to the letter above it in the tree (its parent).
public enum ThreadRelation: String, Sendable, Codable, CaseIterable {
    /// It answers its parent.
    case reply
    /// Its parent answers it too (a letter answering several letters).
    case answered
    /// It travelled inside its parent.
    case enclosure
    /// It encloses its parent: the parent is enclosed in it.
    case coveringLetter = "covering_letter"
    /// Its parent passes it on.
    case forwarded
    /// It passes its parent on.
    case forwarding
    /// Its parent mentions it (shown, not followed further).
    case referenced
    /// It mentions its parent (shown, not followed further).
    case mentioning

    /// The label printed before the letter in a thread tree; "enclosed in", "answers", "forwarded by",
    /// "refers to" and "referred to by" read from the parent ("the parent is enclosed in this").
    public var label: String {
        switch self {
        case .reply: return "reply"
        case .answered: return "answers"
        case .enclosure: return "enclosure"
        case .coveringLetter: return "enclosed in"
        case .forwarded: return "forwarded"
        case .forwarding: return "forwarded by"
        case .referenced: return "refers to"
        case .mentioning: return "referred to by"
        }
    }

    /// Whether a thread follows this relation further; mentions are shown as leaves because a
    /// much-cited letter would otherwise pull half the register into its thread.
    var isStructural: Bool { self != .referenced && self != .mentioning }
}

/// One letter in a thread tree, with the letters hanging from it.
///
/// JSON: `{ref, date: {edtf, earliest, latest, precision, display}, subject, kind, from: [..], to: [..],
/// via: [..], relation: "reply" | … | null (the root), isRequested, hasMore?, children: [node…]}`.
public struct ThreadNode: Sendable, Hashable, Codable {
    /// The letter's reference.
    public var ref: String
    /// When it was sent.
    public var date: UncertainDate
    /// What it is about.
    public var subject: String
    /// What kind of item it is.
    public var kind: LetterKind
    /// Who sent it.
    public var from: [String]
    /// Who it is addressed to.
    public var to: [String]
    /// Who conveyed it.
    public var via: [String]
    /// How it relates to its parent; nil for the root.
    public var relation: ThreadRelation?
    /// Whether it is the letter the thread was asked for.
    public var isRequested: Bool
    /// Whether it has links the thread did not follow because the thread reached its size limit.
    public var hasMore: Bool
    /// The letters hanging from it, earliest first.
    public var children: [ThreadNode]

    /// Creates a node.
    public init(ref: String, date: UncertainDate, subject: String, kind: LetterKind, from: [String], to: [String], via: [String],
                relation: ThreadRelation?, isRequested: Bool, hasMore: Bool = false, children: [ThreadNode] = []) {
        self.ref = ref
        self.date = date
        self.subject = subject
        self.kind = kind
        self.from = from
        self.to = to
        self.via = via
        self.relation = relation
        self.isRequested = isRequested
        self.hasMore = hasMore
        self.children = children
    }

    private enum CodingKeys: String, CodingKey {
        case ref, date, subject, kind, from, to, via, relation, isRequested, hasMore, children
    }

    /// Encodes `relation` as null on the root (rather than leaving it out) and `hasMore` only when true.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ref, forKey: .ref)
        try container.encode(date, forKey: .date)
        try container.encode(subject, forKey: .subject)
        try container.encode(kind, forKey: .kind)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(via, forKey: .via)
        try container.encode(relation, forKey: .relation)
        try container.encode(isRequested, forKey: .isRequested)
        if hasMore { try container.encode(hasMore, forKey: .hasMore) }
        try container.encode(children, forKey: .children)
    }

    /// Decodes what `encode(to:)` writes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ref = try container.decode(String.self, forKey: .ref)
        date = try container.decode(UncertainDate.self, forKey: .date)
        subject = try container.decode(String.self, forKey: .subject)
        kind = try container.decode(LetterKind.self, forKey: .kind)
        from = try container.decode([String].self, forKey: .from)
        to = try container.decode([String].self, forKey: .to)
        via = try container.decode([String].self, forKey: .via)
        relation = try container.decodeIfPresent(ThreadRelation.self, forKey: .relation)
        isRequested = try container.decode(Bool.self, forKey: .isRequested)
        hasMore = try container.decodeIfPresent(Bool.self, forKey: .hasMore) ?? false
        children = try container.decode([ThreadNode].self, forKey: .children)
    }

    /// Every node of the tree, depth first, this one first.
    public var allNodes: [ThreadNode] { [self] + children.flatMap(\.allNodes) }
}

/// A letter's thread: the tree of letters linked to it, rooted at the earliest letter it
/// (transitively) answers or is enclosed in.
public struct LetterThread: Sendable, Hashable {
    /// The reference of the letter asked for.
    public var requested: String
    /// The root of the tree.
    public var root: ThreadNode
    /// Whether the thread reached its size limit, so some links were not followed.
    public var truncated: Bool

    /// Creates a thread.
    public init(requested: String, root: ThreadNode, truncated: Bool) {
        self.requested = requested
        self.root = root
        self.truncated = truncated
    }

    /// How many letters the tree holds.
    public var letterCount: Int { root.allNodes.count }
}
