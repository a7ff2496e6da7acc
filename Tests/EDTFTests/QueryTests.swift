import EDTF
import Foundation
import Testing

private func day(_ text: String) -> CalendarDay? {
    try? CalendarDay(iso: text)
}

/// A window query and its expected answers.
struct WindowCase: Sendable, CustomTestStringConvertible {
    var expression: String
    var from: String?
    var to: String?
    var overlaps: Bool
    var liesWithin: Bool

    var testDescription: String { "\(expression) in [\(from ?? "-∞"), \(to ?? "+∞")]" }
}

private let windowCases: [WindowCase] = [
    WindowCase(expression: "2022-05-12", from: "2022-01-01", to: "2022-12-31", overlaps: true, liesWithin: true),
    WindowCase(expression: "2022-05-12", from: "2022-05-12", to: "2022-05-12", overlaps: true, liesWithin: true),
    WindowCase(expression: "2022-05-12", from: "2022-05-13", to: nil, overlaps: false, liesWithin: false),
    WindowCase(expression: "2022-05", from: "2022-05-31", to: "2022-06-30", overlaps: true, liesWithin: false),
    WindowCase(expression: "2022-05", from: "2022-06-01", to: "2022-06-30", overlaps: false, liesWithin: false),
    WindowCase(expression: "2021-12/2022-02", from: "2022-01-01", to: "2022-12-31", overlaps: true, liesWithin: false),
    WindowCase(expression: "2022-24", from: "2023-01-01", to: "2023-12-31", overlaps: true, liesWithin: false),
    WindowCase(expression: "2022-05/..", from: "2030-01-01", to: "2030-12-31", overlaps: true, liesWithin: false),
    WindowCase(expression: "2022-05/..", from: "2022-01-01", to: nil, overlaps: true, liesWithin: true),
    WindowCase(expression: "2022-05/..", from: nil, to: "2022-04-30", overlaps: false, liesWithin: false),
    WindowCase(expression: "../2022-05", from: nil, to: "2022-05-31", overlaps: true, liesWithin: true),
    WindowCase(expression: "/2022-05", from: "1900-01-01", to: nil, overlaps: true, liesWithin: false),
    WindowCase(expression: "202X", from: nil, to: nil, overlaps: true, liesWithin: true),
    // An inverted window is empty.
    WindowCase(expression: "2022", from: "2022-06-01", to: "2022-03-01", overlaps: false, liesWithin: false),
]

@Test("window queries", arguments: windowCases)
func window(_ testCase: WindowCase) throws {
    let date = try EDTFDate(testCase.expression)
    let from = testCase.from.flatMap(day)
    let to = testCase.to.flatMap(day)
    #expect(date.overlaps(from: from, to: to) == testCase.overlaps)
    #expect(date.liesWithin(from: from, to: to) == testCase.liesWithin)
}

@Test func timelineOrdering() throws {
    let expressions = ["2022-05/..", "2022", "../2021", "2022-05", "2022-01/2022-03", "2022-01", "/2022-01", "2022-XX"]
    let sorted = try expressions.map(EDTFDate.init).sorted(by: EDTFDate.timelineOrder).map(\.expression)
    #expect(sorted == ["../2021", "/2022-01", "2022-01", "2022-01/2022-03", "2022", "2022-XX", "2022-05", "2022-05/.."])
}

@Test func codesAsExpressionString() throws {
    let dates = try ["2022-01/2022-03", "2022-05-12?", "2022-05/.."].map(EDTFDate.init)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .withoutEscapingSlashes
    let json = try encoder.encode(dates)
    #expect(String(decoding: json, as: UTF8.self) == #"["2022-01/2022-03","2022-05-12?","2022-05/.."]"#)
    #expect(try JSONDecoder().decode([EDTFDate].self, from: json) == dates)
    #expect(throws: DecodingError.self) {
        try JSONDecoder().decode([EDTFDate].self, from: Data(#"["2022-13"]"#.utf8))
    }
}
