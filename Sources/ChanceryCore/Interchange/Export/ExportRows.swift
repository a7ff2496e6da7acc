import Foundation
import LibPQClient
import ChanceryModel

/// Turns exported rows back into the drafts the writers take.
enum ExportRows {
    static func event(_ row: PostgresRow) throws -> EventDraft {
        var draft = EventDraft()
        draft.ref = try row.decode("ref")
        draft.name = try row.decode("name")
        draft.kind = EventKind(rawValue: try row.decode("kind")) ?? .other
        draft.status = EventStatus(rawValue: try row.decode("status")) ?? .proposed
        draft.host = try row.decode("host")
        draft.city = try row.decode("city")
        draft.country = try row.decode("country_code")
        draft.geonamesId = try row.decode("geonames_id")
        draft.date = try row.decode("period_edtf")
        draft.cameoCode = try row.decode("cameo_code")
        draft.summary = try row.decode("summary")
        draft.participants = try row.decode("participants")
        draft.sources = try sources(row)
        draft.origin = try RecordOrigin(row)
        return draft
    }

    package static func letter(_ row: PostgresRow) throws -> LetterDraft {
        var draft = LetterDraft()
        draft.ref = try row.decode("ref")
        draft.kind = LetterKind(rawValue: try row.decode("kind")) ?? .other
        draft.date = try row.decode("sent_edtf")
        draft.received = try row.decode("received_edtf")
        draft.dateAsWritten = try row.decode("sent_as_written")
        draft.receivedAsWritten = try row.decode("received_as_written")
        draft.subject = try row.decode("subject")
        draft.summary = try row.decode("summary")
        draft.text = try row.decode("body")
        draft.language = try row.decode("language")
        draft.classification = Classification(rawValue: try row.decode("classification")) ?? .unclassified
        draft.sentPlace = try row.decode("sent_place")
        draft.sentPlaceGeonamesId = try row.decode("sent_place_geonames_id")
        draft.receivedPlace = try row.decode("received_place")
        draft.receivedPlaceGeonamesId = try row.decode("received_place_geonames_id")
        draft.awaitingReply = try row.decode("awaiting_reply")
        draft.key = try row.decode("external_key")
        draft.origin = try RecordOrigin(row)
        if draft.key != nil, let title: String = try row.decode("provenance_title") {
            draft.provenance = SourceDraft(kind: SourceKind(rawValue: try row.decode("provenance_kind") ?? "") ?? .other,
                                           title: title, url: try row.decode("provenance_url"))
        }
        for entry in try jsonArrays(row, "participants") {
            let participant = ParticipantDraft(name: entry[1] as? String ?? "", capacity: entry[2] as? String,
                                               onBehalfOf: entry[3] as? String, nameAsWritten: entry[4] as? String,
                                               nameSupplied: flag(entry[5]), nameUncertain: flag(entry[6]))
            switch entry[0] as? String {
            case "author", "signatory": draft.from.append(participant)
            case "recipient": draft.to.append(participant)
            case "cc": draft.cc.append(participant)
            default: draft.via.append(participant)
            }
        }
        for entry in try jsonArrays(row, "links") {
            let target = entry[1] as? String ?? ""
            switch entry[0] as? String {
            case "reply_to": draft.replyTo.append(target)
            case "encloses": draft.encloses.append(target)
            case "forwards": draft.forwards.append(target)
            default: draft.refersTo.append(target)
            }
        }
        draft.events = try row.decode("events")
        draft.sources = try sources(row)
        return draft
    }

    static func invitation(_ row: PostgresRow) throws -> InvitationDraft {
        var draft = InvitationDraft()
        draft.ref = try row.decode("ref")
        draft.from = ParticipantDraft(name: try row.decode("inviter"), capacity: try row.decode("inviter_capacity"),
                                         onBehalfOf: try row.decode("represents"))
        draft.invitees = try row.decode("invitees")
        draft.event = try row.decode("event")
        draft.letter = try row.decode("letter")
        draft.date = try row.decode("issued_edtf")
        draft.replyBy = try row.decode("reply_by")
        draft.summary = try row.decode("summary")
        draft.sources = try sources(row)
        draft.origin = try RecordOrigin(row)
        return draft
    }

    static func response(_ row: PostgresRow) throws -> ResponseDraft {
        ResponseDraft(invitation: try row.decode("invitation"), invitee: try row.decode("invitee"),
                      status: ResponseStatus(rawValue: try row.decode("status")) ?? .accepted,
                      letter: try row.decode("letter"), date: try row.decode("responded_edtf"), note: try row.decode("note"))
    }

    private static func sources(_ row: PostgresRow) throws -> [SourceDraft] {
        try jsonArrays(row, "sources").map { entry in
            SourceDraft(kind: SourceKind(rawValue: entry[0] as? String ?? "") ?? .other, title: entry[1] as? String ?? "",
                        url: entry[2] as? String, publisher: entry[3] as? String, published: entry[4] as? String,
                        excerpt: entry[5] as? String, quote: entry[6] as? String, retrieved: entry[7] as? String)
        }
    }

    /// A JSON array of arrays (json_agg of json_build_array), empty when NULL.
    /// A JSON boolean as JSONSerialization hands it over (a Bool, or an NSNumber on some platforms).
    private static func flag(_ value: Any?) -> Bool {
        (value as? Bool) ?? (value as? NSNumber)?.boolValue ?? false
    }

    private static func jsonArrays(_ row: PostgresRow, _ column: String) throws -> [[Any?]] {
        guard let text: String = try row.decode(column) else { return [] }
        guard let array = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[Any]] else { return [] }
        return array.map { $0.map { $0 is NSNull ? nil : $0 } }
    }
}
