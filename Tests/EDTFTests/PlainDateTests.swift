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
        // Qualified as a whole: the stored dates of letters known only roughly.
        samples += ["1945", "2022-05", "2024-02-29", "0000-01-01", "9999-12-31"].flatMap { [$0 + "?", $0 + "~", $0 + "%"] }
        for sample in samples {
            let fast = try #require(EDTFDate.plainPoint(Substring(sample)), "\(sample)")
            #expect(EDTFDate(shape: .single(fast)) == EDTFDate(shape: try EDTFParser(sample).parseExpression()), "\(sample)")
            #expect(try EDTFDate(sample).expression == sample)
        }
        for other in ["2022-13", "2022-00", "2022-02-30", "2023-02-29", "2022-21", "2022-5-01", "202X", "2022-05-1a",
                      "+2022", "2022/2023", "20222", "22-05-01", "2022-05-00", "2022??", "?2022", "2022-?05", "2022-05-?",
                      "2022-13~", "2023-02-29%", "202X?", "?", "~", "2022-21?", "-2022?", "2022 ?"] {
            #expect(EDTFDate.plainPoint(Substring(other)) == nil, "\(other)")
        }
        #expect(try EDTFDate("2022-21").expression == "2022-21")
        #expect(throws: EDTFError.self) { try EDTFDate("2022-02-30") }
        #expect(throws: EDTFError.self) { try EDTFDate("2022-13") }
    }

    /// Plain intervals (their ends maybe qualified, open or unknown) read fast equal the parser's
    /// reading, and every other interval (unspecified, reversed, two open ends or a legacy
    /// spelling) is left to the parser.
    @Test("plain intervals read fast equal the parser's reading")
    func intervalFastPathMatchesParser() throws {
        let points = ["1985", "1985-12", "1985-12-01", "1985-12-31", "2022-05-12", "2022-05-13", "2022", "0000", "9999-12-31",
                      "1985~", "1985-12?", "2022-05-12%", "9999-12-31~"]
        var compared = 0
        for first in points + ["..", ""] {
            for last in points + ["..", ""] {
                let text = first + "/" + last
                guard let parsed = try? EDTFParser(text).parseExpression() else {
                    #expect(EDTFDate.plainInterval(text) == nil, "\(text) is refused by the parser")
                    continue
                }
                if let fast = EDTFDate.plainInterval(text) {
                    #expect(EDTFDate(shape: fast) == EDTFDate(shape: parsed), "\(text)")
                    #expect(EDTFDate(shape: fast).expression == text)
                    compared += 1
                } else {
                    #expect(first.count <= 2 && last.count <= 2, "\(text) should be read fast")
                }
            }
        }
        #expect(compared > 150)
        for other in ["2022/2021", "2022-05-13/2022-05-12", "2022~/2021", "202X/2023", "/", "../", "/..", "2022/?", "?/2022",
                      "2022-02-30/2023", "2022/2023/2024", "[2022/2023]", "2022//2023", "2022/ 2023"] {
            #expect(EDTFDate.plainInterval(other) == nil, "\(other)")
        }
        #expect(throws: EDTFError.self) { try EDTFDate("2022-05-13/2022-05-12") }
        #expect(try EDTFDate("2022/?").isLegacyForm)
        #expect(try EDTFDate("/2022-05").expression == "/2022-05")
        #expect(try EDTFDate("1985-12~/").expression == "1985-12~/")
    }
}
