import Foundation
import LibPQClient
public import ChanceryModel
/// Records summits, visits and meetings, and reads them back.
public struct EventService: Sendable {
    let database: ChanceryDatabase

    /// Creates the service over a database.
    public init(database: ChanceryDatabase) { self.database = database }

    /// Records an event; returns its reference.
    public func add(_ draft: EventDraft) async throws -> String {
        try await database.write { connection in try await insert(draft, on: connection) }
    }

    /// Records an event and returns it as ``show(_:)`` would; at most once per idempotency key
    /// (a retry gets the first event back, `replayed`).
    public func create(_ draft: EventDraft, once key: IdempotencyKey? = nil) async throws -> WriteOutcome<Event> {
        try await database.write(once: key) { connection in
            let ref = try await insert(draft, on: connection)
            let id: Int64 = try await connection.query("SELECT id FROM event WHERE ref = \(ref)").rows[0].decode("id")
            return try await read(id, on: connection)
        }
    }

    /// Every event, by date.
    public func list() async throws -> [Event] {
        try await database.replicaRead { connection in
            let ids = try await connection.query("SELECT id FROM event ORDER BY period_earliest NULLS LAST, created_at, id")
                .rows.map { try $0.decode("id", as: Int64.self) }
            return try await read(ids, on: connection)
        }
    }

    /// One event, by reference or name.
    public func show(_ input: String) async throws -> Event {
        try await database.replicaRead { connection in
            try await read(try await EventLookup(connection: connection).id(of: input, field: "event"), on: connection)
        }
    }

    /// Every recorded change to an event (by reference or name) and its participants, oldest first.
    public func history(of input: String) async throws -> [HistoryEntry] {
        try await database.replicaRead { connection in
            try await RecordHistoryReader(connection: connection).event(try await EventLookup(connection: connection).id(of: input, field: "event"))
        }
    }

    // MARK: - Steps shared with the dataset loader

    func insert(_ draft: EventDraft, on connection: PostgresConnection) async throws -> String {
        let name = try InputValidation.required(draft.name, field: "name", maxLength: 300)
        let city = try InputValidation.optional(draft.city, field: "city", maxLength: 200)
        let summary = try InputValidation.optional(draft.summary, field: "summary", maxLength: 5000)
        for source in draft.sources { _ = try SourceRecorder.validated(source) }
        let period = try draft.date.flatMap { $0.isEmpty ? nil : try UncertainDate(parsing: $0, field: "date") }
        if draft.status == .held && period == nil {
            throw ChanceryError.invalid("date", "a held event needs a date", hint: "Give its date, e.g. 2022-05-12/2022-05-13.")
        }
        if let cameo = draft.cameoCode, !(2...4).contains(cameo.count) || !cameo.allSatisfy(\.isNumber) {
            throw ChanceryError.invalid(EventDraft.CodingKeys.cameoCode, "invalid CAMEO code '\(cameo)'", hint: "CAMEO codes are 2–4 digits, e.g. 043 (host a visit).")
        }
        if let geonames = draft.geonamesId, geonames <= 0 {
            throw ChanceryError.invalid(EventDraft.CodingKeys.geonamesId, "a GeoNames id is a positive number",
                                                         hint: "Look the place up on geonames.org: Phnom Penh is 1821306.")
        }
        let country = try await draft.country.asyncMap { try await CountryLookup(connection: connection).state($0, field: "country").code }
        let resolver = ActorResolver.forWriting(connection)
        let host = try await draft.host.asyncMap { try await resolver.resolve($0, field: "host") }
        var participantIDs: [Int64] = []
        for participant in draft.participants {
            let actor = try await resolver.resolve(participant, field: "participant")
            if !participantIDs.contains(actor.id) { participantIDs.append(actor.id) }
        }
        let ref = try await ReferenceAllocator(connection: connection)
            .assign(requested: draft.ref, in: .event, prefix: "EV-" + ReferenceAllocator.year(of: period) + "-")
        let id: Int64 = try await connection.query(
            """
            INSERT INTO event (ref, name, kind, status, host_id, city, country_code, geonames_id,
                               period_edtf, period_earliest, period_latest, period_precision, cameo_code, summary)
            VALUES (\(ref), \(name), \(draft.kind.rawValue)::text::event_kind, \(draft.status.rawValue)::text::event_status,
                    \(host?.id), \(city), \(country), \(draft.geonamesId),
                    \(UncertainDate.values(period)), \(draft.cameoCode), \(summary))
            RETURNING id
            """).rows[0].decode("id")
        for actorID in participantIDs {
            try await connection.execute("INSERT INTO event_participant (event_id, actor_id) VALUES (\(id), \(actorID))")
        }
        for source in draft.sources {
            try await SourceRecorder(connection: connection).cite(source, for: .event(id))
        }
        return ref
    }

    func read(_ id: Int64, on connection: PostgresConnection) async throws -> Event {
        try await read([id], on: connection)[0]
    }

    /// The events of `ids`, in that order, in two statements whatever their number.
    func read(_ ids: [Int64], on connection: PostgresConnection) async throws -> [Event] {
        guard !ids.isEmpty else { return [] }
        var sources: [Int64: [CitedSource]] = [:]
        let citations = try await connection.query(
            """
            SELECT c.event_id, s.id, s.kind::text AS kind, s.title, s.publisher, s.url, s.published_edtf, c.quote
            FROM citation c JOIN source s ON s.id = c.source_id
            WHERE c.event_id = ANY(\(ids))
            ORDER BY c.event_id, s.title
            """)
        for (row, source) in zip(citations.rows, try SourceRecorder.citedSources(citations)) {
            sources[try row.decode("event_id"), default: []].append(source)
        }
        var events: [Int64: Event] = [:]
        for row in try await connection.query(
            """
            SELECT e.id, e.ref, e.name, e.kind::text AS kind, e.status::text AS status, h.name AS host, e.city, e.country_code,
                   e.geonames_id, e.period_edtf, e.cameo_code, e.summary, e.origin_register::text AS origin_register, e.origin_ref,
                   coalesce((SELECT array_agg(a.name ORDER BY a.name) FROM event_participant p JOIN actor a ON a.id = p.actor_id
                             WHERE p.event_id = e.id), '{}') AS participants,
                   coalesce((SELECT array_agg(i.ref ORDER BY i.ref) FROM invitation i WHERE i.event_id = e.id), '{}') AS invitations
            FROM event e LEFT JOIN actor h ON h.id = e.host_id
            WHERE e.id = ANY(\(ids))
            """).rows {
            let id: Int64 = try row.decode("id")
            events[id] = Event(
                ref: try row.decode("ref"), name: try row.decode("name"),
                kind: EventKind(rawValue: try row.decode("kind")) ?? .other,
                status: EventStatus(rawValue: try row.decode("status")) ?? .proposed,
                host: try row.decode("host"), city: try row.decode("city"), country: try row.decode("country_code"),
                geonamesId: try row.decode("geonames_id"),
                date: UncertainDate.stored(try row.decode("period_edtf")), cameoCode: try row.decode("cameo_code"),
                summary: try row.decode("summary"), participants: try row.decode("participants"),
                invitations: try row.decode("invitations"), sources: sources[id] ?? [],
                origin: try RecordOrigin(row))
        }
        return try ids.map { id in
            guard let event = events[id] else {
                throw ChanceryError(.notFound, "no event with id \(id)", hint: "It was deleted while it was being read; try again.")
            }
            return event
        }
    }
}
