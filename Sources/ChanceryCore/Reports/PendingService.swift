public import EDTF
import LibPQClient
public import ChanceryModel
/// Lists what is still open: invitations with an invitee who has not answered, and letters
/// flagged as awaiting a reply that no recorded letter answers.
public struct PendingService: Sendable {
    let database: ChanceryDatabase
    /// The day ages are counted to; injectable so reports (and tests) are reproducible.
    let today: CalendarDay

    /// Creates the service; `today` defaults to the current local date.
    public init(database: ChanceryDatabase, today: CalendarDay? = nil) {
        self.database = database
        self.today = today ?? .today()
    }

    /// The open items; with `olderThan`, only those whose date's latest possible day lies at
    /// least that long before today (see ``AgeThreshold``).
    public func pending(olderThan: AgeThreshold? = nil) async throws -> PendingReport {
        let cutoff = olderThan.map { PostgresDate($0.cutoff(from: today)) }
        return try await database.replicaRead { connection in
            PendingReport(asOf: today, olderThan: olderThan?.description,
                          invitations: try await invitations(issuedBy: cutoff, on: connection),
                          letters: try await awaitingLetters(sentBy: cutoff, on: connection))
        }
    }

    /// Served by invitation_invitee_pending (a partial index on pending invitees).
    private func invitations(issuedBy cutoff: PostgresDate?, on connection: PostgresConnection) async throws -> [PendingInvitation] {
        var filter = SQLFilter()
        filter.add("EXISTS (SELECT 1 FROM invitation_invitee w WHERE w.invitation_id = i.id AND w.status = 'pending')")
        // An open latest end is stored as infinity, which is never <= a day: such items never qualify.
        if let cutoff { filter.add("i.issued_latest <= \(cutoff)") }
        let query: PostgresQuery = """
            SELECT i.ref, i.issued_edtf, i.issued_latest, i.reply_by, e.name AS event, e.ref AS event_ref, a.name AS inviter,
                   coalesce(array_agg(x.name ORDER BY x.name) FILTER (WHERE v.status = 'pending'), '{}') AS pending,
                   count(*) FILTER (WHERE v.status <> 'pending') AS answered
            FROM invitation i
            JOIN actor a ON a.id = i.inviter_id
            LEFT JOIN event e ON e.id = i.event_id
            JOIN invitation_invitee v ON v.invitation_id = i.id
            JOIN actor x ON x.id = v.invitee_id
            """ + "\n\(filter.whereClause)" + """

            GROUP BY i.id, e.id, a.id
            ORDER BY i.issued_earliest, i.issued_latest, i.created_at, i.id
            """
        return try await connection.query(query).rows.map { row in
            let replyBy: PostgresDate? = try row.decode("reply_by")
            let replyByDay = replyBy.flatMap(Self.calendarDay)
            let overdue = replyByDay.map { AgeThreshold.days(from: $0, to: today) }.flatMap { $0 > 0 ? $0 : nil }
            return PendingInvitation(
                ref: try row.decode("ref"), date: UncertainDate.stored(try row.decode("issued_edtf"))!,
                event: try row.decode("event"), eventRef: try row.decode("event_ref"), from: try row.decode("inviter"),
                pendingInvitees: try row.decode("pending"), answeredCount: try row.decode("answered"),
                replyBy: replyByDay, daysOverdue: overdue, ageDays: age(try row.decode("issued_latest")))
        }
    }

    /// A letter is answered once any current letter holds a reply_to link to it (letter_link_target
    /// serves the check): a deleted reply answers nothing, and a deleted letter awaits nothing.
    private func awaitingLetters(sentBy cutoff: PostgresDate?, on connection: PostgresConnection) async throws -> [AwaitingLetter] {
        var filter = SQLFilter()
        filter.add("l.awaiting_reply")
        filter.add("l.deleted_at IS NULL")
        filter.add("NOT EXISTS (SELECT 1 FROM letter_link k JOIN letter r ON r.id = k.letter_id AND r.deleted_at IS NULL "
                   + "WHERE k.target_id = l.id AND k.kind = 'reply_to')")
        if let cutoff { filter.add("l.sent_latest <= \(cutoff)") }
        let query: PostgresQuery = "SELECT l.ref, l.kind::text AS kind, l.sent_edtf, l.sent_latest, l.subject,\n"
            + LetterSQL.participantListColumns + "\nFROM letter l " + LetterSQL.participantLists + "\n\(filter.whereClause)"
            + "\nORDER BY l.sent_sort, l.sent_latest, l.created_at, l.id"
        return try await connection.query(query).rows.map { row in
            AwaitingLetter(
                ref: try row.decode("ref"), kind: LetterKind(rawValue: try row.decode("kind")) ?? .other,
                date: UncertainDate.stored(try row.decode("sent_edtf"))!, subject: try row.decode("subject"),
                from: try row.decode("senders"), to: try row.decode("recipients"), ageDays: age(try row.decode("sent_latest")))
        }
    }

    /// Days from a latest bound to today; nil for an open end.
    private func age(_ latest: PostgresDate) -> Int? {
        Self.calendarDay(latest).map { AgeThreshold.days(from: $0, to: today) }
    }

    private static func calendarDay(_ date: PostgresDate) -> CalendarDay? {
        guard case let .day(year, month, day) = date else { return nil }
        return try? CalendarDay(year: year, month: month, day: day)
    }
}
