@testable import ChanceryInterchange
import Testing

/// The register id in a JSON Lines header: handed on by the reader for every header, checked,
/// and kept in a rejects file so that fixed records given back are still the register's own.
@Suite("JSON Lines: the exporting register")
struct JSONLinesRegisterTests {
    static let id = "0b7c1f2e-5d1a-4c3e-9f00-5a6b7c8d9e0f"
    static let header = #"{"type":"chancery-dataset","version":1,"register":"\#(id)"}"#
    static let actor = #"{"type":"actor","kind":"person","name":"Anna"}"#

    /// The registers the file's headers name, in order, and its warnings.
    static func read(_ text: String) throws -> (registers: [String?], warnings: [String]) {
        var registers: [String?] = [], warnings: [String] = []
        try JSONLinesReader(input: .text(text), displayName: "t.jsonl").read { output in
            switch output {
            case .exportedBy(let register, _): registers.append(register)
            case .warning(let warning): warnings.append(warning.message)
            default: break
            }
        }
        return (registers, warnings)
    }

    @Test func theHeaderNamesTheRegisterAndTheRejectsFileKeepsIt() throws {
        let text = "\n" + Self.header + "\n" + Self.actor
        #expect(try Self.read(text).registers == [Self.id])
        #expect(try Self.read(text).warnings.isEmpty)
        #expect(JSONLinesReader(input: .text(text), displayName: "t.jsonl").rejectsPrologue == Self.header + "\n")
        // Written in capitals, it is the same id.
        #expect(try Self.read(#"{"type":"chancery-dataset","version":1,"register":"\#(Self.id.uppercased())"}"# + "\n" + Self.actor).registers
                == [Self.id])
    }

    @Test func aFileWithoutOneNamesNone() throws {
        let text = JSONLinesReader.header + "\n" + Self.actor
        #expect(try Self.read(text).registers == [nil])
        #expect(JSONLinesReader(input: .text(text), displayName: "t.jsonl").rejectsPrologue == JSONLinesReader.header + "\n")
    }

    @Test("a register that is no UUID, and a misspelt header field, are named", arguments: [#""not-a-uuid""#, #""""#, "42", #""urn:uuid:x""#])
    func malformed(register: String) throws {
        let read = try Self.read(#"{"type":"chancery-dataset","version":1,"register":\#(register)}"# + "\n" + Self.actor)
        #expect(read.registers == [nil])
        #expect(read.warnings.count == 1 && read.warnings[0].hasPrefix("header: register ") && read.warnings[0].hasSuffix("the file is read as another register's"),
                "\(read.warnings)")
        let misspelt = try Self.read(#"{"type":"chancery-dataset","version":1,"regsiter":"\#(Self.id)"}"# + "\n" + Self.actor)
        #expect(misspelt.warnings == ["header field(s) 'regsiter' unknown and ignored; check the spelling"])
        #expect(misspelt.registers == [nil])
    }

    @Test("files joined: each header is handed on, and the second is warned of")
    func joined() throws {
        let read = try Self.read([Self.header, Self.actor, JSONLinesReader.header, Self.actor].joined(separator: "\n"))
        #expect(read.registers == [Self.id, nil])
        #expect(read.warnings.count == 1 && read.warnings[0].hasPrefix("a second dataset header (files joined?)"), "\(read.warnings)")
        // Two exports of one register joined are still its own, and said nothing of.
        let same = try Self.read([Self.header, Self.actor, Self.header, Self.actor].joined(separator: "\n"))
        #expect(same.registers == [Self.id, Self.id] && same.warnings.isEmpty, "\(same)")
    }

    @Test func theWriterPutsItInTheHeader() throws {
        #expect(try CMIFTestFile.written([], with: JSONLinesWriter(register: Self.id)) == Self.header + "\n")
        #expect(try CMIFTestFile.written([], with: JSONLinesWriter()) == JSONLinesReader.header + "\n")
    }

    @Test("an export's moment is a time the calendar has, to the microsecond at most; anything else is none",
          arguments: [("2026-12-07T04:58:10.123456Z", true), ("2026-12-07T04:58:10Z", true), ("2024-02-29T23:59:59+01:00", true),
                      ("2026-02-30T05:08:40Z", false), ("2025-02-29T00:00:00Z", false), ("2026-12-07T24:00:00Z", false),
                      ("2026-12-07T04:60:00Z", false), ("2026-12-07T04:58:10.1234567Z", false), ("2026-12-07", false),
                      ("2026-12-07 04:58:10Z", false), ("2026-12-07T04:58:10+15:00", false), ("0000-01-01T00:00:00Z", false)])
    func moments(text: String, valid: Bool) {
        #expect((RegisterID.moment(text: text) != nil) == valid, "\(text)")
    }

    @Test("a joined file whose headers do not all give a time is warned of")
    func joinedMoments() throws {
        let timed = #"{"type":"chancery-dataset","version":1,"register":"\#(Self.id)","exported":"2026-12-07T04:58:10Z"}"#
        let read = try Self.read([timed, Self.actor, Self.header, Self.actor].joined(separator: "\n"))
        #expect(read.warnings.contains { $0.hasPrefix("of this file's dataset headers (files joined?), some say when") }, "\(read.warnings)")
    }
}
