import Foundation
import ChanceryModel

/// How an XML file lays its characters out in bytes, read from its first four bytes the way
/// libxml2 does (XML 1.0, appendix F). Chancery's guards (`XMLDeclaredEncoding`,
/// `XMLMarkupGuard`) read markup in one- or two-byte units; the layouts they cannot read, 32-bit
/// UCS-4 and EBCDIC, are refused before parsing, so that nothing reaches the parser unguarded.
enum XMLByteLayout: Equatable {
    /// UTF-8, ASCII or ISO-8859-1: markup is ASCII bytes.
    case singleByte
    case utf16LittleEndian
    case utf16BigEndian

    /// The layout of a file starting with `head` (its first bytes; fewer than four are read as
    /// single-byte, which libxml2 does too).
    /// - Throws: `ChanceryError` `.invalidInput` for UCS-4 and EBCDIC, naming the conversion.
    init(head: Data, displayName: String) throws {
        let first = Array(head.prefix(4))
        if first.starts(with: [0xEF, 0xBB, 0xBF]) {
            self = .singleByte
        } else if Self.ucs4Starts.contains(first) {
            throw Self.unreadable(displayName, layout: "UCS-4 (UTF-32)", iconvName: "UTF-32")
        } else if first == [0x4C, 0x6F, 0xA7, 0x94] {
            throw Self.unreadable(displayName, layout: "EBCDIC", iconvName: "IBM037")
        } else if first.starts(with: [0xFE, 0xFF]) || first == [0x00, 0x3C, 0x00, 0x3F] {
            self = .utf16BigEndian
        } else if first.starts(with: [0xFF, 0xFE]) || first == [0x3C, 0x00, 0x3F, 0x00] {
            self = .utf16LittleEndian
        } else {
            self = .singleByte
        }
    }

    /// Bytes per markup character.
    var unitWidth: Int { self == .singleByte ? 1 : 2 }

    /// The text of `bytes` in this layout, byte order marks and a split last unit left out.
    func decode(_ bytes: Data) -> String {
        switch self {
        case .singleByte:
            var body = bytes[...]
            if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
            return String(decoding: body, as: UTF8.self)
        case .utf16LittleEndian, .utf16BigEndian:
            let units = stride(from: bytes.startIndex, to: bytes.endIndex - 1, by: 2).map { index in
                self == .utf16LittleEndian
                    ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
                    : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
            }
            return String(decoding: units.drop(while: { $0 == 0xFEFF }), as: UTF16.self)
        }
    }

    // Every byte order of a '<' or a byte order mark in 32-bit units.
    private static let ucs4Starts: Set<[UInt8]> = [
        [0x00, 0x00, 0x00, 0x3C], [0x3C, 0x00, 0x00, 0x00], [0x00, 0x00, 0x3C, 0x00], [0x00, 0x3C, 0x00, 0x00],
        [0x00, 0x00, 0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00], [0xFE, 0xFF, 0x00, 0x00], [0x00, 0x00, 0xFF, 0xFE],
    ]

    private static func unreadable(_ displayName: String, layout: String, iconvName: String) -> ChanceryError {
        ChanceryError(.invalidInput,
                      "'\(displayName)' is encoded in \(layout); Chancery reads XML in UTF-8 (also UTF-16 and ISO-8859-1)",
                      field: "file",
                      hint: "Convert it, e.g. `iconv -f \(iconvName) -t UTF-8`, and set encoding=\"UTF-8\" in its first line.")
    }
}
