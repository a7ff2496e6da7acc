import Foundation
import CivilDays

/// Dates as news text writes them, made EDTF: full dates anywhere, and the relative ones a report
/// uses ("on Monday", "last week", "on March 3") read against the article's own date.
enum ArticleDates {
    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"]
    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    static func month(_ word: String) -> Int? {
        let w = Tokenizer.normalize(word)
        if let full = months.firstIndex(of: w) { return full + 1 }
        if w.count >= 3, let short = months.firstIndex(where: { $0.hasPrefix(w) }) { return short + 1 }
        return nil
    }

    /// The first full date in a text (YYYY-MM-DD, "March 14, 2023", "14 March 2023"), as EDTF.
    static func day(in text: String) -> String? {
        let words = Tokenizer.tokens(of: text).filter(\.isWord).map(\.text)
        for (i, word) in words.enumerated() {
            if word.count >= 10, let iso = isoDay(word) { return iso }
            if let m = month(word), i + 1 < words.count {
                // Month Day, Year
                if let d = Int(words[i + 1]), i + 2 < words.count, let y = Int(words[i + 2]), y > 1000 {
                    return format(y, m, d)
                }
            }
            if let d = Int(word), i + 2 < words.count, let m = month(words[i + 1]), let y = Int(words[i + 2]), y > 1000 {
                return format(y, m, d)
            }
        }
        // An ISO date inside a longer token (2023-03-14T10:00:00Z) splits at the dashes.
        if let range = text.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) { return isoDay(String(text[range])) }
        return nil
    }

    static func isoDay(_ text: String) -> String? {
        let parts = text.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return format(y, m, d)
    }

    static func format(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard (1...12).contains(m), (1...31).contains(d), (1000...9999).contains(y) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    static func dayNumber(_ edtfDay: String) -> Int? {
        let parts = edtfDay.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return CivilDays.number(year: parts[0], month: parts[1], day: parts[2])
    }

    static func edtf(_ dayNumber: Int) -> String {
        let (y, m, d) = CivilDays.date(ofNumber: dayNumber)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// When a sentence says a letter was sent, as EDTF, with the words that said so; nil when it
    /// does not say. `published` bounds what the article reports.
    static func mentioned(in tokens: [Token], published: String?, upcoming: Bool = false) -> (date: String, words: String)? {
        let words = tokens.map(\.norm)
        let publishedDay = published.flatMap(dayNumber)
        // A date says when a letter was sent after "on", "dated" or "of" ("a letter dated 3 March");
        // dates in brackets or elsewhere name occasions ("National Day (2 December 1975)").
        func introduced(_ i: Int) -> Bool { i > 0 && ["on", "dated", "of", "date"].contains(words[i - 1]) }
        // "… the ministry said on Thursday", "published on Tuesday": when it was told, not sent.
        let telling: Set<String> = ["said", "says", "announced", "reported", "stated", "told", "confirmed", "published", "released", "added"]
        func told(_ i: Int) -> Bool { words[max(0, i - 3)..<i].contains(where: telling.contains) }
        func prefix(_ i: Int) -> String { i > 0 && words[i - 1] == "dated" ? "dated " : "" }
        for (i, word) in words.enumerated() {
            if told(i) { continue }
            // "in June 2022"
            if word == "in", i + 2 < words.count, let m = month(words[i + 1]), tokens[i + 1].isCapitalized, let y = Int(words[i + 2]), y > 1000 {
                return (String(format: "%04d-%02d", y, m), "in \(tokens[i + 1].text) \(y)")
            }
            // A full date.
            if let m = month(word), introduced(i), m > 0, tokens[i].isCapitalized, i + 1 < words.count, let d = Int(words[i + 1]), d <= 31 {
                if i + 2 < words.count, words[i + 2] == ",", i + 3 < words.count, let y = Int(words[i + 3]), y > 1000 {
                    if let value = format(y, m, d) { return (value, prefix(i) + "\(tokens[i].text) \(d), \(y)") }
                }
                if i + 2 < words.count, let y = Int(words[i + 2]), y > 1000, let value = format(y, m, d) {
                    return (value, prefix(i) + "\(tokens[i].text) \(d) \(y)")
                }
                if let publishedDay, let value = dayBefore(publishedDay, month: m, day: d) {
                    return (value, "\(tokens[i].text) \(d)")
                }
            }
            if let d = Int(word), d <= 31, introduced(i), i + 1 < words.count, let m = month(words[i + 1]), tokens[i + 1].isCapitalized {
                if i + 2 < words.count, let y = Int(words[i + 2]), y > 1000, let value = format(y, m, d) {
                    return (value, prefix(i) + "\(d) \(tokens[i + 1].text) \(y)")
                }
                if let publishedDay, let value = dayBefore(publishedDay, month: m, day: d) {
                    return (value, "\(d) \(tokens[i + 1].text)")
                }
            }
            guard let publishedDay else { continue }
            if (word == "on" || word == "last") && i + 1 < words.count, let weekday = weekdays.firstIndex(of: words[i + 1]) {
                // The most recent such weekday up to the article's day; day 0 (1970-01-01) was a Thursday.
                let publishedWeekday = ((publishedDay + 3) % 7 + 7) % 7   // 0 = Monday
                var back = (publishedWeekday - weekday + 7) % 7
                if word == "last" && back == 0 { back = 7 }
                return (edtf(publishedDay - back), "\(tokens[i].text) \(tokens[i + 1].text)")
            }
            if word == "yesterday" { return (edtf(publishedDay - 1), tokens[i].text) }
            if word == "today" || (word == "this" && i + 1 < words.count && words[i + 1] == "morning") {
                return (edtf(publishedDay), tokens[i].text)
            }
            if (word == "last" || word == "this") && i + 1 < words.count && words[i + 1] == "week" {
                let end = word == "last" ? publishedDay - 1 : publishedDay
                return ("\(edtf(publishedDay - (word == "last" ? 13 : 6)))/\(edtf(end))", "\(tokens[i].text) week")
            }
            // "in March": a letter's is the last March, a coming meeting's the next; when the sentence
            // names a meeting, the month is the meeting's, not the letter's.
            if word == "in", i + 1 < words.count, let m = month(words[i + 1]), tokens[i + 1].isCapitalized,
               !(i + 2 < words.count && Int(words[i + 2]) != nil),
               upcoming || !words.contains(where: { EventCues.heads[$0] != nil }) {
                let (py, pm, _) = CivilDays.date(ofNumber: publishedDay)
                let year = upcoming ? (m >= pm ? py : py + 1) : (m <= pm ? py : py - 1)
                return (String(format: "%04d-%02d", year, m), "in \(tokens[i + 1].text)")
            }
        }
        return nil
    }

    /// The last day with this month and day on or before the article's day.
    static func dayBefore(_ publishedDay: Int, month: Int, day: Int) -> String? {
        let (py, _, _) = CivilDays.date(ofNumber: publishedDay)
        for year in [py, py - 1] {
            if let candidate = format(year, month, day), let number = dayNumber(candidate), number <= publishedDay {
                return candidate
            }
        }
        return nil
    }
}
