import ChanceryModel
import EDTF
import LibPQClient

/// How an uncertain date is stored: four columns (`*_edtf`, `*_earliest`, `*_latest`,
/// `*_precision`), an open end as ±infinity so that overlap queries need no NULL cases.
extension UncertainDate {
    var earliestBound: PostgresDate { earliest.map(PostgresDate.init) ?? .negativeInfinity }
    var latestBound: PostgresDate { latest.map(PostgresDate.init) ?? .infinity }

    /// The values of a date's four columns for a VALUES list, bound, in column order (edtf,
    /// earliest, latest, precision): `$1, $2, $3, $4::text::date_precision`; all NULL when absent.
    static func values(_ date: UncertainDate?) -> PostgresQuery {
        "\(date?.edtf), \(date?.earliestBound), \(date?.latestBound), \(date?.precision.rawValue)::text::date_precision"
    }
}

extension PostgresDate {
    init(_ day: CalendarDay) {
        self = .day(year: day.year, month: day.month, day: day.day)
    }
}
