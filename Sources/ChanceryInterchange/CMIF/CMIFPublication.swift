/// What a CMIF or TEI export says about its own publication: correspSearch harvests a CMIF file
/// from the URL it names and shows its title, editor and licence.
public struct CMIFPublication: Sendable {
    /// The file's title.
    public var title: String?
    /// Who edited it.
    public var editor: String?
    /// Who publishes it.
    public var publisher: String?
    /// The URL it will be published at.
    public var url: String?
    /// Its licence (`https://creativecommons.org/licenses/by/4.0/`).
    public var licenceURL: String?
    /// A web page per letter: `correspDesc/@ref` is this followed by the letter's reference.
    public var letterURLPrefix: String?

    /// No details: the export names itself as a Chancery export with a URN.
    public init(title: String? = nil, editor: String? = nil, publisher: String? = nil, url: String? = nil,
                licenceURL: String? = nil, letterURLPrefix: String? = nil) {
        self.title = title
        self.editor = editor
        self.publisher = publisher
        self.url = url
        self.licenceURL = licenceURL
        self.letterURLPrefix = letterURLPrefix
    }
}
