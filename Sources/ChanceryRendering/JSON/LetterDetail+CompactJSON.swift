package import ChanceryModel

/// A letter's detail as the API's `JSONEncoder` writes it (keys sorted, absent optionals left out),
/// for `GET /v1/letters/{ref}`, the second of the two reads clients make most.
extension LetterDetail {
    package var compactJSON: [UInt8] {
        var writer = CompactJSONWriter(capacity: 2048 + (text?.utf8.count ?? 0) + (summary?.utf8.count ?? 0))
        writeJSON(to: &writer)
        return writer.finish()
    }

    package func writeJSON(to writer: inout CompactJSONWriter) {
        writer.raw("{")
        writer.key("awaitingReply", first: true)
        writer.boolean(awaitingReply)
        writer.key("classification")
        writer.string(classification.rawValue)
        writer.key("date")
        date.writeJSON(to: &writer)
        if let dateAsWritten { writer.key("dateAsWritten"); writer.string(dateAsWritten) }
        writer.key("events")
        writer.strings(events)
        writer.key("invitations")
        writer.strings(invitations)
        writer.key("kind")
        writer.string(kind.rawValue)
        if let language { writer.key("language"); writer.string(language) }
        writer.key("linkedFrom")
        Self.write(linkedFrom, to: &writer)
        writer.key("links")
        Self.write(links, to: &writer)
        if let origin {
            writer.key("origin")
            writer.raw("{")
            writer.key("ref", first: true)
            writer.string(origin.ref)
            writer.key("register")
            writer.string(origin.register)
            writer.raw("}")
        }
        writer.key("participants")
        writer.array(participants) { writer, participant in participant.writeJSON(to: &writer) }
        if let received { writer.key("received"); received.writeJSON(to: &writer) }
        if let receivedAsWritten { writer.key("receivedAsWritten"); writer.string(receivedAsWritten) }
        if let receivedPlace { writer.key("receivedPlace"); writer.string(receivedPlace) }
        if let receivedPlaceGeonamesId { writer.key("receivedPlaceGeonamesId"); writer.integer(receivedPlaceGeonamesId) }
        writer.key("ref")
        writer.string(ref)
        writer.key("revision")
        writer.integer(revision)
        if let sentPlace { writer.key("sentPlace"); writer.string(sentPlace) }
        if let sentPlaceGeonamesId { writer.key("sentPlaceGeonamesId"); writer.integer(sentPlaceGeonamesId) }
        writer.key("sources")
        writer.array(sources) { writer, source in source.writeJSON(to: &writer) }
        writer.key("subject")
        writer.string(subject)
        if let summary { writer.key("summary"); writer.string(summary) }
        if let text { writer.key("text"); writer.string(text) }
        writer.raw("}")
    }

    private static func write(_ links: [LinkedLetter], to writer: inout CompactJSONWriter) {
        writer.array(links) { writer, link in
            writer.raw("{")
            writer.key("date", first: true)
            link.date.writeJSON(to: &writer)
            writer.key("kind")
            writer.string(link.kind.rawValue)
            writer.key("ref")
            writer.string(link.ref)
            writer.key("subject")
            writer.string(link.subject)
            writer.raw("}")
        }
    }
}

extension Participant {
    /// As `encode(to:)` writes it, keys sorted: the editor's marks only when set.
    package func writeJSON(to writer: inout CompactJSONWriter) {
        writer.raw("{")
        var first = true
        func key(_ name: StaticString) {
            writer.key(name, first: first)
            first = false
        }
        if let capacity { key("capacity"); writer.string(capacity) }
        if let country { key("country"); writer.string(country) }
        key("kind")
        writer.string(kind.rawValue)
        key("name")
        writer.string(name)
        if let nameAsWritten { key("nameAsWritten"); writer.string(nameAsWritten) }
        if nameSupplied { key("nameSupplied"); writer.boolean(true) }
        if nameUncertain { key("nameUncertain"); writer.boolean(true) }
        if let onBehalfOf { key("onBehalfOf"); writer.string(onBehalfOf) }
        key("position")
        writer.integer(position)
        key("role")
        writer.string(role.rawValue)
        writer.raw("}")
    }
}

extension CitedSource {
    package func writeJSON(to writer: inout CompactJSONWriter) {
        writer.raw("{")
        if let id { writer.key("id", first: true); writer.integer(id) }
        writer.key("kind", first: id == nil)
        writer.string(kind.rawValue)
        if let published { writer.key("published"); published.writeJSON(to: &writer) }
        if let publisher { writer.key("publisher"); writer.string(publisher) }
        if let quote { writer.key("quote"); writer.string(quote) }
        writer.key("title")
        writer.string(title)
        if let url { writer.key("url"); writer.string(url) }
        writer.raw("}")
    }
}
