import ChanceryModel

/// Writes one letter as a `correspDesc`, in CMIF or in Chancery's full TEI.
///
/// CMIF gets what its schema allows: senders and addressees (copies as `received` with
/// `subtype="cc"`), places with GeoNames URIs, W3C dates with `cert="low"` for uncertain ones,
/// the language, and the letter's kind as `@type`. The full TEI adds transmitters
/// (`correspAction type="transmitted"`, one per step, in order), each participant's capacity
/// (`roleName`) and whom they acted for (`orgName` inside the name), the exact EDTF date
/// (`@when-custom`), links (`correspContext/ref` typed `prev` for a reply, `encloses`,
/// `forwards`, `refersTo`, targets being letter references), the subject, summary and
/// classification (`note` typed accordingly), and the letter's sources as `bibl`s.
struct CorrespDescComposer {
    /// Which format.
    enum Dialect {
        case cmif, tei
    }

    let dialect: Dialect
    let header: CMIFExportHeader
    /// The actors listed so far.
    var directory = CorrespondentDirectory()

    private typealias Attributes = [(String, String?)]
    private static let indent = "      "

    /// The `correspDesc` element with a trailing newline.
    func correspDesc(for letter: LetterDraft) -> String {
        let reference = letter.ref ?? letter.key
        // In CMIF a letter from an edition keeps its number there, under the edition's bibl, as
        // correspSearch reads it and as a re-import finds the letter again; its reference
        // follows in a note. The full TEI keeps the reference as the key and the edition in a note.
        let edition = dialect == .cmif && letter.key != nil ? letter.provenance.flatMap(header.editionID(for:)) : nil
        var lines: [String] = []
        lines.append(open("correspDesc", [
            ("key", edition == nil ? reference : letter.key),
            ("ref", reference.flatMap { ref in header.letterURLPrefix.map { $0 + ref } }),
            ("type", letter.kind == .letter ? nil : letter.kind.rawValue),
            // CMIF requires a bibl for every letter; the full TEI cites each letter's own sources instead.
            ("source", dialect == .cmif ? "#" + (edition ?? header.sourceID) : nil),
        ]))
        lines.append(action("sent", letter.from, place: letter.sentPlace, geoNamesID: letter.sentPlaceGeonamesId, date: letter.date,
                            dateAsWritten: letter.dateAsWritten))
        lines.append(action("received", letter.to, place: letter.receivedPlace, geoNamesID: letter.receivedPlaceGeonamesId,
                            date: letter.received, dateAsWritten: letter.receivedAsWritten))
        lines.append(action("received", letter.cc, subtype: CMIFVocabulary.ccSubtype))
        if dialect == .tei {
            for (index, transmitter) in letter.via.enumerated() {
                lines.append(action("transmitted", [transmitter], n: index + 1))
            }
            lines.append(context(letter))
            lines.append(note(CMIFVocabulary.NoteType.subject, letter.subject))
            lines.append(note(CMIFVocabulary.NoteType.summary, letter.summary))
            if letter.classification != .unclassified {
                lines.append(note(CMIFVocabulary.NoteType.classification, letter.classification.rawValue))
            }
        }
        if let language = letter.language {
            lines.append("  <note>" + element("ref", [("type", CMIFVocabulary.hasLanguage), ("target", language)]) + "</note>")
        }
        if dialect == .tei, !letter.sources.isEmpty {
            lines.append(open("note", [("type", CMIFVocabulary.NoteType.sources)], indent: "  ")
                + letter.sources.map(bibl).joined() + "</note>")
        }
        if edition != nil, let ref = letter.ref {
            lines.append(note(CMIFVocabulary.NoteType.reference, ref))
        }
        if let origin = letter.origin {
            lines.append(note(CMIFVocabulary.NoteType.origin, RegisterID.urn(for: origin.register) + " " + origin.ref))
        }
        if dialect == .tei, let key = letter.key, let provenance = letter.provenance {
            lines.append(open("note", [("type", CMIFVocabulary.NoteType.provenance)], indent: "  ")
                + bibl(provenance) + element("idno", [("type", CMIFVocabulary.editionKeyType)], text: key) + "</note>")
        }
        lines.append("</correspDesc>")
        return lines.filter { !$0.isEmpty }.map { Self.indent + $0 + "\n" }.joined()
    }

    // MARK: - Correspondence actions

    private func action(_ type: String, _ participants: [ParticipantDraft], subtype: String? = nil, n: Int? = nil,
                        place: String? = nil, geoNamesID: Int64? = nil, date: String? = nil, dateAsWritten: String? = nil) -> String {
        var parts = participants.map(name)
        if let place {
            parts.append(element("placeName", [("ref", geoNamesID.map(AuthorityURI.geoNamesURI))], text: place))
        }
        if let date, let dated = dateElement(date, asWritten: dateAsWritten) {
            parts.append(dated)
        } else if let dateAsWritten {
            // An undated letter may still say something of its date ("ohne Datum").
            parts.append(element("date", [], text: dateAsWritten))
        }
        guard !parts.isEmpty else { return "" }
        let start = open("correspAction", [("type", type), ("subtype", subtype), ("n", n.map(String.init))], indent: "  ")
        return start + "\n" + parts.map { Self.indent + "    " + $0 + "\n" }.joined() + Self.indent + "  </correspAction>"
    }

