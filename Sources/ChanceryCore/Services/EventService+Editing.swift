import LibPQClient
public import ChanceryModel

/// Correcting a recorded event.
extension EventService {
    /// Changes the event `input` names (reference or name) and returns it as it now is. Values
    /// are checked as when an event is recorded; a held event keeps a date. Nothing is written
    /// when any change is refused.
    public func edit(_ input: String, _ changes: EventChanges) async throws -> Event {
        guard !changes.isEmpty else {
            throw ChanceryError(.invalidInput, "nothing to change", hint: "Give at least one field with its new value.")
        }
        let name = try changes.name.map { try InputValidation.required($0, field: "name", maxLength: 300) }
        let city = try ColumnAssignments.text(changes.city) { try InputValidation.optional($0, field: "city", maxLength: 200) }
        let summary = try ColumnAssignments.text(changes.summary) { try InputValidation.optional($0, field: "summary", maxLength: 5000) }
        let period = try ColumnAssignments.date(changes.date, field: "date")
        let cameo = try ColumnAssignments.text(changes.cameoCode) { code in
            let code = InputValidation.trimmed(code)
            guard code.isEmpty || ((2...4).contains(code.count) && code.allSatisfy { $0.isASCII && $0.isNumber }) else {
                throw ChanceryError.invalid(EventDraft.CodingKeys.cameoCode, "invalid CAMEO code '\(code)'",
                                            hint: "CAMEO codes are 2–4 digits, e.g. 043 (host a visit).")
            }
            return code.isEmpty ? nil : code
        }
        if case .set(let geonames) = changes.geonamesId, geonames <= 0 {
            throw ChanceryError.invalid(EventDraft.CodingKeys.geonamesId, "a GeoNames id is a positive number",
                                        hint: "Look the place up on geonames.org: Phnom Penh is 1821306.")
        }
        return try await database.write { connection in
            let id = try await EventLookup(connection: connection).id(of: input, field: "event")
            let stored = try await connection.query(
                "SELECT status::text AS status, period_edtf FROM event WHERE id = \(id) FOR UPDATE").rows[0]
            let storedStatus: String = try stored.decode("status")
            let status = changes.status ?? EventStatus(rawValue: storedStatus) ?? .proposed
            let storedPeriod: String? = try stored.decode("period_edtf")
            let hasDate = switch period {
            case .keep: storedPeriod != nil
            case .clear: false
            case .set: true
            }
            if status == .held && !hasDate {
                throw ChanceryError.invalid("date", "a held event needs a date", hint: "Give its date, e.g. 2022-05-12/2022-05-13.")
            }
            var columns = ColumnAssignments()
            if let name { columns.set("name", name) }
            if let kind = changes.kind { columns.set("kind", kind.rawValue, cast: "::text::event_kind") }
            if let newStatus = changes.status { columns.set("status", newStatus.rawValue, cast: "::text::event_status") }
            let resolver = ActorResolver.forWriting(connection)
            switch changes.host {
            case .keep: break
            case .clear: columns.set("host_id", Int64?.none)
            case .set(let host): columns.set("host_id", try await resolver.resolve(host, field: "host").id)
            }
            switch changes.country {
            case .keep: break
            case .clear: columns.set("country_code", String?.none)
            case .set(let country): columns.set("country_code", try await CountryLookup(connection: connection).state(country, field: "country").code)
            }
            columns.set("city", city)
            columns.set("geonames_id", changes.geonamesId)
            columns.setDate("period", period)
            columns.set("cameo_code", cameo)
            columns.set("summary", summary)
            try await columns.update("event", id: id, on: connection)
            for participant in changes.removedParticipants {
                let actor = try await resolver.resolve(participant, field: "removeParticipant")
                let gone = try await connection.execute("DELETE FROM event_participant WHERE event_id = \(id) AND actor_id = \(actor.id)")
                guard gone > 0 else {
                    throw ChanceryError(.notFound, "\(actor.name) is not a participant of \(input)", field: "removeParticipant",
                                        hint: "The event's participants are listed with it.", next: [.showEvent(ref: input)])
                }
            }
            for participant in changes.addedParticipants {
                let actor = try await resolver.resolve(participant, field: "participant")
                try await connection.execute(
                    "INSERT INTO event_participant (event_id, actor_id) VALUES (\(id), \(actor.id)) ON CONFLICT DO NOTHING")
            }
            return try await read(id, on: connection)
        }
    }
}
