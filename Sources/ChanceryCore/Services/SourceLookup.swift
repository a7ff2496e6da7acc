import LibPQClient
import ChanceryModel

/// Finds a recorded source by its number, its URL, or its title.
struct SourceLookup {
    let connection: PostgresConnection

    /// The id of the source `name` names.
    func id(of name: SourceName, field: String) async throws -> Int64 {
        switch name {
        case .typed(let input): return try await id(of: input, field: field)
        case .number(let number):
            guard try await !connection.query("SELECT 1 FROM source WHERE id = \(number)").rows.isEmpty else {
                throw ChanceryError(.notFound, "no source number \(number)", field: field, next: [.listSources])
            }
            return number
        }
    }

    /// The id of the source `input` names: a number is the source's own, an http(s) address its
    /// URL, any other text its title (letter case aside; several sources may share a title when
    /// they have URLs, and then the number or URL tells them apart).
    func id(of input: String, field: String) async throws -> Int64 {
        let text = InputValidation.trimmed(try InputValidation.storable(input, field: field))
        guard !text.isEmpty else {
            throw ChanceryError.invalid(field, "no source named", hint: "Give the source's number, URL or title.")
        }
        // A number is the source's own, unless no source has it and a title is that number ("1848").
        if let number = Int64(text), try await !connection.query("SELECT 1 FROM source WHERE id = \(number)").rows.isEmpty {
            return number
        }
        let lowered = text.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            guard let row = try await connection.query("SELECT id FROM source WHERE url = \(text)").rows.first else {
                throw ChanceryError(.notFound, "no source at '\(text)'", field: field,
                                    hint: "A source is found by the URL it was recorded with, exactly; its number or title finds it too.",
                                    next: [.listSources])
            }
            return try row.decode("id")
        }
        // Titles are stored as given (a headline's no-break spaces kept): both sides' whitespace
        // is read as single spaces, as names are.
        let rows = try await connection.query(
            """
            SELECT id, url FROM source
            WHERE lower(regexp_replace(title, '[\\u0009-\\u000D\\u0020\\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]+', ' ', 'g'))
                  = lower(\(InputValidation.normalizedName(text)))
            ORDER BY id
            """).rows
        if rows.count == 1 { return try rows[0].decode("id") }
        if rows.count > 1 {
            throw ChanceryError(.ambiguous, "\(rows.count) sources are titled '\(text)'", field: field,
                                hint: "Name one by its number or URL.",
                                candidates: try rows.map { row in
                                    let url: String? = try row.decode("url")
                                    return "\(try row.decode("id", as: Int64.self))" + (url.map { " — " + $0 } ?? "")
                                })
        }
        let similar = try await connection.query(
            """
            SELECT id::text || ' — ' || title AS label FROM source
            WHERE strpos(lower(title), lower(\(text))) > 0 OR similarity(lower(title), lower(\(text))) > 0.3
            ORDER BY similarity(lower(title), lower(\(text))) DESC, id LIMIT 5
            """).rows.map { try $0.decode("label", as: String.self) }
        let what = Int64(text) != nil ? "no source number or title '\(text)'" : "no source titled '\(text)'"
        throw ChanceryError(.notFound, what, field: field,
                            hint: "Name a source by its number, URL or whole title; the recorded sources can be listed by a word of their titles.",
                            candidates: similar, next: [.listSources])
    }
}
