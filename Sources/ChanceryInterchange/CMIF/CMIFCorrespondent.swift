import ChanceryModel

/// A `persName` or `orgName` in a `correspAction`, read as a participant and the actor records
/// it needs.
struct CMIFCorrespondent {
    /// An actor record to emit before the letter, and how to tell it was already emitted.
    struct ActorRecord {
        var draft: ActorDraft
        /// The dataset-local key: the authority key (`gnd:118629662`, `viaf:…`, `Q6279`) or a
        /// TEI `@key`; nil for actors known by name or ISO code.
        var key: String?
        /// One string per actor within a file, for emitting each actor once.
        var identity: String
    }

    /// The participant as the letter names it.
    var participant: ParticipantDraft
    /// The name shown for it, for composed subjects.
    var displayName: String
    /// The participant's actor, then the actor it acts for, if any.
    var actors: [ActorRecord]

    /// Elements whose text is not part of the name around them: Chancery's full TEI puts the
    /// capacity (`roleName`) and whom the participant acts for (`orgName`) inside the name.
    private static let notNameText: Set<String> = ["roleName", "orgName", "persName", "note"]

    /// Reads a name element; nil (with a warning) when it names no one.
    ///
    /// The reference the letter uses follows the importer's resolution order: the ISO code of a
    /// state (full TEI: `orgName type="state" key="KH"`), else the first GND, VIAF or Wikidata URI
    /// in `@ref` as a key, else a TEI `@key`, else the name as shown.
    static func read(_ node: XMLElementNode, warn: (XMLElementNode, String) -> Void) -> CMIFCorrespondent? {
        guard let main = actor(node, warn: warn) else { return nil }
        var participant = ParticipantDraft(name: main.reference)
        if let written = main.written {
            // TEI's own marks, or the table's marks that CSV2CMI left in the text ("Name?"); a
            // name whose brackets CSV2CMI split keeps them, as the table has it.
            let splitBrackets = main.text.flatMap(EditorialName.restoringCSV2CMIBrackets) != nil
            participant.record(EditorialName(
                name: written.name,
                supplied: written.supplied || (!splitBrackets && node.attribute("evidence").map(isEditorsConjecture) == true),
                uncertain: written.uncertain || CMIFDates.isUncertain(node.attribute("cert"))))
        }
        var actors = [main.record]
        if let capacity = node.elements(named: "roleName").first?.normalizedText(), !capacity.isEmpty {
            participant.capacity = capacity
        }
        if let party = node.elements(named: "orgName").first,
           let behalf = actor(party, warn: warn) {
            participant.onBehalfOf = behalf.reference
            actors.append(behalf.record)
        }
        return CMIFCorrespondent(participant: participant, displayName: main.record.draft.name, actors: actors)
    }

    /// Whether `@evidence` says the editor supplied the name (TEI: conjecture; external evidence
    /// is also the editor's, not the letter's).
    private static func isEditorsConjecture(_ evidence: String) -> Bool {
        ["conjecture", "external"].contains(evidence.lowercased())
    }

    private static func actor(_ node: XMLElementNode, warn: (XMLElementNode, String) -> Void)
        -> (record: ActorRecord, reference: String, written: EditorialName?, text: String?)?
    {
        let kind: ActorKind = node.name == "persName" ? .person
            : node.attribute("type") == CMIFVocabulary.stateType ? .state : .organization
        // Clipped here, so the name the letter uses is the actor's name exactly.
        let text = CMIFHeader.clipped(node.normalizedText(excluding: notNameText), to: 200)
        let restored = node.attribute("evidence") != nil ? EditorialName.restoringCSV2CMIBrackets(text) : nil
        let written = text.isEmpty ? nil : EditorialName(reading: restored ?? text)
        let shown = written?.name ?? ""
        var draft = ActorDraft(kind: kind, name: shown)
        var authorityKey: String?
        var otherURIs: [String] = []
        for uri in (node.attribute("ref") ?? "").split(whereSeparator: \.isWhitespace).map(String.init) {
            if let authority = AuthorityURI(uri) {
                authority.apply(to: &draft)
                authorityKey = authorityKey ?? authority.key
            } else {
                otherURIs.append(uri)
            }
        }
        if !otherURIs.isEmpty {
            // Kept where a person can still follow it, but not matched: only these three are ids.
            draft.note = "Authority: " + otherURIs.joined(separator: " ")
            warn(node, "\(node.name) '\(shown)': \(otherURIs.joined(separator: ", ")) is not a GND, VIAF or Wikidata URI; "
                + "kept in the actor's note, not matched")
        }
        let localKey = node.attribute("key")
        let key: String?
        let reference: String
        if kind == .state, let code = localKey, isISOCode(code) {
            draft.isoCode = code
            (key, reference) = (nil, code)
        } else if let authorityKey {
            (key, reference) = (authorityKey, authorityKey)
        } else if let localKey {
            (key, reference) = (localKey, localKey)
        } else {
            (key, reference) = (nil, shown)
        }
        if shown.isEmpty {
            guard !reference.isEmpty else {
                warn(node, "\(node.name) without a name or an authority URI; skipped (CMIF writes unknown persons as 'Unknown')")
                return nil
            }
            draft.name = reference
        }
        let identity = key.map { "key:" + $0 } ?? draft.isoCode.map { "iso:" + $0 }
            ?? "name:" + kind.rawValue + ":" + draft.name.lowercased()
        return (ActorRecord(draft: draft, key: key, identity: identity), reference, written, text)
    }

    private static func isISOCode(_ text: String) -> Bool {
        text.count == 2 && text.allSatisfy { ("A"..."Z").contains($0) }
    }
}
