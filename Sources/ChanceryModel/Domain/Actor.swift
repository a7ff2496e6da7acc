/// A person, a state or an organization that writes, receives, conveys, invites or hosts.
public struct Actor: Sendable, Hashable, Codable {
    /// The database id.
    public var id: Int64
    /// What the actor is.
    public var kind: ActorKind
    /// The display name.
    public var name: String
    /// ISO 3166-1 alpha-2 code, for states.
    public var isoCode: String?
    /// Wikidata QID (`Q30`).
    public var wikidataId: String?

    /// "Cambodia (state, KH)", for candidate lists.
    public var label: String {
        var details = [kind.rawValue]
        if let isoCode { details.append(isoCode) }
        if let wikidataId { details.append(wikidataId) }
        return name + " (" + details.joined(separator: ", ") + ")"
    }

    /// Creates a value from its parts.
    package init(id: Int64, kind: ActorKind, name: String, isoCode: String? = nil, wikidataId: String? = nil) {
        self.id = id
        self.kind = kind
        self.name = name
        self.isoCode = isoCode
        self.wikidataId = wikidataId
    }
}

/// What is needed to record a new actor.
public struct ActorDraft: Sendable, Hashable, Codable {
    /// What the actor is.
    public var kind: ActorKind
    /// The display name.
    public var name: String
    /// Other names, in any script.
    public var aliases: [String]
    /// ISO 3166-1 alpha-2 code (states only).
    public var isoCode: String?
    /// Wikidata QID.
    public var wikidataId: String?
    /// VIAF id (digits), as CMIF editions cite persons.
    public var viafId: String?
    /// GND id (Deutsche Nationalbibliothek).
    public var gndId: String?
    /// A short note.
    public var note: String?
    /// Whether the actor stands for someone the sources do not name ("einen Amtsbruder",
    /// "Unknown"); nil lets the name decide, as `ActorProfile.unidentified` explains.
    public var unidentified: Bool?

    /// Creates a draft.
    public init(kind: ActorKind, name: String, aliases: [String] = [], isoCode: String? = nil,
                wikidataId: String? = nil, viafId: String? = nil, gndId: String? = nil, note: String? = nil,
                unidentified: Bool? = nil) {
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.isoCode = isoCode
        self.wikidataId = wikidataId
        self.viafId = viafId
        self.gndId = gndId
        self.note = note
        self.unidentified = unidentified
    }
}

/// An actor with everything recorded about it.
public struct ActorProfile: Sendable, Hashable, Codable {
    /// The actor.
    public var actor: Actor
    /// Other names.
    public var aliases: [String]
    /// The actor's VIAF id, when known.
    public var viafId: String?
    /// The actor's GND id (Deutsche Nationalbibliothek), when known.
    public var gndId: String?
    /// The note.
    public var note: String?
    /// Capacities held.
    public var roles: [RoleHeld]
    /// Organizations the actor belongs to (or, for organizations, their members).
    public var memberships: [Membership]
    /// How many letters name the actor.
    public var letterCount: Int
    /// The spellings letters use for the actor, with when each was used.
    public var namesAsWritten: [NameAsWritten]
    /// When a state existed, for one that no longer does (the Soviet Union, 1922-12-30/1991-12-26).
    public var existed: UncertainDate?
    /// A state's adjectival and demonymic forms ("Cambodian", "Khmer").
    public var demonyms: [String] = []
    /// Actors merged into this one, oldest first.
    public var merged: [MergedActor] = []
    /// Whether the actor stands for someone the sources do not name: an editor's description
    /// ("einen Amtsbruder", "a fellow minister") or "Unknown". Its letters are not one
    /// correspondent's, so the busiest correspondents leave it out. Recorded without a say, an
    /// actor is unidentified when its name is such a description and it has no authority id;
    /// a new name or id decides again unless the same change says otherwise.
    public var unidentified = false

    /// Creates a value from its parts.
    package init(actor: Actor, aliases: [String], viafId: String? = nil, gndId: String? = nil, note: String? = nil, roles: [RoleHeld],
                 memberships: [Membership], letterCount: Int, namesAsWritten: [NameAsWritten] = []) {
        self.actor = actor
        self.aliases = aliases
        self.viafId = viafId
        self.gndId = gndId
        self.note = note
        self.roles = roles
        self.memberships = memberships
        self.letterCount = letterCount
        self.namesAsWritten = namesAsWritten
    }
}

/// A spelling letters use for an actor ("Kf. N."), and the years of the letters that use it.
public struct NameAsWritten: Sendable, Hashable, Codable {
    /// The spelling.
    public var name: String
    /// How many letters use it.
    public var letterCount: Int
    /// The earliest year those letters can be from, numbered as EDTF numbers years (45 BC is
    /// -44); nil when none is dated.
    public var firstYear: Int?
    /// The latest year those letters can be from.
    public var lastYear: Int?

