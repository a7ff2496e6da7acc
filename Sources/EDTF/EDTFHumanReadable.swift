// The short human forms printed in timelines and reports.
//
// Single days spell the month out ("12 September 2022"); everything else uses three-letter
// abbreviations so ranges stay short ("Jan–Mar 2022", "30 Dec 2021 – 2 Jan 2022").
// Ranges inside one month or year share the trailing parts and use an unspaced en dash; ranges
// whose ends share nothing use a spaced en dash, as style guides ask for compound ends.
// Years before 1 read "1 BC", "45 BC", never 0 or a negative number.

extension EDTFDate {
    /// A short English form for reports: "12 May 2022", "May 2022", "Spring 2022", "2020s",
    /// "1900–1909", "1900–1999", "45 BC"; "12–13 May 2022", "Jan–Mar 2022", "Dec 2021 – Feb 2022",
    /// "2022 – 2024"; approximate gets a "c. " prefix and uncertain a "?" suffix ("c. 2022",
    /// "May 2022?"), single components a note ("11 June 2004 (year and month uncertain)");
    /// open ends read "from May 2022" / "until May 2022", unknown ends add "(end unknown)" /
    /// "(start unknown)"; sets read "5 or 6 May 1542", "Feb or Mar 1544", "1667 and 1668",
    /// "1667, 1668 or 1670 to 1672"; times "12 April 1985, 23:20:30 UTC"; `XXXX` "date unknown".
    ///
    /// Decades and centuries whose usual names are ambiguous read as year ranges: `190X` is
    /// "1900–1909" (not "1900s", which many read as 1900–1999) and `19XX` is "1900–1999".
    public var humanReadable: String {
        switch shape {
        case .single(let point):
            return point.human(spellingOutMonth: true)
        case .interval(.known(let start), .known(let end)):
            // One qualifier shared by both ends may mark the combined range once.
            if start.qualifier == end.qualifier, start.marks.isEmpty, end.marks.isEmpty,
               let joined = Self.joined(start.value, end.value)
            {
                return EDTFPoint.qualified(joined, by: start.qualifier)
            }
            let (first, last) = EDTFPoint.eraMarked(start, end)
            // Ends that are spans themselves ("1900–1999") would blur into one range with another dash.
            // (Over scalars: Foundation's substring search was most of a listing row's date.)
            let separator = first.unicodeScalars.contains("–") || last.unicodeScalars.contains("–") ? " to " : " – "
            return first + separator + last
        case .interval(.known(let start), .open):
            return "from \(start.human())"
        case .interval(.known(let start), .unknown):
            return "from \(start.human()) (end unknown)"
        case .interval(.open, .known(let end)):
            return "until \(end.human())"
        case .interval(.unknown, .known(let end)):
            return "until \(end.human()) (start unknown)"
        case .interval:
            // The parser never produces an interval without a known end.
            return expression
        case .set(let set):
            return set.human
        }
    }

    /// A compact form for two ends sharing their trailing parts, or nil when they share nothing
    /// worth merging and should be printed in full.
    private static func joined(_ start: EDTFPoint.Value, _ end: EDTFPoint.Value) -> String? {
        if start == end {
            return EDTFPoint(value: start, qualifier: nil).human()
        }
        switch (start, end) {
        case (.day(let first), .day(let last)) where first.year == last.year:
            let year = Gregorian.yearName(first.year)
            if first.month == last.month {
                return "\(first.day)–\(last.day) \(Gregorian.monthAbbreviation(first.month)) \(year)"
            }
            return "\(first.day) \(Gregorian.monthAbbreviation(first.month)) – "
                + "\(last.day) \(Gregorian.monthAbbreviation(last.month)) \(year)"
        case (.month(let firstYear, let firstMonth), .month(let lastYear, let lastMonth))
            where firstYear == lastYear:
            return "\(Gregorian.monthAbbreviation(firstMonth))–\(Gregorian.monthAbbreviation(lastMonth)) "
                + Gregorian.yearName(firstYear)
        default:
            return nil
        }
    }
}

extension EDTFPoint {
    /// The human form of this one date, with its qualifiers.
    func human(spellingOutMonth: Bool = false) -> String {
        let bare = EDTFPoint(value: value, qualifier: nil).bareHuman(spellingOutMonth: spellingOutMonth)
        return Self.qualified(bare, by: qualifier) + componentNote
    }

    static func qualified(_ text: String, by qualifier: EDTFQualifier?) -> String {
        switch qualifier {
        case nil: text
        case .uncertain: text + "?"
        case .approximate: "c. " + text
        case .uncertainAndApproximate: "c. " + text + "?"
        }
    }

