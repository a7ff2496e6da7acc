@testable import ChanceryModel
import EDTF
import Testing

@Suite("Age thresholds")
struct AgeThresholdTests {
    @Test("units and plain days parse", arguments: [("30d", 30, AgeThreshold.Unit.days), ("2w", 2, .weeks), ("6m", 6, .months),
                                                   ("1y", 1, .years), ("45", 45, .days), (" 3D ", 3, .days)])
    func parses(text: String, amount: Int, unit: AgeThreshold.Unit) throws {
        let threshold = try AgeThreshold(parsing: text)
        #expect(threshold.amount == amount && threshold.unit == unit)
    }

    @Test("anything else is refused with a hint", arguments: ["3x", "", "d", "-3d", "1.5m", "30 days", "9999999d"])
    func refuses(text: String) {
        let error = #expect(throws: ChanceryError.self) { try AgeThreshold(parsing: text) }
        #expect(error?.kind == .invalidInput)
        #expect(error?.field == "older-than")
        #expect(error?.hint?.contains("30d") == true)
    }

    @Test("cutoffs step days, weeks and the calendar")
    func cutoffs() throws {
        let today = try CalendarDay(year: 2024, month: 3, day: 31)
        #expect(try AgeThreshold(parsing: "31d").cutoff(from: today).description == "2024-02-29")
        #expect(try AgeThreshold(parsing: "1w").cutoff(from: today).description == "2024-03-24")
        #expect(try AgeThreshold(parsing: "1m").cutoff(from: today).description == "2024-02-29")
        #expect(try AgeThreshold(parsing: "13m").cutoff(from: today).description == "2023-02-28")
        #expect(try AgeThreshold(parsing: "1y").cutoff(from: today).description == "2023-03-31")
        #expect(try AgeThreshold(parsing: "0d").cutoff(from: today) == today)
    }
}
