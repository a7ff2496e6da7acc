/// Parsing of one date (`2022-05-12%`, `202X`, `2022-21`, `?2004-06~-11`, `-0044-03-15`,
/// `Y12345`, `1985-04-12T23:20:30Z`…): a whole expression, one interval end or one set member.
extension EDTFParser {
    /// A year as written: four digits or X after an optional sign, or a `Y` year.
    private enum WrittenYear {
        case digits(negative: Bool, [Character])
        case long(Int)
    }

    /// Parses `characters[range]` as one date, with Level 1 and Level 2 qualifiers.
    func parsePoint(in range: Range<Int>) throws(EDTFError) -> EDTFPoint {
        // 'u' reads as the draft's unspecified digit only among date-like characters; inside an
        // ordinary word ("2022-06/until") suggesting X would be nonsense.
        let draftDigits = characters[range].allSatisfy { "0123456789Xu-?~%".contains($0) }
        var cursor = range.lowerBound
        let end = range.upperBound
        var marks = EDTFComponentMarks()
        try rejectGrouping(in: range)

        marks.before[0] = leadingMark(at: &cursor, end: end)
        let yearStart = cursor
        let year = try parseYear(at: &cursor, end: end, range: range, draftDigits: draftDigits)
        var fields: [(start: Int, characters: [Character])] = []
        var trailing = try trailingMark(at: &cursor, end: end)

        while character(at: cursor, end: end) == "-", fields.count < 2 {
            if case .long = year {
                throw failure("a year written with Y cannot have a month", at: cursor)
            }
            if fields.count == 1, let month = Self.number(fields[0].characters), EDTFSeason(rawValue: month) != nil {
                throw failure("a season cannot have a day", at: cursor)
            }
            // The mark just read follows a component that turns out not to be the last.
            marks.after[fields.count] = trailing
            cursor += 1
            marks.before[fields.count + 1] = leadingMark(at: &cursor, end: end)
            let name = fields.isEmpty ? "month" : "day"
            let start = cursor
            fields.append((start, try field(name, at: &cursor, end: end, range: range, draftDigits: draftDigits)))
            trailing = try trailingMark(at: &cursor, end: end)
        }

        var value = try pointValue(year: year, yearStart: yearStart, fields: fields)
        if character(at: cursor, end: end) == "T" {
            guard case .day(let day) = value, marks.isEmpty, trailing == nil else {
                throw failure("a time can only follow a whole day without qualifiers", at: cursor)
            }
            cursor += 1
            value = .dateTime(day, try parseTime(at: &cursor, end: end))
        }
        if cursor < end {
            throw unexpectedCharacter(at: cursor)
        }
        return EDTFPoint(value: value, qualifier: trailing, marks: marks)
    }

    /// The 2012 draft's parentheses (`2004-(06)?-11`) are not EDTF 2019, which puts the mark in front
    /// of the one component instead; say so, with the rewrite where it is a simple one.
    private func rejectGrouping(in range: Range<Int>) throws(EDTFError) {
        guard let open = range.first(where: { characters[$0] == "(" }) else { return }
        var hint = "EDTF 2019 qualifies a single component with a mark before it"
        if let close = range.first(where: { $0 > open && characters[$0] == ")" }),
           let mark = character(at: close + 1, end: range.upperBound), EDTFQualifier(rawValue: mark) != nil
        {
            let inner = String(characters[(open + 1)..<close])
            hint += ": " + replacing(open..<(close + 2), with: String(mark) + inner)
        }
        throw failure("pre-2019 draft form '(…)' for grouping", at: open, hint: hint)
    }

    /// A Level 2 mark in front of a component (`?2004`, `2004-~06`).
    private func leadingMark(at cursor: inout Int, end: Int) -> EDTFQualifier? {
        guard let mark = character(at: cursor, end: end).flatMap(EDTFQualifier.init(rawValue:)) else { return nil }
        cursor += 1
        return mark
    }

    /// A mark after a component; refuses the draft's `?~` pairs with the 2019 spelling.
    private func trailingMark(at cursor: inout Int, end: Int) throws(EDTFError) -> EDTFQualifier? {
        guard let mark = character(at: cursor, end: end), let parsed = EDTFQualifier(rawValue: mark) else {
            return nil
        }
        if let second = character(at: cursor + 1, end: end), "?~".contains(mark), "?~".contains(second), mark != second {
            throw failure(
                "pre-2019 draft form '\(mark)\(second)'", at: cursor,
                hint: "EDTF 2019 writes uncertain and approximate together as %: "
                    + replacing(cursor..<(cursor + 2), with: "%")
            )
        }
        cursor += 1
        return parsed
    }

    // MARK: - Year

