/// A letter found by a full-text search.
public struct SearchHit: Sendable, Hashable, Codable {
    /// The letter, as lists show it.
    public var letter: LetterSummary
    /// How well it matches: text matches weigh subject above summary above body; a match on a
    /// participant's name or alias adds a little.
    public var rank: Double
    /// Passages around the matches, the matched words between `**`.
    public var snippet: String
    /// Participants whose name or alias matched.
    public var matchedNames: [String]

    /// Creates a value from its parts.
    package init(letter: LetterSummary, rank: Double, snippet: String, matchedNames: [String]) {
        self.letter = letter
        self.rank = rank
        self.snippet = snippet
        self.matchedNames = matchedNames
    }
}

/// An actor whose name or alias matched a search.
public struct SearchActorHit: Sendable, Hashable, Codable {
    /// Its name.
    public var name: String
    /// Person, state or organization.
    public var kind: ActorKind
    /// The alias that matched, when the name did not.
    public var matchedAlias: String?
    /// How many letters it takes part in or is acted for in.
    public var letters: Int

    /// Creates a value from its parts.
    package init(name: String, kind: ActorKind, matchedAlias: String? = nil, letters: Int) {
        self.name = name
        self.kind = kind
        self.matchedAlias = matchedAlias
        self.letters = letters
    }
}

/// What a full-text search found.
public struct SearchResults: Sendable, Hashable, Codable {
    /// The search as given.
    public var query: String
    /// Actors whose names or aliases match, most letters first.
    public var actors: [SearchActorHit]
    /// Letters, best match first.
    public var letters: [SearchHit]
    /// When more letters match than a search ranks, how many it ranked: the best of the first
    /// ones found (in the order they were recorded) are shown. Nil when every match was ranked.
    public var rankedAmong: Int?

    /// Creates a value from its parts.
    package init(query: String, actors: [SearchActorHit], letters: [SearchHit], rankedAmong: Int? = nil) {
        self.query = query
        self.actors = actors
        self.letters = letters
        self.rankedAmong = rankedAmong
    }
}

/// A letter whose reference or words match what someone is typing into a reference field.
public struct LetterSuggestion: Sendable, Hashable, Codable {
    /// The letter's reference, which the forms accept.
    public var ref: String
    /// What it is about.
    public var subject: String
    /// When it was sent, as people read it.
    public var date: String

    /// Creates a suggestion.
    public init(ref: String, subject: String, date: String) {
        self.ref = ref
        self.subject = subject
        self.date = date
    }
}
