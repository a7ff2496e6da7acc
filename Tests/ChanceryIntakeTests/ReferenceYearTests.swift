@testable import ChanceryIntake
import Testing

/// The year in the references intake proposes, as `letter add` writes it.
@Suite("Years in proposed references")
struct ReferenceYearTests {
    @Test("a day, a month, an open start, a year before the common era, and dates without a year", arguments: [
        ("2022-05-12", "2022"), ("2022-05", "2022"), ("../2022-05-12", "2022"), ("-0044-03-15", "45BC"), ("0000", "1BC"),
        ("0999~", "0999"), ("not a date", "ND"),
    ])
    func year(date: String, expected: String) {
        #expect(IntakeDataset.year(of: date) == expected)
    }

    @Test("no date at all") func missing() {
        #expect(IntakeDataset.year(of: nil) == "ND")
    }
}
