/// Changes to a recorded event; what is left nil (or `.keep`) stays as it is. Values are checked
/// as when an event is recorded.
public struct EventChanges: Sendable, Hashable {
    public var name: String?
    public var kind: EventKind?
    public var status: EventStatus?
    public var host: FieldPatch<String> = .keep
    public var city: FieldPatch<String> = .keep
    /// The venue's country: a name or ISO code.
    public var country: FieldPatch<String> = .keep
    public var geonamesId: FieldPatch<Int64> = .keep
    /// When it is (or was) held, EDTF.
    public var date: FieldPatch<String> = .keep
    public var cameoCode: FieldPatch<String> = .keep
    public var summary: FieldPatch<String> = .keep
    /// Actors to add as participants.
    public var addedParticipants: [String] = []
    /// Actors to remove as participants.
    public var removedParticipants: [String] = []

    public init() {}

    public var isEmpty: Bool {
        name == nil && kind == nil && status == nil && !host.changes && !city.changes && !country.changes && !geonamesId.changes
            && !date.changes && !cameoCode.changes && !summary.changes && addedParticipants.isEmpty && removedParticipants.isEmpty
    }
}

/// Changes to a recorded invitation; what is left nil (or `.keep`) stays as it is. Invitees'
/// answers change through `InvitationService.respond`.
public struct InvitationChanges: Sendable, Hashable {
    /// The capacity the inviter invites in.
    public var capacity: FieldPatch<String> = .keep
    /// The event it invites to (reference or name).
    public var event: FieldPatch<String> = .keep
    /// The letter extending it (reference).
    public var letter: FieldPatch<String> = .keep
    /// When it was issued, EDTF.
    public var date: String?
    /// The day answers are due, EDTF.
    public var replyBy: FieldPatch<String> = .keep
    public var summary: FieldPatch<String> = .keep
    /// Actors to invite too (pending).
    public var addedInvitees: [String] = []
    /// Invitees to remove, with whatever they answered.
    public var removedInvitees: [String] = []

    public init() {}

    public var isEmpty: Bool {
        !capacity.changes && !event.changes && !letter.changes && date == nil && !replyBy.changes && !summary.changes
            && addedInvitees.isEmpty && removedInvitees.isEmpty
    }
}

/// Which recorded role (or membership) a command means: by id, or by who holds it (and,
/// to narrow it, its title and of whom).
public struct RoleSelector: Sendable, Hashable {
    public var id: Int64?
    public var holder: String?
    public var title: String?
    public var of: String?

    public init(id: Int64? = nil, holder: String? = nil, title: String? = nil, of: String? = nil) {
        self.id = id
        self.holder = holder
        self.title = title
        self.of = of
    }
}

/// Changes to a role held; what is left nil stays as it is.
public struct RoleChanges: Sendable, Hashable {
    public var title: String?
    /// The state or organization the role is of.
    public var of: String?
    /// The whole period, EDTF (`2013-09-24/2023-08-22`); `.clear` makes it undated.
    public var period: FieldPatch<String> = .keep

    public init() {}

    public var isEmpty: Bool { title == nil && of == nil && !period.changes }
}

/// Which recorded membership a command means: by id, or by member and organization (and, when
/// the member joined more than once, the period it has now).
public struct MembershipSelector: Sendable, Hashable {
    public var id: Int64?
    public var member: String?
    public var organization: String?
    /// The period as recorded (EDTF), to tell several memberships of one pair apart.
    public var period: String?

    public init(id: Int64? = nil, member: String? = nil, organization: String? = nil, period: String? = nil) {
        self.id = id
        self.member = member
        self.organization = organization
        self.period = period
    }
}
