/// Token and user names: the rule of the `api_token_name_format` and `app_user_name_format`
/// CHECKs, checked first here so the error says how to fix the name. Names are ASCII and appear in
/// history rows (`token:<name>`, `user:<name>`) and log lines as they are.
package enum TokenName {
    static let maximumLength = 63

    /// The trimmed name, or an `.invalidInput` error on field `name`.
    package static func validated(_ name: String, noun: String = "token name") throws -> String {
        let name = InputValidation.trimmed(name)
        let bytes = name.utf8
        guard let first = bytes.first, isLetterOrDigit(first), bytes.count <= maximumLength, bytes.allSatisfy(isAllowed) else {
            let shown = name.isEmpty ? "an empty \(noun)" : "invalid \(noun) '\(name)'"
            throw ChanceryError.invalid(
                "name", shown,
                hint: "Use 1 to \(maximumLength) letters, digits and . _ @ -, starting with a letter or digit (e.g. ci-bot, alice@example.org).")
        }
        return name
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        isLetterOrDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "@")
            || byte == UInt8(ascii: "-")
    }
}