    /// Both ends' forms, the later marked "AD" when the earlier is BC, so "45 BC – 14 AD" cannot
    /// be read as two years BC.
    static func eraMarked(_ start: EDTFPoint, _ end: EDTFPoint) -> (String, String) {
        let crossesEra = (start.earliest?.year ?? 1) < 1 && (end.latest?.year ?? 0) >= 1
        return (start.human(), end.human() + (crossesEra ? " AD" : ""))
    }

    /// " (year and month uncertain)" for Level 2 marks on single components; empty without them.
    private var componentNote: String {
        guard !marks.isEmpty else { return "" }
        let (uncertain, approximate) = marks.markedComponents(count: componentCount)
        let both = uncertain.intersection(approximate)
        var parts: [String] = []
        if !uncertain.subtracting(both).isEmpty {
            parts.append(Self.names(uncertain.subtracting(both)) + " uncertain")
        }
        if !approximate.subtracting(both).isEmpty {
            parts.append(Self.names(approximate.subtracting(both)) + " approximate")
        }
        if !both.isEmpty {
            parts.append(Self.names(both) + " uncertain and approximate")
        }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    private static func names(_ components: Set<EDTFComponent>) -> String {
        listed(components.sorted().map(\.rawValue), conjunction: "and")
    }

    /// "a", "a or b", "a, b or c".
    static func listed(_ items: [String], conjunction: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
    }

    private func bareHuman(spellingOutMonth: Bool) -> String {
        switch value {
        case .century(let leading):
            return Self.yearSpan(leading * 100, leading * 100 + 99)
        case .decade(let leading):
            // "2020s" is clear; "1900s" and "800s" are also read as centuries, so those get their years.
            let first = leading * 10
            return first >= 1000 && first % 100 != 0 ? "\(first)s" : Self.yearSpan(first, first + 9)
        case .year(let year), .yearWithUnspecifiedMonth(let year), .yearWithUnspecifiedMonthAndDay(let year):
            return Gregorian.yearName(year)
        case .month(let year, let month), .monthWithUnspecifiedDay(let year, let month):
            return "\(Gregorian.monthAbbreviation(month)) \(Gregorian.yearName(year))"
        case .season(let year, let season):
            guard season.spansNewYear else {
                return "\(season.name) \(Gregorian.yearName(year))"
            }
            // "Winter 2022–23", but "Winter 1999–2000" where the short form would be ambiguous.
            let next = year + 1
            if year < 0 {
                return "\(season.name) \(1 - year)–\(1 - next) BC"
            }
            if year == 0 {
                return "\(season.name) 1 BC – 1 AD"
            }
            let nextText = next / 100 == year / 100 ? zeroPadded(next % 100, width: 2) : "\(next)"
            return "\(season.name) \(year)–\(nextText)"
        case .day(let day):
            let month = spellingOutMonth ? Gregorian.monthName(day.month) : Gregorian.monthAbbreviation(day.month)
            return "\(day.day) \(month) \(Gregorian.yearName(day.year))"
        case .dateTime(let day, let time):
            let month = spellingOutMonth ? Gregorian.monthName(day.month) : Gregorian.monthAbbreviation(day.month)
            return "\(day.day) \(month) \(Gregorian.yearName(day.year)), \(time.human)"
        case .unspecified(let mask):
            return mask.human(spellingOutMonth: spellingOutMonth)
        }
    }

    /// "1900–1909", "30–21 BC", "1 BC – 9 AD": an inclusive span of years.
    static func yearSpan(_ first: Int, _ last: Int) -> String {
        if first >= 1 {
            return "\(first)–\(last)"
        }
        if last < 1 {
            return "\(1 - first)–\(1 - last) BC"
        }
        return "\(1 - first) BC – \(last) AD"
    }
}

extension EDTFSet {
    /// "5 or 6 May 1542", "Feb or Mar 1544", "1547 or 1548", "Nov 1552 or 7 Dec 1552",
    /// "1667 and 1668", "1667, 1668 or 1670 to 1672", "3 Dec 1760 or earlier".
    var human: String {
        let conjunction = kind == .oneOf ? "or" : "and"
        let plain = members.compactMap { member -> EDTFPoint.Value? in
            if case .point(let point) = member, point.isUnqualified { point.value } else { nil }
        }
        if plain.count == members.count, let shared = Self.sharedTail(plain, conjunction: conjunction) {
            return shared
        }
        return EDTFPoint.listed(members.map(\.human), conjunction: conjunction)
    }

