import ArgumentParser
import ChanceryCore

/// `chancery db start|stop|status|url|migrate|backup|restore`.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the embedded PostgreSQL cluster, the schema and backups.",
        discussion: """
            With neither DATABASE_URL nor PGHOST set, Chancery keeps a private cluster under \
            .chancery/ (or CHANCERY_HOME), reachable only through a Unix socket. Every command starts \
            it when needed; `db stop` stops it, keeping the data.

            Example:
              chancery db status
              psql "$(chancery db url)"
              chancery db backup register.chancery-backup
            """,
        subcommands: [Start.self, Stop.self, Status.self, URLCommand.self, Migrate.self, Backup.self, Restore.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create (first time) and start the embedded cluster.", discussion: "Example:\n  chancery db start")

        func run() async throws {
            try await CommandContext.reportingErrors {
                let location = DatabaseLocation.fromEnvironment()
                print(try await DatabaseAdministration(location: location).start())
                _ = try await DatabaseAdministration(location: location).migrate(reference: true)
            }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop the embedded cluster; its data stays.", discussion: "Example:\n  chancery db stop")

        func run() async throws {
            try await CommandContext.reportingErrors {
                let stopped = try await DatabaseAdministration(location: .fromEnvironment()).stop()
                print(stopped ? "embedded cluster stopped" : "embedded cluster was not running")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show whether the database runs and which schema it has.", discussion: "Example:\n  chancery db status")

        func run() async throws {
            try await CommandContext.reportingErrors {
                print(try await DatabaseAdministration(location: .fromEnvironment()).status())
            }
        }
    }

    struct URLCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "url",
            abstract: "Print the connection URL (for psql and other tools).",
            discussion: "Example:\n  psql \"$(chancery db url)\"")

        func run() async throws {
            try await CommandContext.reportingErrors {
                print(try DatabaseAdministration(location: .fromEnvironment()).url())
            }
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install the schema (schema.sql) and the reference data if they are not there; safe to run repeatedly.",
            discussion: """
              The reference data (the world's states and former states with their names in other languages, \
              organizations with their members, demonyms) is loaded once; `chancery reference update` applies \
              newer data after an upgrade.

              Examples:
                DATABASE_URL=postgres://chancery@db/chancery chancery db migrate
                chancery db migrate --no-reference     # an empty register, for an edition
              """)

        @Flag(name: .customLong("no-reference"), help: "Install the schema only, without the reference data.")
        var withoutReference = false

        func run() async throws {
            try await CommandContext.reportingErrors {
                let report = try await DatabaseAdministration(location: .fromEnvironment()).migrate(reference: !withoutReference)
                switch report.schema {
                case .applied(let version): print("schema version \(version) installed")
                case .alreadyCurrent(let version): print("schema already at version \(version); nothing to do")
                }
                if let id = report.newRegisterID {
                    print("the register had lost its id; it is now \(id): exports made before count as another register's")
                }
                if let reference = report.reference { ReferenceCommand.printReport(reference) }
            }
        }
    }
}
