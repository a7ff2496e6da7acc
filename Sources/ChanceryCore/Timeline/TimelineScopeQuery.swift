import Foundation
import LibPQClient
import ChanceryModel

/// What a timeline covers, and its heading.
struct ScopedRecords {
    var title: String
    /// Letters in date order: the first page plus one when a limit was asked for, so the caller
    /// can tell whether there are more.
    var letterIDs: [Int64]
    /// The scope's invitations: a condition on `invitation i`, carrying its bound values.
    var invitations: ScopeCondition
    /// The scope's events: a condition on `event e`.
    var events: ScopeCondition
    /// The request's date window, parsed.
    var window: DateWindow
}

/// A scope's invitations or events as a condition, written two ways that select the same rows.
/// The planner cannot turn one into the other, and which is cheaper depends on what else
/// narrows the read: the busiest country has a thousand and a half invitations, a year of the
/// register a few hundred, and the first page of the busiest country's timeline needs the
/// eighteen dated before its last letter.
struct ScopeCondition {
    /// The scope's records as one set, gathered through the indexes on their parties: cheaper
    /// when nothing else narrows the read.
    var gathered: PostgresQuery
    /// A test of each record, applied to those its date index yields: cheaper when a window or
    /// a page's last day leaves few.
    var tested: PostgresQuery

    /// The same condition in both forms (an event's records, or the whole register).
    init(_ condition: PostgresQuery) { (gathered, tested) = (condition, condition) }

    init(gathered: PostgresQuery, tested: PostgresQuery) { (self.gathered, self.tested) = (gathered, tested) }

    /// The form for a read that dates narrow (a window, or a page's last day) or not.
    func narrowed(byDates: Bool) -> PostgresQuery { byDates ? tested : gathered }
}

/// Finds what a timeline request covers. Letters come through `LetterSelection` (the listing
/// tables, a page at a time), as ids; invitations and events as conditions over the indexes on
/// their inviter, invitees, host and participants, which the statements reading them apply.
/// A busy scope has thousands of invitations: handing their ids from one statement to the next
/// cost more than finding them again.
struct TimelineScopeQuery {
    let connection: PostgresConnection

    /// How a condition finds a scope's records (see `ScopeCondition`).
    private enum Form { case gathered, tested }

    func resolve(_ request: TimelineRequest) async throws -> ScopedRecords {
        let window = try DateWindow(since: request.since, until: request.until, strict: request.strict)
        let scope = try await TimelineParties(connection: connection).resolve(request.scope)
        let pageSize = request.limit.map { $0 + 1 }
        if case .event(let eventID) = scope.kind {
            var invitations = SQLFilter()
            invitations.add("i.event_id = \(eventID)")
            window.restrict(&invitations, dates: "i.issued")
            return ScopedRecords(title: scope.title + window.label,
                                 letterIDs: try await dossierLetters(eventID, window: window, limit: pageSize),
                                 invitations: ScopeCondition(invitations.conjunction), events: ScopeCondition("e.id = \(eventID)"),
                                 window: window)
        }
        let selection = letterSelection(scope.kind, window: window)
        let letters = try await ids(selection.pageQuery(columns: "l.id", limit: pageSize ?? Int(Int32.max), offset: 0))
        let (gathered, tested) = (scopedInvitations(scope, window: window, as: .gathered),
                                  scopedInvitations(scope, window: window, as: .tested))
        return ScopedRecords(title: scope.title + window.label, letterIDs: letters,
                             invitations: ScopeCondition(gathered: gathered, tested: tested),
                             events: ScopeCondition(gathered: scopedEvents(scope, window: window, invitations: gathered, as: .gathered),
                                                    tested: scopedEvents(scope, window: window, invitations: tested, as: .tested)),
                             window: window)
    }

    /// The letters of a resolved scope and window, read through the listing tables.
    private func letterSelection(_ kind: TimelineParties.Kind, window: DateWindow) -> LetterSelection {
        var selection = LetterSelection()
        switch kind {
        case .event, .everything: break
        case .pair(let a, let b):
            selection.driver = .pair(low: "\(min(a, b))", high: "\(max(a, b))")
        case .parties(let parties, let side, _) where parties.count == 1:
            let sides = side == .sender ? LetterQueryRunner.senderSide : side == .recipient ? LetterQueryRunner.recipientSide : nil
            selection.driver = .party(id: "\(parties[0].id)", sides: sides)
        case .parties(let parties, _, _):
            // An organization with its member states: the first party is the organization.
            selection.driver = .organizationWithMembers(id: "\(parties[0].id)")
        }
        window.bind(into: &selection)
        return selection
    }

