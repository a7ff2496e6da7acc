import ChanceryModel
import Foundation
import LibPQClient

/// How a PostgreSQL client program reaches the database Chancery uses.
///
/// The connection travels as a `--dbname` connection string (an argument, never a shell string);
/// a password moves from it into the child's `PGPASSWORD`, because a command line is visible to
/// every user of the machine (`ps`) and the environment is not. The string always names the
/// database Chancery is connected to: without `--dbname`, `pg_restore` would not restore at all
/// but print the archive as SQL.
struct ToolConnection: Sendable {
    /// `--dbname=…`, with what the configuration names and the database's name.
    let arguments: [String]
    /// This process's environment (so `PG*`, `PGPASSFILE` and `PGSSLMODE` apply as for Chancery),
    /// plus the password taken out of the connection string.
    let environment: [String: String]

    /// Reaches `database` (`current_database()` on Chancery's own connection) the way
    /// `configuration` does; what the configuration leaves out comes from `PG*`, as for Chancery.
    init(_ configuration: PostgresConfiguration, database: String,
         environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var childEnvironment = environment
        var options: [(keyword: String, value: String)]
        do { options = try configuration.parsedOptions() } catch {
            throw ChanceryError(.invalidInput, "the connection string (DATABASE_URL) cannot be parsed: \(error)",
                                hint: "Check DATABASE_URL; `chancery db url` shows what Chancery uses.")
        }
        if let password = options.first(where: { $0.keyword == "password" })?.value {
            childEnvironment["PGPASSWORD"] = password
            options.removeAll { $0.keyword == "password" }
        }
        options.removeAll { $0.keyword == "dbname" }
        options.append((keyword: "dbname", value: database))
        arguments = ["--dbname=" + options.map { $0.keyword + "=" + Self.quoted($0.value) }.joined(separator: " ")]
        self.environment = childEnvironment
    }

    /// A conninfo value in single quotes, backslashes and quotes escaped as libpq reads them.
    private static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
