import EDTF
import Testing

/// What one expression must mean.
struct BoundsCase: Sendable, CustomTestStringConvertible {
    var expression: String
    var earliest: String?
    var latest: String?
    var precision: EDTFPrecision
    var isInterval = false
    var isUncertain = false
    var isApproximate = false

    var testDescription: String { expression }
}

private let boundsCases: [BoundsCase] = [
    // Level 0 single dates.
    BoundsCase(expression: "2022-05-12", earliest: "2022-05-12", latest: "2022-05-12", precision: .day),
    BoundsCase(expression: "2022-05", earliest: "2022-05-01", latest: "2022-05-31", precision: .month),
    BoundsCase(expression: "2022-04", earliest: "2022-04-01", latest: "2022-04-30", precision: .month),
    BoundsCase(expression: "2024-02", earliest: "2024-02-01", latest: "2024-02-29", precision: .month),
    BoundsCase(expression: "2023-02", earliest: "2023-02-01", latest: "2023-02-28", precision: .month),
    BoundsCase(expression: "1900-02", earliest: "1900-02-01", latest: "1900-02-28", precision: .month),
    BoundsCase(expression: "2000-02", earliest: "2000-02-01", latest: "2000-02-29", precision: .month),
    BoundsCase(expression: "2024-02-29", earliest: "2024-02-29", latest: "2024-02-29", precision: .day),
    BoundsCase(expression: "2022", earliest: "2022-01-01", latest: "2022-12-31", precision: .year),
    BoundsCase(expression: "0000", earliest: "0000-01-01", latest: "0000-12-31", precision: .year),
    BoundsCase(expression: "0800-12-25", earliest: "0800-12-25", latest: "0800-12-25", precision: .day),
    BoundsCase(expression: "9999-12-31", earliest: "9999-12-31", latest: "9999-12-31", precision: .day),
    // Level 0 intervals, mixed precisions.
    BoundsCase(
        expression: "2022-01/2022-03", earliest: "2022-01-01", latest: "2022-03-31", precision: .month,
        isInterval: true
    ),
    BoundsCase(
        expression: "2022-05-12/2022-05-13", earliest: "2022-05-12", latest: "2022-05-13", precision: .day,
        isInterval: true
    ),
    BoundsCase(
        expression: "2022/2022-05-13", earliest: "2022-01-01", latest: "2022-05-13", precision: .year,
        isInterval: true
    ),
    BoundsCase(
        expression: "2022-05-13/2022", earliest: "2022-05-13", latest: "2022-12-31", precision: .year,
        isInterval: true
    ),
    BoundsCase(
        expression: "2022-05-12/2022-05-12", earliest: "2022-05-12", latest: "2022-05-12", precision: .day,
        isInterval: true
    ),
    // Qualifiers.
    BoundsCase(
        expression: "2022-01?", earliest: "2022-01-01", latest: "2022-01-31", precision: .month, isUncertain: true
    ),
    BoundsCase(expression: "2022~", earliest: "2022-01-01", latest: "2022-12-31", precision: .year, isApproximate: true),
    BoundsCase(
        expression: "2022-05-12%", earliest: "2022-05-12", latest: "2022-05-12", precision: .day,
        isUncertain: true, isApproximate: true
    ),
    BoundsCase(
        expression: "2022-01~/2022-03?", earliest: "2022-01-01", latest: "2022-03-31", precision: .month,
        isInterval: true, isUncertain: true, isApproximate: true
    ),
    BoundsCase(
        expression: "2022-01~/2022-03", earliest: "2022-01-01", latest: "2022-03-31", precision: .month,
        isInterval: true, isApproximate: true
    ),
    // Unspecified digits.
    BoundsCase(expression: "202X", earliest: "2020-01-01", latest: "2029-12-31", precision: .decade),
    BoundsCase(expression: "20XX", earliest: "2000-01-01", latest: "2099-12-31", precision: .century),
    BoundsCase(expression: "000X", earliest: "0000-01-01", latest: "0009-12-31", precision: .decade),
    BoundsCase(expression: "99XX", earliest: "9900-01-01", latest: "9999-12-31", precision: .century),
    BoundsCase(expression: "2022-XX", earliest: "2022-01-01", latest: "2022-12-31", precision: .year),
    BoundsCase(expression: "2022-05-XX", earliest: "2022-05-01", latest: "2022-05-31", precision: .month),
    BoundsCase(expression: "2024-02-XX", earliest: "2024-02-01", latest: "2024-02-29", precision: .month),
    BoundsCase(expression: "2022-XX-XX", earliest: "2022-01-01", latest: "2022-12-31", precision: .year),
    BoundsCase(expression: "202X?", earliest: "2020-01-01", latest: "2029-12-31", precision: .decade, isUncertain: true),
    // Open and unknown ends.
    BoundsCase(expression: "2022-05/..", earliest: "2022-05-01", latest: nil, precision: .month, isInterval: true),
    BoundsCase(expression: "../2022-05", earliest: nil, latest: "2022-05-31", precision: .month, isInterval: true),
    BoundsCase(expression: "2022-05/", earliest: "2022-05-01", latest: nil, precision: .month, isInterval: true),
    BoundsCase(expression: "/2022-05", earliest: nil, latest: "2022-05-31", precision: .month, isInterval: true),
    BoundsCase(
        expression: "2022-05-12~/..", earliest: "2022-05-12", latest: nil, precision: .day, isInterval: true,
        isApproximate: true
    ),
    // Seasons.
    BoundsCase(expression: "2022-21", earliest: "2022-03-01", latest: "2022-05-31", precision: .season),
    BoundsCase(expression: "2022-22", earliest: "2022-06-01", latest: "2022-08-31", precision: .season),
    BoundsCase(expression: "2022-23", earliest: "2022-09-01", latest: "2022-11-30", precision: .season),
    BoundsCase(expression: "2022-24", earliest: "2022-12-01", latest: "2023-02-28", precision: .season),
    BoundsCase(expression: "2023-24", earliest: "2023-12-01", latest: "2024-02-29", precision: .season),
    BoundsCase(expression: "9998-24", earliest: "9998-12-01", latest: "9999-02-28", precision: .season),
    BoundsCase(
        expression: "2022-21/2022-23", earliest: "2022-03-01", latest: "2022-11-30", precision: .season,
        isInterval: true
    ),
    BoundsCase(
        expression: "2022-24/2023-02", earliest: "2022-12-01", latest: "2023-02-28", precision: .season,
        isInterval: true
    ),
    BoundsCase(
        expression: "202X/2022-05", earliest: "2020-01-01", latest: "2022-05-31", precision: .decade,
        isInterval: true
    ),
]

