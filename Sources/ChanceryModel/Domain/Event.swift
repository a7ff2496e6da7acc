/// What is needed to record an event: a summit, a visit, a meeting.
public struct EventDraft: Sendable, Hashable, Codable {
    /// The reference; assigned from the name when nil.
    public var ref: String?
    /// Its name.
    public var name: String = ""
    /// What kind of event.
    public var kind: EventKind = .summit
    /// Where it stands.
    public var status: EventStatus = .proposed
    /// Who hosts it.
    public var host: String?
    /// The city it is held in.
    public var city: String?
    /// The country it is held in (ISO code).
    public var country: String?
    /// GeoNames id of the place.
    public var geonamesId: Int64?
    /// When (EDTF), planned or held.
    public var date: String?
    /// CAMEO event code (043: host a visit).
    public var cameoCode: String?
    /// A summary.
    public var summary: String?
    /// Who takes part.
    public var participants: [String] = []
    /// Sources reporting it.
    public var sources: [SourceDraft] = []
    /// The register an event imported from another register's export was first recorded in,
    /// and its ref there (JSON Lines `origin`), as for letters (`LetterDraft.origin`). Not part
    /// of the API's drafts.
    package var origin: RecordOrigin? = nil

    /// Creates an empty draft.
    public init() {}
}

/// A stored event.
public struct Event: Sendable, Hashable, Codable {
    /// The reference.
    public var ref: String
    /// Its name.
    public var name: String
    /// What kind of event.
    public var kind: EventKind
    /// Where it stands.
    public var status: EventStatus
    /// Who hosts it.
    public var host: String?
    /// The city.
    public var city: String?
    /// The country (ISO code).
    public var country: String?
    /// GeoNames id of the place.
    public var geonamesId: Int64?
    /// When, planned or held.
    public var date: UncertainDate?
    /// CAMEO code.
    public var cameoCode: String?
    /// A summary.
    public var summary: String?
    /// Who takes part.
    public var participants: [String]
    /// Invitations to it, by reference.
    public var invitations: [String]
    /// Sources reporting it.
    public var sources: [CitedSource]
    /// Where it was first recorded, when it came from another register's export.
    public var origin: RecordOrigin?

    /// Creates a value from its parts.
    package init(ref: String, name: String, kind: EventKind, status: EventStatus, host: String? = nil, city: String? = nil, country: String? = nil, geonamesId: Int64? = nil, date: UncertainDate? = nil, cameoCode: String? = nil, summary: String? = nil, participants: [String], invitations: [String], sources: [CitedSource], origin: RecordOrigin? = nil) {
        self.ref = ref
        self.name = name
        self.kind = kind
        self.status = status
        self.host = host
        self.city = city
        self.country = country
        self.geonamesId = geonamesId
        self.date = date
        self.cameoCode = cameoCode
        self.summary = summary
        self.participants = participants
        self.invitations = invitations
        self.sources = sources
        self.origin = origin
    }
}

/// What is needed to record an invitation.
public struct InvitationDraft: Sendable, Hashable, Codable {
    /// The reference; assigned when nil.
    public var ref: String?
    /// Who invites, in what capacity, for whom.
    public var from: ParticipantDraft = ParticipantDraft(name: "")
    /// Who is invited; an organization stands for its members' leaders.
    public var invitees: [String] = []
    /// The event invited to (reference or name).
    public var event: String?
    /// The letter extending it (reference).
    public var letter: String?
    /// When it was extended (EDTF); the letter's date when omitted.
    public var date: String?
    /// Answer requested by (EDTF day).
    public var replyBy: String?
    /// A summary.
    public var summary: String?
    /// Sources reporting it.
    public var sources: [SourceDraft] = []
    /// Where an invitation imported from another register's export was first recorded, as for
    /// events. Not part of the API's drafts.
    package var origin: RecordOrigin? = nil

    /// Creates an empty draft.
    public init() {}
}

/// An invitee's answer.
public struct ResponseDraft: Sendable, Hashable, Codable {
    /// The invitation's reference.
    public var invitation: String
    /// Who answers.
    public var invitee: String
    /// The answer.
    public var status: ResponseStatus
    /// The letter carrying it (reference).
    public var letter: String?
    /// When (EDTF); the letter's date when omitted.
    public var date: String?
    /// A note.
    public var note: String?

