@testable import EDTF
import Testing

@Suite struct PlainDateTests {
    /// The byte-level reading of plain years, months and days gives exactly what the general
    /// parser gives, and leaves everything else to it.
    @Test("plain dates read fast equal the parser's reading")
    func fastPathMatchesParser() throws {
        var samples = ["0000", "0001", "1945", "2022", "9999", "2022-01", "2022-12", "1999-02", "0000-01"]
        for year in [1900, 2000, 2023, 2024] {
            for month in 1...12 {
                for day in 1...Gregorian.daysIn(month: month, year: year) {
                    samples.append(String(format: "%04d-%02d-%02d", year, month, day))
                }
            }
        }
        for sample in samples {
            let fast = try #require(EDTFDate.plainPoint(sample), "\(sample)")
            #expect(EDTFDate(shape: .single(fast)) == EDTFDate(shape: try EDTFParser(sample).parseExpression()), "\(sample)")
        }
        for other in ["2022-13", "2022-00", "2022-02-30", "2023-02-29", "2022-21", "2022-5-01", "202X", "2022?", "2022-05-1a",
                      "+2022", "2022/2023", "20222", "22-05-01", "2022-05-00"] {
            #expect(EDTFDate.plainPoint(other) == nil, "\(other)")
        }
        #expect(throws: EDTFError.self) { try EDTFDate("2022-02-30") }
        #expect(throws: EDTFError.self) { try EDTFDate("2022-13") }
        #expect(try EDTFDate("2022-21").expression == "2022-21")
    }
}
