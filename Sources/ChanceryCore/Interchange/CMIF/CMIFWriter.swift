/// Writes letters as CMIF (Correspondence Metadata Interchange Format, TEI Correspondence SIG),
/// valid against the CMIF RelaxNG schema, for correspSearch and other registers of letters.
///
/// Actor records are not written but remembered, so each participant is written as a
/// `persName` or `orgName` with its authority URI; letters become `correspDesc`s; other records
/// are skipped, as CMIF has no place for them.
struct CMIFWriter: RecordWriter {
    private var composer: CorrespDescComposer

    init(header: CMIFExportHeader = CMIFExportHeader()) {
        composer = CorrespDescComposer(dialect: .cmif, header: header)
    }

    mutating func begin(_ output: TextOutput) throws {
        output.write(composer.header.prologue(dialect: .cmif))
    }

    mutating func write(_ record: DatasetRecord, to output: TextOutput) throws {
        switch record {
        case .actor(let draft, let key): composer.directory.add(draft, key: key)
        case .letter(let letter): output.write(composer.correspDesc(for: letter))
        default: break
        }
    }

    mutating func end(_ output: TextOutput) throws {
        output.write(CMIFExportHeader.epilogue)
    }
}
