import ChanceryModel
import EDTF
import LibPQClient

/// How an uncertain date is stored: four columns (`*_edtf`, `*_earliest`, `*_latest`,
/// `*_precision`), an open end as ±infinity so that overlap queries need no NULL cases.
extension UncertainDate {
    var earliestBound: PostgresDate { earliest.map(PostgresDate.init) ?? .negativeInfinity }
    var latestBound: PostgresDate { latest.map(PostgresDate.init) ?? .infinity }

    /// The four bound parameters in column order: edtf, earliest, latest, precision.
    var parameters: [any PostgresEncodable] { [edtf, earliestBound, latestBound, precision.rawValue] }

    /// The four bound parameters for an optional date: all NULL when absent.
    static func columns(_ date: UncertainDate?) -> [any PostgresEncodable] {
        date?.parameters ?? [String?.none, PostgresDate?.none, PostgresDate?.none, String?.none]
    }
}

extension PostgresDate {
    init(_ day: CalendarDay) {
        self = .day(year: day.year, month: day.month, day: day.day)
    }
}
