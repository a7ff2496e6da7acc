import ArgumentParser
import ChanceryCore

/// The `chancery` admin CLI: thin commands over ChanceryCore's services.
@main
struct Chancery: AsyncParsableCommand {
    /// Parses the arguments with dates before the common era joined to their options
    /// (`NegativeDateArguments`) and a search's excluded `-words` kept as words (`SearchWordArguments`).
    static func main() async {
        await main(SearchWordArguments.separated(NegativeDateArguments.joined(Array(CommandLine.arguments.dropFirst()))))
    }

    static let configuration = CommandConfiguration(
        commandName: "chancery",
        abstract: "Record and query diplomatic correspondence: letters, invitations, events and their sources.",
        discussion: """
            Chancery uses the PostgreSQL named by DATABASE_URL or the PG* variables (PGHOST, PGPORT, \
            PGUSER, PGDATABASE, PGPASSWORD). With neither DATABASE_URL nor PGHOST set, it creates and \
            starts a private cluster under .chancery/ in the current directory.

            Example:
              chancery demo
              chancery letters --country KH --json
            """,
        // `chancery --version`: the release and the schema it carries, for bug reports and upgrades.
        version: ChanceryVersion.description,
        subcommands: [
            DemoCommand.self,
            ImportCommand.self,
            IntakeCommand.self,
            ExportCommand.self,
            LetterCommand.self,
            LettersCommand.self,
            SearchCommand.self,
            TimelineCommand.self,
            ThreadCommand.self,
            PendingCommand.self,
            StatsCommand.self,
            NetworkCommand.self,
            ActorCommand.self,
            RoleCommand.self,
            MembershipCommand.self,
            InvitationCommand.self,
            EventCommand.self,
            SourceCommand.self,
            TokenCommand.self,
            UserCommand.self,
            DatabaseCommand.self,
            ReferenceCommand.self,
            ServeCommand.self,
        ]
    )
}
