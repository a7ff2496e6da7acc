public import EDTF

/// An invitation some invitee has not answered yet.
public struct PendingInvitation: Sendable, Hashable, Codable {
    /// The invitation's reference.
    public var ref: String
    /// When it was issued.
    public var date: UncertainDate
    /// The event it invites to, by name, and its reference.
    public var event: String?
    /// The event's reference.
    public var eventRef: String?
    /// Who invites.
    public var from: String
    /// The invitees who have not answered, by name.
    public var pendingInvitees: [String]
    /// How many invitees have answered.
    public var answeredCount: Int
    /// The day by which a reply is asked (YYYY-MM-DD).
    public var replyBy: CalendarDay?
    /// Days past `replyBy` as of the report's day; nil when there is no reply-by day or it is not past.
    public var daysOverdue: Int?
    /// Days since the latest day the invitation may have been issued; nil when that day is open.
    public var ageDays: Int?

    /// Creates a value from its parts.
    package init(ref: String, date: UncertainDate, event: String? = nil, eventRef: String? = nil, from: String, pendingInvitees: [String], answeredCount: Int, replyBy: CalendarDay? = nil, daysOverdue: Int? = nil, ageDays: Int? = nil) {
        self.ref = ref
        self.date = date
        self.event = event
        self.eventRef = eventRef
        self.from = from
        self.pendingInvitees = pendingInvitees
        self.answeredCount = answeredCount
        self.replyBy = replyBy
        self.daysOverdue = daysOverdue
        self.ageDays = ageDays
    }
}

/// A letter flagged as awaiting a reply that no recorded letter answers.
public struct AwaitingLetter: Sendable, Hashable, Codable {
    /// The letter's reference.
    public var ref: String
    /// What kind of item it is.
    public var kind: LetterKind
    /// When it was sent.
    public var date: UncertainDate
    /// What it is about.
    public var subject: String
    /// Who sent it.
    public var from: [String]
    /// Who it is addressed to.
    public var to: [String]
    /// Days since the latest day it may have been sent; nil when that day is open.
    public var ageDays: Int?

    /// Creates a value from its parts.
    package init(ref: String, kind: LetterKind, date: UncertainDate, subject: String, from: [String], to: [String], ageDays: Int? = nil) {
        self.ref = ref
        self.kind = kind
        self.date = date
        self.subject = subject
        self.from = from
        self.to = to
        self.ageDays = ageDays
    }
}

/// What is still open: unanswered invitations and letters awaiting a reply.
///
/// JSON: `{asOf: "YYYY-MM-DD", olderThan: "30d" | null, invitations: [{ref, date: {edtf, …},
/// event, eventRef, from, pendingInvitees, answeredCount, replyBy, daysOverdue, ageDays}],
/// letters: [{ref, kind, date: {edtf, …}, subject, from, to, ageDays}]}`; an item's optional
/// fields (event, replyBy, daysOverdue, ageDays) are left out when they have no value.
public struct PendingReport: Sendable, Hashable, Codable {
    /// The day ages and overdue days are counted to.
    public var asOf: CalendarDay
    /// The age threshold applied, as given ("30d"); nil when none.
    public var olderThan: String?
    /// Invitations with an invitee still to answer, earliest first.
    public var invitations: [PendingInvitation]
    /// Letters awaiting a reply, earliest first.
    public var letters: [AwaitingLetter]

    private enum CodingKeys: String, CodingKey { case asOf, olderThan, invitations, letters }

    /// Encodes `olderThan` as null when absent, so the shape is the same either way.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(olderThan, forKey: .olderThan)
        try container.encode(invitations, forKey: .invitations)
        try container.encode(letters, forKey: .letters)
    }

    /// Creates a value from its parts.
    package init(asOf: CalendarDay, olderThan: String? = nil, invitations: [PendingInvitation], letters: [AwaitingLetter]) {
        self.asOf = asOf
        self.olderThan = olderThan
        self.invitations = invitations
        self.letters = letters
    }
}