    private func parseYear(
        at cursor: inout Int, end: Int, range: Range<Int>, draftDigits: Bool
    ) throws(EDTFError) -> WrittenYear {
        switch character(at: cursor, end: end) {
        case "y":
            throw failure(
                "pre-2019 draft form 'y' for a long year", at: cursor,
                hint: "EDTF 2019 writes long years with a capital Y: \(replacing(cursor..<(cursor + 1), with: "Y"))"
            )
        case "Y":
            return .long(try parseLongYear(at: &cursor, end: end))
        default:
            break
        }
        let signStart = cursor
        let negative = character(at: cursor, end: end) == "-"
        if negative {
            cursor += 1
        }
        let yearStart = cursor
        var digits: [Character] = []
        for _ in 0..<4 {
            guard let character = try digitOrX(at: cursor, end: end, range: range, draftDigits: draftDigits) else {
                // A year cut short ("20-05") is a short year; a date starting with a mark ("??2022") is misplaced.
                if cursor == yearStart && cursor < end && !negative {
                    throw unexpectedCharacter(at: cursor)
                }
                throw failure("year must have 4 digits", at: yearStart)
            }
            digits.append(character)
            cursor += 1
        }
        if let next = character(at: cursor, end: end), next.isASCIIDigit {
            throw failure("year has more than 4 digits", at: cursor)
        }
        if character(at: cursor, end: end) == "S" {
            throw failure("significant digits (S) are not supported", at: cursor)
        }
        if negative && digits.allSatisfy({ $0 == "0" }) {
            throw failure("year 0 has no sign", at: signStart, hint: "write 0000 (1 BC)")
        }
        return .digits(negative: negative, digits)
    }

    /// `Y12345`, `Y-170000002`: a year of more than four digits. Exponential forms (`Y17E7`) are
    /// read only to say whether they are storable at all.
    private func parseLongYear(at cursor: inout Int, end: Int) throws(EDTFError) -> Int {
        let start = cursor
        cursor += 1
        let negative = character(at: cursor, end: end) == "-"
        if negative {
            cursor += 1
        }
        let digits = asciiDigits(at: &cursor, end: end)
        guard !digits.isEmpty else {
            throw failure("missing year after Y", at: cursor)
        }
        let written = String(characters[start..<cursor])
        if character(at: cursor, end: end) == "E" {
            cursor += 1
            let exponent = asciiDigits(at: &cursor, end: end)
            guard !exponent.isEmpty else {
                throw failure("missing exponent after E", at: cursor)
            }
            let significand = Array(digits.drop { $0 == "0" })
            // Beyond ten digits in all no year is storable; counting first also avoids overflow.
            let power = exponent.count <= 3 ? Self.number(exponent) ?? 11 : 11
            let full = significand.isEmpty ? ["0"] : significand + Array(repeating: "0", count: min(power, 11))
            guard let value = Self.year(full, negative: negative) else {
                throw failure(Gregorian.outOfRange(String(characters[start..<cursor])), at: start)
            }
            throw failure(
                "exponential years (E) are not supported", at: start,
                hint: "write the year in full: \(EDTFPoint.yearText(value))"
            )
        }
        if character(at: cursor, end: end) == "S" {
            throw failure("significant digits (S) are not supported", at: cursor)
        }
        guard let value = Self.year(digits, negative: negative) else {
            throw failure(Gregorian.outOfRange(written), at: start)
        }
        guard digits.count > 4 else {
            throw failure(
                "a year written with Y needs more than 4 digits", at: start,
                hint: "write \(zeroPadded(value, width: 4))"
            )
        }
        return value
    }

    /// The year the digits write, nil when it is outside what a register can store.
    private static func year(_ digits: [Character], negative: Bool) -> Int? {
        // Past ten significant digits the value cannot be storable, and could overflow Int.
        let significant = digits.drop { $0 == "0" }
        guard significant.count <= 10, let magnitude = number(Array(significant)) else { return nil }
        let value = negative ? -magnitude : magnitude
        return Gregorian.years.contains(value) ? value : nil
    }

    private func asciiDigits(at cursor: inout Int, end: Int) -> [Character] {
        var digits: [Character] = []
        while let next = character(at: cursor, end: end), next.isASCIIDigit {
            digits.append(next)
            cursor += 1
        }
        return digits
    }

    // MARK: - Value

    /// What the components say, checked against the calendar and the storable years.
    private func pointValue(
        year: WrittenYear, yearStart: Int, fields: [(start: Int, characters: [Character])]
    ) throws(EDTFError) -> EDTFPoint.Value {
        guard case .digits(let negative, let yearDigits) = year else {
            if case .long(let value) = year {
                return .year(value)
            }
            throw failure("unexpected year", at: yearStart)
        }
        let month = fields.first
        let day = fields.count > 1 ? fields[1] : nil
        let hasX = yearDigits.contains("X") || fields.contains { $0.characters.contains("X") }
        // yearStart is where the year begins as written, sign included.
        let signStart = yearStart
        let writtenYear = (negative ? "-" : "") + String(yearDigits)

        if !hasX {
            guard let magnitude = Self.number(yearDigits) else {
                throw failure("year must have 4 digits", at: yearStart)
            }
            let year = negative ? -magnitude : magnitude
            guard Gregorian.years.contains(year) else {
                throw failure(Gregorian.outOfRange(writtenYear), at: signStart)
            }
            guard let month else {
                return .year(year)
            }
            let monthValue = try self.monthValue(Self.number(month.characters) ?? 0, year: year, at: month.start)
            guard let day else {
                return monthValue
            }
            return try dayValue(Self.number(day.characters) ?? 0, in: monthValue, at: day.start)
        }

        if let legacy = try legacyUnspecified(negative: negative, year: yearDigits, month: month, day: day) {
            return legacy
        }
        if let month, let number = Self.number(month.characters), EDTFSeason(rawValue: number) != nil {
            throw failure("a season needs a year without unspecified digits", at: month.start)
        }
        do throws(EDTFMask.Failure) {
            return .unspecified(
                try EDTFMask(negative: negative, year: yearDigits, month: month?.characters, day: day?.characters)
            )
        } catch {
            switch error {
            case .noMonth:
                throw failure("month \(String(month?.characters ?? [])) out of range", at: month?.start)
            case .noDay:
                let written = ([writtenYear] + [month].compactMap { $0.map { String($0.characters) } })
                    .joined(separator: "-")
                throw failure("day \(String(day?.characters ?? [])) fits no day of \(written)", at: day?.start)
            case .yearOutOfRange:
                throw failure(Gregorian.outOfRange(writtenYear), at: signStart)
            }
        }
    }

