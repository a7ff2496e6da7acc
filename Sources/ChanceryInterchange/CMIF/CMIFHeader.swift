import ChanceryModel

/// What a CMIF file's `fileDesc` says that letters need: the file as a source (provenance) and
/// the `sourceDesc` bibliography that `correspDesc/@source` points into.
struct CMIFHeader {
    /// The `fileDesc` as read, for the rejects file's header; nil before it is read.
    let fileDesc: XMLElementNode?
    /// The file as a source: an edition titled by `titleStmt/title`, at `idno[@type='url']`.
    let provenance: SourceDraft
    /// Whether this file is a Chancery export, whose `@key`s are Chancery references.
    let isChanceryExport: Bool
    /// The id of the register that exported the file (its own bibl's `@ref`), when it says.
    let register: String?
    /// The export bibl's `@ref` as written, to name one that is no register's id.
    let registerReference: String?
    /// When a register's export was made: its publication date (`RegisterID.moment(text:)`),
    /// nil when it names no register or gives no time to the second.
    let exported: String?
    /// The publication date as written, for a register's export whose date gives no moment.
    let exportedAsWritten: String?
    /// Whether it is Chancery's full TEI, whose letters state everything but their text,
    /// events and signatories (absent is none), where CMIF's say what they can.
    let isFullTEIExport: Bool
    /// `sourceDesc/bibl` (any depth) as sources by `xml:id`, read once for all letters.
    private let sources: [String: SourceDraft]

    /// Reads a `fileDesc`; without one the file is named by `displayName`.
    init(fileDesc: XMLElementNode?, displayName: String) {
        self.fileDesc = fileDesc
        let titleStatement = fileDesc?.elements(named: "titleStmt").first
        let title = titleStatement?.elements(named: "title").first?.normalizedText() ?? ""
        let url = fileDesc?.elements(named: "publicationStmt").first?.elements(named: "idno")
            .first { $0.attribute("type") == "url" }?.normalizedText()
        // A file Chancery exported names its letters by their Chancery references.
        provenance = SourceDraft(kind: .edition, title: Self.clipped(title.isEmpty ? displayName : title, to: 500),
                                 url: url.flatMap(Self.webURL))
        var bibls: [String: XMLElementNode] = [:]
        for sourceDesc in fileDesc?.elements(named: "sourceDesc") ?? [] {
            Self.collectBibls(in: sourceDesc, into: &bibls)
        }
        // The bibl every exported correspDesc points to marks the file, whatever URL it was given.
        let isChanceryExport = bibls[CMIFExportHeader.exportSourceID] != nil || url == CMIFExportHeader().url
        self.isChanceryExport = isChanceryExport
        registerReference = isChanceryExport ? bibls[CMIFExportHeader.exportSourceID]?.attributes["ref"] : nil
        register = registerReference.flatMap(RegisterID.id(urn:))
        exportedAsWritten = register == nil ? nil : fileDesc?.elements(named: "publicationStmt").first?.elements(named: "date").first?
            .attribute("when")
        exported = exportedAsWritten.flatMap(RegisterID.moment(text:))
        isFullTEIExport = isChanceryExport
            && bibls[CMIFExportHeader.exportSourceID]?.attribute("subtype") == CMIFVocabulary.fullTEISubtype
        sources = bibls.mapValues { Self.source(from: $0, exactly: isChanceryExport) }
    }

    /// Whether `pointer` (`#chancery-export`) names the bibl a Chancery export points its
    /// letters to when they come from no edition.
    func isExportBibl(_ pointer: String) -> Bool {
        (pointer.hasPrefix("#") ? String(pointer.dropFirst()) : pointer) == CMIFExportHeader.exportSourceID
    }

    private static func collectBibls(in node: XMLElementNode, into bibls: inout [String: XMLElementNode]) {
        for child in node.elements {
            if child.name == "bibl" || child.name == "biblStruct", let id = child.attribute("xml:id") {
                bibls[id] = child
            } else {
                collectBibls(in: child, into: &bibls)
            }
        }
    }

    /// The source a `@source` pointer (`#f5055f00-…`) names; nil when the header has no such bibl.
    func source(for pointer: String) -> SourceDraft? {
        let id = pointer.hasPrefix("#") ? String(pointer.dropFirst()) : pointer
        return sources[id]
    }

    /// A `bibl` as a source. CMIF's are plain text (an online or a print edition); Chancery's
    /// full TEI writes `title`, `publisher`, `date`, `ref` and `quote` inside, and a source kind
    /// as `@type`.
    static func source(from bibl: XMLElementNode, exactly: Bool = false) -> SourceDraft {
        let type = bibl.attribute("type") ?? ""
        var kind: SourceKind = switch type {
        case "online", "hybrid": .edition
        case "print": .book
        default: SourceKind(rawValue: type) ?? .edition
        }
        // A Chancery export says the register's kind of an edition's source in `@subtype`.
        if exactly, let recorded = bibl.attribute("subtype").flatMap(SourceKind.init(rawValue:)) { kind = recorded }
        // A Chancery export wrote the title as the register holds it (a source without a URL is
        // told apart by its title, runs of spaces included): read it back exactly.
        let text = { (node: XMLElementNode) in exactly ? node.ownText() : node.normalizedText() }
        let titled = bibl.elements(named: "title").first.map(text)
        let title = titled.flatMap { $0.isEmpty ? nil : $0 } ?? text(bibl)
        let url = bibl.elements(named: "ref").lazy.compactMap { $0.attribute("target") }.first.flatMap(webURL)
        var source = SourceDraft(kind: kind, title: clipped(title, to: 500), url: url)
        source.publisher = bibl.elements(named: "publisher").first?.normalizedText().nonEmpty
        if let date = bibl.elements(named: "date").first {
            source.published = try? CMIFDates.edtf(of: date)
        }
        source.quote = bibl.elements(named: "quote").first?.normalizedText().nonEmpty
        source.excerpt = bibl.elements(named: "note").first { $0.attribute("type") == CMIFVocabulary.NoteType.excerpt }?
            .paragraphText().nonEmpty
        return source
    }

    /// The URL when it is http(s), as the register stores source URLs.
    static func webURL(_ text: String) -> String? {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), !text.contains(where: \.isWhitespace) else {
            return nil
        }
        return text
    }

    /// At most `limit` characters, cut at a word boundary with an ellipsis.
    static func clipped(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = text.prefix(limit - 1)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return String(cut).trimmingXMLWhitespace() + "…"
    }
}

fileprivate extension String {
    /// Nil for an empty string, so optional fields stay absent rather than blank.
    var nonEmpty: String? { isEmpty ? nil : self }
}
