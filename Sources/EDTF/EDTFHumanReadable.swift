// The short human forms printed in timelines and reports.
//
// Single days spell the month out ("12 September 2022"); everything else uses three-letter
// abbreviations so ranges stay short ("Jan–Mar 2022", "30 Dec 2021 – 2 Jan 2022").
// Ranges inside one month or year share the trailing parts and use an unspaced en dash; ranges
// whose ends share nothing use a spaced en dash, as style guides ask for compound ends.

extension EDTFDate {
    /// A short English form for reports: "12 May 2022", "May 2022", "Spring 2022", "2020s",
    /// "20th century"; "12–13 May 2022", "Jan–Mar 2022", "Dec 2021 – Feb 2022", "2022 – 2024";
    /// approximate gets a "c. " prefix and uncertain a "?" suffix ("c. 2022", "May 2022?");
    /// open ends read "from May 2022" / "until May 2022", unknown ends add "(end unknown)" /
    /// "(start unknown)".
    ///
    /// Centuries follow the popular reading: `19XX` (1900–1999) is "20th century".
    public var humanReadable: String {
        switch shape {
        case .single(let point):
            return point.human(spellingOutMonth: true)
        case .interval(.known(let start), .known(let end)):
            // One qualifier shared by both ends may mark the combined range once.
            if start.qualifier == end.qualifier, let joined = Self.joined(start.value, end.value) {
                return EDTFPoint.qualified(joined, by: start.qualifier)
            }
            return "\(start.human()) – \(end.human())"
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
            if first.month == last.month {
                return "\(first.day)–\(last.day) \(Gregorian.monthAbbreviation(first.month)) \(first.year)"
            }
            return "\(first.day) \(Gregorian.monthAbbreviation(first.month)) – "
                + "\(last.day) \(Gregorian.monthAbbreviation(last.month)) \(first.year)"
        case (.month(let firstYear, let firstMonth), .month(let lastYear, let lastMonth))
            where firstYear == lastYear:
            return "\(Gregorian.monthAbbreviation(firstMonth))–\(Gregorian.monthAbbreviation(lastMonth)) \(firstYear)"
        default:
            return nil
        }
    }
}

extension EDTFPoint {
    /// The human form of this one date, with its qualifier.
    func human(spellingOutMonth: Bool = false) -> String {
        Self.qualified(EDTFPoint(value: value, qualifier: nil).bareHuman(spellingOutMonth: spellingOutMonth), by: qualifier)
    }

    static func qualified(_ text: String, by qualifier: EDTFQualifier?) -> String {
        switch qualifier {
        case nil: text
        case .uncertain: text + "?"
        case .approximate: "c. " + text
        case .uncertainAndApproximate: "c. " + text + "?"
        }
    }

    private func bareHuman(spellingOutMonth: Bool) -> String {
        switch value {
        case .century(let leading):
            return "\(Self.ordinal(leading + 1)) century"
        case .decade(let leading):
            return "\(leading * 10)s"
        case .year(let year), .yearWithUnspecifiedMonth(let year), .yearWithUnspecifiedMonthAndDay(let year):
            return "\(year)"
        case .month(let year, let month), .monthWithUnspecifiedDay(let year, let month):
            return "\(Gregorian.monthAbbreviation(month)) \(year)"
        case .season(let year, let season):
            guard season == .winter else {
                return "\(season.name) \(year)"
            }
            // "Winter 2022–23", but "Winter 1999–2000" where the short form would be ambiguous.
            let next = year + 1
            let nextText = next / 100 == year / 100 ? zeroPadded(next % 100, width: 2) : "\(next)"
            return "\(season.name) \(year)–\(nextText)"
        case .day(let day):
            let month = spellingOutMonth ? Gregorian.monthName(day.month) : Gregorian.monthAbbreviation(day.month)
            return "\(day.day) \(month) \(day.year)"
        }
    }

    /// "1st", "2nd", "3rd", "4th", "11th", "21st" …
    private static func ordinal(_ number: Int) -> String {
        let suffix: String
        switch (number % 10, number % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(number)\(suffix)"
    }
}