    /// Days of one month, or months of one year, written once with their shared month and year.
    private static func sharedTail(_ values: [EDTFPoint.Value], conjunction: String) -> String? {
        let days = values.compactMap { if case .day(let day) = $0 { day } else { nil } }
        if days.count == values.count, let first = days.first, days.count > 1,
           days.allSatisfy({ $0.year == first.year && $0.month == first.month })
        {
            return EDTFPoint.listed(days.map { String($0.day) }, conjunction: conjunction)
                + " \(Gregorian.monthAbbreviation(first.month)) \(Gregorian.yearName(first.year))"
        }
        let months = values.compactMap { if case .month(let year, let month) = $0 { (year, month) } else { nil } }
        if months.count == values.count, let first = months.first, months.count > 1,
           months.allSatisfy({ $0.0 == first.0 })
        {
            return EDTFPoint.listed(months.map { Gregorian.monthAbbreviation($0.1) }, conjunction: conjunction)
                + " \(Gregorian.yearName(first.0))"
        }
        return nil
    }
}

extension EDTFSet.Member {
    /// "1670 to 1672", "3 Dec 1760 or earlier", "Dec 1760 or later".
    var human: String {
        switch self {
        case .point(let point):
            return point.human()
        case .range(let start?, let end?):
            let (first, last) = EDTFPoint.eraMarked(start, end)
            return "\(first) to \(last)"
        case .range(nil, let end?):
            return "\(end.human()) or earlier"
        case .range(let start?, nil):
            return "\(start.human()) or later"
        case .range(nil, nil):
            // The parser refuses a range without ends.
            return ".."
        }
    }
}

extension EDTFMask {
    /// "25 Dec in 1560–1569", "Oct–Dec 2022", "10–19 May 2022", "December, year unknown",
    /// "1000–1999", "date unknown".
    func human(spellingOutMonth: Bool) -> String {
        let year = yearHuman
        let month = components.count > 1 ? Self.monthHuman(Array(components[1]), spellingOut: spellingOutMonth && components.count > 2) : nil
        let day = components.count > 2 ? Self.dayHuman(Array(components[2])) : nil
        guard let year else {
            switch (month, day) {
            case (nil, nil): return "date unknown"
            case (let month?, nil): return "\(month), year unknown"
            case (let month?, let day?): return "\(day) \(month), year unknown"
            case (nil, let day?): return "day \(day) of an unknown month and year"
            }
        }
        // "December in 1000–1999": a bare space would read as December 1000 to 1999.
        let connector = components[0].utf8.contains(UInt8(ascii: "X")) ? " in " : " "
        switch (month, day) {
        case (nil, nil): return year
        case (let month?, nil): return month + connector + year
        case (let month?, let day?): return "\(day) \(month)\(connector)\(year)"
        case (nil, let day?): return "day \(day) of a month in \(year)"
        }
    }

    /// The year or span of years the year digits allow; nil when none is known.
    private var yearHuman: String? {
        guard !isUndated else { return nil }
        let negative = components[0].hasPrefix("-")
        let digits = Array(components[0].drop { $0 == "-" })
        guard digits.contains("X") else {
            return Gregorian.yearName((negative ? -1 : 1) * (EDTFParser.number(digits) ?? 0))
        }
        let low = EDTFParser.number(digits.map { $0 == "X" ? "0" : $0 }) ?? 0
        let high = EDTFParser.number(digits.map { $0 == "X" ? "9" : $0 }) ?? 0
        return negative ? EDTFPoint.yearSpan(-high, -low) : EDTFPoint.yearSpan(low, high)
    }

    /// nil when wholly unspecified.
    private static func monthHuman(_ mask: [Character], spellingOut: Bool) -> String? {
        guard mask != ["X", "X"] else { return nil }
        let months = (1...12).filter { matches(mask, $0) }
        let name = spellingOut && months.count == 1 ? Gregorian.monthName : Gregorian.monthAbbreviation
        return spanOrList(months, name: name)
    }

    /// nil when wholly unspecified.
    private static func dayHuman(_ mask: [Character]) -> String? {
        guard mask != ["X", "X"] else { return nil }
        return spanOrList((1...31).filter { matches(mask, $0) }, name: { String($0) })
    }

    /// "10–19" for a run, "1, 11, 21 or 31" otherwise.
    private static func spanOrList(_ values: [Int], name: (Int) -> String) -> String {
        guard let first = values.first, let last = values.last else { return "" }
        if values.count == 1 {
            return name(first)
        }
        if last - first + 1 == values.count {
            return "\(name(first))–\(name(last))"
        }
        return EDTFPoint.listed(values.map(name), conjunction: "or")
    }
}