    /// A `persName` or `orgName` for a participant; in the full TEI with its capacity and whom
    /// it acted for inside.
    private func name(_ participant: ParticipantDraft) -> String {
        var inner = ""
        if dialect == .tei {
            if let capacity = participant.capacity { inner += element("roleName", [], text: capacity) }
            if let party = participant.onBehalfOf { inner += name(reference: party, forceOrganization: true, inner: "") }
        }
        return name(reference: participant.name, forceOrganization: false, inner: inner, written: participant)
    }

    private func name(reference: String, forceOrganization: Bool, inner: String, written: ParticipantDraft? = nil) -> String {
        let actor = directory.actor(reference)
        let isCode = reference.count == 2 && reference.allSatisfy { ("A"..."Z").contains($0) }
        let kind = actor?.kind ?? (isCode ? .state : forceOrganization ? .organization : .person)
        let tag = kind == .person && !forceOrganization ? "persName" : "orgName"
        let authorities = actor.map(AuthorityURI.all(of:)) ?? []
        var attributes: Attributes
        switch dialect {
        case .cmif:
            // One URI: correspSearch reads @ref as a single authority id.
            attributes = [("ref", authorities.first?.uri)]
        case .tei:
            let isoCode = actor?.isoCode ?? (isCode ? reference : nil)
            let key = kind == .state ? isoCode : (authorities.isEmpty && directory.isKey(reference) ? reference : nil)
            attributes = [("ref", authorities.isEmpty ? nil : authorities.map(\.uri).joined(separator: " ")),
                          ("type", kind == .state ? CMIFVocabulary.stateType : nil), ("key", key)]
        }
        // The editor's marks as TEI writes them; the spelling the letter uses where an id keeps
        // the actor apart from it, else the actor's own name, which a re-import matches by.
        let actorName = actor?.name ?? reference
        var shown = actorName
        if let written {
            if written.nameSupplied { attributes.append(("evidence", "conjecture")) }
            if written.nameUncertain { attributes.append(("cert", "low")) }
            if let spelling = written.nameAsWritten, !authorities.isEmpty || spelling.lowercased() == actorName.lowercased() {
                shown = spelling
            }
        }
        return open(tag, attributes, indent: "") + XMLEscaping.text(shown) + inner + "</\(tag)>"
    }

    /// A `date` element; its text is the date as the source writes it, when known.
    private func dateElement(_ edtf: String, asWritten: String? = nil) -> String? {
        guard let date = CMIFDateAttributes(edtf: edtf) else { return nil }
        var attributes: Attributes = date.pairs.map { ($0.0, $0.1) }
        if dialect == .tei {
            attributes += [("when-custom", edtf), ("datingMethod", CMIFVocabulary.edtfDatingMethod)]
        }
        return element("date", attributes, text: asWritten)
    }

    // MARK: - Full TEI only

    private func context(_ letter: LetterDraft) -> String {
        let links = CMIFVocabulary.linkTypes.flatMap { type, kind -> [String] in
            let targets: [String] = switch kind {
            case .replyTo: letter.replyTo
            case .encloses: letter.encloses
            case .forwards: letter.forwards
            case .refersTo: letter.refersTo
            }
            return targets.map { element("ref", [("type", type), ("target", $0)]) }
        }
        guard !links.isEmpty else { return "" }
        return "  <correspContext>\n" + links.map { Self.indent + "    " + $0 + "\n" }.joined() + Self.indent + "  </correspContext>"
    }

    private func note(_ type: String, _ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return "  " + element("note", [("type", type)], text: text)
    }

    private func bibl(_ source: SourceDraft) -> String {
        var inner = element("title", [], text: source.title)
        if let publisher = source.publisher { inner += element("publisher", [], text: publisher) }
        if let published = source.published, let date = dateElement(published) { inner += date }
        if let url = source.url { inner += element("ref", [("target", url)], text: url) }
        if let quote = source.quote { inner += element("quote", [], text: quote) }
        if let excerpt = source.excerpt { inner += element("note", [("type", CMIFVocabulary.NoteType.excerpt)], text: excerpt) }
        return open("bibl", [("type", source.kind.rawValue)], indent: "") + inner + "</bibl>"
    }

    // MARK: - Markup

    private func open(_ tag: String, _ attributes: Attributes, indent: String = "") -> String {
        indent + "<" + tag + Self.attributeText(attributes) + ">"
    }

    /// An element with text, or empty (`<date …/>`) without.
    private func element(_ tag: String, _ attributes: Attributes, text: String? = nil) -> String {
        guard let text else { return "<" + tag + Self.attributeText(attributes) + "/>" }
        return "<" + tag + Self.attributeText(attributes) + ">" + XMLEscaping.text(text) + "</" + tag + ">"
    }

    private static func attributeText(_ attributes: Attributes) -> String {
        attributes.compactMap { name, value in value.map { " " + name + "=\"" + XMLEscaping.attribute($0) + "\"" } }.joined()
    }
}
