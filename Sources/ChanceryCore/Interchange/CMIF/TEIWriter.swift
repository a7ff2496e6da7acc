/// Writes letters as TEI `correspDesc`s keeping what CMIF cannot: transmitters, capacities and
/// whom participants acted for, links between letters, subject, summary, classification, exact
/// EDTF dates and each letter's sources (see `CorrespDescComposer` for the encoding).
/// `CMIFReader` reads it back into the same letters.
struct TEIWriter: RecordWriter {
    private var composer: CorrespDescComposer

    init(header: CMIFExportHeader = CMIFExportHeader()) {
        composer = CorrespDescComposer(dialect: .tei, header: header)
    }

    mutating func begin(_ output: TextOutput) throws {
        output.write(composer.header.prologue(dialect: .tei))
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