    /// An event's dossier letters: those extending its invitations, answering them, or about it;
    /// deleted ones left out.
    private func dossierLetters(_ eventID: Int64, window: DateWindow, limit: Int?) async throws -> [Int64] {
        var filter = SQLFilter()
        let event: PostgresQuery = "\(eventID)"
        filter.add("l.id IN (" + LetterSQL.aboutEvent(event) + ")")
        filter.add("l.deleted_at IS NULL")
        window.restrict(&filter, dates: "l.sent")
        let page: PostgresQuery = limit.map { " LIMIT \($0)" } ?? ""
        return try await ids("SELECT l.id FROM letter l \(filter.whereClause)"
                             + " ORDER BY l.sent_sort, l.sent_latest, l.created_at, l.id\(page)")
    }

    /// A condition on `invitation i`.
    private func scopedInvitations(_ scope: TimelineParties.Resolved, window: DateWindow, as form: Form) -> PostgresQuery {
        var filter = SQLFilter()
        switch scope.kind {
        case .event: return "false"
        case .everything: break
        case .pair(let a, let b):
            let first: PostgresQuery = "\([a])"
            let second: PostgresQuery = "\([b])"
            let (aToB, bToA) = (Self.invitationSides(from: first, to: second, as: form), Self.invitationSides(from: second, to: first, as: form))
            filter.add(form == .gathered ? "i.id IN (\(aToB)) OR i.id IN (\(bToA))" : "(\(aToB)) OR (\(bToA))")
        case .parties(let parties, let side, _) where parties.allSatisfy(\.isAlwaysCounted):
            let partyIDs: PostgresQuery = "\(parties.map(\.id))"
            var sides: [PostgresQuery] = []
            if side != .recipient { sides.append(Self.invitationSide(sender: true, parties: partyIDs, as: form)) }
            if side != .sender { sides.append(Self.invitationSide(sender: false, parties: partyIDs, as: form)) }
            // Gathered, the index lookups by inviter and invitee (and whom they act for) make one set.
            filter.add(form == .gathered ? "i.id IN (\(sides, separator: " UNION "))" : sides.joined(separator: " OR "))
        case .parties(let parties, let side, _):
            // A member state's invitations count only while it is a member: each party carries
            // the days it counts for.
            var branches: [PostgresQuery] = []
            if side != .recipient {
                branches += ["SELECT i.id, p.from_day, p.to_day FROM p JOIN invitation i ON i.inviter_id = p.id",
                             "SELECT i.id, p.from_day, p.to_day FROM p JOIN invitation i ON i.inviter_represents_id = p.id"]
            }
            if side != .sender {
                branches += ["SELECT v.invitation_id, p.from_day, p.to_day FROM p JOIN invitation_invitee v ON v.invitee_id = p.id",
                             "SELECT v.invitation_id, p.from_day, p.to_day FROM p JOIN invitation_invitee v ON v.represents_id = p.id"]
            }
            filter.add("i.issued_latest >= m.from_day AND i.issued_earliest <= m.to_day")
            window.restrict(&filter, dates: "i.issued")
            return "i.id IN (\(Self.partiesCTE(parties))SELECT i.id FROM ("
                + "\(branches, separator: " UNION ALL ")) m(id, from_day, to_day) JOIN invitation i ON i.id = m.id "
                + "\(filter.whereClause))"
        }
        window.restrict(&filter, dates: "i.issued")
        return filter.conjunction
    }

