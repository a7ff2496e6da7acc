/// What a password must be. bcrypt reads at most 72 bytes, so a longer password is refused rather
/// than silently cut (two long passwords sharing their first 72 bytes would otherwise both open
/// the account).
package enum PasswordRule {
    static let minimumCharacters = 10
    static let maximumBytes = 72

    /// The password as given (never trimmed: spaces are part of it), or an `.invalidInput` error
    /// on field `password`.
    package static func validated(_ password: String) throws -> String {
        guard password.count >= minimumCharacters else {
            throw ChanceryError.invalid("password", "the password is too short (\(password.count) characters)",
                                        hint: "Use at least \(minimumCharacters) characters; a few unrelated words make a good one.")
        }
        guard password.utf8.count <= maximumBytes else {
            throw ChanceryError.invalid("password", "the password is too long (\(password.utf8.count) bytes in UTF-8)",
                                        hint: "Use at most \(maximumBytes) bytes; bcrypt ignores anything after that.")
        }
        guard !password.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw ChanceryError.invalid("password", "the password contains a line break or NUL character",
                                        hint: "Use a password on one line.")
        }
        return password
    }
}
