/// Parsing of the time after a Level 0 date and time: `23:20:30`, then `Z`, `±hh` or `±hh:mm`.
extension EDTFParser {
    /// Reads the time starting at `cursor` (just after the `T`) up to `end`.
    func parseTime(at cursor: inout Int, end: Int) throws(EDTFError) -> EDTFTime {
        let start = cursor
        let hour = try twoDigits(at: &cursor, end: end, start: start)
        try expectColon(at: &cursor, end: end, start: start)
        let minute = try twoDigits(at: &cursor, end: end, start: start)
        try expectColon(at: &cursor, end: end, start: start)
        let second = try twoDigits(at: &cursor, end: end, start: start)
        // A leap second (23:59:60) is left out: nobody dates a letter by one, and Foundation cannot show it.
        guard hour <= 23 else { throw failure("hour \(hour) out of range", at: start) }
        guard minute <= 59 else { throw failure("minute \(minute) out of range", at: start + 3) }
        guard second <= 59 else { throw failure("second \(second) out of range", at: start + 6) }

        var zone = EDTFTime.Zone.local
        switch character(at: cursor, end: end) {
        case "Z":
            cursor += 1
            zone = .utc
        case "+", "-":
            let signIndex = cursor
            let sign = characters[cursor] == "-" ? -1 : 1
            cursor += 1
            let offsetStart = cursor
            guard let hours = twoDigitValue(at: cursor, end: end) else {
                throw failure("time zone offset must be written ±hh or ±hh:mm", at: offsetStart)
            }
            cursor += 2
            var minutes = 0
            var withMinutes = false
            if character(at: cursor, end: end) == ":" {
                cursor += 1
                guard let value = twoDigitValue(at: cursor, end: end) else {
                    throw failure("time zone offset must be written ±hh or ±hh:mm", at: offsetStart)
                }
                minutes = value
                withMinutes = true
                cursor += 2
            }
            guard hours <= 14, minutes <= 59 else {
                throw failure("time zone offset out of range", at: offsetStart)
            }
            if sign < 0 && hours == 0 && minutes == 0 {
                // ISO 8601 keeps -00:00 for "offset unknown"; EDTF has no such thing, and it would not round-trip.
                throw failure("time zone offset -00 is not allowed", at: signIndex, hint: "write Z for UTC")
            }
            zone = .offset(minutes: sign * (hours * 60 + minutes), writtenWithMinutes: withMinutes)
        default:
            break
        }
        return EDTFTime(hour: hour, minute: minute, second: second, zone: zone)
    }

    private func twoDigits(at cursor: inout Int, end: Int, start: Int) throws(EDTFError) -> Int {
        guard let value = twoDigitValue(at: cursor, end: end) else {
            throw failure("time must be written hh:mm:ss", at: start)
        }
        cursor += 2
        return value
    }

    private func expectColon(at cursor: inout Int, end: Int, start: Int) throws(EDTFError) {
        guard character(at: cursor, end: end) == ":" else {
            throw failure("time must be written hh:mm:ss", at: start)
        }
        cursor += 1
    }

    private func twoDigitValue(at index: Int, end: Int) -> Int? {
        guard let first = character(at: index, end: end), let second = character(at: index + 1, end: end) else {
            return nil
        }
        return Self.number([first, second])
    }
}
