import ChanceryModel

/// Writes Chancery's JSON Lines dataset: the header, then one record per line, fields in a fixed
/// order and defaults left out, so exporting the same data twice gives the same bytes.
package struct JSONLinesWriter: RecordWriter {
    /// The exporting register's id, written in the header so that the register knows the file
    /// for its own when it is imported back.
    let register: String?
    /// When the export's snapshot was taken (see `RegisterID.moment(text:)`): an import of the
    /// file names the letters changed in the register since.
    let exported: String?

    package init(register: String? = nil, exported: String? = nil) {
        self.register = register
        self.exported = exported
    }

    package mutating func begin(_ output: TextOutput) throws {
        guard let register else { return output.write(JSONLinesReader.header + "\n") }
        var header = JSONText()
        header.add("type", "chancery-dataset")
        header.add("version", Int64(JSONLinesReader.supportedVersion))
        header.add("register", register)
        header.add("exported", exported)
        output.write(header.result + "\n")
    }

    package mutating func write(_ record: DatasetRecord, to output: TextOutput) throws {
        guard let object = Self.object(for: record) else { return }
        output.write(object.result + "\n")
    }

    package mutating func end(_ output: TextOutput) throws {}

    package static func object(for record: DatasetRecord) -> JSONText? {
        var o = JSONText()
        switch record {
        case .header: return nil
        case .actor(let actor, let key):
            o.add("type", "actor")
            o.add("key", key)
            o.add("kind", actor.kind.rawValue)
            o.add("name", actor.name)
            o.add("aliases", actor.aliases)
            o.add(ActorDraft.CodingKeys.isoCode.stringValue, actor.isoCode)
            o.add(ActorDraft.CodingKeys.wikidataId.stringValue, actor.wikidataId)
            o.add(ActorDraft.CodingKeys.viafId.stringValue, actor.viafId)
            o.add(ActorDraft.CodingKeys.gndId.stringValue, actor.gndId)
            o.add("note", actor.note)
            o.add(ActorDraft.CodingKeys.unidentified.stringValue, actor.unidentified)
        case .source(let source):
            o = sourceObject(source, type: "source")
        case .membership(let member, let organization, let period):
            o.add("type", "membership")
            o.add("member", member)
            o.add("organization", organization)
            o.add("period", period)
        case .role(let holder, let title, let of, let period):
            o.add("type", "role")
            o.add("holder", holder)
            o.add("title", title)
            o.add("of", of)
            o.add("period", period)
        case .event(let event):
            o.add("type", "event")
            o.add("ref", event.ref)
            o.add("name", event.name)
            o.add("kind", event.kind.rawValue)
            o.add("status", event.status.rawValue)
            o.add("host", event.host)
            o.add("city", event.city)
            o.add("country", event.country)
            o.add("geonamesId", event.geonamesId)
            o.add("date", event.date)
            o.add("cameoCode", event.cameoCode)
            o.add("summary", event.summary)
            o.add("participants", event.participants)
            o.add("sources", objects: event.sources.map(sourceObject))
            o.add("origin", object: event.origin.map(originObject))
        case .letter(let letter): o = letterObject(letter)
        case .invitation(let invitation):
            o.add("type", "invitation")
            o.add("ref", invitation.ref)
            o.add("from", object: participantObject(invitation.from))
            o.add("invitees", invitation.invitees)
            o.add("event", invitation.event)
            o.add("letter", invitation.letter)
            o.add("date", invitation.date)
            o.add("replyBy", invitation.replyBy)
            o.add("summary", invitation.summary)
            o.add("sources", objects: invitation.sources.map(sourceObject))
            o.add("origin", object: invitation.origin.map(originObject))
        case .response(let response):
            o.add("type", "response")
            o.add("invitation", response.invitation)
            o.add("invitee", response.invitee)
            o.add("status", response.status.rawValue)
            o.add("letter", response.letter)
            o.add("date", response.date)
            o.add("note", response.note)
        }
        return o
    }

    /// Keys from `LetterDraft.CodingKeys`, the one list of a letter's names.
    private static func letterObject(_ letter: LetterDraft) -> JSONText {
        typealias Key = LetterDraft.CodingKeys
        var o = JSONText()
        o.add("type", "letter")
        o.add(Key.ref.stringValue, letter.ref)
        o.add(Key.kind.stringValue, letter.kind.rawValue)
        o.add(Key.from.stringValue, objects: letter.from.map(participantObject))
        o.add(Key.to.stringValue, objects: letter.to.map(participantObject))
        o.add(Key.cc.stringValue, objects: letter.cc.map(participantObject))
        o.add(Key.via.stringValue, objects: letter.via.map(participantObject))
        o.add(Key.date.stringValue, letter.date)
        o.add(Key.received.stringValue, letter.received)
        o.add(Key.dateAsWritten.stringValue, letter.dateAsWritten)
        o.add(Key.receivedAsWritten.stringValue, letter.receivedAsWritten)
        o.add(Key.subject.stringValue, letter.subject)
        o.add(Key.summary.stringValue, letter.summary)
        o.add(Key.text.stringValue, letter.text)
        o.add(Key.language.stringValue, letter.language)
        if letter.classification != .unclassified { o.add(Key.classification.stringValue, letter.classification.rawValue) }
        o.add(Key.sentPlace.stringValue, letter.sentPlace)
        o.add(Key.sentPlaceGeonamesId.stringValue, letter.sentPlaceGeonamesId)
        o.add(Key.receivedPlace.stringValue, letter.receivedPlace)
        o.add(Key.receivedPlaceGeonamesId.stringValue, letter.receivedPlaceGeonamesId)
        o.add(Key.replyTo.stringValue, letter.replyTo)
        o.add(Key.encloses.stringValue, letter.encloses)
        o.add(Key.forwards.stringValue, letter.forwards)
        o.add(Key.refersTo.stringValue, letter.refersTo)
        o.add(Key.events.stringValue, letter.events)
        o.add(Key.sources.stringValue, objects: letter.sources.map(sourceObject))
        o.addFlag(Key.awaitingReply.stringValue, letter.awaitingReply)
        o.add(Key.key.stringValue, letter.key)
        o.add(Key.provenance.stringValue, object: letter.provenance.map(sourceObject))
        o.add("origin", object: letter.origin.map(originObject))
        return o
    }

    private static func originObject(_ origin: RecordOrigin) -> JSONText {
        var object = JSONText()
        object.add("register", origin.register)
        object.add("ref", origin.ref)
        return object
    }

    /// Keys from `ParticipantDraft.CodingKeys`; the editor's marks only when set.
    private static func participantObject(_ participant: ParticipantDraft) -> JSONText {
        typealias Key = ParticipantDraft.CodingKeys
        var o = JSONText()
        o.add(Key.name.stringValue, participant.name)
        o.add(Key.capacity.stringValue, participant.capacity)
        o.add(Key.onBehalfOf.stringValue, participant.onBehalfOf)
        o.add(Key.nameAsWritten.stringValue, participant.nameAsWritten)
        o.addFlag(Key.nameSupplied.stringValue, participant.nameSupplied)
        o.addFlag(Key.nameUncertain.stringValue, participant.nameUncertain)
        return o
    }

    private static func sourceObject(_ source: SourceDraft) -> JSONText { sourceObject(source, type: nil) }

    private static func sourceObject(_ source: SourceDraft, type: String?) -> JSONText {
        var o = JSONText()
        o.add("type", type)
        o.add("kind", source.kind.rawValue)
        o.add("title", source.title)
        o.add("url", source.url)
        o.add("publisher", source.publisher)
        o.add("published", source.published)
        o.add("excerpt", source.excerpt)
        o.add("quote", source.quote)
        o.add("retrieved", source.retrieved)
        return o
    }
}
