import ChanceryModel

/// One `correspDesc` read into a letter, the actor records it names and warnings about what was
/// skipped; or the reason it cannot be a letter.
struct CorrespDescReading {
    /// The letter, or why there is none.
    private(set) var outcome: Result<LetterDraft, Rejection> = .failure(Rejection(reason: ""))
    /// Actor records in order of first mention (the importer needs them before the letter).
    private(set) var actors: [CMIFCorrespondent.ActorRecord] = []
    /// What was skipped, with where.
    private(set) var warnings: [(node: XMLElementNode, message: String)] = []

    /// Why a `correspDesc` is not a letter.
    struct Rejection: Error {
        var reason: String
    }

    private var letter = LetterDraft()
    private var authorNames: [String] = []
    private var recipientNames: [String] = []
    private var sentDate: XMLElementNode?
    private var receivedDate: XMLElementNode?
    private var subject: String?
    private var summaries: [String] = []
    private var isChanceryExport = false
    private var isFullTEIExport = false
    private var kindStated = false
    private var classificationStated = false

    /// Reads `node`, the `ordinal`-th `correspDesc` of the file.
    init(_ node: XMLElementNode, ordinal: Int, header: CMIFHeader) {
        isChanceryExport = header.isChanceryExport
        isFullTEIExport = header.isFullTEIExport
        let pointers = (node.attribute("source") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        // A Chancery export's `@key` is the letter's reference, except under an edition's bibl,
        // where it is the letter's number there (the reference is then in a note).
        let keyIsReference = header.isChanceryExport && !pointers.contains { !header.isExportBibl($0) }
        if keyIsReference, let ref = node.attribute("key") {
            letter.ref = ref
        } else {
            letter.key = node.attribute("key") ?? node.attribute("ref") ?? "correspDesc[\(ordinal)]"
            letter.provenance = header.provenance
        }
        if let type = node.attribute("type") {
            if let kind = LetterKind(rawValue: type) {
                letter.kind = kind
                kindStated = true
            } else {
                warn(node, "correspDesc type '\(type)' is not a letter kind Chancery knows; read as a letter")
            }
        }
        // The export's own bibl says where the file comes from; it is no source of the letter.
        for pointer in pointers where !(header.isChanceryExport && header.isExportBibl(pointer)) {
            if let source = header.source(for: pointer) {
                letter.sources.append(source)
            } else {
                warn(node, "source '\(pointer)' names no bibl in the header's sourceDesc; not cited")
            }
        }
        // `@key` is the letter's number in the edition its `@source` names: a file merging
        // several editions repeats numbers, and key="71" in two editions are two letters.
        if !keyIsReference, node.attribute("key") != nil, let edition = letter.sources.first {
            letter.provenance = edition
        }
        for child in node.elements {
            switch child.name {
            case "correspAction": readAction(child)
            case "correspContext": readContext(child)
            case "note": readNote(child)
            default: warnUnknown(child)
            }
        }
        do {
            try finish()
            outcome = .success(letter)
        } catch {
            outcome = .failure(error)
        }
    }

    // MARK: - Parts

    private mutating func readAction(_ action: XMLElementNode) {
        let type = action.attribute("type") ?? ""
        let role: WritableKeyPath<LetterDraft, [ParticipantDraft]>
        switch (type, action.attribute("subtype")) {
        case ("sent", _): role = \.from
        case ("received", CMIFVocabulary.ccSubtype): role = \.cc
        case ("received", _): role = \.to
        case ("transmitted", _): role = \.via
        default:
            warn(action, "correspAction type '\(type)' skipped: Chancery records sent, received and transmitted")
            return
        }
        for child in action.elements {
            switch child.name {
            case "persName", "orgName":
                guard let correspondent = CMIFCorrespondent.read(child, warn: { warn($0, $1) }) else { continue }
                addParticipant(correspondent, to: role, at: child)
            case "placeName":
                readPlace(child, type: type)
            case "date":
                // The element's text is the date as the edition prints it ("21. September 1666").
                let written = child.normalizedText()
                switch type {
                case "sent" where sentDate == nil:
                    sentDate = child
                    if !written.isEmpty { letter.dateAsWritten = CMIFHeader.clipped(written, to: 500) }
                case "received" where receivedDate == nil && role == \.to:
                    receivedDate = child
                    if !written.isEmpty { letter.receivedAsWritten = CMIFHeader.clipped(written, to: 500) }
                default: warn(child, "a further date of a '\(type)' action skipped; Chancery keeps one sent and one received date")
                }
            default:
                warnUnknown(child)
            }
        }
    }

    private mutating func addParticipant(_ correspondent: CMIFCorrespondent, to role: WritableKeyPath<LetterDraft, [ParticipantDraft]>,
                                         at node: XMLElementNode) {
        // The register names an actor once per role; a repeated name would reject the letter.
        guard !letter[keyPath: role].contains(where: { $0.name == correspondent.participant.name }) else {
            warn(node, "'\(correspondent.displayName)' is named twice in one action; kept once")
            return
        }
        letter[keyPath: role].append(correspondent.participant)
        actors.append(contentsOf: correspondent.actors)
        if role == \.from { authorNames.append(correspondent.displayName) }
        if role == \.to { recipientNames.append(correspondent.displayName) }
    }

    private mutating func readPlace(_ place: XMLElementNode, type: String) {
        let name = place.normalizedText()
        let geoNamesID = (place.attribute("ref") ?? "").split(whereSeparator: \.isWhitespace)
            .lazy.compactMap { AuthorityURI.geoNamesID(String($0)) }.first
        switch type {
        case "sent" where letter.sentPlace == nil:
            letter.sentPlace = name.isEmpty ? nil : CMIFHeader.clipped(name, to: 200)
            letter.sentPlaceGeonamesId = geoNamesID
        case "received" where letter.receivedPlace == nil:
            letter.receivedPlace = name.isEmpty ? nil : CMIFHeader.clipped(name, to: 200)
            letter.receivedPlaceGeonamesId = geoNamesID
        default:
            warn(place, "placeName '\(name)' skipped; Chancery keeps one place of sending and one of receipt")
        }
    }

    private mutating func readContext(_ context: XMLElementNode) {
        for child in context.elements {
            guard child.name == "ref" || child.name == "ptr" else {
                warnUnknown(child)
                continue
            }
            let type = child.attribute("type") ?? ""
            // `next` is the letter that answered this one: a reply link held by that letter.
            if type == "next" {
                letter.answeredBy += (child.attribute("target") ?? "").split(whereSeparator: \.isWhitespace)
                    .map { $0.hasPrefix("#") ? String($0.dropFirst()) : String($0) }
                continue
            }
            guard let link = CMIFVocabulary.linkTypes.first(where: { $0.type == type }) else {
                warn(child, "correspContext \(child.name) type '\(type)' skipped: Chancery reads prev, encloses, forwards and refersTo")
                continue
            }
            let targets = (child.attribute("target") ?? "").split(whereSeparator: \.isWhitespace)
                .map { $0.hasPrefix("#") ? String($0.dropFirst()) : String($0) }
            if targets.isEmpty { warn(child, "correspContext \(child.name) type '\(type)' has no target; skipped") }
            switch link.kind {
            case .replyTo: letter.replyTo += targets
            case .encloses: letter.encloses += targets
            case .forwards: letter.forwards += targets
            case .refersTo: letter.refersTo += targets
            }
        }
    }

    private mutating func readNote(_ note: XMLElementNode) {
        switch note.attribute("type") {
        case CMIFVocabulary.NoteType.subject?:
            subject = note.normalizedText()
        case CMIFVocabulary.NoteType.classification?:
            let text = note.normalizedText()
            if let level = Classification(rawValue: text) {
                letter.classification = level
                classificationStated = true
            } else {
                warn(note, "classification '\(text)' unknown; skipped")
            }
        case CMIFVocabulary.NoteType.sources?:
            for child in note.elements {
                if child.name == "bibl" {
                    letter.sources.append(CMIFHeader.source(from: child, exactly: isChanceryExport))
                } else {
                    warnUnknown(child)
                }
            }
        case CMIFVocabulary.NoteType.reference? where isChanceryExport:
            letter.ref = note.normalizedText()
        case CMIFVocabulary.NoteType.provenance? where isChanceryExport:
            readProvenance(note)
        case CMIFVocabulary.NoteType.origin? where isChanceryExport:
            let parts = note.normalizedText().split(separator: " ").map(String.init)
            if parts.count == 2, let register = RegisterID.id(urn: parts[0]) {
                letter.origin = RecordOrigin(register: register, ref: parts[1])
            } else {
                warn(note, "origin note '\(note.normalizedText())' is not a register's urn:uuid and a ref; skipped")
            }
        default:
            let terms = note.elements(named: "ref").filter { ref in
                ref.attribute("type").map { CMIFVocabulary.isHasLanguage($0) || CMIFVocabulary.isOtherCMIFTerm($0) } ?? false
            }
            guard terms.isEmpty else {
                terms.forEach { readTerm($0) }
                return
            }
            let text = note.paragraphText()
            if !text.isEmpty { summaries.append(text) }
        }
    }

    /// The full TEI's note of the edition a letter was imported from and its number there.
    private mutating func readProvenance(_ note: XMLElementNode) {
        let bibl = note.elements(named: "bibl").first
        let key = note.elements(named: "idno").first { $0.attribute("type") == CMIFVocabulary.editionKeyType }?.normalizedText()
        guard let bibl, let key, !key.isEmpty else {
            warn(note, "a provenance note needs a bibl and an idno type='\(CMIFVocabulary.editionKeyType)'; skipped")
            return
        }
        letter.provenance = CMIFHeader.source(from: bibl, exactly: true)
        letter.key = key
    }

    /// A CMIF vocabulary `ref` in a `note`: the language is kept, mentions and the like are not.
    private mutating func readTerm(_ ref: XMLElementNode) {
        let type = ref.attribute("type") ?? ""
        guard CMIFVocabulary.isHasLanguage(type) else {
            warn(ref, "\(type) skipped: Chancery does not record it")
            return
        }
        let tag = ref.attribute("target") ?? ref.normalizedText()
        let isTag = tag.split(separator: "-", omittingEmptySubsequences: false).enumerated().allSatisfy { index, part in
            (index == 0 ? (2...3).contains(part.count) && part.allSatisfy(\.isLetter)
                : (1...8).contains(part.count)) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
        if !isTag {
            warn(ref, "language '\(tag)' is not a BCP 47 tag (e.g. de, en-GB); skipped")
        } else if let language = letter.language {
            warn(ref, "a further language '\(tag)' skipped; Chancery keeps one ('\(language)')")
        } else {
            letter.language = tag
        }
    }

    // MARK: - Completing the letter

    private mutating func finish() throws(Rejection) {
        let unknown = " (CMIF writes unknown persons as 'Unknown')"
        guard !letter.from.isEmpty else {
            throw Rejection(reason: "no sender: no correspAction type='sent' names a persName or orgName" + unknown)
        }
        guard !letter.to.isEmpty else {
            throw Rejection(reason: "no addressee: no correspAction type='received' names a persName or orgName" + unknown)
        }
        let sent = try date(sentDate)
        letter.received = try date(receivedDate)
        if let sent {
            letter.date = sent
        } else if let received = letter.received, let bound = CMIFDates.sentNoLaterThan(received: received) {
            // Undated but received: it was sent no later than it arrived.
            letter.date = bound
        } else {
            // Undated: EDTF's wholly unspecified year, listed after every dated letter, to be dated later.
            letter.date = CSVLetterRow.undated
        }
        // A Chancery export's reference is the one the letter had where it was exported: a letter
        // from an edition is found by its edition and number, and a reference that a letter of an
        // edition holds here gives way (the import decides).
        letter.refFromExport = isChanceryExport && letter.ref != nil
        if !summaries.isEmpty { letter.summary = summaries.joined(separator: "\n\n") }
        let statedSubject = subject.flatMap { $0.isEmpty ? nil : CMIFHeader.clipped($0, to: 300) }
        letter.subject = statedSubject
            ?? letter.summary.map { CMIFHeader.clipped($0, to: 300) }
            ?? ComposedSubject.make(ComposedSubject.label(.letter), senders: authorNames, recipients: recipientNames)
        letter.unstated = unstatedParts(sent: sent, subject: statedSubject)
    }

    /// What this `correspDesc` does not say: every element of CMIF is optional, and an edition's
    /// file that has no summary, place or link for a letter does not mean that the letter has
    /// none. A subject composed from the correspondents' names, a date derived from the day of
    /// receipt, and the defaults of kind and classification say nothing either.
    private func unstatedParts(sent: String?, subject: String?) -> [LetterPart] {
        LetterPart.allCases.filter { part in
            switch part {
            // Neither CMIF nor the full TEI carries a letter's text, the events it concerns,
            // whether a reply is awaited or who signed beside the authors.
            case .text, .events, .awaitingReply, .signatories: true
            // Chancery's full TEI says everything else it holds: what it leaves out is none.
            case _ where isFullTEIExport: false
            // A correspondent named without roleName or an orgName inside keeps the capacity
            // and party the register has.
            case .capacities: true
            // Bounds and `@cert` are all a CMIF date says (`~`, `?` and `%` are all `cert="low"`).
            case .dateForm: true
            case .kind: !kindStated
            case .sentDate: sent == nil
            case .received: letter.received == nil
            case .dateAsWritten: letter.dateAsWritten == nil
            case .receivedAsWritten: letter.receivedAsWritten == nil
            case .subject: subject == nil
            case .summary: letter.summary == nil
            case .language: letter.language == nil
            case .classification: !classificationStated
            case .sentPlace: letter.sentPlace == nil && letter.sentPlaceGeonamesId == nil
            case .receivedPlace: letter.receivedPlace == nil && letter.receivedPlaceGeonamesId == nil
            case .cc: letter.cc.isEmpty
            case .via: letter.via.isEmpty
            case .replyTo: letter.replyTo.isEmpty
            case .encloses: letter.encloses.isEmpty
            case .forwards: letter.forwards.isEmpty
            case .refersTo: letter.refersTo.isEmpty
            }
        }
    }

    private func date(_ node: XMLElementNode?) throws(Rejection) -> String? {
        guard let node else { return nil }
        do {
            return try CMIFDates.edtf(of: node)
        } catch {
            let attribute = error.attribute.map { " @\($0)='\(error.value)'" } ?? " '\(error.value)'"
            throw Rejection(reason: "invalid date at \(node.path)\(attribute): \(error.reason)")
        }
    }

    // MARK: - Warnings

    private mutating func warn(_ node: XMLElementNode, _ message: String) {
        warnings.append((node, message))
    }

    private mutating func warnUnknown(_ node: XMLElementNode) {
        warn(node, "<\(node.name)> is not read by Chancery; skipped")
    }
}
