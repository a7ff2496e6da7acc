import Foundation

/// The shape of token secrets: `chancery_` followed by 32 random bytes in base64url without
/// padding (43 characters). The prefix lets secret scanners and people recognise a leaked token.
package enum TokenSecret {
    static let prefix = "chancery_"
    /// base64url of 32 bytes without padding.
    static let encodedLength = 43
    static let length = prefix.utf8.count + encodedLength

    /// A new secret. SystemRandomNumberGenerator is the operating system's cryptographically
    /// secure source (getrandom on Linux, arc4random on Darwin).
    package static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        return prefix + Base64URL.encoded(bytes)
    }

    /// Whether `text` could be a secret this code issued; anything else is refused without a
    /// database lookup.
    package static func isWellFormed(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count == length, text.hasPrefix(prefix) else { return false }
        return bytes.dropFirst(prefix.utf8.count).allSatisfy(isBase64URL)
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
