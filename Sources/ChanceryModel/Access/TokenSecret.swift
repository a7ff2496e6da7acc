import Foundation

/// The shape of token secrets: `chancery_` followed by 32 random bytes in base64url without
/// padding (43 characters). The prefix lets secret scanners and people recognise a leaked token.
package enum TokenSecret {
    static let prefix = "chancery_"
    /// base64url of 32 bytes without padding.
    static let encodedLength = 43
    static let length = prefix.utf8.count + encodedLength

    /// A new secret from the operating system's secure source.
    package static func generate() -> String {
        prefix + RandomSecret.generate()
    }

    /// Whether `text` could be a secret this code issued; anything else is refused without a
    /// database lookup.
    package static func isWellFormed(_ text: String) -> Bool {
        text.hasPrefix(prefix) && RandomSecret.isWellFormed(String(text.dropFirst(prefix.count)))
    }
}
