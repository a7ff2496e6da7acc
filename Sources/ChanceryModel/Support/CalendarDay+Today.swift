package import EDTF
import Foundation

extension CalendarDay {
    /// 0000-01-01, the earliest day EDTF's four-digit years reach.
    package static let firstDay = try! CalendarDay(year: 0, month: 1, day: 1)  // A valid literal date: cannot throw.

    /// Today's date where the program runs.
    package static func today() -> CalendarDay {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return (try? CalendarDay(year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1)) ?? .firstDay
    }
}
