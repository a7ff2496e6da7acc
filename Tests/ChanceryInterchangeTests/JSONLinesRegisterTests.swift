@testable import ChanceryInterchange
import Testing

/// The register id in a JSON Lines header: handed on by the reader, and kept in a rejects file so
/// that fixed records given back are still the register's own.
@Suite("JSON Lines: the exporting register")
struct JSONLinesRegisterTests {
    static let id = "0b7c1f2e-5d1a-4c3e-9f00-5a6b7c8d9e0f"
    static let header = #"{"type":"chancery-dataset","version":1,"register":"\#(id)"}"#

    static func outputs(_ text: String) throws -> [ReaderOutput] {
        var outputs: [ReaderOutput] = []
        try JSONLinesReader(input: .text(text), displayName: "t.jsonl").read { outputs.append($0) }
        return outputs
    }

    @Test func theHeaderNamesTheRegisterAndTheRejectsFileKeepsIt() throws {
        let text = "\n" + Self.header + "\n" + #"{"type":"actor","kind":"person","name":"Anna"}"#
        let registers = try Self.outputs(text).compactMap { if case .exportedBy(let id) = $0 { id } else { nil } }
        #expect(registers == [Self.id])
        #expect(JSONLinesReader(input: .text(text), displayName: "t.jsonl").rejectsPrologue == Self.header + "\n")
    }

    @Test func aFileWithoutOneNamesNone() throws {
        let text = JSONLinesReader.header + "\n" + #"{"type":"actor","kind":"person","name":"Anna"}"#
        #expect(!(try Self.outputs(text)).contains { if case .exportedBy = $0 { true } else { false } })
        #expect(JSONLinesReader(input: .text(text), displayName: "t.jsonl").rejectsPrologue == JSONLinesReader.header + "\n")
    }

    @Test func theWriterPutsItInTheHeader() throws {
        #expect(try CMIFTestFile.written([], with: JSONLinesWriter(register: Self.id)) == Self.header + "\n")
        #expect(try CMIFTestFile.written([], with: JSONLinesWriter()) == JSONLinesReader.header + "\n")
    }
}
