import EDTF
import Foundation
import LibPQClient
import ChanceryModel

/// Reads the records of a scope as timeline items. Deleted letters are neither items nor named
/// by other items (as the letter answered, or the one extending or answering an invitation).
/// With a limit, each kind reads only its first items in `TimelineItem.chronological`'s order
/// (sort day, latest day, time recorded): the first N items of the merged timeline are among
/// the first N of each kind, and the busiest country's invitations and answers number thousands.
struct TimelineItemReader {
    let connection: PostgresConnection

    /// The timeline's order over a record's date columns (`dates`: a fixed column prefix of this
    /// file): sort day, then latest day. An undated record (NULL) and an open one (±infinity)
    /// share the last place, as in Swift.
    private static func dateOrder(_ dates: String) -> PostgresQuery {
        "letter_sort_day(\(unescaped: dates)_earliest, \(unescaped: dates)_latest), coalesce(\(unescaped: dates)_latest, 'infinity')"
    }

    /// `ORDER BY` the timeline's order over a record's date columns and recording time, and `LIMIT`.
    private static func firstItems(_ limit: Int?, dates: String, recordedAt: String, ref: String) -> PostgresQuery {
        guard let limit else { return "" }
        // The column names are fixed text of this file; the limit is bound.
        return "\nORDER BY " + dateOrder(dates) + ", \(unescaped: recordedAt), \(unescaped: ref)\nLIMIT \(limit)"
    }

    /// The records that can be among the first `limit` in that order, found on the date columns
    /// (and `tied` ones) alone: the first `limit` by the leading columns and every record tied with
    /// the last of them. Joining the names to these few, rather than to every record of the scope
    /// before sorting, keeps the busiest scope's timeline at the cost of its first page.
    private static func leadingCandidates(_ limit: Int?, dates: String, tied: String? = nil) -> PostgresQuery {
        guard let limit else { return "" }
        // The column names are fixed text of this file; the limit is bound.
        let recorded: PostgresQuery = tied.map { ", \(unescaped: $0)" } ?? ""
        return " ORDER BY " + dateOrder(dates) + "\(recorded) FETCH FIRST \(limit) ROWS WITH TIES"
    }

    /// `condition`, and a sort day of at most `day` when one is given: records dated later come
    /// after a page's last letter (see `TimelineService`). Written on the date columns themselves,
    /// so that their index can find the few records before it; undated records (NULL) sort last
    /// and never match.
    private static func sortDay(_ dates: String, through day: CalendarDay?, and condition: PostgresQuery) -> PostgresQuery {
        guard let day else { return condition }
        // The column names are fixed text of this file; the day is bound.
        let (earliest, latest) = (dates + "_earliest", dates + "_latest")
        return "(\(condition)) AND \(unescaped: earliest) <= \(PostgresDate(day))"
            + " AND (\(unescaped: earliest) <> '-infinity' OR \(unescaped: latest) <= \(PostgresDate(day)))"
    }