    /// Creates a response.
    public init(invitation: String, invitee: String, status: ResponseStatus, letter: String? = nil, date: String? = nil, note: String? = nil) {
        self.invitation = invitation
        self.invitee = invitee
        self.status = status
        self.letter = letter
        self.date = date
        self.note = note
    }
}

/// One invitee of a stored invitation and their answer.
public struct Invitee: Sendable, Hashable, Codable {
    /// The invitee's name.
    public var name: String
    /// Whom they were invited as representing.
    public var onBehalfOf: String?
    /// Their answer so far.
    public var status: ResponseStatus
    /// When they answered.
    public var responded: UncertainDate?
    /// The letter carrying the answer.
    public var letter: String?
    /// A note.
    public var note: String?

    /// Creates a value from its parts.
    package init(name: String, onBehalfOf: String? = nil, status: ResponseStatus, responded: UncertainDate? = nil, letter: String? = nil, note: String? = nil) {
        self.name = name
        self.onBehalfOf = onBehalfOf
        self.status = status
        self.responded = responded
        self.letter = letter
        self.note = note
    }
}

/// A stored invitation.
public struct Invitation: Sendable, Hashable, Codable {
    /// The reference.
    public var ref: String
    /// Who invites, in what capacity, for whom: as an invitation is written.
    public var from: ParticipantDraft
    /// The event invited to (name).
    public var event: String?
    /// The event's reference.
    public var eventRef: String?
    /// The letter extending it.
    public var letter: String?
    /// When it was extended.
    public var date: UncertainDate
    /// Answer requested by.
    public var replyBy: String?
    /// A summary.
    public var summary: String?
    /// Invitees and answers.
    public var invitees: [Invitee]
    /// Where it was first recorded, when it came from another register's export.
    public var origin: RecordOrigin?

    /// Whether some invitee has not answered.
    public var isPending: Bool { invitees.contains { $0.status == .pending } }

    /// Creates a value from its parts.
    package init(ref: String, from: ParticipantDraft, event: String? = nil, eventRef: String? = nil, letter: String? = nil, date: UncertainDate, replyBy: String? = nil, summary: String? = nil, invitees: [Invitee], origin: RecordOrigin? = nil) {
        self.ref = ref
        self.from = from
        self.event = event
        self.eventRef = eventRef
        self.letter = letter
        self.date = date
        self.replyBy = replyBy
        self.summary = summary
        self.invitees = invitees
        self.origin = origin
    }
}

extension EventDraft {
    package enum CodingKeys: String, CodingKey, CaseIterable {
        case ref, name, kind, status, host, city, country, geonamesId, date, cameoCode, summary, participants, sources
    }

    /// Decodes leniently: only `name` is required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        ref = try c.decodeIfPresent(String.self, forKey: .ref)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decodeIfPresent(EventKind.self, forKey: .kind) ?? .summit
        status = try c.decodeIfPresent(EventStatus.self, forKey: .status) ?? .proposed
        host = try c.decodeIfPresent(String.self, forKey: .host)
        city = try c.decodeIfPresent(String.self, forKey: .city)
        country = try c.decodeIfPresent(String.self, forKey: .country)
        geonamesId = try c.decodeIfPresent(Int64.self, forKey: .geonamesId)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        cameoCode = try c.decodeIfPresent(String.self, forKey: .cameoCode)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        participants = try c.decodeIfPresent([String].self, forKey: .participants) ?? []
        sources = try c.decodeIfPresent([SourceDraft].self, forKey: .sources) ?? []
    }
}

extension InvitationDraft {
    private enum CodingKeys: String, CodingKey {
        case ref, from, invitees, event, letter, date, replyBy, summary, sources
    }

    /// Decodes leniently: only `from` and `invitees` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        ref = try c.decodeIfPresent(String.self, forKey: .ref)
        from = try c.decode(ParticipantDraft.self, forKey: .from)
        invitees = try c.decode([String].self, forKey: .invitees)
        event = try c.decodeIfPresent(String.self, forKey: .event)
        letter = try c.decodeIfPresent(String.self, forKey: .letter)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        replyBy = try c.decodeIfPresent(String.self, forKey: .replyBy)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        sources = try c.decodeIfPresent([SourceDraft].self, forKey: .sources) ?? []
    }
}
