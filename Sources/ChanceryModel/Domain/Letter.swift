/// A sender, recipient or intermediary as the user names them.
public struct ParticipantDraft: Sendable, Hashable, Codable {
    /// Name, alias, ISO code or Wikidata id of the actor.
    public var name: String
    /// The capacity they act in ("President"); matched against the roles they hold.
    public var capacity: String?
    /// The state or organization they act for; inferred from their role when not given.
    public var onBehalfOf: String?
    /// The name as the source writes it ("Kf. N."), when `name` is an id or another spelling.
    public var nameAsWritten: String?
    /// Whether the editor supplied the name: the source does not give it (`[Kf. N.]`; TEI
    /// `@evidence="conjecture"`).
    public var nameSupplied: Bool
    /// Whether the attribution is uncertain (`Kf. N.?`; TEI `@cert`).
    public var nameUncertain: Bool

    /// Creates a participant.
    public init(name: String, capacity: String? = nil, onBehalfOf: String? = nil, nameAsWritten: String? = nil,
                nameSupplied: Bool = false, nameUncertain: Bool = false) {
        self.name = name
        self.capacity = capacity
        self.onBehalfOf = onBehalfOf
        self.nameAsWritten = nameAsWritten
        self.nameSupplied = nameSupplied
        self.nameUncertain = nameUncertain
    }
}

extension ParticipantDraft {
    /// The interchange names of a participant's keys.
    package enum CodingKeys: String, CodingKey, CaseIterable {
        case name, capacity, onBehalfOf, nameAsWritten, nameSupplied, nameUncertain
    }

    /// Decodes leniently: only `name` is required; the editor's marks default to false.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name),
                  capacity: try c.decodeIfPresent(String.self, forKey: .capacity),
                  onBehalfOf: try c.decodeIfPresent(String.self, forKey: .onBehalfOf),
                  nameAsWritten: try c.decodeIfPresent(String.self, forKey: .nameAsWritten),
                  nameSupplied: try c.decodeIfPresent(Bool.self, forKey: .nameSupplied) ?? false,
                  nameUncertain: try c.decodeIfPresent(Bool.self, forKey: .nameUncertain) ?? false)
    }

    /// Writes the editor's marks only when set, so files without them stay as they were.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(capacity, forKey: .capacity)
        try c.encodeIfPresent(onBehalfOf, forKey: .onBehalfOf)
        try c.encodeIfPresent(nameAsWritten, forKey: .nameAsWritten)
        if nameSupplied { try c.encode(true, forKey: .nameSupplied) }
        if nameUncertain { try c.encode(true, forKey: .nameUncertain) }
    }
}

/// A public source reporting a record, and what it says in support.
public struct SourceDraft: Sendable, Hashable, Codable {
    /// What kind of source.
    public var kind: SourceKind
    /// Its title (a headline).
    public var title: String
    /// Where it is published.
    public var url: String?
    /// Who published it.
    public var publisher: String?
    /// When it was published (EDTF).
    public var published: String?
    /// A passage of it.
    public var excerpt: String?
    /// The sentence supporting the record cited.
    public var quote: String?
    /// When it was read (YYYY-MM-DD); `letter add` records today's date.
    public var retrieved: String?

    /// Creates a source.
    public init(kind: SourceKind = .news, title: String, url: String? = nil, publisher: String? = nil,
                published: String? = nil, excerpt: String? = nil, quote: String? = nil, retrieved: String? = nil) {
        self.retrieved = retrieved
        self.kind = kind
        self.title = title
        self.url = url
        self.publisher = publisher
        self.published = published
        self.excerpt = excerpt
        self.quote = quote
    }
}

