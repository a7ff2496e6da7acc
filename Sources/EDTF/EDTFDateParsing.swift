/// Parsing of one date (`2022-05-12%`, `202X`, `2022-21`…): a whole expression or one interval end.
extension EDTFParser {
    /// A month or day field: two digits, or `XX`.
    private enum Field {
        case digits(Int)
        case unspecified
    }

    /// Parses `characters[range]` as one date with an optional trailing qualifier.
    func parsePoint(in range: Range<Int>) throws(EDTFError) -> EDTFPoint {
        // 'u' reads as the draft's unspecified digit only among date-like characters; inside an
        // ordinary word ("2022-06/until") suggesting X would be nonsense.
        let draftDigits = characters[range].allSatisfy { "0123456789Xu-?~%".contains($0) }
        var cursor = range.lowerBound
        let end = range.upperBound

        try rejectYearPrefix(at: cursor, end: end)

        let yearStart = cursor
        var yearCharacters: [Character] = []
        for _ in 0..<4 {
            guard let character = try digitOrX(at: cursor, end: end, range: range, draftDigits: draftDigits) else {
                // A year cut short ("20-05") is a short year; a date starting with a mark ("?2022") is misplaced.
                if cursor == yearStart && cursor < end {
                    throw unexpectedCharacter(at: cursor)
                }
                throw failure("year must have 4 digits", at: yearStart)
            }
            yearCharacters.append(character)
            cursor += 1
        }
        let year = try yearValue(yearCharacters, start: yearStart)
        if let next = character(at: cursor, end: end), next.isASCIIDigit {
            throw failure("year has more than 4 digits", at: cursor)
        }

        var value: EDTFPoint.Value
        switch year {
        case .century(let leading): value = .century(leading)
        case .decade(let leading): value = .decade(leading)
        case .year(let year): value = .year(year)
        }

        if character(at: cursor, end: end) == "-" {
            guard case .year(let year) = year else {
                throw failure("a month cannot follow unspecified year digits", at: cursor)
            }
            cursor += 1
            let monthStart = cursor
            let month = try field("month", at: &cursor, end: end, range: range, draftDigits: draftDigits)
            value = try monthValue(month, year: year, at: monthStart)

            if character(at: cursor, end: end) == "-" {
                if case .season = value {
                    throw failure("a season cannot have a day", at: cursor)
                }
                cursor += 1
                let dayStart = cursor
                let day = try field("day", at: &cursor, end: end, range: range, draftDigits: draftDigits)
                value = try dayValue(day, in: value, at: dayStart)
            }
        }

        var qualifier: EDTFQualifier?
        if let mark = character(at: cursor, end: end), let parsed = EDTFQualifier(rawValue: mark) {
            if let second = character(at: cursor + 1, end: end), "?~".contains(mark), "?~".contains(second),
               mark != second {
                throw failure(
                    "pre-2019 draft form '\(mark)\(second)'", at: cursor,
                    hint: "EDTF 2019 writes uncertain and approximate together as %: "
                        + replacing(cursor..<(cursor + 2), with: "%")
                )
            }
            qualifier = parsed
            cursor += 1
        }
        if cursor < end {
            throw unexpectedCharacter(at: cursor)
        }
        return EDTFPoint(value: value, qualifier: qualifier)
    }

    /// Catches signs and long-year prefixes before they are reported as mere unexpected characters.
    private func rejectYearPrefix(at index: Int, end: Int) throws(EDTFError) {
        switch character(at: index, end: end) {
        case "-":
            throw failure("negative years are not supported", at: index)
        case "y":
            throw failure(
                "pre-2019 draft form 'y' for a long year", at: index,
                hint: "EDTF 2019 writes long years with a capital Y: \(replacing(index..<(index + 1), with: "Y")); "
                    + "years beyond 9999 are not supported"
            )
        case "Y":
            throw failure("years beyond 9999 are not supported", at: index)
        default:
            break
        }
    }

    private enum YearValue {
        case century(Int)
        case decade(Int)
        case year(Int)
    }

