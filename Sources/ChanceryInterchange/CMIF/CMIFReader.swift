/// Reads letters from a CMIF file, or from a full TEI file of `correspDesc`s such as
/// `TEIWriter` writes, one `correspDesc` at a time.
///
/// Each letter is preceded by actor records for the correspondents not yet emitted from this
/// file, so every name the letter uses resolves. Letters get no reference (the importer
/// allocates one); `externalKey` and `provenance` are its natural key, which makes re-importing
/// the same file update rather than duplicate: `@key` within the edition the first `@source`
/// bibl names (the file as an edition when there is none), else `@ref`, else `correspDesc[N]`,
/// within the file as an edition.
package struct CMIFReader: RecordReader {
    /// Every record of the format is a letter.
    package func unreadableRecord(_ raw: String) -> (type: String, ref: String?) { ("letter", nil) }

    /// The file to read, or its bytes.
    let source: ReaderSource
    /// The file as the user named it, for locations and messages.
    let displayName: String

    init(path: String, displayName: String) {
        self.init(source: .file(path: path), displayName: displayName)
    }

    /// Reads `source`, a file or bytes in memory; locations and messages name it `displayName`.
    package init(source: ReaderSource, displayName: String) {
        self.source = source
        self.displayName = displayName
    }

    package func read(_ emit: (ReaderOutput) throws -> Void) throws {
        var header = CMIFHeader(fileDesc: nil, displayName: displayName)
        var emittedActors = Set<String>()
        let file = displayName
        try withoutActuallyEscaping(emit) { emit in
            try TEIStreamParser.parse(source, displayName: displayName) { part in
                switch part {
                case .fileDesc(let node):
                    header = CMIFHeader(fileDesc: node, displayName: file)
                    if let reference = header.registerReference, header.register == nil {
                        try emit(.warning(ImportWarning(
                            location: RecordLocation(file: file, line: node.line, element: node.path),
                            message: "the export's bibl names the register '\(reference)', which is no register's id (urn:uuid: and a UUID, "
                                + "as `chancery db status` shows it); the file is read as another register's")))
                    }
                    if header.register != nil, header.exported == nil {
                        try emit(.warning(ImportWarning(
                            location: RecordLocation(file: file, line: node.line, element: node.path),
                            message: "the export's publication date \(header.exportedAsWritten.map { "'" + $0 + "'" } ?? "(none)") gives no time "
                                + "(such as 2026-12-07T04:58:10.123456Z): the import cannot tell which letters were changed in the register since")))
                    }
                    try emit(.exportedBy(register: header.register, at: header.exported))
                case .correspDesc(let node, let ordinal):
                    let reading = CorrespDescReading(node, ordinal: ordinal, header: header)
                    for warning in reading.warnings {
                        let location = RecordLocation(file: file, line: warning.node.line, element: warning.node.path)
                        try emit(.warning(ImportWarning(location: location, message: warning.message)))
                    }
                    let location = RecordLocation(file: file, line: node.line, element: node.path)
                    switch reading.outcome {
                    case .success(let letter):
                        let raw = node.serialized()
                        for actor in reading.actors where emittedActors.insert(actor.identity).inserted {
                            try emit(.item(ImportItem(location: location, record: .actor(actor.draft, key: actor.key), raw: raw)))
                        }
                        try emit(.item(ImportItem(location: location, record: .letter(letter), raw: raw)))
                    case .failure(let rejection):
                        try emit(.invalid(RejectedRecord(location: location, reason: rejection.reason, raw: node.serialized(),
                                                         names: [node.attribute("key"), node.attribute("ref")].compactMap { $0 })))
                    }
                }
            }
        }
    }

    /// A TEI document's opening with this file's `fileDesc` (title, publication, the bibls that
    /// `@source` points to), so rejected `correspDesc`s can be fixed and imported again.
    package var rejectsPrologue: String { prologue(namingRegister: true) }
    package var rejectsPrologueOfNoRegister: String { prologue(namingRegister: false) }

    private func prologue(namingRegister: Bool) -> String {
        var fileDesc: XMLElementNode?
        try? TEIStreamParser.parse(source, displayName: displayName, stopAtProfile: true) { part in
            if case .fileDesc(let node) = part { fileDesc = node }
        }
        // The register an export names is its own bibl's `@ref`.
        let header = fileDesc.map { node in
            "    " + node.serialized { element, attribute in
                !namingRegister && attribute == "ref" && element.name == "bibl" && element.attribute("xml:id") == CMIFExportHeader.exportSourceID
            } + "\n"
        }
            ?? CMIFExportHeader(title: "Letters rejected from \(displayName)").fileDesc(indent: "    ")
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI xmlns=\"\(CMIFVocabulary.teiNamespace)\">\n  <teiHeader>\n"
            + header + "    <profileDesc>\n"
    }

    /// The document's closing after the rejected `correspDesc`s.
    package var rejectsEpilogue: String { CMIFExportHeader.epilogue }
}