    func letters(_ ids: [Int64]) async throws -> [TimelineItem] {
        try await connection.query(
            """
            SELECT l.ref, l.kind::text AS kind, l.sent_edtf, l.subject, l.created_at, l.sent_place,
                   coalesce(parts.senders, '{}') AS senders, coalesce(parts.recipients, '{}') AS recipients,
                   coalesce(parts.transmitters, '{}') AS transmitters,
                   (SELECT t.ref FROM letter_link k JOIN letter t ON t.id = k.target_id AND t.deleted_at IS NULL
                    WHERE k.letter_id = l.id AND k.kind = 'reply_to' ORDER BY t.sent_sort LIMIT 1) AS reply_to
            FROM letter l
            -- A letter's participants read once for all three lists, not once per list.
            LEFT JOIN LATERAL (
                SELECT array_agg(a.name || coalesce(' (' || p.capacity || ')', '') ORDER BY p.role, p.position)
                           FILTER (WHERE p.role IN ('author', 'signatory')) AS senders,
                       array_agg(a.name || coalesce(' (' || p.capacity || ')', '') ORDER BY p.position)
                           FILTER (WHERE p.role = 'recipient') AS recipients,
                       array_agg(a.name ORDER BY p.position) FILTER (WHERE p.role = 'transmitter') AS transmitters
                FROM letter_participant p JOIN actor a ON a.id = p.actor_id
                WHERE p.letter_id = l.id) parts ON true
            WHERE l.id = ANY(\(ids)) AND l.deleted_at IS NULL
            """
        ).rows.map { row in
            let senders: [String] = try row.decode("senders")
            let recipients: [String] = try row.decode("recipients")
            let transmitters: [String] = try row.decode("transmitters")
            var detail = senders.joined(separator: ", ") + " → " + recipients.joined(separator: ", ")
            if !transmitters.isEmpty { detail += ", via " + transmitters.joined(separator: ", ") }
            if let replyTo: String = try row.decode("reply_to") { detail += "; reply to " + replyTo }
            let kind = (LetterKind(rawValue: try row.decode("kind")) ?? .letter).rawValue.spacedWords
            let subject: String = try row.decode("subject")
            // A subject an import composed ("Letter from A to B") names the kind already.
            let named = subject.lowercased().hasPrefix(kind.lowercased() + " ")
            return TimelineItem(kind: .letter, ref: try row.decode("ref"), date: UncertainDate.stored(try row.decode("sent_edtf")),
                                title: named ? subject : kind.prefix(1).uppercased() + kind.dropFirst() + ": " + subject,
                                detail: detail, status: nil, place: try row.decode("sent_place"), recordedAt: try row.decode("created_at"))
        }
    }

    /// The invitations meeting `scope`, a condition on `invitation i`, dated `through` a day when given.
    func invitations(_ scope: PostgresQuery, limit: Int? = nil, through day: CalendarDay? = nil) async throws -> [TimelineItem] {
        try await connection.query(
            """
            SELECT i.ref, i.issued_edtf,
                   -- An invitation is as old as the letter extending it, so among equally uncertain
                   -- items it keeps the letter's place.
                   least(i.created_at, l.created_at) AS created_at, i.summary, i.reply_by::text AS reply_by, a.name AS inviter, i.inviter_capacity, e.name AS event,
                   l.ref AS letter,
                   coalesce((SELECT array_agg(x.name ORDER BY x.name) FROM invitation_invitee v JOIN actor x ON x.id = v.invitee_id
                             WHERE v.invitation_id = i.id), '{}') AS invitees
            FROM (SELECT * FROM invitation i WHERE \(Self.sortDay("i.issued", through: day, and: scope))
            """ + Self.leadingCandidates(limit, dates: "i.issued") + """
            ) i JOIN actor a ON a.id = i.inviter_id LEFT JOIN event e ON e.id = i.event_id
            LEFT JOIN letter l ON l.id = i.letter_id AND l.deleted_at IS NULL
            """ + Self.firstItems(limit, dates: "i.issued", recordedAt: "least(i.created_at, l.created_at)", ref: "i.ref")
        ).rows.map { row in
            let inviter: String = try row.decode("inviter")
            let capacity: String? = try row.decode("inviter_capacity")
            let invitees: [String] = try row.decode("invitees")
            var detail = inviter + (capacity.map { " (" + $0 + ")" } ?? "") + " invites " + invitees.joined(separator: ", ")
            if let letter: String = try row.decode("letter") { detail += "; extended by " + letter }
            let event: String? = try row.decode("event")
            return TimelineItem(kind: .invitation, ref: try row.decode("ref"), date: UncertainDate.stored(try row.decode("issued_edtf")),
                                title: "Invitation" + (event.map { " to the " + $0 } ?? ""), detail: detail, status: nil,
                                replyBy: try row.decode("reply_by"), recordedAt: try row.decode("created_at"))
        }
    }