/// Everything needed to log a letter.
public struct LetterDraft: Sendable, Hashable, Codable {
    /// The reference; assigned (`US-KH-2022-001`) when nil.
    public var ref: String?
    /// What kind of item.
    public var kind: LetterKind = .letter
    /// Who sent it (at least one).
    public var from: [ParticipantDraft] = []
    /// Who it is addressed to (at least one).
    public var to: [ParticipantDraft] = []
    /// Who received copies.
    public var cc: [ParticipantDraft] = []
    /// Who conveyed it, in order.
    public var via: [ParticipantDraft] = []
    /// When it was sent (EDTF).
    public var date: String = ""
    /// When it was received (EDTF).
    public var received: String?
    /// The date of sending as the source writes it ("[1541 kurz vor Juli 18]").
    public var dateAsWritten: String?
    /// The date of receipt as the source writes it.
    public var receivedAsWritten: String?
    /// What it is about.
    public var subject: String = ""
    /// A summary of its content.
    public var summary: String?
    /// The full text.
    public var text: String?
    /// Its language (BCP 47).
    public var language: String?
    /// Its classification.
    public var classification: Classification = .unclassified
    /// Where it was written.
    public var sentPlace: String?
    /// Where it was received.
    public var receivedPlace: String?
    /// GeoNames id of the place it was written.
    public var sentPlaceGeonamesId: Int64?
    /// GeoNames id of the place it was received.
    public var receivedPlaceGeonamesId: Int64?
    /// Its identifier in the edition or archive it was imported from (a CMIF `correspDesc/@key`
    /// or `@ref`); with `provenance`, the natural key that makes re-imports idempotent.
    public var key: String?
    /// The edition, archive or file it was imported from.
    public var provenance: SourceDraft?
    /// References of letters it answers.
    public var replyTo: [String] = []
    /// References of letters that answer it (a CMIF `correspContext/ref[@type=next]`): reply
    /// links held by those letters, recorded from this side.
    public var answeredBy: [String] = []
    /// References of letters it encloses.
    public var encloses: [String] = []
    /// References of letters it forwards.
    public var forwards: [String] = []
    /// References of letters it mentions.
    public var refersTo: [String] = []
    /// Events it concerns beyond any invitation it carries (references or names): follow-ups,
    /// read-outs.
    public var events: [String] = []
    /// Sources reporting it.
    public var sources: [SourceDraft] = []
    /// Whether a reply is expected.
    public var awaitingReply: Bool = false
    /// Whether `ref` is the reference the letter had in the register that exported it (a
    /// Chancery CMIF or TEI file): an edition and `key`, when given, decide which letter it is,
    /// and the reference gives way where it names a letter of an edition that this one is not.
    /// Not interchanged.
    package var refFromExport = false
    /// The register a letter imported from another register's export came from, and its ref
    /// there (JSON Lines `origin`, which exports write for such letters): given back to that
    /// register, or met again through a third, it is found by them whatever its ref. Not part of
    /// the API's drafts.
    package var origin: RecordOrigin? = nil
    /// What the record leaves unsaid because its format (or its table's columns) cannot say it:
    /// a stored letter it names keeps those parts. Empty for a record that states the whole
    /// letter (JSON Lines). In the order of `LetterPart.allCases`, so that two readings of one
    /// record are equal and describe alike. Not interchanged.
    package var unstated: [LetterPart] = []

    /// Creates an empty draft.
    public init() {}
}

/// A participant of a stored letter.
public struct Participant: Sendable, Hashable, Codable {
    /// Their part.
    public var role: ParticipantRole
    /// Order within the role (transmitters in the order they conveyed it).
    public var position: Int
    /// The actor's name.
    public var name: String
    /// The actor's kind.
    public var kind: ActorKind
    /// The capacity they acted in.
    public var capacity: String?
    /// The state or organization they acted for.
    public var onBehalfOf: String?
    /// The country on whose behalf they took part (their own code if a state).
    public var country: String?
    /// The name as the source writes it, when it was recorded.
    public var nameAsWritten: String?
    /// Whether the editor supplied the name (`[…]`).
    public var nameSupplied: Bool
    /// Whether the attribution is uncertain (`…?`).
    public var nameUncertain: Bool

    /// Creates a value from its parts.
    package init(role: ParticipantRole, position: Int, name: String, kind: ActorKind, capacity: String? = nil, onBehalfOf: String? = nil,
                 country: String? = nil, nameAsWritten: String? = nil, nameSupplied: Bool = false, nameUncertain: Bool = false) {
        self.role = role
        self.position = position
        self.name = name
        self.kind = kind
        self.capacity = capacity
        self.onBehalfOf = onBehalfOf
        self.country = country
        self.nameAsWritten = nameAsWritten
        self.nameSupplied = nameSupplied
        self.nameUncertain = nameUncertain
    }
}

