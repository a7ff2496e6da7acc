import ChanceryModel

/// Staging rows for a letter: the letter, its participants, links, events and citations.
enum LetterStaging {
    static func rows(for draft: LetterDraft, rec: Int64, into rows: inout [(StagingTable, CopyRow)]) throws {
        let sent = try UncertainDate(parsing: draft.date, field: "date")
        let received = try RecordStager.optionalDate(draft.received, field: "received")
        if let received, let receivedLatest = received.latest, let sentEarliest = sent.earliest, receivedLatest < sentEarliest {
            throw ChanceryError.invalid("received", "the letter is received (\(received.edtf)) before it was sent (\(sent.edtf))",
                                        hint: "Check the order of date and received.")
        }
        guard !draft.from.isEmpty else { throw ChanceryError.invalid("from", "a letter needs a sender", hint: "Name at least one.") }
        guard !draft.to.isEmpty else {
            throw ChanceryError.invalid("to", "a letter needs at least one recipient", hint: "Name at least one.")
        }
        for (field, id) in [(LetterDraft.CodingKeys.sentPlaceGeonamesId, draft.sentPlaceGeonamesId),
                          (LetterDraft.CodingKeys.receivedPlaceGeonamesId, draft.receivedPlaceGeonamesId)] {
            if let id, id <= 0 { throw ChanceryError.invalid(field, "a GeoNames id is a positive number",
                                                         hint: "Look the place up on geonames.org: Phnom Penh is 1821306.") }
        }
        let externalKey = try InputValidation.optional(draft.key, field: "key", maxLength: 500)
        if externalKey != nil, draft.provenance == nil {
            throw ChanceryError.invalid("key", "a key needs the provenance it belongs to", hint: "Add provenance: {title, url}.")
        }
        var letter = CopyRow()
        letter.add(rec)
        letter.add(try InputValidation.reference(draft.ref, field: "ref"))
        letter.add(externalKey)
        if let provenance = draft.provenance, externalKey != nil {
            let source = try SourceRecorder.validated(provenance)
            letter.add(provenance.kind.rawValue)
            letter.add(source.title)
            letter.add(source.url)
        } else {
            for _ in 0..<3 { letter.add(String?.none) }
        }
        letter.add(draft.kind.rawValue)
        letter.add(sent)
        letter.add(received)
        letter.add(try InputValidation.required(draft.subject, field: "subject", maxLength: 300))
        letter.add(try InputValidation.optional(draft.summary, field: "summary", maxLength: 5000))
        letter.add(try InputValidation.optional(draft.text, field: "text", maxLength: 1_000_000))
        letter.add(try InputValidation.languageTag(draft.language))
        letter.add(draft.classification.rawValue)
        letter.add(try InputValidation.optional(draft.sentPlace, field: "sentPlace", maxLength: 200))
        letter.add(draft.sentPlaceGeonamesId)
        letter.add(try InputValidation.optional(draft.receivedPlace, field: "receivedPlace", maxLength: 200))
        letter.add(draft.receivedPlaceGeonamesId)
        letter.add(draft.awaitingReply)
        letter.add(try InputValidation.optional(draft.dateAsWritten, field: LetterDraft.CodingKeys.dateAsWritten.stringValue, maxLength: 500))
        letter.add(try InputValidation.optional(draft.receivedAsWritten, field: LetterDraft.CodingKeys.receivedAsWritten.stringValue,
                                                maxLength: 500))
        letter.add(draft.refFromExport)
        letter.add(array: draft.unstated.map(\.rawValue))
        try RecordStager.addOrigin(draft.origin, of: "letter", to: &letter)
        rows.append((.letter, letter))

        for (role, participants, field) in [(ParticipantRole.author, draft.from, "from"), (.recipient, draft.to, "to"),
                                            (.cc, draft.cc, "cc"), (.transmitter, draft.via, "via")] {
            for (index, participant) in participants.enumerated() {
                var row = CopyRow()
                row.add(rec)
                row.add(role.rawValue)
                row.add(index + 1)
                row.add(try RecordStager.actorReference(participant.name, field: field))
                row.add(try InputValidation.optional(participant.capacity, field: field + ".capacity", maxLength: 200))
                row.add(try RecordStager.optionalActorReference(participant.onBehalfOf, field: field + ".onBehalfOf"))
                row.add(try InputValidation.optional(participant.nameAsWritten, field: field + ".nameAsWritten", maxLength: 200))
                row.add(participant.nameSupplied)
                row.add(participant.nameUncertain)
                rows.append((.participant, row))
            }
        }
        for (kind, targets, field, reverse) in [(LetterLinkKind.replyTo, draft.replyTo, "replyTo", false),
                                                (.encloses, draft.encloses, "encloses", false), (.forwards, draft.forwards, "forwards", false),
                                                (.refersTo, draft.refersTo, "refersTo", false), (.replyTo, draft.answeredBy, "answeredBy", true)] {
            for target in targets {
                let clean = InputValidation.trimmed(target)
                guard !clean.isEmpty else { throw ChanceryError.invalid(field, "\(field) holds an empty reference") }
                var row = CopyRow()
                row.add(rec)
                row.add(kind.rawValue)
                row.add(clean)
                row.add(reverse)
                rows.append((.link, row))
            }
        }
        for event in draft.events {
            var row = CopyRow()
            row.add(rec)
            row.add(try RecordStager.actorReference(event, field: "events"))
            rows.append((.letterEvent, row))
        }
        try citations(draft.sources, rec: rec, into: &rows)
    }

    static func citations(_ sources: [SourceDraft], rec: Int64, into rows: inout [(StagingTable, CopyRow)]) throws {
        for source in sources {
            var row = CopyRow()
            row.add(rec)
            row.add(try InputValidation.optional(source.quote, field: "sources.quote", maxLength: 5000))
            try RecordStager.addSource(source, to: &row)
            rows.append((.citation, row))
        }
    }
}
