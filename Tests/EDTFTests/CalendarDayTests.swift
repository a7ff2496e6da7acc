import EDTF
import Foundation
import Testing

@Test func validDaysAndTheirText() throws {
    let day = try CalendarDay(year: 2022, month: 5, day: 12)
    #expect(day.year == 2022 && day.month == 5 && day.day == 12)
    #expect(day.description == "2022-05-12")
    #expect(try CalendarDay(year: 800, month: 1, day: 2).description == "0800-01-02")
    #expect(try CalendarDay(year: 2024, month: 2, day: 29).description == "2024-02-29")
    #expect(try CalendarDay(year: 2000, month: 2, day: 29).description == "2000-02-29")
    #expect(try CalendarDay(year: 0, month: 2, day: 29).description == "0000-02-29")
    // Astronomical years, as ISO 8601 and XML Schema write them: -44 is 45 BC.
    #expect(try CalendarDay(year: -44, month: 3, day: 15).description == "-0044-03-15")
    #expect(try CalendarDay(year: -4712, month: 1, day: 1).description == "-4712-01-01")
    #expect(try CalendarDay(year: 12345, month: 1, day: 1).description == "12345-01-01")
    #expect(try CalendarDay(year: 5_874_897, month: 12, day: 31).description == "5874897-12-31")
    #expect(try CalendarDay(year: -4, month: 2, day: 29).description == "-0004-02-29")
}

@Test(arguments: ["0000-03-01", "-0044-03-15", "-4712-01-01", "12345-01-01", "5874897-12-31", "-0001-12-31"])
func isoTextRoundTrips(_ text: String) throws {
    let day = try CalendarDay(iso: text)
    #expect(day.description == text)
    let json = try JSONEncoder().encode(day)
    #expect(try JSONDecoder().decode(CalendarDay.self, from: json) == day)
}

@Test func yearNamesNeverShowZeroOrNegativeYears() {
    #expect(Gregorian.yearName(2022) == "2022")
    #expect(Gregorian.yearName(1) == "1")
    #expect(Gregorian.yearName(0) == "1 BC")
    #expect(Gregorian.yearName(-44) == "45 BC")
    #expect(Gregorian.yearName(-4712) == "4713 BC")
}

@Test(arguments: [
    (2022, 2, 30, "2022-02-30: day 30 out of range for February 2022"),
    (1900, 2, 29, "1900-02-29: day 29 out of range for February 1900"),
    (2022, 4, 31, "2022-04-31: day 31 out of range for April 2022"),
    (2022, 0, 1, "2022-00-01: month 0 out of range"),
    (2022, 13, 1, "2022-13-01: month 13 out of range"),
    (2022, 1, 0, "2022-01-00: day 0 out of range for January 2022"),
    (5_874_898, 1, 1, "5874898-01-01: year 5874898 is outside the years a register can store (4713 BC to 5874897 AD)"),
    (-4713, 12, 31, "-4713-12-31: year -4713 is outside the years a register can store (4713 BC to 5874897 AD)"),
])
func invalidDays(year: Int, month: Int, day: Int, message: String) {
    let error = #expect(throws: EDTFError.self) { try CalendarDay(year: year, month: month, day: day) }
    #expect(error?.description == message)
}

@Test func parsesISODays() throws {
    #expect(try CalendarDay(iso: "2022-05-12") == CalendarDay(year: 2022, month: 5, day: 12))
    let outOfRange = #expect(throws: EDTFError.self) { try CalendarDay(iso: "2022-02-30") }
    #expect(outOfRange?.description == "2022-02-30: day 30 out of range for February 2022 at position 9")
    let beyond = #expect(throws: EDTFError.self) { try CalendarDay(iso: "5874898-01-01") }
    #expect(beyond?.reason == "year 5874898 is outside the years a register can store (4713 BC to 5874897 AD)")
    for text in ["2022-05", "2022-05-12?", "2022-05-12/2022-05-13", "2022-05-XX", "", "?2022-05-12", "12345-02-30"] {
        #expect(throws: EDTFError.self, "\(text)") { try CalendarDay(iso: text) }
    }
}

@Test func ordersChronologically() throws {
    let days = try ["2022-05-12", "2021-12-31", "2022-01-01", "0800-12-25", "2022-05-11"].map(CalendarDay.init(iso:))
    #expect(days.sorted().map(\.description) == ["0800-12-25", "2021-12-31", "2022-01-01", "2022-05-11", "2022-05-12"])
}

@Test func codesAsISOString() throws {
    let day = try CalendarDay(year: 2022, month: 5, day: 12)
    let json = try JSONEncoder().encode([day])
    #expect(String(decoding: json, as: UTF8.self) == #"["2022-05-12"]"#)
    #expect(try JSONDecoder().decode([CalendarDay].self, from: json) == [day])
    #expect(throws: DecodingError.self) {
        try JSONDecoder().decode([CalendarDay].self, from: Data(#"["2022-02-30"]"#.utf8))
    }
}
