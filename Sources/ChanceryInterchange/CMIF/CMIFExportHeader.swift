package import Foundation

/// The `teiHeader` of an exported CMIF or TEI file: what CMIF requires of a file (title,
/// editor, publisher, the URL it will be published at, a date, availability) and the one
/// `sourceDesc/bibl` every `correspDesc/@source` points to.
///
/// One bibl for the whole export, because the output streams: per-letter sources are only
/// known letter by letter, after the header is written. The full TEI keeps each letter's own
/// sources inside its `correspDesc` instead.
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
    /// The bibl's `xml:id`, which `@source` points to.
    var sourceID = "chancery-export"
    /// The bibl's text.
    var sourceTitle = "Chancery register export"
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
        text += "<TEI xmlns=\"\(CMIFVocabulary.teiNamespace)\">\n  <teiHeader>\n" + fileDesc(indent: "    ") + "    <profileDesc>\n"
        return text
    }

    /// What closes the document after the last `correspDesc`: CMIF requires a `text` with a body.
    static let epilogue = "    </profileDesc>\n  </teiHeader>\n  <text>\n    <body>\n      <p/>\n    </body>\n  </text>\n</TEI>\n"

    /// The `fileDesc` element, each line starting with `indent`.
    func fileDesc(indent: String) -> String {
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
            "    <date when=\"\(formatter.string(from: date))\"/>",
            "    <availability>\(availability)</availability>",
            "  </publicationStmt>",
            "  <sourceDesc>",
            "    <bibl type=\"online\" xml:id=\"\(a(sourceID))\">\(e(sourceTitle))</bibl>",
            "  </sourceDesc>",
            "</fileDesc>",
        ].map { indent + $0 + "\n" }.joined()
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
