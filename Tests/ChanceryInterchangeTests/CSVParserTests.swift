@testable import ChanceryInterchange
@testable import ChanceryModel
import EDTF
import Testing

@Suite("CSV parser")
struct CSVParserTests {
    @Test("quoted fields hold delimiters and doubled quotes")
    func quoting() throws {
        let records = try CSVTestFile.records("a,b,c\nplain,\"with, comma\",\"say \"\"hi\"\"\"\n,\"\",last\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["plain", "with, comma", "say \"hi\""], ["", "", "last"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test("a quoted line break continues the record; line numbers and raw text follow the file")
    func embeddedNewlines() throws {
        let text = "ref,text\nA-1,\"first line\nsecond, line\n\nfourth\"\nA-2,short\n"
        let records = try CSVTestFile.records(text)
        #expect(records.count == 3)
        #expect(records[1].fields == ["A-1", "first line\nsecond, line\n\nfourth"])
        #expect(records[1].line == 2)
        #expect(records[1].raw == "A-1,\"first line\nsecond, line\n\nfourth\"")
        #expect(records[2].line == 6)
        #expect(records[2].raw == "A-2,short")
    }

    @Test("CRLF line ends are dropped, inside quoted values too")
    func crlf() throws {
        let records = try CSVTestFile.records("a,b\r\n\"x\r\ny\",z\r\n")
        #expect(records.map(\.fields) == [["a", "b"], ["x\ny", "z"]])
    }

    @Test("a UTF-8 byte order mark does not become part of the first column's name")
    func byteOrderMark() throws {
        let records = try CSVTestFile.records("\u{FEFF}ref,sender\nA,ហ៊ុន សែន\n")
        #expect(records.map(\.fields) == [["ref", "sender"], ["A", "ហ៊ុន សែន"]])
    }

    @Test("the delimiter is detected from the header line")
    func delimiterDetection() throws {
        #expect(CSVParser.detectDelimiter(headerLine: "ref,date;x") == UInt8(ascii: ","))
        #expect(CSVParser.detectDelimiter(headerLine: "ref;date;subject") == UInt8(ascii: ";"))
        #expect(CSVParser.detectDelimiter(headerLine: "ref\tdate\tsubject") == UInt8(ascii: "\t"))
        #expect(CSVParser.detectDelimiter(headerLine: "ref") == UInt8(ascii: ","))
        let semicolons = try CSVTestFile.records("ref;subject\nA;\"one; two, three\"\n")
        #expect(semicolons.map(\.fields) == [["ref", "subject"], ["A", "one; two, three"]])
        let tabs = try CSVTestFile.records("ref\tsubject\nA\tcommas, stay\n")
        #expect(tabs.map(\.fields) == [["ref", "subject"], ["A", "commas, stay"]])
    }

    @Test("blank lines between records are skipped; a file without a final line break still ends its last record")
    func blankLines() throws {
        let records = try CSVTestFile.records("\na,b\n\n1,2\n\n3,4")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(records.map(\.line) == [2, 4, 6])
    }

    @Test("a quote that never closes ends as one unterminated record")
    func unterminated() throws {
        let records = try CSVTestFile.records("a,b\n1,\"open\n2,3\n")
        #expect(records.count == 2)
        #expect(records[1].isUnterminated)
        #expect(records[1].line == 2)
        #expect(records[1].raw == "1,\"open\n2,3")
    }

    @Test("a record past the size limit stops the file with a hint at the stray quote")
    func recordSizeLimit() throws {
        let text = "a,b\n1,\"" + String(repeating: "x,y\n", count: 100) + "\"\n"
        #expect(throws: ChanceryError.self) { try CSVTestFile.records(text, maxRecordBytes: 64) }
    }

    @Test("lenient with stray quotes inside unquoted values and text after a closing quote")
    func lenient() throws {
        let records = try CSVTestFile.records("a,b\n5\" disk,\"quoted\" tail\n")
        #expect(records[1].fields == ["5\" disk", "quoted tail"])
    }
}