    private func yearValue(_ characters: [Character], start: Int) throws(EDTFError) -> YearValue {
        guard let firstX = characters.firstIndex(of: "X") else {
            return .year(Self.number(characters))
        }
        // Only trailing, whole-decade or whole-century masks describe one contiguous range of days.
        guard firstX >= 2, characters[firstX...].allSatisfy({ $0 == "X" }) else {
            throw failure("only the last one or two digits of a year may be unspecified", at: start + firstX)
        }
        let leading = Self.number(Array(characters[..<firstX]))
        return firstX == 2 ? .century(leading) : .decade(leading)
    }

    private func monthValue(_ month: Field, year: Int, at start: Int) throws(EDTFError) -> EDTFPoint.Value {
        switch month {
        case .unspecified:
            return .yearWithUnspecifiedMonth(year)
        case .digits(let month) where (1...12).contains(month):
            return .month(year: year, month: month)
        case .digits(let number):
            guard let season = EDTFSeason(rawValue: number) else {
                throw failure("month \(number) out of range", at: start)
            }
            if season == .winter && year == Gregorian.years.upperBound {
                throw failure("winter \(year) runs into year \(year + 1), beyond the supported years", at: start)
            }
            return .season(year: year, season: season)
        }
    }

    private func dayValue(_ day: Field, in monthValue: EDTFPoint.Value, at start: Int) throws(EDTFError)
        -> EDTFPoint.Value
    {
        switch (monthValue, day) {
        case (.yearWithUnspecifiedMonth(let year), .unspecified):
            return .yearWithUnspecifiedMonthAndDay(year)
        case (.yearWithUnspecifiedMonth, .digits):
            // 2022-XX-12 would be a dozen separate days, not a range the register can store.
            throw failure("a day cannot be given when the month is unspecified", at: start)
        case (.month(let year, let month), .unspecified):
            return .monthWithUnspecifiedDay(year: year, month: month)
        case (.month(let year, let month), .digits(let day)):
            guard (1...Gregorian.daysIn(month: month, year: year)).contains(day) else {
                throw failure(
                    "day \(day) out of range for \(Gregorian.monthName(month)) \(zeroPadded(year, width: 4))",
                    at: start
                )
            }
            return .day(CalendarDay(uncheckedYear: year, month: month, day: day))
        default:
            // Seasons are refused before their day is read; nothing else reaches here.
            throw failure("unexpected day", at: start)
        }
    }

    /// Reads a two-character month or day field.
    private func field(
        _ name: String, at cursor: inout Int, end: Int, range: Range<Int>, draftDigits: Bool
    ) throws(EDTFError) -> Field {
        let start = cursor
        guard let first = try digitOrX(at: cursor, end: end, range: range, draftDigits: draftDigits) else {
            throw failure("missing \(name)", at: start)
        }
        guard let second = try digitOrX(at: cursor + 1, end: end, range: range, draftDigits: draftDigits) else {
            throw failure("\(name) must have 2 digits", at: start)
        }
        cursor += 2
        switch (first == "X", second == "X") {
        case (true, true):
            return .unspecified
        case (false, false):
            return .digits(Self.number([first, second]))
        default:
            throw failure("\(name) must be 2 digits or XX", at: start)
        }
    }

    /// The digit or `X` at `index`; nil at a separator, qualifier or the end, where the field simply stops short.
    private func digitOrX(
        at index: Int, end: Int, range: Range<Int>, draftDigits: Bool
    ) throws(EDTFError) -> Character? {
        guard let character = character(at: index, end: end) else {
            return nil
        }
        if character.isASCIIDigit || character == "X" {
            return character
        }
        if "-?~%".contains(character) {
            return nil
        }
        if character == "u" && draftDigits {
            let corrected = String(characters[range]).replacingAll("u", with: "X")
            throw failure(
                "pre-2019 draft form 'u' for an unspecified digit", at: index,
                hint: "EDTF 2019 writes unspecified digits as X: \(replacing(range, with: corrected))"
            )
        }
        throw unexpectedCharacter(at: index)
    }

    /// The value of validated ASCII digits.
    private static func number(_ digits: [Character]) -> Int {
        digits.reduce(0) { $0 * 10 + ($1.wholeNumberValue ?? 0) }
    }
}

extension Character {
    /// Only 0–9: `isNumber` would also admit other scripts' digits and fractions.
    fileprivate var isASCIIDigit: Bool {
        // asciiValue rather than a "0"..."9" range: a digit with a combining mark would sort inside that range.
        guard let value = asciiValue else { return false }
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(value)
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