    /// The Level 1 forms with unspecified digits (`19XX`, `202X`, `2022-XX`, `2022-XX-XX`,
    /// `2022-05-XX`), kept as their own values so the register reads them as it always has.
    private func legacyUnspecified(
        negative: Bool, year: [Character], month: (start: Int, characters: [Character])?,
        day: (start: Int, characters: [Character])?
    ) throws(EDTFError) -> EDTFPoint.Value? {
        guard !negative else { return nil }
        if month == nil {
            if year[2...] == ["X", "X"], let leading = Self.number(Array(year[..<2])) {
                return .century(leading)
            }
            if year[3] == "X", let leading = Self.number(Array(year[..<3])) {
                return .decade(leading)
            }
            return nil
        }
        guard let yearValue = Self.number(year), let month else { return nil }
        switch (month.characters, day?.characters) {
        case (["X", "X"], nil):
            return .yearWithUnspecifiedMonth(yearValue)
        case (["X", "X"], ["X", "X"]):
            return .yearWithUnspecifiedMonthAndDay(yearValue)
        case (_, ["X", "X"]):
            guard let number = Self.number(month.characters) else { return nil }
            if case .month(let year, let month) = try monthValue(number, year: yearValue, at: month.start) {
                return .monthWithUnspecifiedDay(year: year, month: month)
            }
            return nil
        default:
            return nil
        }
    }

    private func monthValue(_ month: Int, year: Int, at start: Int) throws(EDTFError) -> EDTFPoint.Value {
        if (1...12).contains(month) {
            return .month(year: year, month: month)
        }
        guard let season = EDTFSeason(rawValue: month) else {
            throw failure("month \(month) out of range", at: start)
        }
        let lastYear = season.latest(year: year).year
        if !Gregorian.years.contains(lastYear) {
            throw failure("\(season.name.lowercased()) \(year) runs into year \(lastYear), beyond the supported years", at: start)
        }
        return .season(year: year, season: season)
    }

    private func dayValue(_ day: Int, in monthValue: EDTFPoint.Value, at start: Int) throws(EDTFError)
        -> EDTFPoint.Value
    {
        guard case .month(let year, let month) = monthValue else {
            // Seasons are refused before their day is read; nothing else reaches here.
            throw failure("unexpected day", at: start)
        }
        guard (1...Gregorian.daysIn(month: month, year: year)).contains(day) else {
            throw failure(
                "day \(day) out of range for \(Gregorian.monthName(month)) \(zeroPadded(year, width: 4))",
                at: start
            )
        }
        return .day(CalendarDay(uncheckedYear: year, month: month, day: day))
    }

    // MARK: - Fields

    /// Reads a two-character month or day field of digits and X.
    private func field(
        _ name: String, at cursor: inout Int, end: Int, range: Range<Int>, draftDigits: Bool
    ) throws(EDTFError) -> [Character] {
        let start = cursor
        guard let first = try digitOrX(at: cursor, end: end, range: range, draftDigits: draftDigits) else {
            throw failure("missing \(name)", at: start)
        }
        guard let second = try digitOrX(at: cursor + 1, end: end, range: range, draftDigits: draftDigits) else {
            throw failure("\(name) must have 2 digits", at: start)
        }
        cursor += 2
        if let next = character(at: cursor, end: end), next.isASCIIDigit || next == "X" {
            throw failure("\(name) has more than 2 digits", at: cursor)
        }
        return [first, second]
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
        if "-?~%T".contains(character) {
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

    /// The value of ASCII digits; nil if any is X (or anything else), or if there are too many to count.
    static func number(_ digits: [Character]) -> Int? {
        guard digits.count <= 18 else { return nil }
        var value = 0
        for digit in digits {
            guard digit.isASCIIDigit, let digitValue = digit.wholeNumberValue else { return nil }
            value = value * 10 + digitValue
        }
        return value
    }
}

extension Character {
    /// Only 0–9: `isNumber` would also admit other scripts' digits and fractions.
    var isASCIIDigit: Bool {
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