@Test("bounds, precision and flags", arguments: boundsCases)
func bounds(_ testCase: BoundsCase) throws {
    let date = try EDTFDate(testCase.expression)
    #expect(date.earliest?.description == testCase.earliest)
    #expect(date.latest?.description == testCase.latest)
    #expect(date.precision == testCase.precision)
    #expect(date.isInterval == testCase.isInterval)
    #expect(date.isUncertain == testCase.isUncertain)
    #expect(date.isApproximate == testCase.isApproximate)
    #expect(date.expression == testCase.expression)
    #expect(date.description == testCase.expression)
}

@Test func unspecifiedFormsStayDistinctFromPlainOnes() throws {
    // Same bounds, different statements: the register keeps what was written.
    let unspecified = try EDTFDate("2022-XX")
    let plain = try EDTFDate("2022")
    #expect(unspecified.earliest == plain.earliest && unspecified.latest == plain.latest)
    #expect(unspecified != plain)
}

@Test func openAndUnknownEndsShareBoundsButNotText() throws {
    let open = try EDTFDate("2022-05/..")
    let unknown = try EDTFDate("2022-05/")
    #expect(open.latest == nil && unknown.latest == nil)
    #expect(open != unknown)
    #expect(open.expression == "2022-05/..")
    #expect(unknown.expression == "2022-05/")
}

@Test func convenienceInitialisers() throws {
    let first = try CalendarDay(year: 2022, month: 5, day: 12)
    let second = try CalendarDay(year: 2022, month: 5, day: 13)

    let single = EDTFDate(day: first)
    #expect(single == (try EDTFDate("2022-05-12")))
    #expect(single.precision == .day)

    let interval = try EDTFDate(from: first, to: second)
    #expect(interval == (try EDTFDate("2022-05-12/2022-05-13")))

    let error = #expect(throws: EDTFError.self) { try EDTFDate(from: second, to: first) }
    #expect(error?.description == "2022-05-13/2022-05-12: interval ends before it starts")
}

@Test func precisionOrdersFromFineToCoarse() {
    #expect(EDTFPrecision.allCases == EDTFPrecision.allCases.sorted())
    #expect(EDTFPrecision.day < .month && .month < .season && .season < .year)
    #expect(EDTFPrecision.year < .decade && .decade < .century)
}
