import EDTF
import Foundation
import Testing

/// Random sets of generated dates: bounds are the members' extremes, the text round-trips.
@Test func randomSetsSpanTheirMembers() throws {
    var generator = ExpressionGenerator(seed: 0x5E7)
    var random = SplitMix64(seed: 0x5E7)
    for _ in 0..<1_000 {
        var members: [String] = []
        var earliest: [OracleDay?] = []
        var latest: [OracleDay?] = []
        var precisions: [EDTFPrecision] = []
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            var point = generator.next()
            while point.isInterval {
                point = generator.next()
            }
            precisions.append(point.precision)
            switch Int.random(in: 0..<6, using: &random) {
            case 0:
                members.append(".." + point.expression)
                earliest.append(nil)
                latest.append(point.latest)
            case 1:
                members.append(point.expression + "..")
                earliest.append(point.earliest)
                latest.append(nil)
            default:
                members.append(point.expression)
                earliest.append(point.earliest)
                latest.append(point.latest)
            }
        }
        let oneOf = Bool.random(using: &random)
        let expression = (oneOf ? "[" : "{") + members.joined(separator: ",") + (oneOf ? "]" : "}")
        let date = try EDTFDate(expression)
        #expect(date.expression == expression)
        #expect(date.setKind == (oneOf ? .oneOf : .allOf))
        #expect(date.earliest?.oracle == (earliest.contains { $0 == nil } ? nil : earliest.compactMap { $0 }.min()),
                "\(expression)")
        #expect(date.latest?.oracle == (latest.contains { $0 == nil } ? nil : latest.compactMap { $0 }.max()),
                "\(expression)")
        #expect(date.precision == precisions.max(), "\(expression)")
        #expect(try EDTFDate(date.expression) == date)
        #expect(!date.humanReadable.isEmpty)
    }
}

/// Random days with digits replaced by X, checked against a brute-force search of the calendar.
@Test func randomUnspecifiedDigitsMatchABruteForceSearch() throws {
    var random = SplitMix64(seed: 0xC0FFEE)
    var checked = 0
    while checked < 200 {
        let negative = Int.random(in: 0..<5, using: &random) == 0
        let magnitude = negative ? Int.random(in: 1...4_000, using: &random) : Int.random(in: 0...9_999, using: &random)
        let written = [
            Array(String(format: "%04d", magnitude)),
            Array(String(format: "%02d", Int.random(in: 1...12, using: &random))),
            Array(String(format: "%02d", Int.random(in: 1...28, using: &random))),
        ]
        let length = Int.random(in: 1...3, using: &random)
        var masked = Array(written.prefix(length))
        for part in masked.indices {
            for digit in masked[part].indices where Int.random(in: 0..<3, using: &random) == 0 {
                masked[part][digit] = "X"
            }
        }
        // At most two unknown year digits keep the brute force quick; fully unknown years have
        // no bounds and their own test.
        guard masked[0].filter({ $0 == "X" }).count <= 2 else { continue }
        checked += 1
        let expression = (negative ? "-" : "") + masked.map { String($0) }.joined(separator: "-")
        let expected = bruteForceBounds(negative: negative, masked)
        do {
            let date = try EDTFDate(expression)
            #expect(date.expression == expression)
            #expect(date.earliest?.oracle == expected?.0, "\(expression)")
            #expect(date.latest?.oracle == expected?.1, "\(expression)")
            #expect(!date.humanReadable.contains("-"), "\(expression): \(date.humanReadable)")
        } catch let error as EDTFError {
            // Only digits that fit no real, storable day may be refused.
            #expect(expected == nil || error.reason.contains("outside the years"), "\(expression): \(error)")
        }
    }
}

private func bruteForceBounds(negative: Bool, _ masked: [[Character]]) -> (OracleDay, OracleDay)? {
    // Digit by digit from the right, in integers: this runs for millions of candidate days.
    func fits(_ mask: [Character], _ value: Int) -> Bool {
        var rest = value
        for character in mask.reversed() {
            if character != "X" && character.wholeNumberValue != rest % 10 {
                return false
            }
            rest /= 10
        }
        return rest == 0
    }
    var first: OracleDay?
    var last: OracleDay?
    for magnitude in 0...9_999 where fits(masked[0], magnitude) {
        let year = negative ? -magnitude : magnitude
        for month in 1...12 where masked.count < 2 || fits(masked[1], month) {
            for day in 1...oracleDaysIn(month: month, year: year) where masked.count < 3 || fits(masked[2], day) {
                let candidate = OracleDay(year: year, month: month, day: day)
                if first.map({ candidate < $0 }) ?? true { first = candidate }
                if last.map({ candidate > $0 }) ?? true { last = candidate }
            }
        }
    }
    guard let first, let last else { return nil }
    return (first, last)
}

/// Years before 1 never read as 0 or a negative number, in any form.
@Test func yearsBeforeOneReadAsBC() throws {
    var random = SplitMix64(seed: 0xBC)
    for _ in 0..<1_000 {
        let year = Int.random(in: -4_712...0, using: &random)
        let month = Int.random(in: 1...12, using: &random)
        let day = Int.random(in: 1...28, using: &random)
        let yearText = year == 0 ? "0000" : "-" + String(format: "%04d", -year)
        for expression in [yearText, "\(yearText)-\(String(format: "%02d", month))",
                           "\(yearText)-\(String(format: "%02d-%02d", month, day))", "\(yearText)-24", "\(yearText)~"] {
            let date = try EDTFDate(expression)
            let human = date.humanReadable
            #expect(human.contains("BC"), "\(expression): \(human)")
            #expect(!human.contains("-"), "\(expression): \(human)")
            #expect(!human.split(separator: " ").contains("0"), "\(expression): \(human)")
            #expect(date.earliest?.year == year, "\(expression)")
            #expect(try EDTFDate(date.expression) == date)
        }
    }
}
