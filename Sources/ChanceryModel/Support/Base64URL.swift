package import Foundation

/// base64url without padding (RFC 4648 §5), the one spelling of it: token secrets and list
/// cursors travel in URLs and headers, where `+`, `/` and `=` would need escaping. Foundation's
/// base64 does the work; swift-extras-base64 would only save these few lines at the price of a
/// dependency that every target would inherit through this one.
package enum Base64URL {
    /// The bytes as base64url, unpadded.
    package static func encoded(_ bytes: some Sequence<UInt8>) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// The bytes of unpadded (or padded) base64url text, or nil when it is not base64url.
    package static func decoded(_ text: String) -> Data? {
        let standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return Data(base64Encoded: standard + String(repeating: "=", count: (4 - text.count % 4) % 4))
    }
}
