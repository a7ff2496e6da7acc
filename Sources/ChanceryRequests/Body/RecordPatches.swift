package import ChanceryModel

/// A JSON merge patch of an event (see ``MergePatch``), fields named as `POST /v1/events` names them.
package struct EventPatch: Decodable {
    package var changes = EventChanges()

    private enum Key: String, CodingKey, CaseIterable {
        case name, kind, status, host, city, country, geonamesId, date, cameoCode, summary, addParticipants, removeParticipants
    }

    package init(from decoder: any Decoder) throws {
        let patch = try MergePatch<Key>(from: decoder, record: "an event", elsewhere: " Its invitations change through /v1/invitations.")
        changes.name = try patch.required(.name)
        changes.kind = try patch.required(.kind)
        changes.status = try patch.required(.status)
        changes.host = try patch.optional(.host)
        changes.city = try patch.optional(.city)
        changes.country = try patch.optional(.country)
        changes.geonamesId = try patch.optional(.geonamesId)
        changes.date = try patch.optional(.date)
        changes.cameoCode = try patch.optional(.cameoCode)
        changes.summary = try patch.optional(.summary)
        changes.addedParticipants = try patch.list(.addParticipants)
        changes.removedParticipants = try patch.list(.removeParticipants)
    }
}

/// A JSON merge patch of an invitation (see ``MergePatch``); answers are recorded through its
/// responses.
package struct InvitationPatch: Decodable {
    package var changes = InvitationChanges()

    private enum Key: String, CodingKey, CaseIterable {
        case capacity, event, letter, date, replyBy, summary, addInvitees, removeInvitees
    }

    package init(from decoder: any Decoder) throws {
        let patch = try MergePatch<Key>(from: decoder, record: "an invitation",
                                        elsewhere: " Answers are recorded with POST /v1/invitations/{ref}/responses.")
        changes.capacity = try patch.optional(.capacity)
        changes.event = try patch.optional(.event)
        changes.letter = try patch.optional(.letter)
        changes.date = try patch.required(.date)
        changes.replyBy = try patch.optional(.replyBy)
        changes.summary = try patch.optional(.summary)
        changes.addedInvitees = try patch.list(.addInvitees)
        changes.removedInvitees = try patch.list(.removeInvitees)
    }
}

/// A JSON merge patch of a role held (see ``MergePatch``): its title, whom it is of, its period.
package struct RolePatch: Decodable {
    package var changes = RoleChanges()

    private enum Key: String, CodingKey, CaseIterable { case title, of, period }

    package init(from decoder: any Decoder) throws {
        let patch = try MergePatch<Key>(from: decoder, record: "a role", elsewhere: " Its holder never changes.")
        changes.title = try patch.required(.title)
        changes.of = try patch.required(.of)
        changes.period = try patch.optional(.period)
    }
}
