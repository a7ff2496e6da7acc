import ChanceryModel

/// One CSV record: its fields, the line it starts on, and its text as it was in the file.
struct CSVRecord: Sendable, Hashable {
    /// The fields, unquoted; a line break inside a quoted field reads as LF.
    var fields: [String]
    /// The physical line the record starts on (1-based).
    package var line: Int
    /// Every physical line of the record joined by LF, for the rejects file.
    package var raw: String
    /// The file ended inside a quoted field: a closing `"` is missing somewhere in `raw`.
    var isUnterminated = false
}

/// Streams the records of an RFC 4180 file: quoted fields may hold delimiters, doubled quotes
/// and line breaks; lines may end in CRLF or LF; a UTF-8 byte order mark is skipped.
///
/// The delimiter is detected from the first line (the header): a comma if it has one, else `;`
/// or tab, whichever occurs more, so spreadsheet exports in locales that write `;` read too.
/// Blank lines between records are skipped.
struct CSVParser {
    let source: ReaderSource
    /// A record longer than this is almost always a stray `"` swallowing the rest of the file;
    /// reading stops there rather than buffering the file in memory.
    let maxRecordBytes: Int

    /// Opens nothing yet; `forEachRecord` does.
    init(path: String, maxRecordBytes: Int = 8 << 20) {
        self.init(source: .file(path: path), maxRecordBytes: maxRecordBytes)
    }

    /// Reads `source`, a file or bytes in memory.
    init(source: ReaderSource, maxRecordBytes: Int = 8 << 20) {
        self.source = source
        self.maxRecordBytes = maxRecordBytes
    }

    /// Calls `body` with each record in file order; `body` returns false to stop early.
    func forEachRecord(_ body: (CSVRecord) throws -> Bool) throws {
        var assembler: CSVRecordAssembler?
        var stopped = false
        try LineReader(source: source).forEachLine { line, number in
            if assembler == nil {
                if line.isEmpty { return true }
                assembler = CSVRecordAssembler(delimiter: Self.detectDelimiter(headerLine: line), maxRecordBytes: maxRecordBytes)
            }
            guard let record = try assembler?.feed(line, number: number) else { return true }
            stopped = try !body(record)
            return !stopped
        }
        if !stopped, let record = assembler?.finish() {
            _ = try body(record)
        }
    }

    /// `,` when the header has a comma; otherwise `;` or tab, whichever it has more of.
    static func detectDelimiter(headerLine: String) -> UInt8 {
        var commas = 0, semicolons = 0, tabs = 0
        for byte in headerLine.utf8 {
            switch byte {
            case UInt8(ascii: ","): commas += 1
            case UInt8(ascii: ";"): semicolons += 1
            case UInt8(ascii: "\t"): tabs += 1
            default: break
            }
        }
        if commas > 0 || (semicolons == 0 && tabs == 0) { return UInt8(ascii: ",") }
        return semicolons >= tabs ? UInt8(ascii: ";") : UInt8(ascii: "\t")
    }
}

/// The RFC 4180 state machine, fed one physical line at a time, so a record may span lines.
///
/// Lenient where spreadsheets are sloppy: a `"` inside an unquoted field, or text after a
/// closing quote, is kept as written rather than failing the row.
struct CSVRecordAssembler {
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    let delimiter: UInt8
    let maxRecordBytes: Int
    private var state = State.fieldStart
    private var fields: [String] = []
    private var field: [UInt8] = []
    private var rawLines: [String] = []
    private var rawBytes = 0
    private var startLine = 0

    init(delimiter: UInt8, maxRecordBytes: Int = 8 << 20) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    /// Takes the next physical line (without its line break); returns a record when it ends here.
    mutating func feed(_ line: String, number: Int) throws -> CSVRecord? {
        if rawLines.isEmpty {
            if line.isEmpty { return nil }
            startLine = number
        } else {
            // Only a quoted field carries a record over a line break, and it keeps the break.
            field.append(0x0A)
        }
        rawLines.append(line)
        rawBytes += line.utf8.count + 1
        guard rawBytes <= maxRecordBytes else {
            throw ChanceryError(.invalidInput, "the record starting on line \(startLine) runs past \(maxRecordBytes >> 20) MiB",
                                field: "file", hint: "A quoted value is probably missing its closing \"; check line \(startLine).")
        }
        for byte in line.utf8 { consume(byte) }
        if state == .quoted { return nil }
        return takeRecord(unterminated: false)
    }

    /// Ends the input; returns the record left open by a quote that never closed, if any.
    package mutating func finish() -> CSVRecord? {
        rawLines.isEmpty ? nil : takeRecord(unterminated: true)
    }

    private mutating func consume(_ byte: UInt8) {
        let quote = UInt8(ascii: "\"")
        switch state {
        case .fieldStart:
            if byte == quote {
                state = .quoted
            } else if byte == delimiter {
                endField()
            } else {
                field.append(byte)
                state = .unquoted
            }
        case .unquoted:
            if byte == delimiter { endField() } else { field.append(byte) }
        case .quoted:
            if byte == quote { state = .quoteInQuoted } else { field.append(byte) }
        case .quoteInQuoted:
            if byte == quote {
                field.append(quote)
                state = .quoted
            } else if byte == delimiter {
                endField()
            } else {
                field.append(byte)
                state = .unquoted
            }
        }
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        state = .fieldStart
    }

    private mutating func takeRecord(unterminated: Bool) -> CSVRecord {
        endField()
        let record = CSVRecord(fields: fields, line: startLine, raw: rawLines.joined(separator: "\n"), isUnterminated: unterminated)
        fields.removeAll(keepingCapacity: true)
        rawLines.removeAll(keepingCapacity: true)
        rawBytes = 0
        return record
    }
}
