/// The time of day of a Level 0 date and time (`1985-04-12T23:20:30`), with its zone as written.
///
/// The register files the letter under the date written; the time is kept for display and so the
/// expression round-trips, and is not converted to UTC (that could move the letter to another day).
struct EDTFTime: Sendable, Hashable {
    enum Zone: Sendable, Hashable {
        /// No designator: local time of an unstated place.
        case local
        /// `Z`.
        case utc
        /// `+04`, `-04:30`: minutes east of UTC, and whether the minutes were written.
        case offset(minutes: Int, writtenWithMinutes: Bool)
    }

    var hour: Int
    var minute: Int
    var second: Int
    var zone: Zone

    /// "23:20:30", "23:20:30Z", "23:20:30-04", "23:20:30+04:30".
    var expression: String {
        let clock = "\(zeroPadded(hour, width: 2)):\(zeroPadded(minute, width: 2)):\(zeroPadded(second, width: 2))"
        switch zone {
        case .local:
            return clock
        case .utc:
            return clock + "Z"
        case .offset(let minutes, let writtenWithMinutes):
            let sign = minutes < 0 ? "-" : "+"
            let hours = zeroPadded(abs(minutes) / 60, width: 2)
            return clock + sign + hours + (writtenWithMinutes ? ":" + zeroPadded(abs(minutes) % 60, width: 2) : "")
        }
    }

    /// "23:20:30", "23:20:30 UTC", "23:20:30 UTC−04:00".
    var human: String {
        let clock = "\(zeroPadded(hour, width: 2)):\(zeroPadded(minute, width: 2)):\(zeroPadded(second, width: 2))"
        switch zone {
        case .local:
            return clock
        case .utc:
            return clock + " UTC"
        case .offset(let minutes, _):
            // A true minus sign, as in print; "UTC-04" would read as a range in a dashed list.
            let sign = minutes < 0 ? "−" : "+"
            return clock + " UTC" + sign + zeroPadded(abs(minutes) / 60, width: 2) + ":"
                + zeroPadded(abs(minutes) % 60, width: 2)
        }
    }
}
