import ArgumentParser
import ChanceryCore
import Foundation
import ChanceryModel
import ChanceryRendering

/// `chancery network`: who writes to whom, as a Graphviz or Gephi file.
struct NetworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Write the correspondence network (who writes to whom) as Graphviz DOT or GEXF.",
        discussion: """
            Nodes are actors (or, with --level country, the countries they are or act for); a \
            directed edge runs from each author or signatory to each recipient (and copy \
            recipient with --include-cc), weighted by the number of letters. Intermediaries are \
            left out. --since/--until keep letters whose dates overlap the window.

            Example:
              chancery network --format dot --output network.dot \\
                  && dot -Tsvg network.dot > network.svg
              chancery network --format gexf --level country --since 2022 \\
                  --output countries.gexf
            """
    )

    @Option(help: ArgumentHelp("Output format: dot (Graphviz) or gexf (Gephi).", valueName: "format"))
    var format: NetworkFormat = .dot
    @Option(help: ArgumentHelp("What the nodes are.", valueName: "level"))
    var level: NetworkLevel = .actor
    @Option(help: ArgumentHelp("Only letters dated on or after this (EDTF, e.g. 2022-01).", valueName: "edtf"))
    var since: String?
    @Option(help: ArgumentHelp("Only letters dated on or before this (EDTF, e.g. 2022-12).", valueName: "edtf"))
    var until: String?
    @Flag(help: "Also draw edges to copy (cc) recipients.")
    var includeCC = false
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path"))
    var output: String?

    func run() async throws {
        try await CommandContext.run { database in
            let request = NetworkRequest(level: level, since: since, until: until, includeCC: includeCC)
            let network = try await NetworkService(database: database).network(request)
            try DocumentOutput.emit(format.write(network), to: output)
        }
    }
}
