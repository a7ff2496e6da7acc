/// A position in PostgreSQL's write-ahead log, as `pg_current_wal_lsn()` prints it ("16/B374D848"):
/// two hexadecimal halves of one 64-bit byte offset, compared as that number.
public struct PostgresLSN: Sendable, Hashable, Comparable, LosslessStringConvertible {
    /// The byte offset in the log.
    public let offset: UInt64

    /// The position at a byte offset.
    public init(offset: UInt64) { self.offset = offset }

    /// Reads "X/Y" with X and Y hexadecimal of at most eight digits each; nil for anything else.
    public init?(_ text: String) {
        let halves = text.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, halves.allSatisfy({ (1...8).contains($0.count) }),
              let high = UInt64(halves[0], radix: 16), let low = UInt64(halves[1], radix: 16) else { return nil }
        offset = high << 32 | low
    }

    /// "X/Y", as PostgreSQL prints it (upper-case hexadecimal, no leading zeros).
    public var description: String {
        String(offset >> 32, radix: 16, uppercase: true) + "/" + String(offset & 0xFFFF_FFFF, radix: 16, uppercase: true)
    }

    public static func < (lhs: PostgresLSN, rhs: PostgresLSN) -> Bool { lhs.offset < rhs.offset }
}
