/// Reads an XML file's markup character by character on its way to the parser and keeps from it
/// what the toolchain's FoundationXML cannot survive:
///
/// - A processing instruction without data (`<?target?>`): libxml2 reports its data as a null
///   pointer, and FoundationXML's callback calls `strlen` on it and kills the process (found by
///   fuzz-cmif). A space is put before its `?>`, which makes the data empty instead; processing
///   instructions mean nothing to Chancery, and line numbers stay as they were.
/// - An entity declaration (`<!ENTITY …>`) is refused: its replacement text can hold the same
///   markup written as character references (`&#60;?x?>`), which no reading of the bytes sees,
///   and entity expansion is the classic way to make a parser's memory explode. defusedxml
///   refuses them by default for the same reasons; CMIF files do not use them.
///
/// Comments, CDATA sections and the literals of declarations pass unchanged. Characters arrive as
/// UTF-16 code units or bytes, whichever the file's layout uses; only ASCII ones are markup.
struct XMLMarkupGuard {
    /// The declaration that made the guard stop, and the line it is on.
    struct EntityDeclaration: Error, Equatable {
        let line: Int
    }

    private enum State {
        case text
        case afterLessThan
        /// After `<!`, holding what follows until it is known to open a comment, a CDATA section,
        /// an entity declaration or something else.
        case afterBang
        case processingInstructionTarget(named: Bool)
        /// A `?` in the target, held back: if `>` follows, the instruction has no data.
        case processingInstructionTargetQuestion(named: Bool)
        case processingInstructionData
        case processingInstructionDataQuestion
        case comment(dashes: Int)
        case cdata(brackets: Int)
        /// In `<!DOCTYPE`, `<!ELEMENT`, `<!ATTLIST` or `<!NOTATION`, inside the quoted literal
        /// `quote` opened when there is one: a system literal may hold `<!--` or `<?x?>` as mere
        /// characters, and must not be read as markup.
        case declaration(quote: UInt16?)
    }

    private static let bangOpenings: [(units: [UInt16], opens: State?)] = [
        (Array("--".utf16), .comment(dashes: 0)),
        (Array("[CDATA[".utf16), .cdata(brackets: 0)),
        (Array("ENTITY".utf16), nil),
    ]

    private var state = State.text
    private var heldAfterBang: [UInt16] = []
    /// The line being read, from 1.
    private(set) var line = 1

    /// Passes `unit` on to `output`, with what has to change around it.
    /// - Throws: `EntityDeclaration` at the `Y` of `<!ENTITY`, before any of it was passed on.
    mutating func feed(_ unit: UInt16, into output: inout [UInt16]) throws(EntityDeclaration) {
        if unit == 0x0A { line += 1 }
        switch state {
        case .text:
            output.append(unit)
            if unit == Self.lessThan { state = .afterLessThan }
        case .afterLessThan:
            switch unit {
            case Self.question:
                output.append(unit)
                state = .processingInstructionTarget(named: false)
            case Self.bang:
                output.append(unit)
                heldAfterBang.removeAll(keepingCapacity: true)
                state = .afterBang
            default:
                state = .text
                try feedAgain(unit, into: &output)
            }
        case .afterBang:
            heldAfterBang.append(unit)
            for opening in Self.bangOpenings where opening.units.starts(with: heldAfterBang) {
                guard heldAfterBang.count == opening.units.count else { return }
                guard let opens = opening.opens else { throw EntityDeclaration(line: line) }
                output.append(contentsOf: heldAfterBang)
                state = opens
                return
            }
            let last = heldAfterBang.removeLast()
            output.append(contentsOf: heldAfterBang)
            state = .declaration(quote: nil)
            try feedAgain(last, into: &output)
        case .processingInstructionTarget(let named):
            if unit == Self.question {
                state = .processingInstructionTargetQuestion(named: named)
            } else {
                output.append(unit)
                state = Self.isWhitespace(unit) ? .processingInstructionData : .processingInstructionTarget(named: true)
            }
        case .processingInstructionTargetQuestion(let named):
            if unit == Self.greaterThan {
                if named { output.append(Self.space) }
                output.append(contentsOf: [Self.question, Self.greaterThan])
                state = .text
            } else {
                output.append(Self.question)
                state = .processingInstructionTarget(named: true)
                try feedAgain(unit, into: &output)
            }
        case .processingInstructionData:
            output.append(unit)
            if unit == Self.question { state = .processingInstructionDataQuestion }
        case .processingInstructionDataQuestion:
            output.append(unit)
            if unit == Self.greaterThan { state = .text } else if unit != Self.question { state = .processingInstructionData }
        case .comment(let dashes):
            output.append(unit)
            state = unit == Self.greaterThan && dashes >= 2 ? .text : .comment(dashes: unit == Self.dash ? dashes + 1 : 0)
        case .cdata(let brackets):
            output.append(unit)
            state = unit == Self.greaterThan && brackets >= 2 ? .text : .cdata(brackets: unit == Self.closingBracket ? brackets + 1 : 0)
        case .declaration(let quote):
            output.append(unit)
            if let quote {
                if unit == quote { state = .declaration(quote: nil) }
            } else if unit == Self.doubleQuote || unit == Self.singleQuote {
                state = .declaration(quote: unit)
            } else if unit == Self.greaterThan || unit == Self.openingBracket {
                // `[` opens a DOCTYPE's internal subset, whose declarations and comments are markup again.
                state = .text
            }
        }
    }

    /// Whether the guard is reading plain text, where everything up to the next `<` passes
    /// unchanged: the stream then hands such runs on itself, and counts their lines here.
    var isReadingText: Bool {
        if case .text = state { true } else { false }
    }

    /// Counts the lines of a run of plain text that was handed on without `feed`.
    mutating func countLines(in bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes where byte == 0x0A { line += 1 }
    }

    /// Passes on what is still held back at the end of the input.
    mutating func finish(into output: inout [UInt16]) {
        switch state {
        case .afterBang: output.append(contentsOf: heldAfterBang)
        case .processingInstructionTargetQuestion: output.append(Self.question)
        default: break
        }
        heldAfterBang.removeAll()
        state = .text
    }

    /// Feeds a unit that ended the state it arrived in, without counting its line twice.
    private mutating func feedAgain(_ unit: UInt16, into output: inout [UInt16]) throws(EntityDeclaration) {
        if unit == 0x0A { line -= 1 }
        try feed(unit, into: &output)
    }

    private static func isWhitespace(_ unit: UInt16) -> Bool {
        unit == space || unit == 0x09 || unit == 0x0A || unit == 0x0D
    }

    private static let lessThan = UInt16(UInt8(ascii: "<"))
    private static let greaterThan = UInt16(UInt8(ascii: ">"))
    private static let question = UInt16(UInt8(ascii: "?"))
    private static let bang = UInt16(UInt8(ascii: "!"))
    private static let dash = UInt16(UInt8(ascii: "-"))
    private static let openingBracket = UInt16(UInt8(ascii: "["))
    private static let doubleQuote = UInt16(UInt8(ascii: "\""))
    private static let singleQuote = UInt16(UInt8(ascii: "'"))
    private static let closingBracket = UInt16(UInt8(ascii: "]"))
    private static let space = UInt16(UInt8(ascii: " "))
}