extension Participant {
    private enum CodingKeys: String, CodingKey {
        case role, position, name, kind, capacity, onBehalfOf, country, nameAsWritten, nameSupplied, nameUncertain
    }

    /// Reads what `encode(to:)` writes; the editor's marks default to false.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(role: try c.decode(ParticipantRole.self, forKey: .role), position: try c.decode(Int.self, forKey: .position),
                  name: try c.decode(String.self, forKey: .name), kind: try c.decode(ActorKind.self, forKey: .kind),
                  capacity: try c.decodeIfPresent(String.self, forKey: .capacity),
                  onBehalfOf: try c.decodeIfPresent(String.self, forKey: .onBehalfOf),
                  country: try c.decodeIfPresent(String.self, forKey: .country),
                  nameAsWritten: try c.decodeIfPresent(String.self, forKey: .nameAsWritten),
                  nameSupplied: try c.decodeIfPresent(Bool.self, forKey: .nameSupplied) ?? false,
                  nameUncertain: try c.decodeIfPresent(Bool.self, forKey: .nameUncertain) ?? false)
    }

    /// Writes the editor's marks only when set, as a participant draft does.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(role, forKey: .role)
        try c.encode(position, forKey: .position)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(capacity, forKey: .capacity)
        try c.encodeIfPresent(onBehalfOf, forKey: .onBehalfOf)
        try c.encodeIfPresent(country, forKey: .country)
        try c.encodeIfPresent(nameAsWritten, forKey: .nameAsWritten)
        if nameSupplied { try c.encode(true, forKey: .nameSupplied) }
        if nameUncertain { try c.encode(true, forKey: .nameUncertain) }
    }
}

/// A letter in a list.
public struct LetterSummary: Sendable, Hashable, Codable {
    /// The reference.
    public var ref: String
    /// What kind of item.
    public var kind: LetterKind
    /// When it was sent.
    public var date: UncertainDate
    /// What it is about.
    public var subject: String
    /// Who sent it.
    public var from: [String]
    /// Who it is addressed to.
    public var to: [String]
    /// Who received copies.
    public var cc: [String]
    /// Who conveyed it.
    public var via: [String]

    /// Creates a value from its parts.
    package init(ref: String, kind: LetterKind, date: UncertainDate, subject: String, from: [String], to: [String], cc: [String], via: [String]) {
        self.ref = ref
        self.kind = kind
        self.date = date
        self.subject = subject
        self.from = from
        self.to = to
        self.cc = cc
        self.via = via
    }
}

/// Another letter linked to a letter.
public struct LinkedLetter: Sendable, Hashable, Codable {
    /// How they are linked (read from the letter that holds the link).
    public var kind: LetterLinkKind
    /// The other letter's reference.
    public var ref: String
    /// The other letter's subject.
    public var subject: String
    /// The other letter's date.
    public var date: UncertainDate

    /// Creates a value from its parts.
    package init(kind: LetterLinkKind, ref: String, subject: String, date: UncertainDate) {
        self.kind = kind
        self.ref = ref
        self.subject = subject
        self.date = date
    }
}

/// A source cited for a record.
public struct CitedSource: Sendable, Hashable, Codable {
    /// The source's number (`/v1/sources/{id}`), where it is recorded.
    public var id: Int64?
    /// What kind of source.
    public var kind: SourceKind
    /// Its title.
    public var title: String
    /// Who published it.
    public var publisher: String?
    /// Where it is.
    public var url: String?
    /// When it was published.
    public var published: UncertainDate?
    /// The supporting sentence.
    public var quote: String?

    /// Creates a value from its parts.
    package init(id: Int64? = nil, kind: SourceKind, title: String, publisher: String? = nil, url: String? = nil, published: UncertainDate? = nil,
                 quote: String? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.publisher = publisher
        self.url = url
        self.published = published
        self.quote = quote
    }
}

