/// Recursive-descent parser for the supported EDTF subset.
///
/// Works on grapheme clusters (`Character`s) so error positions match what a person counts on
/// screen, even if someone pastes an emoji or a combining accent into a date.
struct EDTFParser {
    let input: String
    /// Grapheme clusters, indexed 0-based; errors report them 1-based.
    let characters: [Character]

    init(_ input: String) {
        self.input = input
        self.characters = Array(input)
    }

    /// The whole expression: a single date, an interval or a set.
    func parseExpression() throws(EDTFError) -> EDTFDate.Shape {
        guard !characters.isEmpty else {
            throw failure("empty expression")
        }
        let isSet = characters.first == "[" || characters.first == "{"
        if let index = characters.firstIndex(where: \.isWhitespace) {
            // Sets are where people add spaces out of habit ("[1547, 1548]"); say how to write them.
            let hint = isSet ? "write sets without spaces: " + String(characters.filter { !$0.isWhitespace }) : nil
            throw failure("whitespace is not allowed", at: index, hint: hint)
        }
        if isSet {
            return .set(try parseSet())
        }
        let slashes = characters.indices.filter { characters[$0] == "/" }
        switch slashes.count {
        case 0:
            return .single(try parseSingle())
        case 1:
            return try parseInterval(slash: slashes[0])
        default:
            throw unexpectedCharacter(at: slashes[1])
        }
    }

    /// A plain `YYYY-MM-DD`, for `CalendarDay(iso:)`; also the five-digit and longer years
    /// `CalendarDay.description` writes (`12345-01-01`), which EDTF itself spells only as `Y12345`.
    func parseCalendarDay() throws(EDTFError) -> CalendarDay {
        if let longDay = try parseLongCalendarDay() {
            return longDay
        }
        guard case .single(let point) = try parseExpression(), case .day(let day) = point.value,
              point.isUnqualified
        else {
            throw failure("expected a calendar day written YYYY-MM-DD")
        }
        return day
    }

    /// `NNNNN-MM-DD` with five or more year digits, or nil for any other text.
    private func parseLongCalendarDay() throws(EDTFError) -> CalendarDay? {
        guard characters.count >= 11, characters.allSatisfy({ $0.isASCIIDigit || $0 == "-" }) else { return nil }
        let parts = characters.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count > 4, parts[1].count == 2, parts[2].count == 2,
              let month = Self.number(Array(parts[1])), let day = Self.number(Array(parts[2]))
        else { return nil }
        guard let year = Self.number(Array(parts[0])), Gregorian.years.contains(year) else {
            throw failure(Gregorian.outOfRange(String(parts[0])), at: 0)
        }
        do {
            return try CalendarDay(year: year, month: month, day: day)
        } catch {
            throw failure((error as? EDTFError)?.reason ?? "not a calendar day")
        }
    }

    // MARK: - Structure

    private func parseSingle() throws(EDTFError) -> EDTFPoint {
        switch String(characters) {
        case "..":
            throw failure("an open end '..' is only allowed in an interval", at: 0)
        case "open", "unknown":
            // Draft interval keywords alone are not draft syntax for anything; a 'u' hint would mislead.
            throw unexpectedCharacter(at: 0)
        default:
            return try parsePoint(in: characters.indices)
        }
    }

    private func parseInterval(slash: Int) throws(EDTFError) -> EDTFDate.Shape {
        let start = try parseEnd(in: 0..<slash)
        let end = try parseEnd(in: (slash + 1)..<characters.count)
        switch (start, end) {
        case (.known(let first), .known(let last)):
            // Bounds, not precisions, decide: 2022-05-13/2022 is fine because 13 May falls within 2022.
            if let earliest = first.earliest, let latest = last.latest, earliest > latest {
                throw failure("interval ends before it starts")
            }
        case (.known, _), (_, .known):
            break
        default:
            throw failure("an interval needs at least one known end")
        }
        return .interval(start: start, end: end)
    }

    private func parseEnd(in range: Range<Int>) throws(EDTFError) -> EDTFDate.End {
        switch String(characters[range]) {
        case "":
            return .unknown
        case "..":
            return .open
        case "?":
            // A pre-2019 spelling still common in catalogues (`1548-10-27/?`); `EDTFDate` notes the rewrite.
            return .unknown
        case "unknown":
            throw failure(
                "pre-2019 draft form 'unknown'", at: range.lowerBound,
                hint: "EDTF 2019 writes an unknown end as an empty side: \(replacing(range, with: ""))"
            )
        case "open":
            throw failure(
                "pre-2019 draft form 'open'", at: range.lowerBound,
                hint: "EDTF 2019 writes an open end as '..': \(replacing(range, with: ".."))"
            )
        default:
            return .known(try parsePoint(in: range))
        }
    }

    // MARK: - Helpers

    func character(at index: Int, end: Int) -> Character? {
        index < end ? characters[index] : nil
    }

    /// The input with one span replaced, to show a corrected expression in a hint.
    func replacing(_ range: Range<Int>, with replacement: String) -> String {
        String(characters[..<range.lowerBound]) + replacement + String(characters[range.upperBound...])
    }

    func unexpectedCharacter(at index: Int) -> EDTFError {
        failure("unexpected character '\(characters[index])'", at: index)
    }

    /// An error at a 0-based index, reported 1-based as people count.
    func failure(_ reason: String, at index: Int? = nil, hint: String? = nil) -> EDTFError {
        EDTFError(input: input, reason: reason, position: index.map { $0 + 1 }, hint: hint)
    }
}
