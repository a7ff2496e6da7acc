@testable import ChanceryInterchange
import ChanceryModel
import Foundation
import Testing

/// An XML file declaring an encoding libxml2 hands to iconv is refused before parsing: with
/// `encoding='utf-7'` and malformed content, libxml2 2.9.14 crashed the process (found by
/// fuzz-cmif; the input is kept in Fixtures/cmif and in the fuzz corpus).
@Suite("CMIF: declared encodings")
struct XMLDeclaredEncodingTests {
    @Test("the UTF-7 file that crashed libxml2 is refused with the encoding named, from a file and from memory")
    func utf7IsRefused() throws {
        let path = CMIFTestFile.fixture("regression-utf7-crash.xml")
        let fromFile = #expect(throws: ChanceryError.self) { try CMIFTestFile.read(path: path) }
        #expect(fromFile?.kind == .invalidInput && fromFile?.message.contains("declares the encoding 'utf-7'") == true,
                "\(String(describing: fromFile))")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let fromMemory = #expect(throws: ChanceryError.self) {
            try CMIFReader(source: .bytes(bytes), displayName: "upload.xml").read { _ in }
        }
        #expect(fromMemory?.hint?.contains("iconv -f UTF-7 -t UTF-8") == true)
    }

    @Test("declared encodings: UTF-8 in any spelling and quote, with a byte order mark or none; others named")
    func declarations() {
        #expect(XMLDeclaredEncoding.declared(in: Data(#"<?xml version="1.0" encoding="UTF-8"?><TEI/>"#.utf8)) == "utf-8")
        #expect(XMLDeclaredEncoding.declared(in: Data([0xEF, 0xBB, 0xBF]) + Data("<?xml version='1.0' encoding = 'Shift_JIS' ?>".utf8)) == "shift_jis")
        #expect(XMLDeclaredEncoding.declared(in: Data(#"<?xml version="1.0"?><TEI/>"#.utf8)) == nil)
        #expect(XMLDeclaredEncoding.declared(in: Data("<TEI/>".utf8)) == nil)
        #expect(XMLDeclaredEncoding.accepted.contains("utf-8") && !XMLDeclaredEncoding.accepted.contains("utf-7"))
    }
}
