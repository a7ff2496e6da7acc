public import ChanceryModel

/// Someone taking part as intake read them: who, in what capacity, for whom, as written.
public struct Party: Sendable, Hashable {
    public var actor: ActorRef
    public var capacity: String?
    /// The state or organization they act for (an index into the gazetteer's actors).
    public var onBehalfOf: Int?
    public var asWritten: String
    /// Read from a pronoun or an office rather than a name: less certain.
    public var inferred: Bool

    /// Two parties are the same actor whatever their capacity.
    func same(_ other: Party) -> Bool { actor == other.actor }
}

/// What supports a proposal: sentence numbers of the article, and the rule that read them.
public struct Support: Sendable, Hashable {
    public var sentences: [Int]
    public var rule: String
    public var confidence: Double

    mutating func add(_ sentence: Int) { if !sentences.contains(sentence) { sentences.append(sentence) } }
}

public struct LetterProposal: Sendable {
    public var kind: LetterKind
    public var from: [Party]
    public var to: [Party]
    public var via: [Party] = []
    /// EDTF, and the words that gave it.
    public var date: String?
    public var dateWords: String?
    public var replyTo: [Int] = []
    public var encloses: [Int] = []
    public var forwards: [Int] = []
    /// Written as an enclosure of another letter (its recipients may come from its invitation).
    public var isEnclosure = false
    public var support: Support
}

public struct InvitationProposal: Sendable {
    public var inviter: Party
    public var invitees: [Party]
    public var event: Int?
    public var letter: Int?
    public var support: Support
}

public struct ResponseProposal: Sendable {
    public var invitation: Int
    public var invitee: Party
    public var status: ResponseStatus
    public var letter: Int?
    public var support: Support
}

public struct EventProposal: Sendable {
    /// Its name as written, nil for "a special summit" until a sentence names it.
    public var name: String?
    public var kind: EventKind
    public var status: EventStatus
    public var city: String?
    /// The state it is held in, when the text names a state as its place.
    public var country: Int?
    public var host: Int?
    public var date: String?
    public var participants: [Party] = []
    public var support: Support

    /// The register's event it is, when the register has it (its ref).
    public var known: String?

    /// The words that identify it whatever their order ("ASEAN-US Special Summit" is "Special ASEAN-U.S. Summit").
    public var identity: Set<String> { Self.identity(of: name ?? "") }

    public static func identity(of name: String) -> Set<String> {
        Set(Tokenizer.key(of: name).filter { !["the", "of", "-", "'s", "and", "on", "a", "in", "to", "for"].contains($0) })
    }

    /// Whether two names of the same kind of event name the same one.
    public static func same(_ a: Set<String>, _ b: Set<String>) -> Bool {
        a == b || (a.isSubset(of: b) && a.count >= 2) || (b.isSubset(of: a) && b.count >= 2)
    }
}

/// Everything intake proposes for one article.
public struct IntakeProposals: Sendable {
    public var article: Article
    public var letters: [LetterProposal] = []
    public var invitations: [InvitationProposal] = []
    public var responses: [ResponseProposal] = []
    public var events: [EventProposal] = []
    /// Actors the text names that the register does not know, with the closest names it does.
    public var newActors: [(name: String, closest: [String], sentences: [Int])] = []
}
