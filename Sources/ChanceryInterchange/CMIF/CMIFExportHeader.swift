package import Foundation
package import ChanceryModel

/// The `teiHeader` of an exported CMIF or TEI file: what CMIF requires of a file (title,
/// editor, publisher, the URL it will be published at, a date, availability) and the
/// `sourceDesc/bibl`s that `correspDesc/@source` points to: the export's own, and one for each
/// edition the exported letters were imported from, so that a letter keeps its number in its
/// edition (`@key`) and a re-import finds it by them.
///
/// The editions are known before the letters (the exporter asks for them first); other
/// per-letter sources are only known letter by letter, after the header is written. The full
/// TEI keeps each letter's own sources inside its `correspDesc` instead.
package struct CMIFExportHeader {

    var title = "Correspondence exported from a Chancery register"
    var editor = "Chancery"
    var publisher = "Chancery"
    /// Where the file will be published; correspSearch harvests it from there. Without one, a
    /// URN stands in (valid, but to be replaced before registering the file).
    var url = "urn:chancery:cmif-export"
    /// A licence URL (`https://creativecommons.org/licenses/by/4.0/`); without one the file
    /// says only where it comes from.
    var licenceURL: String?
    var date = Date()
    /// When the export's snapshot was taken, as the database says it (`RegisterID.moment(text:)`):
    /// written as the publication date instead of `date`, so that an import of the file can name
    /// the letters changed in the register since.
    package var exported: String?
    /// The bibl's `xml:id`, which `@source` points to.
    var sourceID = Self.exportSourceID
    /// The id of the export's own bibl, by which a reader knows a Chancery export.
    static let exportSourceID = "chancery-export"
    /// The bibl's text.
    var sourceTitle = "Chancery register export"
    /// The exporting register's id, the bibl's `@ref` as `urn:uuid:…` (see `RegisterID`).
    package var register: String?
    /// The editions letters of the export were imported from, with their bibls' `xml:id`s.
    private(set) var editions: [(id: String, edition: SourceDraft)] = []
    private var editionIDs: [String: String] = [:]
    /// When set, `correspDesc/@ref` is this followed by the letter's reference (a web page per
    /// letter); `@key` always holds the reference.
    var letterURLPrefix: String?

    /// The document up to and including `<profileDesc>`.
    func prologue(dialect: CorrespDescComposer.Dialect) -> String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        if dialect == .cmif {
            text += "<?xml-model href=\"https://raw.githubusercontent.com/TEI-Correspondence-SIG/CMIF/master/schema/cmi-customization.rng\""
                + " type=\"application/xml\" schematypens=\"http://relaxng.org/ns/structure/1.0\"?>\n"
        }
        text += "<TEI xmlns=\"\(CMIFVocabulary.teiNamespace)\">\n  <teiHeader>\n" + fileDesc(indent: "    ", dialect: dialect)
            + "    <profileDesc>\n"
        return text
    }

    /// What closes the document after the last `correspDesc`: CMIF requires a `text` with a body.
    static let epilogue = "    </profileDesc>\n  </teiHeader>\n  <text>\n    <body>\n      <p/>\n    </body>\n  </text>\n</TEI>\n"

    /// The `fileDesc` element, each line starting with `indent`.
    /// The full TEI marks its own bibl: its letters say all the register holds of them but
    /// their text, events and signatories, so what one leaves out, a re-import clears.
    func fileDesc(indent: String, dialect: CorrespDescComposer.Dialect = .cmif) -> String {
        let e = XMLEscaping.text, a = XMLEscaping.attribute
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let availability = licenceURL.map { "<licence target=\"\(a($0))\">Licensed under \(e($0))</licence>" }
            ?? "<p>Exported from a Chancery register of diplomatic correspondence.</p>"
        return [
            "<fileDesc>",
            "  <titleStmt>",
            "    <title>\(e(title))</title>",
            "    <editor>\(e(editor))</editor>",
            "  </titleStmt>",
            "  <publicationStmt>",
            "    <publisher>\(e(publisher))</publisher>",
            "    <idno type=\"url\">\(e(url))</idno>",
            "    <date when=\"\(a(exported ?? formatter.string(from: date)))\"/>",
            "    <availability>\(availability)</availability>",
            "  </publicationStmt>",
            "  <sourceDesc>",
            "    <bibl type=\"online\"\(dialect == .tei ? " subtype=\"\(CMIFVocabulary.fullTEISubtype)\"" : "") "
                + "xml:id=\"\(a(sourceID))\"\(register.map { " ref=\"\(a(RegisterID.urn(for: $0)))\"" } ?? "")>\(e(sourceTitle))</bibl>",
        ].map { indent + $0 + "\n" }.joined()
            + editions.map { indent + "    " + Self.bibl($0.edition, id: $0.id) + "\n" }.joined()
            + ["  </sourceDesc>", "</fileDesc>"].map { indent + $0 + "\n" }.joined()
    }

    /// An edition's bibl as CMIF allows it (no `title` element): its title as the text, which
    /// the reader takes as the title, and its URL as an empty `ref`, which adds no text. CMIF's
    /// type says whether it is online (a URL), printed (none) or both (a book with a URL); the
    /// register's kind of source goes in `@subtype`, which a re-import reads back.
    private static func bibl(_ edition: SourceDraft, id: String) -> String {
        let type = edition.url == nil ? "print" : edition.kind == .book ? "hybrid" : "online"
        let link = edition.url.map { "<ref target=\"\(XMLEscaping.attribute($0))\"/>" } ?? ""
        return "<bibl type=\"\(type)\" subtype=\"\(edition.kind.rawValue)\" xml:id=\"\(XMLEscaping.attribute(id))\">"
            + XMLEscaping.text(edition.title) + link + "</bibl>"
    }

    /// Lists the editions the exported letters come from, before the header is written.
    package mutating func add(editions: [SourceDraft]) {
        for edition in editions where editionID(for: edition) == nil {
            // Named by its identity (URL, else title), so the id stays when the file is
            // written again, as CMIF asks of a bibl's id.
            var id = "edition-" + Self.digest(Self.identity(of: edition))
            while editionIDs.values.contains(id) { id += "x" }
            editionIDs[Self.identity(of: edition)] = id
            self.editions.append((id, edition))
        }
    }

    /// The `xml:id` of the bibl of the edition `provenance`, when the header lists it.
    func editionID(for provenance: SourceDraft) -> String? {
        editionIDs[Self.identity(of: provenance)]
    }

    /// How the register tells sources apart: by URL, or by title without one.
    private static func identity(of source: SourceDraft) -> String {
        source.url.map { "url " + $0 } ?? "title " + source.title
    }

    /// FNV-1a of the text's UTF-8, as 16 hexadecimal digits: stable across runs and builds,
    /// which Swift's `Hasher` is not.
    private static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// A header with the given title, links and date; the rest keeps its defaults.
    package init(title: String? = nil, url: String? = nil, licenceURL: String? = nil, letterURLPrefix: String? = nil, date: Date = Date()) {
        if let title { self.title = title }
        if let url { self.url = url }
        self.licenceURL = licenceURL
        self.letterURLPrefix = letterURLPrefix
        self.date = date
    }
}

extension CMIFExportHeader {
    /// The header for a publication's details, defaults where it gives none.
    package init(_ publication: CMIFPublication) {
        self.init()
        title = publication.title ?? title
        editor = publication.editor ?? editor
        publisher = publication.publisher ?? publisher
        url = publication.url ?? url
        licenceURL = publication.licenceURL
        letterURLPrefix = publication.letterURLPrefix
    }
}
