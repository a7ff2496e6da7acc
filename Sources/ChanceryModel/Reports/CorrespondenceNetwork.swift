/// What the nodes of a correspondence network stand for.
public enum NetworkLevel: String, Sendable, Hashable, CaseIterable, Codable {
    /// Persons, states and organizations, as recorded.
    case actor
    /// Countries: each participant counted for the state it is or acts for.
    case country

    /// "actors", "countries", for headings.
    public var plural: String { self == .actor ? "actors" : "countries" }
}

/// Which letters a network is drawn from, and at what level.
public struct NetworkRequest: Sendable, Hashable {
    /// Actors or countries.
    public var level: NetworkLevel
    /// Only letters whose dates may fall on or after this (EDTF).
    public var since: String?
    /// Only letters whose dates may fall on or before this (EDTF).
    public var until: String?
    /// Also draw edges from senders to copy recipients.
    public var includeCC: Bool

    /// Creates a request.
    public init(level: NetworkLevel = .actor, since: String? = nil, until: String? = nil, includeCC: Bool = false) {
        self.level = level
        self.since = since
        self.until = until
        self.includeCC = includeCC
    }
}

/// A correspondent in a network.
public struct NetworkNode: Sendable, Hashable, Codable {
    /// A stable identifier: `actor-<id>` for actors, the ISO code for countries.
    public var id: String
    /// The actor's or country's name.
    public var label: String
    /// person, state or organization; `country` at the country level.
    public var kind: String
    /// The ISO code of the state it is, or that the actor most often acts for; nil when none.
    public var country: String?
    /// True for an actor that stands for someone the sources do not name ("einen Amtsbruder"):
    /// many people, not one node's worth; nil otherwise, so the JSON says it only where it holds.
    public var unidentified: Bool?

    /// Creates a value from its parts.
    package init(id: String, label: String, kind: String, country: String? = nil, unidentified: Bool = false) {
        self.id = id
        self.label = label
        self.kind = kind
        self.country = country
        self.unidentified = unidentified ? true : nil
    }
}

/// Letters from one correspondent to another.
public struct NetworkEdge: Sendable, Hashable, Codable {
    /// The sending node's id.
    public var source: String
    /// The receiving node's id.
    public var target: String
    /// How many letters (each letter counted once per pair).
    public var weight: Int

    /// Creates a value from its parts.
    package init(source: String, target: String, weight: Int) {
        self.source = source
        self.target = target
        self.weight = weight
    }
}

/// Who writes to whom: nodes for correspondents, directed edges sender → recipient weighted by
/// the number of letters.
public struct CorrespondenceNetwork: Sendable, Hashable, Codable {
    /// What the nodes stand for.
    public var level: NetworkLevel
    /// The correspondents that send or receive at least one letter, by label.
    public var nodes: [NetworkNode]
    /// The pairs, by source then target.
    public var edges: [NetworkEdge]

    /// Creates a network.
    public init(level: NetworkLevel, nodes: [NetworkNode], edges: [NetworkEdge]) {
        self.level = level
        self.nodes = nodes
        self.edges = edges
    }

    /// The heaviest edge's weight (1 for an empty network), for scaling line widths.
    public var maximumWeight: Int { max(1, edges.map(\.weight).max() ?? 1) }
}
