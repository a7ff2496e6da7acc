import ChanceryModel
import Foundation
import LibPQClient

/// How a PostgreSQL client program reaches the database Chancery uses.
///
/// The connection travels as a `--dbname` connection string (an argument, never a shell string);
/// a password moves from it into the child's `PGPASSWORD`, because a command line is visible to
/// every user of the machine (`ps`) and the environment is not.
struct ToolConnection: Sendable {
    /// `--dbname=…` when the configuration names anything; empty when it all comes from `PG*`.
    let arguments: [String]
    /// This process's environment (so `PG*`, `PGPASSFILE` and `PGSSLMODE` apply as for Chancery),
    /// plus the password taken out of the connection string.
    let environment: [String: String]

    init(_ configuration: PostgresConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var childEnvironment = environment
        guard !configuration.conninfo.isEmpty else {
            arguments = []
            self.environment = childEnvironment
            return
        }
        var options: [(keyword: String, value: String)]
        do { options = try configuration.parsedOptions() } catch {
            throw ChanceryError(.invalidInput, "the connection string (DATABASE_URL) cannot be parsed: \(error)",
                                hint: "Check DATABASE_URL; `chancery db url` shows what Chancery uses.")
        }
        if let password = options.first(where: { $0.keyword == "password" })?.value {
            childEnvironment["PGPASSWORD"] = password
            options.removeAll { $0.keyword == "password" }
        }
        arguments = ["--dbname=" + options.map { $0.keyword + "=" + Self.quoted($0.value) }.joined(separator: " ")]
        self.environment = childEnvironment
    }

    /// A conninfo value in single quotes, backslashes and quotes escaped as libpq reads them.
    private static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
