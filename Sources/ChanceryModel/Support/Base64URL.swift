package import Foundation

/// base64url without padding (RFC 4648 §5), the one spelling of it: token secrets and list
/// cursors travel in URLs and headers, where `+`, `/` and `=` would need escaping. Foundation's
/// base64 does the work; swift-extras-base64 would only save these few lines at the price of a
/// dependency that every target would inherit through this one.
package enum Base64URL {
    /// The bytes as base64url, unpadded.
    package static func encoded(_ bytes: some Sequence<UInt8>) -> String {
        // Written directly: every listing page's cursor is one, and Foundation's encoding plus
        // two replacements cost more than the rest of making the cursor.
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index < input.count {
            let first = input[index]
            let second = index + 1 < input.count ? input[index + 1] : 0
            let third = index + 2 < input.count ? input[index + 2] : 0
            output.append(alphabet[Int(first >> 2)])
            output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
            if index + 1 < input.count { output.append(alphabet[Int((second & 0x0F) << 2 | third >> 6)]) }
            if index + 2 < input.count { output.append(alphabet[Int(third & 0x3F)]) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The bytes of unpadded (or padded) base64url text, or nil when it is not base64url.
    package static func decoded(_ text: String) -> Data? {
        let standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return Data(base64Encoded: standard + String(repeating: "=", count: (4 - text.count % 4) % 4))
    }
}
