import Foundation

/// Why an EDTF expression (or a calendar day) was rejected, and where.
///
/// Registrars type these expressions by hand, so the error pins the first offending
/// character and, for the pre-2019 draft syntax still found in older catalogues,
/// says how the 2019 standard writes the same thing.
public struct EDTFError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text that was being parsed, exactly as given.
    public var input: String
    /// What is wrong, without the input or position: "month 13 out of range".
    public var reason: String
    /// The 1-based character (grapheme) position of the problem in `input`, when one character is to blame.
    public var position: Int?
    /// How to fix it, when the mistake has a well-known correction, such as a pre-2019 draft form.
    public var hint: String?

    /// Creates an error; parsers in other modules may reuse the same shape for consistency.
    public init(input: String, reason: String, position: Int? = nil, hint: String? = nil) {
        self.input = input
        self.reason = reason
        self.position = position
        self.hint = hint
    }

    /// One line for people: "2022-13: month 13 out of range at position 6", with the hint in parentheses.
    public var description: String {
        // An empty input would print as a dangling ": ", so the reason stands alone then.
        var text = input.isEmpty ? reason : "\(input): \(reason)"
        if let position {
            text += " at position \(position)"
        }
        if let hint {
            text += " (\(hint))"
        }
        return text
    }
}

extension EDTFError: LocalizedError {
    /// The same text as `description`, so `localizedDescription` is useful rather than a generic message.
    public var errorDescription: String? { description }
}
