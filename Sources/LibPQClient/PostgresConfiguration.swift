import CLibPQ
import Foundation

/// Where to connect: a libpq conninfo string ("host=/tmp dbname=x") or a postgres:// / postgresql://
/// URL. libpq parses both, so this type only carries the text.
public struct PostgresConfiguration: Sendable, Hashable {
    /// The conninfo string or URL handed to libpq unchanged. An empty string means "use the PG* environment".
    public var conninfo: String
    /// Whether connections prepare each parameterised statement once and then only execute it
    /// (the default). Turn off behind a pooler in transaction mode, which cannot keep them.
    public var preparesStatements: Bool

    /// Wraps a conninfo string or URL.
    public init(conninfo: String, preparesStatements: Bool = true) {
        self.conninfo = conninfo
        self.preparesStatements = preparesStatements
    }

    /// DATABASE_URL if set and non-empty; otherwise "" so libpq applies the standard PG* variables
    /// (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD, PGSSLMODE ...).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> PostgresConfiguration {
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            return PostgresConfiguration(conninfo: url)
        }
        return PostgresConfiguration(conninfo: "")
    }

    /// The same target with the database replaced. The conninfo is re-parsed by libpq and rebuilt
    /// as keyword=value pairs, so this works for URLs and keyword strings alike, and settings that
    /// come from the environment (PG*) keep coming from it.
    public func withDatabase(_ database: String) throws -> PostgresConfiguration {
        var options = try parsedOptions()
        options.removeAll { $0.keyword == "dbname" }
        options.append((keyword: "dbname", value: database))
        let text = options
            .map { "\($0.keyword)=\(Self.quoteConninfoValue($0.value))" }
            .joined(separator: " ")
        return PostgresConfiguration(conninfo: text, preparesStatements: preparesStatements)
    }

    /// The same target with server settings applied to every session (`-c name=value` in libpq's
    /// `options`, after any already there) and, unless one is set, a connect timeout: a pool
    /// opening connections to a server that went away fails fast instead of hanging.
    public func withSessionSettings(_ settings: [(name: String, value: String)], connectTimeoutSeconds: Int = 5) throws -> PostgresConfiguration {
        var options = try parsedOptions()
        let existing = options.first { $0.keyword == "options" }?.value
        options.removeAll { $0.keyword == "options" }
        // In libpq's options a space separates arguments; a backslash makes one literal.
        let added = settings.map { "-c \($0.name)=" + $0.value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: " ", with: "\\ ") }
        let combined = ([existing].compactMap { $0 } + added).joined(separator: " ")
        if !combined.isEmpty { options.append((keyword: "options", value: combined)) }
        if !options.contains(where: { $0.keyword == "connect_timeout" }) {
            options.append((keyword: "connect_timeout", value: String(connectTimeoutSeconds)))
        }
        return PostgresConfiguration(conninfo: options
            .map { "\($0.keyword)=\(Self.quoteConninfoValue($0.value))" }
            .joined(separator: " "), preparesStatements: preparesStatements)
    }

    /// The options written explicitly in `conninfo` (not the environment's), as libpq parses them.
    public func parsedOptions() throws -> [(keyword: String, value: String)] {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(conninfo, &errorMessage) else {
            var message = "libpq could not parse the connection string"
            if let errorMessage {
                message = String(cString: errorMessage).trimmingCharacters(in: .whitespacesAndNewlines)
                PQfreemem(errorMessage)
            }
            throw PostgresError(code: .invalidConfiguration, message: message)
        }
        defer { PQconninfoFree(parsed) }
        var result: [(keyword: String, value: String)] = []
        var option = parsed
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                result.append((keyword: String(cString: keyword), value: String(cString: value)))
            }
            option += 1
        }
        return result
    }

    /// Single-quotes a conninfo value, escaping `\` and `'` as libpq's parser expects.
    static func quoteConninfoValue(_ value: String) -> String {
        var quoted = "'"
        for character in value {
            if character == "\\" || character == "'" { quoted.append("\\") }
            quoted.append(character)
        }
        quoted.append("'")
        return quoted
    }
}
