import EDTF

/// A day as plain numbers, computed independently of the module under test.
struct OracleDay: Comparable, CustomStringConvertible {
    var year: Int
    var month: Int
    var day: Int

    static func < (lhs: OracleDay, rhs: OracleDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    var description: String {
        "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    static func first(year: Int, month: Int = 1) -> OracleDay {
        OracleDay(year: year, month: month, day: 1)
    }

    static func last(year: Int, month: Int = 12) -> OracleDay {
        OracleDay(year: year, month: month, day: oracleDaysIn(month: month, year: year))
    }
}

/// Month lengths written out a second way (a lookup, not a switch) to cross-check the module.
func oracleDaysIn(month: Int, year: Int) -> Int {
    let leap = year % 400 == 0 || (year % 100 != 0 && year % 4 == 0)
    return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
}

func padded(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}

extension CalendarDay {
    var oracle: OracleDay { OracleDay(year: year, month: month, day: day) }
}
