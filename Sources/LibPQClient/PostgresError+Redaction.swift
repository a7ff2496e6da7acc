extension PostgresError {
    /// Removes bound parameter values that the server echoed into message, detail or hint
    /// (e.g. `invalid input syntax for type integer: "abc"`, `Key (ref)=(X-1) already exists`),
    /// so logging an error never discloses what a statement was given.
    ///
    /// Best effort: quoted or parenthesised values are redacted at any length, bare occurrences
    /// only from four bytes on (shorter ones would mangle ordinary words and numbers). A "Failing
    /// row contains (…)" detail lists a whole row and is always replaced.
    func redactingParameters(_ texts: [String?]) -> PostgresError {
        var copy = self
        let values = texts.enumerated()
            .compactMap { position, text in text.map { (position: position + 1, text: $0) } }
            .filter { !$0.text.isEmpty }
            .sorted { $0.text.utf8.count > $1.text.utf8.count }
        func redact(_ field: String?) -> String? {
            guard var field else { return nil }
            if field.hasPrefix("Failing row contains") { return "Failing row contains (values redacted)." }
            for value in values {
                let marker = "<parameter $\(value.position)>"
                field = field.replacingAll("\"\(value.text)\"", with: "\"\(marker)\"")
                field = field.replacingAll("(\(value.text))", with: "(\(marker))")
                if value.text.utf8.count >= 4 { field = field.replacingAll(value.text, with: marker) }
            }
            return field
        }
        copy.message = redact(message) ?? message
        copy.detail = redact(detail)
        copy.hint = redact(hint)
        return copy
    }
}

extension String {
    /// Plain substring replacement, independent of Foundation.
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
