@testable import ChanceryInterchange
import ChanceryModel
import Foundation
import Testing

/// A processing instruction without data (`<?default?>`) made FoundationXML call `strlen` on a
/// null pointer and kill the process (found by fuzz-cmif; the inputs are kept in Fixtures/cmif
/// and in the fuzz corpus). Such files now read like the same files without the instruction, and
/// the ways around the guard (entities, UCS-4, a declaration that switches the decoder) are refused.
@Suite("CMIF: markup the XML parser cannot survive")
struct XMLMarkupGuardTests {
    /// What the guard makes of `text`, fed one character at a time.
    private func guarded(_ text: String) throws -> String {
        var markupGuard = XMLMarkupGuard()
        var output: [UInt16] = []
        for unit in text.utf16 { try markupGuard.feed(unit, into: &output) }
        markupGuard.finish(into: &output)
        return String(decoding: output, as: UTF16.self)
    }

    @Test("a processing instruction without data gets a space before its end; everything else is left alone")
    func rewriting() throws {
        #expect(try guarded("<?default?><TEI/>") == "<?default ?><TEI/>")
        #expect(try guarded("<a><?x?>b<?y data?></a>") == "<a><?x ?>b<?y data?></a>")
        #expect(try guarded(#"<?xml version="1.0"?><?pi?>"#) == #"<?xml version="1.0"?><?pi ?>"#)
        #expect(try guarded("<?x\t?><??><?x??>") == "<?x\t?><??><?x? ?>")
        #expect(try guarded("<!-- <?x?> --><![CDATA[<?x?>]]><?y?>") == "<!-- <?x?> --><![CDATA[<?x?>]]><?y ?>")
        // A system literal may hold what looks like the start of a comment; the instruction after it is real.
        #expect(try guarded(#"<!DOCTYPE TEI SYSTEM "<!--"><?x?><TEI/>"#) == #"<!DOCTYPE TEI SYSTEM "<!--"><?x ?><TEI/>"#)
        #expect(try guarded("<!DOCTYPE TEI [<?x?><!-- c -->]><TEI/>") == "<!DOCTYPE TEI [<?x ?><!-- c -->]><TEI/>")
        // What is still held back at the end is handed on.
        #expect(try guarded("<a/><!-") == "<a/><!-")
        #expect(try guarded("<?x?") == "<?x?")
    }

