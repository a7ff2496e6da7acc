import Foundation

/// How a file names the register that exported it: the register's id (a UUID, see
/// `register_identity` in schema.sql) as JSON Lines' header writes it, and as a `urn:uuid:` in
/// CMIF and TEI, whose export bibl points to it.
package enum RegisterID {
    /// `urn:uuid:…` for an id.
    package static func urn(for register: String) -> String { "urn:uuid:" + register }

    /// The id in a `urn:uuid:…`; nil for any other reference.
    package static func id(urn: String) -> String? {
        let prefix = "urn:uuid:"
        guard urn.lowercased().hasPrefix(prefix) else { return nil }
        return id(text: String(urn.dropFirst(prefix.count)))
    }

    /// The id a header writes (`0b7c1f2e-5d1a-…`, in any case), in the form the database gives;
    /// nil for anything that is not a UUID.
    package static func id(text: String) -> String? {
        UUID(uuidString: text).map { $0.uuidString.lowercased() }
    }

    /// The moment a header says the file was exported (`2026-12-07T04:58:10.123456Z`, an offset
    /// instead of `Z`, up to six digits of a second), as written; nil for anything else, a day
    /// the calendar lacks (February 30) included. An import compares it with when the register
    /// last changed what the file names.
    package static func moment(text: String) -> String? {
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2}):(\d{2}))/)
        else { return nil }
        let (year, month, day) = (Int(match.1)!, Int(match.2)!, Int(match.3)!)
        let (hour, minute, second) = (Int(match.4)!, Int(match.5)!, Int(match.6)!)
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard year >= 1, (1...12).contains(month), (1...days[month - 1]).contains(day),
              hour <= 23, minute <= 59, second <= 59 else { return nil }
        if let offsetHours = match.7.flatMap({ Int($0) }), let offsetMinutes = match.8.flatMap({ Int($0) }),
           offsetHours > 14 || offsetMinutes > 59 { return nil }
        return text
    }
}
