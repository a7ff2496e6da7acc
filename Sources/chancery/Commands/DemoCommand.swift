import ArgumentParser
import ChanceryCore
import ChanceryModel
import ChanceryRendering
import ChanceryInterchange

/// `chancery demo`: the founding example, loaded and shown.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the founding example (the 2022 Biden–Hun Sen exchange) and print the US–KH timeline.",
        discussion: """
            Loading is idempotent: running the demo again changes nothing.

            Example:
              chancery demo
              chancery demo --format md
            """
    )

    @Option(help: ArgumentHelp("Timeline format.", valueName: "format"))
    var format: TimelineFormat = .text

    func run() async throws {
        try await CommandContext.run { database in
            let report = try await FoundingExample.load(into: database)
            let created = report.counts.values.reduce(0) { $0 + $1.new + $1.updated }
            let unchanged = report.counts.values.reduce(0) { $0 + $1.unchanged }
            if format == .text {
                print(created == 0
                      ? "Founding example already loaded (\(unchanged) records unchanged)."
                      : "Loaded the founding example: \(created) records written" + (unchanged > 0 ? ", \(unchanged) already present." : "."))
                print("")
            }
            let timeline = try await TimelineService(database: database).timeline(.between("US", "KH"))
            print(try format.render(timeline))
        }
    }
}