    /// Events the scope's parties hosted, took part in or (for a country) were held in, and the
    /// events its invitations lead to: a condition on `event e`; `invitations` is the scope's, on
    /// `invitation i`, in the same form.
    private func scopedEvents(_ scope: TimelineParties.Resolved, window: DateWindow, invitations: PostgresQuery, as form: Form) -> PostgresQuery {
        var filter = SQLFilter()
        // Tested, conditions on the event itself; gathered, statements selecting event ids,
        // read as one set through their indexes.
        var involved: [PostgresQuery] = []
        var eventIDSources: [PostgresQuery] = []
        switch scope.kind {
        case .event: return "false"
        case .everything: break
        case .pair: break  // events between two countries are those their invitations lead to
        case .parties(let parties, let side, let countryCode) where parties.allSatisfy(\.isAlwaysCounted):
            let partyIDs: PostgresQuery = "\(parties.map(\.id))"
            // Each way an event involves the parties: the statement selecting such events' ids,
            // and the same as a test of one event.
            var arms: [(ids: PostgresQuery, test: PostgresQuery)] = []
            if side != .recipient {
                arms.append(("SELECT id FROM event WHERE host_id = ANY(\(partyIDs))", "e.host_id = ANY(\(partyIDs))"))
                // Cast to the column's type, or the comparison is on text and skips event_country.
                if let countryCode {
                    arms.append(("SELECT id FROM event WHERE country_code = \(countryCode)::char(2)", "e.country_code = \(countryCode)::char(2)"))
                }
            }
            if side != .sender {
                arms.append(("SELECT event_id FROM event_participant WHERE actor_id = ANY(\(partyIDs))",
                             "EXISTS (SELECT 1 FROM event_participant x WHERE x.event_id = e.id AND x.actor_id = ANY(\(partyIDs)))"))
            }
            if form == .gathered { eventIDSources += arms.map(\.ids) } else { involved += arms.map(\.test) }
        case .parties(let parties, let side, let countryCode):
            // A member state's events count only while it is a member.
            var branches: [PostgresQuery] = []
            if side != .recipient {
                branches.append("SELECT x.id, p.from_day, p.to_day FROM p JOIN event x ON x.host_id = p.id")
                if let countryCode {
                    branches.append("SELECT x.id, '-infinity'::date, 'infinity'::date FROM event x WHERE x.country_code = \(countryCode)::char(2)")
                }
            }
            if side != .sender {
                branches.append("SELECT x.event_id, p.from_day, p.to_day FROM p JOIN event_participant x ON x.actor_id = p.id")
            }
            involved.append("EXISTS (\(Self.partiesCTE(parties))SELECT 1 FROM ("
                            + "\(branches, separator: " UNION ALL ")) m(id, from_day, to_day) WHERE m.id = e.id"
                            + " AND (e.period_latest IS NULL OR (e.period_latest >= m.from_day AND e.period_earliest <= m.to_day)))")
        }
        if case .everything = scope.kind {} else {
            if form == .gathered {
                eventIDSources.append("SELECT i.event_id FROM invitation i WHERE \(invitations)")
                involved.append("e.id IN (\(eventIDSources, separator: " UNION "))")
            } else {
                involved.append("EXISTS (SELECT 1 FROM invitation i WHERE i.event_id = e.id AND (\(invitations)))")
            }
            filter.add(involved.joined(separator: " OR "))
        }
        window.restrict(&filter, dates: "e.period")
        return filter.conjunction
    }

    /// `p(id, from_day, to_day)`: the parties' ids and the days each counts for, bound as three arrays.
    private static func partiesCTE(_ parties: [TimelineParties.Party]) -> PostgresQuery {
        "WITH p AS (SELECT * FROM unnest(\(parties.map(\.id))::bigint[], \(parties.map(\.from))::text[]::date[], "
            + "\(parties.map(\.to))::text[]::date[]) AS p(id, from_day, to_day))\n"
    }

    /// One of the parties in the bound array `parties` on the inviting (`sender`) or invited side,
    /// itself or as the state or organization acted for: gathered, a statement selecting the ids
    /// of those invitations; tested, a condition on `invitation i`.
    private static func invitationSide(sender: Bool, parties: PostgresQuery, as form: Form) -> PostgresQuery {
        switch (form, sender) {
        case (.gathered, true):
            "SELECT id FROM invitation WHERE inviter_id = ANY(\(parties)) OR inviter_represents_id = ANY(\(parties))"
        case (.gathered, false):
            "SELECT invitation_id FROM invitation_invitee WHERE invitee_id = ANY(\(parties)) OR represents_id = ANY(\(parties))"
        case (.tested, true):
            "(i.inviter_id = ANY(\(parties)) OR i.inviter_represents_id = ANY(\(parties)))"
        case (.tested, false):
            "EXISTS (SELECT 1 FROM invitation_invitee v WHERE v.invitation_id = i.id"
                + " AND (v.invitee_id = ANY(\(parties)) OR v.represents_id = ANY(\(parties))))"
        }
    }

    /// Invitations from one of `inviters` to one of `invitees` (bound arrays), in the given form.
    private static func invitationSides(from inviters: PostgresQuery, to invitees: PostgresQuery, as form: Form) -> PostgresQuery {
        let (sent, received) = (invitationSide(sender: true, parties: inviters, as: form), invitationSide(sender: false, parties: invitees, as: form))
        return form == .gathered ? "\(sent) INTERSECT \(received)" : "\(sent) AND \(received)"
    }

    private func ids(_ query: PostgresQuery) async throws -> [Int64] {
        try await connection.query(query).rows.compactMap { try $0.decode(column: 0, as: Int64?.self) }
    }
}
