/// Writes letters as `correspDesc`s in one of two dialects:
///
/// - CMIF (Correspondence Metadata Interchange Format, TEI Correspondence SIG), valid against the
///   CMIF RelaxNG schema, for correspSearch and other registers of letters;
/// - full TEI, keeping what CMIF cannot: transmitters, capacities and whom participants acted
///   for, links between letters, subject, summary, classification, exact EDTF dates and each
///   letter's sources (see `CorrespDescComposer` for the encoding). `CMIFReader` reads it back
///   into the same letters.
///
/// Actor records are not written but remembered, so each participant is written as a
/// `persName` or `orgName` with its authority URI; other records are skipped, as neither dialect
/// has a place for them.
package struct CorrespDescWriter: RecordWriter {
    private var composer: CorrespDescComposer
    private let dialect: CorrespDescComposer.Dialect

    init(dialect: CorrespDescComposer.Dialect, header: CMIFExportHeader = CMIFExportHeader()) {
        self.dialect = dialect
        composer = CorrespDescComposer(dialect: dialect, header: header)
    }

    package mutating func begin(_ output: TextOutput) throws {
        output.write(composer.header.prologue(dialect: dialect))
    }

    package mutating func write(_ record: DatasetRecord, to output: TextOutput) throws {
        switch record {
        case .actor(let draft, let key): composer.directory.add(draft, key: key)
        case .letter(let letter): output.write(composer.correspDesc(for: letter))
        default: break
        }
    }

    package mutating func end(_ output: TextOutput) throws {
        output.write(CMIFExportHeader.epilogue)
    }
}

extension CorrespDescWriter {
    /// CMIF, for correspSearch.
    package static func cmif(header: CMIFExportHeader = CMIFExportHeader()) -> CorrespDescWriter {
        CorrespDescWriter(dialect: .cmif, header: header)
    }

    /// Full TEI.
    package static func tei(header: CMIFExportHeader = CMIFExportHeader()) -> CorrespDescWriter {
        CorrespDescWriter(dialect: .tei, header: header)
    }
}
