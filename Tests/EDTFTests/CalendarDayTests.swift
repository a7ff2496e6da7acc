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
}

@Test(arguments: [
    (2022, 2, 30, "2022-02-30: day 30 out of range for February 2022"),
    (1900, 2, 29, "1900-02-29: day 29 out of range for February 1900"),
    (2022, 4, 31, "2022-04-31: day 31 out of range for April 2022"),
    (2022, 0, 1, "2022-00-01: month 0 out of range"),
    (2022, 13, 1, "2022-13-01: month 13 out of range"),
    (2022, 1, 0, "2022-01-00: day 0 out of range for January 2022"),
    (10000, 1, 1, "10000-01-01: year 10000 out of range 0–9999"),
])
func invalidDays(year: Int, month: Int, day: Int, message: String) {
    let error = #expect(throws: EDTFError.self) { try CalendarDay(year: year, month: month, day: day) }
    #expect(error?.description == message)
}

@Test func parsesISODays() throws {
    #expect(try CalendarDay(iso: "2022-05-12") == CalendarDay(year: 2022, month: 5, day: 12))
    let outOfRange = #expect(throws: EDTFError.self) { try CalendarDay(iso: "2022-02-30") }
    #expect(outOfRange?.description == "2022-02-30: day 30 out of range for February 2022 at position 9")
    for text in ["2022-05", "2022-05-12?", "2022-05-12/2022-05-13", "2022-05-XX", ""] {
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
