/// What `chancery stats` counts over: a date window and how many pairs to list.
public struct StatisticsRequest: Sendable, Hashable {
    /// Only records whose dates may fall on or after this (EDTF).
    public var since: String?
    /// Only records whose dates may fall on or before this (EDTF).
    public var until: String?
    /// How many correspondent pairs (and country pairs) to list, the most active first.
    public var top: Int

    /// Creates a request.
    public init(since: String? = nil, until: String? = nil, top: Int = 10) {
        self.since = since
        self.until = until
        self.top = top
    }
}

/// Letters involving one country, by side. A participant's country is the state itself, or the
/// state it acts for; a letter counts once per side however many of
/// the country's people took part.
public struct CountryLetterCount: Sendable, Hashable, Codable {
    /// ISO 3166 code.
    public var code: String
    /// The country's name.
    public var name: String
    /// Letters sent from it (authors and signatories).
    public var sent: Int
    /// Letters addressed or copied to it.
    public var received: Int
    /// Letters it conveyed as an intermediary.
    public var conveyed: Int
    /// Letters it took part in on any side.
    public var total: Int

    /// Creates a value from its parts.
    package init(code: String, name: String, sent: Int, received: Int, conveyed: Int, total: Int) {
        self.code = code
        self.name = name
        self.sent = sent
        self.received = received
        self.conveyed = conveyed
        self.total = total
    }
}

/// Letters of one year.
public struct YearLetterCount: Sendable, Hashable, Codable {
    /// The year of the earliest day a letter may have been sent, or of its latest when the
    /// start is open ("/2022-04" counts in 2022), numbered as EDTF numbers years (45 BC is -44,
    /// as `since=-0044` reads it); nil for letters with no bound at all.
    public var year: Int?
    /// How many.
    public var letters: Int

    private enum CodingKeys: String, CodingKey { case year, letters }

    /// Encodes an undated group's year as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(year, forKey: .year)
        try container.encode(letters, forKey: .letters)
    }

    /// Creates a value from its parts.
    package init(year: Int? = nil, letters: Int) {
        self.year = year
        self.letters = letters
    }
}

/// Letters of one kind.
public struct KindLetterCount: Sendable, Hashable, Codable {
    /// The kind.
    public var kind: LetterKind
    /// How many.
    public var letters: Int

    /// Creates a value from its parts.
    package init(kind: LetterKind, letters: Int) {
        self.kind = kind
        self.letters = letters
    }
}

/// How many records have one status.
public struct StatusCount: Sendable, Hashable, Codable {
    /// The status (pending, accepted, … or proposed, held, …).
    public var status: String
    /// How many.
    public var count: Int

    /// Creates a value from its parts.
    package init(status: String, count: Int) {
        self.status = status
        self.count = count
    }
}

/// Letters from one sender to one recipient (actors, or countries).
public struct CorrespondentPair: Sendable, Hashable, Codable {
    /// The sender: an actor's name, or an ISO code.
    public var from: String
    /// The recipient: an actor's name, or an ISO code.
    public var to: String
    /// How many letters.
    public var letters: Int

    /// Creates a value from its parts.
    package init(from: String, to: String, letters: Int) {
        self.from = from
        self.to = to
        self.letters = letters
    }
}

/// Counts over the register.
///
/// JSON: `{since, until, letters, byCountry: [{code, name, sent, received, conveyed, total}],
/// byYear: [{year (null = undated), letters}], byKind: [{kind, letters}], invitations, openInvitations,
/// invitationResponses: [{status, count}], eventsByStatus: [{status, count}],
/// topCorrespondents: [{from, to, letters}], topCountryPairs: [{from, to, letters}]}`.
public struct Statistics: Sendable, Hashable, Codable {
    /// The window's start as given.
    public var since: String?
    /// The window's end as given.
    public var until: String?
    /// Letters in the window.
    public var letters: Int
    /// Per country, the most involved first.
    public var byCountry: [CountryLetterCount]
    /// Per year, in order; undated letters last.
    public var byYear: [YearLetterCount]
    /// Per kind, the most frequent first.
    public var byKind: [KindLetterCount]
    /// Invitations issued in the window.
    public var invitations: Int
    /// Of those, the ones some invitee has not answered.
    public var openInvitations: Int
    /// Invitees of those invitations by answer (every status listed, zeros included).
    public var invitationResponses: [StatusCount]
    /// Events by status (every status listed); in a window, only events dated within it.
    public var eventsByStatus: [StatusCount]
    /// The most active sender → recipient pairs of actors (authors and signatories → recipients).
    public var topCorrespondents: [CorrespondentPair]
    /// The most active sender → recipient pairs of countries.
    public var topCountryPairs: [CorrespondentPair]

    private enum CodingKeys: String, CodingKey {
        case since, until, letters, byCountry, byYear, byKind, invitations, openInvitations, invitationResponses,
             eventsByStatus, topCorrespondents, topCountryPairs
    }

    /// Encodes `since` and `until` as null rather than leaving them out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(since, forKey: .since)
        try container.encode(until, forKey: .until)
        try container.encode(letters, forKey: .letters)
        try container.encode(byCountry, forKey: .byCountry)
        try container.encode(byYear, forKey: .byYear)
        try container.encode(byKind, forKey: .byKind)
        try container.encode(invitations, forKey: .invitations)
        try container.encode(openInvitations, forKey: .openInvitations)
        try container.encode(invitationResponses, forKey: .invitationResponses)
        try container.encode(eventsByStatus, forKey: .eventsByStatus)
        try container.encode(topCorrespondents, forKey: .topCorrespondents)
        try container.encode(topCountryPairs, forKey: .topCountryPairs)
    }

    /// Creates a value from its parts.
    package init(since: String? = nil, until: String? = nil, letters: Int, byCountry: [CountryLetterCount], byYear: [YearLetterCount], byKind: [KindLetterCount], invitations: Int, openInvitations: Int, invitationResponses: [StatusCount], eventsByStatus: [StatusCount], topCorrespondents: [CorrespondentPair], topCountryPairs: [CorrespondentPair]) {
        self.since = since
        self.until = until
        self.letters = letters
        self.byCountry = byCountry
        self.byYear = byYear
        self.byKind = byKind
        self.invitations = invitations
        self.openInvitations = openInvitations
        self.invitationResponses = invitationResponses
        self.eventsByStatus = eventsByStatus
        self.topCorrespondents = topCorrespondents
        self.topCountryPairs = topCountryPairs
    }
}