/// A letter with everything recorded about it.
public struct LetterDetail: Sendable, Hashable, Codable {
    /// The reference.
    public var ref: String
    /// How many times the letter has changed, counting from 1 when it was logged: every edit of
    /// its fields, participants, links or sources adds one. The API's ETag; an edit names the
    /// revision it was based on and is refused once another edit has moved past it.
    public var revision: Int
    /// What kind of item.
    public var kind: LetterKind
    /// When it was sent.
    public var date: UncertainDate
    /// When it was received.
    public var received: UncertainDate?
    /// The date of sending as the source writes it.
    public var dateAsWritten: String?
    /// The date of receipt as the source writes it.
    public var receivedAsWritten: String?
    /// What it is about.
    public var subject: String
    /// A summary.
    public var summary: String?
    /// The full text.
    public var text: String?
    /// Its language.
    public var language: String?
    /// Its classification.
    public var classification: Classification
    /// Where it was written.
    public var sentPlace: String?
    /// GeoNames id of the place it was written.
    public var sentPlaceGeonamesId: Int64?
    /// Where it was received.
    public var receivedPlace: String?
    /// GeoNames id of the place it was received.
    public var receivedPlaceGeonamesId: Int64?
    /// Whether a reply is expected.
    public var awaitingReply: Bool
    /// Everyone involved, by role and position.
    public var participants: [Participant]
    /// Letters this one answers, encloses, forwards or mentions.
    public var links: [LinkedLetter]
    /// Letters that answer, enclose, forward or mention this one.
    public var linkedFrom: [LinkedLetter]
    /// Invitations this letter extends, by reference.
    public var invitations: [String]
    /// Events it concerns, by reference.
    public var events: [String]
    /// Sources reporting it.
    public var sources: [CitedSource]
    /// Where it was first recorded, when it came from another register's export.
    public var origin: RecordOrigin?

    /// Creates a value from its parts.
    package init(ref: String, revision: Int, kind: LetterKind, date: UncertainDate, received: UncertainDate? = nil, dateAsWritten: String? = nil, receivedAsWritten: String? = nil, subject: String, summary: String? = nil, text: String? = nil, language: String? = nil, classification: Classification, sentPlace: String? = nil, sentPlaceGeonamesId: Int64? = nil, receivedPlace: String? = nil, receivedPlaceGeonamesId: Int64? = nil, awaitingReply: Bool, participants: [Participant], links: [LinkedLetter], linkedFrom: [LinkedLetter], invitations: [String], events: [String], sources: [CitedSource], origin: RecordOrigin? = nil) {
        self.ref = ref
        self.revision = revision
        self.kind = kind
        self.date = date
        self.received = received
        self.dateAsWritten = dateAsWritten
        self.receivedAsWritten = receivedAsWritten
        self.subject = subject
        self.summary = summary
        self.text = text
        self.language = language
        self.classification = classification
        self.sentPlace = sentPlace
        self.sentPlaceGeonamesId = sentPlaceGeonamesId
        self.receivedPlace = receivedPlace
        self.receivedPlaceGeonamesId = receivedPlaceGeonamesId
        self.awaitingReply = awaitingReply
        self.participants = participants
        self.links = links
        self.linkedFrom = linkedFrom
        self.invitations = invitations
        self.events = events
        self.sources = sources
        self.origin = origin
    }
}

extension SourceDraft {
    package enum CodingKeys: String, CodingKey, CaseIterable { case kind, title, url, publisher, published, excerpt, quote, retrieved }

    /// Decodes leniently: only `title` is required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try c.decodeIfPresent(SourceKind.self, forKey: .kind) ?? .news,
                  title: try c.decode(String.self, forKey: .title),
                  url: try c.decodeIfPresent(String.self, forKey: .url),
                  publisher: try c.decodeIfPresent(String.self, forKey: .publisher),
                  published: try c.decodeIfPresent(String.self, forKey: .published),
                  excerpt: try c.decodeIfPresent(String.self, forKey: .excerpt),
                  quote: try c.decodeIfPresent(String.self, forKey: .quote),
                  retrieved: try c.decodeIfPresent(String.self, forKey: .retrieved))
    }
}

