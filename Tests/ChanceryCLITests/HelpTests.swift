import Foundation
import Testing

/// Every command documents itself with an example, without touching any database.
@Suite("Help")
struct HelpTests {
    static let leafCommands: [[String]] = [
        [],
        ["demo"],
        ["letter", "add"], ["letter", "show"],
        ["letters"], ["search"],
        ["timeline"], ["thread"], ["pending"], ["stats"], ["network"],
        ["import"], ["export"],
        ["actor", "add"], ["actor", "list"], ["actor", "show"],
        ["role", "add"],
        ["membership", "add"],
        ["invitation", "add"], ["invitation", "respond"], ["invitation", "list"], ["invitation", "show"],
        ["event", "add"], ["event", "list"], ["event", "show"],
        ["source", "list"], ["source", "show"], ["source", "edit"], ["source", "delete"],
        ["db", "start"], ["db", "stop"], ["db", "status"], ["db", "url"], ["db", "migrate"], ["db", "backup"], ["db", "restore"],
        ["reference", "update"], ["reference", "sources"],
    ]

    static let groups: [[String]] = [["letter"], ["actor"], ["role"], ["membership"], ["invitation"], ["event"], ["source"], ["db"], ["reference"]]

    /// An environment that would create an embedded cluster if a command touched the database.
    static func isolatedEnvironment() -> (environment: [String: String], home: URL) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("chcli-help-\(UUID().uuidString)")
        return (CLI.embeddedEnvironment(home: home), home)
    }

    @Test("--help exits 0 and shows an example", arguments: leafCommands)
    func helpHasExample(command: [String]) async throws {
        let (environment, home) = Self.isolatedEnvironment()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await CLI.run(command + ["--help"], environment: environment)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Example"), "\(result)")
        #expect(result.stdout.contains("USAGE: chancery" + (command.isEmpty ? "" : " " + command.joined(separator: " "))), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: home.path), "--help created an embedded cluster")
    }

    @Test("command groups' --help lists their subcommands", arguments: groups)
    func groupHelp(command: [String]) async throws {
        let (environment, home) = Self.isolatedEnvironment()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await CLI.run(command + ["--help"], environment: environment)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("SUBCOMMANDS:"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: home.path))
    }

    /// Every command's `--help` as the built binary prints it at `columns` (ArgumentParser wraps
    /// at COLUMNS when set), found by walking SUBCOMMANDS from the top; `help` is ArgumentParser's own.
    static func everyCommandsHelp(columns: Int) async throws -> [(command: [String], lines: [String])] {
        var (environment, home) = isolatedEnvironment()
        environment["COLUMNS"] = String(columns)
        defer { try? FileManager.default.removeItem(at: home) }
        var pending: [[String]] = [[]]
        var helps: [(command: [String], lines: [String])] = []
        while let command = pending.popLast() {
            let lines = try await CLI.run(command + ["--help"], environment: environment).stdout.components(separatedBy: "\n")
            helps.append((command, lines))
            // SUBCOMMANDS lists each as "  name   abstract".
            if let start = lines.firstIndex(of: "SUBCOMMANDS:") {
                for line in lines[(start + 1)...].prefix(while: { !$0.isEmpty }) where line.hasPrefix("  ") && !line.hasPrefix("   ") {
                    let name = String(line.dropFirst(2).prefix { $0 != " " })
                    if name != "help" { pending.append(command + [name]) }
                }
            }
        }
        return helps
    }

    @Test("every example in every command's --help stays whole on an 80-column terminal")
    func examplesFit() async throws {
        // The width people read help at, whatever the runner's.
        let helps = try await Self.everyCommandsHelp(columns: 80)
        for (command, lines) in helps {
            // ArgumentParser wraps at 80 columns: a wrapped example line starts in the first column.
            var inExample = false
            for line in lines {
                if line.hasPrefix("Example") { inExample = true; continue }
                if line.isEmpty { inExample = false; continue }
                if inExample { #expect(line.hasPrefix(" "), "\(command.joined(separator: " ")): an example wraps at \"\(line)\"") }
            }
        }
        #expect(helps.count > 60, "\(helps.count) commands' help read")
    }

    @Test("no command's description breaks a line of its own in the middle of a sentence on an 80-column terminal")
    func descriptionsReflow() async throws {
        // Unwrapped, each line is as the source writes it; ArgumentParser then wraps a line longer
        // than the terminal and keeps the source's break after it, leaving a word or two alone.
        let helps = try await Self.everyCommandsHelp(columns: 1000)
        for (command, lines) in helps {
            let description = lines.prefix { !$0.hasPrefix("USAGE:") }
            for (line, next) in zip(description, description.dropFirst()) where line.count > 80 && !line.hasPrefix(" ") {
                #expect(next.isEmpty, "\(command.joined(separator: " ")): a line of \(line.count) columns goes on: \"\(line.prefix(60))…\"")
            }
        }
        #expect(helps.count > 60, "\(helps.count) commands' help read")
    }

    @Test("the help subcommand works too")
    func helpSubcommand() async throws {
        let (environment, home) = Self.isolatedEnvironment()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await CLI.run(["help", "letter", "add"], environment: environment)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Example") && result.stdout.contains("--subject"), "\(result)")
    }
}