    /// Creates a value from its parts.
    package init(name: String, letterCount: Int, firstYear: Int? = nil, lastYear: Int? = nil) {
        self.name = name
        self.letterCount = letterCount
        self.firstYear = firstYear
        self.lastYear = lastYear
    }
}

/// A capacity held over a period: "Prime Minister" of Cambodia, 1985–2023.
public struct RoleHeld: Sendable, Hashable, Codable {
    /// The database id.
    public var id: Int64
    /// Who holds it.
    public var holder: String
    /// The title.
    public var title: String
    /// The state or organization it is of.
    public var of: String
    /// When, if known.
    public var period: UncertainDate?

    /// Creates a value from its parts.
    package init(id: Int64, holder: String, title: String, of: String, period: UncertainDate? = nil) {
        self.id = id
        self.holder = holder
        self.title = title
        self.of = of
        self.period = period
    }
}

/// Membership of an actor in an organization over a period.
public struct Membership: Sendable, Hashable, Codable {
    /// The database id, which `membership edit --id` and `/v1/memberships/{id}` take.
    public var id: Int64
    /// The member.
    public var member: String
    /// The organization.
    public var organization: String
    /// When, if known.
    public var period: UncertainDate?

    /// Creates a value from its parts.
    package init(id: Int64, member: String, organization: String, period: UncertainDate? = nil) {
        self.id = id
        self.member = member
        self.organization = organization
        self.period = period
    }
}

extension ActorDraft {
    /// The names read and written everywhere (API, JSON Lines).
    package enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, name, aliases, isoCode, wikidataId, viafId, gndId, note, unidentified
    }

    /// Earlier names still read in files written before they changed (see CHANGELOG.md).
    package enum FormerKeys: String, CodingKey, CaseIterable {
        case iso, wikidata, viaf, gnd
    }

    /// Decodes leniently: only `kind` and `name` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let former = try decoder.container(keyedBy: FormerKeys.self)
        self.init(kind: try c.decode(ActorKind.self, forKey: .kind), name: try c.decode(String.self, forKey: .name),
                  aliases: try c.decodeIfPresent([String].self, forKey: .aliases) ?? [],
                  isoCode: try c.decodeIfPresent(String.self, forKey: .isoCode) ?? former.decodeIfPresent(String.self, forKey: .iso),
                  wikidataId: try c.decodeIfPresent(String.self, forKey: .wikidataId)
                      ?? former.decodeIfPresent(String.self, forKey: .wikidata),
                  viafId: try c.decodeIfPresent(String.self, forKey: .viafId) ?? former.decodeIfPresent(String.self, forKey: .viaf),
                  gndId: try c.decodeIfPresent(String.self, forKey: .gndId) ?? former.decodeIfPresent(String.self, forKey: .gnd),
                  note: try c.decodeIfPresent(String.self, forKey: .note),
                  unidentified: try c.decodeIfPresent(Bool.self, forKey: .unidentified))
    }
}

/// An actor whose name, or one of whose aliases, begins with what someone is typing.
public struct NameSuggestion: Sendable, Hashable, Codable {
    /// The actor's name, which the forms accept.
    public var name: String
    /// What kind of actor.
    public var kind: ActorKind
    /// The alias or ISO code that matched, when the name itself did not.
    public var matched: String?

    /// Creates a suggestion.
    public init(name: String, kind: ActorKind, matched: String? = nil) {
        self.name = name
        self.kind = kind
        self.matched = matched
    }
}

/// Someone an actor exchanged letters with, and how many each way.
public struct Correspondent: Sendable, Hashable, Codable {
    /// The correspondent's name.
    public var name: String
    /// What kind of actor.
    public var kind: ActorKind
    /// Letters between the two, either way.
    public var letterCount: Int
    /// Of those, letters the actor sent (or that were sent for it).
    public var sent: Int
    /// Of those, letters the actor received.
    public var received: Int

    /// Creates a value from its parts.
    public init(name: String, kind: ActorKind, letterCount: Int, sent: Int, received: Int) {
        self.name = name
        self.kind = kind
        self.letterCount = letterCount
        self.sent = sent
        self.received = received
    }
}

/// An actor's busiest correspondents, and what the ranking leaves out.
public struct CorrespondentRanking: Sendable, Hashable {
    /// The correspondents, most letters first.
    public var correspondents: [Correspondent]
    /// Letters exchanged with unidentified actors (who stand for many, so are not ranked).
    public var lettersWithUnidentified: Int

    /// Creates a value from its parts.
    public init(correspondents: [Correspondent], lettersWithUnidentified: Int) {
        self.correspondents = correspondents
        self.lettersWithUnidentified = lettersWithUnidentified
    }
}