extension LetterDraft {
    /// The interchange names, read and written alike by the API, JSON Lines and timelines: the one
    /// list of a letter's keys (the readers' known fields and the OpenAPI check derive from it).
    package enum CodingKeys: String, CodingKey, CaseIterable {
        case ref, kind, from, to, cc, via, date, received, dateAsWritten, receivedAsWritten, subject, summary, text, language, classification
        case sentPlace, sentPlaceGeonamesId, receivedPlace, receivedPlaceGeonamesId
        case replyTo, answeredBy, encloses, forwards, refersTo, events, sources, awaitingReply, key, provenance
    }

    /// Earlier names still read in files written before they changed (see CHANGELOG.md).
    package enum FormerKeys: String, CodingKey, CaseIterable {
        case sentPlaceGeoNames, receivedPlaceGeoNames

        /// The current key each former one stands for.
        package var current: CodingKeys {
            switch self {
            case .sentPlaceGeoNames: .sentPlaceGeonamesId
            case .receivedPlaceGeoNames: .receivedPlaceGeonamesId
            }
        }
    }

    /// Decodes leniently: only `from`, `to`, `date` and `subject` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let former = try decoder.container(keyedBy: FormerKeys.self)
        self.init()
        ref = try c.decodeIfPresent(String.self, forKey: .ref)
        kind = try c.decodeIfPresent(LetterKind.self, forKey: .kind) ?? .letter
        from = try c.decode([ParticipantDraft].self, forKey: .from)
        to = try c.decode([ParticipantDraft].self, forKey: .to)
        cc = try c.decodeIfPresent([ParticipantDraft].self, forKey: .cc) ?? []
        via = try c.decodeIfPresent([ParticipantDraft].self, forKey: .via) ?? []
        date = try c.decode(String.self, forKey: .date)
        received = try c.decodeIfPresent(String.self, forKey: .received)
        dateAsWritten = try c.decodeIfPresent(String.self, forKey: .dateAsWritten)
        receivedAsWritten = try c.decodeIfPresent(String.self, forKey: .receivedAsWritten)
        subject = try c.decode(String.self, forKey: .subject)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        classification = try c.decodeIfPresent(Classification.self, forKey: .classification) ?? .unclassified
        sentPlace = try c.decodeIfPresent(String.self, forKey: .sentPlace)
        receivedPlace = try c.decodeIfPresent(String.self, forKey: .receivedPlace)
        replyTo = try c.decodeIfPresent([String].self, forKey: .replyTo) ?? []
        encloses = try c.decodeIfPresent([String].self, forKey: .encloses) ?? []
        forwards = try c.decodeIfPresent([String].self, forKey: .forwards) ?? []
        refersTo = try c.decodeIfPresent([String].self, forKey: .refersTo) ?? []
        events = try c.decodeIfPresent([String].self, forKey: .events) ?? []
        sources = try c.decodeIfPresent([SourceDraft].self, forKey: .sources) ?? []
        awaitingReply = try c.decodeIfPresent(Bool.self, forKey: .awaitingReply) ?? false
        sentPlaceGeonamesId = try c.decodeIfPresent(Int64.self, forKey: .sentPlaceGeonamesId)
            ?? former.decodeIfPresent(Int64.self, forKey: .sentPlaceGeoNames)
        receivedPlaceGeonamesId = try c.decodeIfPresent(Int64.self, forKey: .receivedPlaceGeonamesId)
            ?? former.decodeIfPresent(Int64.self, forKey: .receivedPlaceGeoNames)
        key = try c.decodeIfPresent(String.self, forKey: .key)
        provenance = try c.decodeIfPresent(SourceDraft.self, forKey: .provenance)
        answeredBy = try c.decodeIfPresent([String].self, forKey: .answeredBy) ?? []
    }
}

/// Where a letter, event or invitation imported from another register's export was first
/// recorded: the register's id (a UUID, `register_identity`) and the record's reference there.
public struct RecordOrigin: Sendable, Hashable, Codable {
    /// The register's id.
    public var register: String
    /// The record's reference there.
    public var ref: String

    package init(register: String, ref: String) {
        self.register = register
        self.ref = ref
    }

    /// How a record's page or detail says it: "first recorded in register 3f0c… as EV-1".
    public var phrase: String { "first recorded in register " + register + " as " + ref }
}