    @Test("an entity declaration stops the guard at its line, in the internal subset or anywhere else")
    func entities() {
        #expect(throws: XMLMarkupGuard.EntityDeclaration(line: 2)) {
            try guarded("<!DOCTYPE TEI [\n<!ENTITY e \"&#60;?x?>\">]><TEI>&e;</TEI>")
        }
        #expect(throws: XMLMarkupGuard.EntityDeclaration(line: 1)) { try guarded("<!DOCTYPE x [<!ENTITY % p 'q'>]>") }
        #expect((try? guarded("<!-- <!ENTITY e 'x'> --><TEI/>")) == "<!-- <!ENTITY e 'x'> --><TEI/>")
    }

    @Test("the files that crashed the process read like the same files without the instruction, from a file and from memory")
    func crashingFilesRead() throws {
        _ = try CMIFTestFile.read(path: CMIFTestFile.fixture("regression-processing-instruction-minimal.xml"))
        let letters = try String(contentsOfFile: CMIFTestFile.fixture("example01_basic.xml"), encoding: .utf8)
        let expected = try CMIFTestFile.read(letters).map { String(describing: $0) }
        #expect(expected.count > 1)
        let withInstructions = letters
            .replacingOccurrences(of: "<TEI ", with: "<?default?><TEI ")
            .replacingOccurrences(of: "<correspDesc", with: "<?x?><correspDesc")
        #expect(try CMIFTestFile.read(withInstructions).map { String(describing: $0) } == expected)
        let fromMemory = try CMIFReader(source: .bytes(Data(withInstructions.utf8)), displayName: "letters.xml").readAll()
        #expect(fromMemory.map { String(describing: $0) } == expected)
    }

    @Test("the stream guards the same whatever the chunks it reads, in UTF-8 and in UTF-16 of either byte order")
    func chunks() throws {
        let text = "<?xml version=\"1.0\"?>\n<?default?><!DOCTYPE TEI [<?x?>]><TEI><!-- <?c?> --><?p?>é€𝄞</TEI>"
        let expected = text.replacingOccurrences(of: "<?default?>", with: "<?default ?>")
            .replacingOccurrences(of: "<?x?>", with: "<?x ?>").replacingOccurrences(of: "<?p?>", with: "<?p ?>")
        let layouts: [(XMLByteLayout, String.Encoding, [UInt8])] = [
            (.singleByte, .utf8, []), (.utf16LittleEndian, .utf16LittleEndian, [0xFF, 0xFE]), (.utf16BigEndian, .utf16BigEndian, [0xFE, 0xFF]),
        ]
        for (layout, encoding, bom) in layouts {
            let bytes = Data(bom) + text.data(using: encoding)!
            #expect(try XMLByteLayout(head: bytes, displayName: "t.xml") == layout)
            #expect(readToEnd(GuardedXMLStream(InputStream(data: Data()), layout: layout, displayName: "empty.xml")).isEmpty)
            for chunkSize in [1, 2, 3, 7, 128 * 1024] {
                let stream = GuardedXMLStream(InputStream(data: bytes), layout: layout, displayName: "t.xml", chunkSize: chunkSize)
                #expect(readToEnd(stream) == Data(bom) + expected.data(using: encoding)!, "\(layout), chunks of \(chunkSize)")
            }
        }
    }

    @Test("UTF-16 files with such an instruction read like their UTF-8 originals")
    func utf16() throws {
        let letters = try String(contentsOfFile: CMIFTestFile.fixture("example01_basic.xml"), encoding: .utf8)
        let expected = try CMIFTestFile.read(letters).map { String(describing: $0) }
        let utf16Text = letters
            .replacingOccurrences(of: #"encoding="UTF-8""#, with: #"encoding="UTF-16""#)
            .replacingOccurrences(of: "<TEI ", with: "<?default?><TEI ")
        #expect(utf16Text.contains(#"encoding="UTF-16""#))
        for (encoding, bom) in [(String.Encoding.utf16LittleEndian, [UInt8]([0xFF, 0xFE])), (.utf16BigEndian, [0xFE, 0xFF])] {
            let bytes = Data(bom) + utf16Text.data(using: encoding)!
            let outputs = try CMIFReader(source: .bytes(bytes), displayName: "letters.xml").readAll()
            #expect(outputs.map { String(describing: $0) } == expected, "\(encoding)")
        }
    }

    @Test("what would get past the guard is refused, named, with a fix: entities, UCS-4, EBCDIC, a switching declaration")
    func refusals() throws {
        let entity = Data("<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY e \"&#60;?x?>\">]>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">&e;</TEI>\n".utf8)
        let entityError = #expect(throws: ChanceryError.self) { try CMIFReader(source: .bytes(entity), displayName: "ent.xml").readAll() }
        #expect(entityError?.message.contains("'ent.xml' line 2 declares an entity") == true, "\(String(describing: entityError))")
        #expect(entityError?.hint?.contains("xmllint --noent") == true)

        let ucs4 = "<?default?><TEI xmlns=\"http://www.tei-c.org/ns/1.0\"/>".data(using: .utf32BigEndian)!
        let ucs4Error = #expect(throws: ChanceryError.self) { try CMIFReader(source: .bytes(ucs4), displayName: "wide.xml").readAll() }
        #expect(ucs4Error?.message.contains("encoded in UCS-4") == true && ucs4Error?.hint?.contains("iconv -f UTF-32") == true)

        let ebcdic = Data([0x4C, 0x6F, 0xA7, 0x94, 0x93])
        let ebcdicError = #expect(throws: ChanceryError.self) { try CMIFReader(source: .bytes(ebcdic), displayName: "host.xml").readAll() }
        #expect(ebcdicError?.message.contains("EBCDIC") == true)

        // UTF-16 declaring ISO-8859-1 would make libxml2 read on in single bytes the guard never saw.
        let switching = Data([0xFF, 0xFE]) + #"<?xml version="1.0" encoding="ISO-8859-1"?>"#.data(using: .utf16LittleEndian)! + Data("<?x?><TEI/>".utf8)
        let switchingError = #expect(throws: ChanceryError.self) { try CMIFReader(source: .bytes(switching), displayName: "mixed.xml").readAll() }
        #expect(switchingError?.message.contains("declares the encoding 'iso-8859-1' but is written in UTF-16") == true,
                "\(String(describing: switchingError))")

        let falseUTF16 = Data(#"<?xml version="1.0" encoding="UTF-16"?><TEI/>"#.utf8)
        let falseUTF16Error = #expect(throws: ChanceryError.self) { try CMIFReader(source: .bytes(falseUTF16), displayName: "plain.xml").readAll() }
        #expect(falseUTF16Error?.message.contains("declares the encoding 'utf-16' but is written in UTF-8") == true)
    }

    private func readToEnd(_ stream: InputStream) -> Data {
        var bytes = Data()
        var buffer = [UInt8](repeating: 0, count: 5)
        stream.open()
        defer { stream.close() }
        while case let count = stream.read(&buffer, maxLength: buffer.count), count > 0 {
            bytes.append(contentsOf: buffer[..<count])
        }
        return bytes
    }
}

extension CMIFReader {
    /// Everything the reader hands on.
    func readAll() throws -> [ReaderOutput] {
        var outputs: [ReaderOutput] = []
        try read { outputs.append($0) }
        return outputs
    }
}
