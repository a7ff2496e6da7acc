import ChanceryModel
import EDTF

/// Staging rows for events, invitations and responses.
enum EventStaging {
    static func rows(for draft: EventDraft, rec: Int64, into rows: inout [(StagingTable, CopyRow)]) throws {
        guard let ref = try InputValidation.reference(draft.ref, field: "ref") else {
            throw ChanceryError.invalid("ref", "an imported event needs a ref", hint: "Give each event a ref such as ASEAN-US-SUMMIT-2022.")
        }
        let period = try RecordStager.optionalDate(draft.date, field: "date")
        if draft.status == .held, period == nil {
            throw ChanceryError.invalid("date", "a held event needs its date", hint: "Give the date, or another status.")
        }
        if let cameo = draft.cameoCode, !(2...4).contains(cameo.count) || !cameo.allSatisfy(\.isNumber) {
            throw ChanceryError.invalid(EventDraft.CodingKeys.cameoCode, "invalid CAMEO code '\(cameo)'", hint: "CAMEO codes are 2–4 digits, e.g. 043.")
        }
        if let geonames = draft.geonamesId, geonames <= 0 {
            throw ChanceryError.invalid(EventDraft.CodingKeys.geonamesId, "a GeoNames id is a positive number")
        }
        var row = CopyRow()
        row.add(rec)
        row.add(ref)
        row.add(try InputValidation.required(draft.name, field: "name", maxLength: 300))
        row.add(draft.kind.rawValue)
        row.add(draft.status.rawValue)
        row.add(try RecordStager.optionalActorReference(draft.host, field: "host"))
        row.add(try InputValidation.optional(draft.city, field: "city", maxLength: 200))
        row.add(draft.country.map { InputValidation.trimmed($0).uppercased() })
        row.add(draft.geonamesId)
        row.add(period)
        row.add(draft.cameoCode)
        row.add(try InputValidation.optional(draft.summary, field: "summary", maxLength: 5000))
        try RecordStager.addOrigin(draft.origin, of: "event", to: &row)
        rows.append((.event, row))
        for participant in draft.participants {
            var row = CopyRow()
            row.add(rec)
            row.add(try RecordStager.actorReference(participant, field: "participants"))
            rows.append((.eventParticipant, row))
        }
        try LetterStaging.citations(draft.sources, rec: rec, into: &rows)
    }

    static func rows(for draft: InvitationDraft, rec: Int64, into rows: inout [(StagingTable, CopyRow)]) throws {
        guard let ref = try InputValidation.reference(draft.ref, field: "ref") else {
            throw ChanceryError.invalid("ref", "an imported invitation needs a ref", hint: "Give each invitation a ref such as INV-US-2022-001.")
        }
        guard !draft.invitees.isEmpty else { throw ChanceryError.invalid("invitees", "an invitation needs at least one invitee") }
        let issued = try RecordStager.optionalDate(draft.date, field: "date")
        let letter = try InputValidation.reference(draft.letter, field: "letter")
        if issued == nil, letter == nil {
            throw ChanceryError.invalid("date", "an invitation needs a date or the letter carrying it", hint: "Give date or letter.")
        }
        let replyBy = try RecordStager.optionalDate(draft.replyBy, field: "replyBy")
        var row = CopyRow()
        row.add(rec)
        row.add(ref)
        row.add(try RecordStager.actorReference(draft.from.name, field: "from"))
        row.add(try InputValidation.optional(draft.from.capacity, field: "from.capacity", maxLength: 200))
        row.add(try RecordStager.optionalActorReference(draft.from.onBehalfOf, field: "from.onBehalfOf"))
        row.add(try InputValidation.reference(draft.event, field: "event"))
        row.add(letter)
        row.add(issued)
        row.add(replyBy.flatMap(\.latest).map(\.description))
        row.add(try InputValidation.optional(draft.summary, field: "summary", maxLength: 5000))
        try RecordStager.addOrigin(draft.origin, of: "invitation", to: &row)
        rows.append((.invitation, row))
        for (index, invitee) in draft.invitees.enumerated() {
            var row = CopyRow()
            row.add(rec)
            row.add(index + 1)
            row.add(try RecordStager.actorReference(invitee, field: "invitees"))
            rows.append((.invitee, row))
        }
        try LetterStaging.citations(draft.sources, rec: rec, into: &rows)
    }

    static func rows(for draft: ResponseDraft, rec: Int64, into rows: inout [(StagingTable, CopyRow)]) throws {
        guard draft.status != .pending else {
            throw ChanceryError.invalid("status", "a response is accepted, declined or tentative", hint: "Leave pending invitees out.")
        }
        var row = CopyRow()
        row.add(rec)
        row.add(try RecordStager.actorReference(draft.invitation, field: "invitation"))
        row.add(try RecordStager.actorReference(draft.invitee, field: "invitee"))
        row.add(draft.status.rawValue)
        row.add(try InputValidation.reference(draft.letter, field: "letter"))
        row.add(try RecordStager.optionalDate(draft.date, field: "date"))
        row.add(try InputValidation.optional(draft.note, field: "note", maxLength: 2000))
        rows.append((.response, row))
    }
}
