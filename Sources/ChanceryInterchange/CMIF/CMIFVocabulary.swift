import ChanceryModel

/// The names CMIF and Chancery's full TEI use beyond TEI's own elements.
enum CMIFVocabulary {
    /// The TEI namespace, declared on the root of every file written.
    static let teiNamespace = "http://www.tei-c.org/ns/1.0"
    /// The `@subtype` of a full TEI export's own bibl (see `CMIFHeader.isFullTEIExport`).
    static let fullTEISubtype = "chancery-tei"
    /// `note/ref/@type` of a letter's language (CMIF vocabulary, written in full).
    static let hasLanguage = "https://lod.academy/cmif/vocab/terms#hasLanguage"

    /// Whether a `ref/@type` means the letter's language, in the full or the prefixed form.
    static func isHasLanguage(_ type: String) -> Bool {
        type == "cmif:hasLanguage" || type.hasSuffix("/cmif/vocab/terms#hasLanguage")
    }

    /// Whether a `ref/@type` is another CMIF vocabulary term (mentions, text base…), which
    /// Chancery does not record.
    static func isOtherCMIFTerm(_ type: String) -> Bool {
        type.hasPrefix("cmif:") || type.contains("/cmif/vocab/terms#")
    }

    /// `@datingMethod` of the EDTF expression the full TEI writes beside the W3C attributes
    /// (`when-custom`), so uncertain and unspecified dates come back exactly.
    static let edtfDatingMethod = "https://www.loc.gov/standards/datetime/"

    /// Whether a `@datingMethod` names EDTF.
    static func isEDTF(_ datingMethod: String) -> Bool {
        let lowered = datingMethod.lowercased()
        return lowered.contains("loc.gov/standards/datetime") || lowered.hasSuffix("#edtf") || lowered == "edtf"
    }

    /// `correspContext/ref/@type` for each kind of link. `prev` is TEI's; the others are
    /// Chancery's, since TEI names no type for them.
    static let linkTypes: [(type: String, kind: LetterLinkKind)] = [
        ("prev", .replyTo), ("encloses", .encloses), ("forwards", .forwards), ("refersTo", .refersTo),
    ]

    /// `correspDesc/note/@type` values the full TEI writes.
    enum NoteType {
        static let subject = "subject"
        static let summary = "summary"
        static let classification = "classification"
        static let sources = "sources"
        static let excerpt = "excerpt"
        /// A Chancery export's letter reference, where CMIF's `@key` holds its number in its edition.
        static let reference = "chancery-reference"
        /// The edition a letter was imported from and its number there (full TEI).
        static let provenance = "provenance"
        /// Where a letter from another register was first recorded: that register's
        /// `urn:uuid:…` and the letter's reference there, separated by a space.
        static let origin = "chancery-origin"
    }

    /// `idno/@type` of a letter's number in its edition, inside the full TEI's provenance note.
    static let editionKeyType = "key"

    /// `orgName/@type` marking a state (CMIF itself knows only persons and organizations).
    static let stateType = "state"
    /// `correspAction/@subtype` of copy recipients.
    static let ccSubtype = "cc"
}