    /// The answers to the invitations meeting `scope` (a condition on `invitation i`) given in the
    /// window, and `through` a day when given.
    func responses(_ scope: PostgresQuery, window: DateWindow, limit: Int? = nil, through day: CalendarDay? = nil) async throws -> [TimelineItem] {
        var filter = SQLFilter()
        filter.add(Self.sortDay("v.responded", through: day, and: "v.invitation_id IN (SELECT i.id FROM invitation i WHERE \(scope))"))
        filter.add("v.status <> 'pending'")
        window.restrict(&filter, dates: "v.responded")
        return try await connection.query(
            """
            SELECT i.ref, a.name AS invitee, v.status::text AS status, v.responded_edtf, v.recorded_at, e.name AS event,
                   l.ref AS letter
            FROM (SELECT * FROM invitation_invitee v \(filter.whereClause)
            """ + Self.leadingCandidates(limit, dates: "v.responded", tied: "v.recorded_at") + """
            ) v
            JOIN invitation i ON i.id = v.invitation_id
            JOIN actor a ON a.id = v.invitee_id
            LEFT JOIN event e ON e.id = i.event_id
            LEFT JOIN letter l ON l.id = v.response_letter_id AND l.deleted_at IS NULL
            """ + Self.firstItems(limit, dates: "v.responded", recordedAt: "v.recorded_at", ref: "i.ref")
        ).rows.map { row in
            let status: String = try row.decode("status")
            let event: String? = try row.decode("event")
            let invitee: String = try row.decode("invitee")
            let ref: String = try row.decode("ref")
            var detail = invitee + " " + status + " invitation " + ref
            if let letter: String = try row.decode("letter") { detail += " in " + letter }
            let verb = status == "tentative" ? "answered tentatively" : status
            return TimelineItem(kind: .response, ref: ref, date: UncertainDate.stored(try row.decode("responded_edtf")),
                                title: invitee + " " + verb + (event.map { ": " + $0 } ?? ""), detail: detail, status: status,
                                recordedAt: try row.decode("recorded_at"))
        }
    }

    /// The events meeting `scope`, a condition on `event e`, dated `through` a day when given.
    func events(_ scope: PostgresQuery, limit: Int? = nil, through day: CalendarDay? = nil) async throws -> [TimelineItem] {
        try await connection.query(
            """
            SELECT e.ref, e.name, e.kind::text AS kind, e.status::text AS status, e.period_edtf, e.created_at, e.city,
                   c.name AS country, h.name AS host
            FROM event e LEFT JOIN actor h ON h.id = e.host_id LEFT JOIN country c ON c.code = e.country_code
            WHERE \(Self.sortDay("e.period", through: day, and: scope))
            """ + Self.firstItems(limit, dates: "e.period", recordedAt: "e.created_at", ref: "e.ref")
        ).rows.map { row in
            let status: String = try row.decode("status")
            let place = [try row.decode("city", as: String?.self), try row.decode("country", as: String?.self)].compactMap { $0 }
            var detail = (try row.decode("kind", as: String.self)).spacedWords + ", " + status
            if !place.isEmpty { detail += "; " + place.joined(separator: ", ") }
            let venue = place.isEmpty ? nil : place.joined(separator: ", ")
            if let host: String = try row.decode("host") { detail += "; hosted by " + host }
            return TimelineItem(kind: .event, ref: try row.decode("ref"), date: UncertainDate.stored(try row.decode("period_edtf")),
                                title: try row.decode("name"), detail: detail, status: status, place: venue, recordedAt: try row.decode("created_at"))
        }
    }
}

private extension String {
    /// An enum label as words: `note_verbale` → "note verbale". (Foundation's replacingOccurrences
    /// was a tenth of a long timeline's decoding.)
    var spacedWords: String { String(decoding: utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self) }
}
