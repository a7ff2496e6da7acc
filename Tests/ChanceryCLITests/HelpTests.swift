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
        ["invitation", "add"], ["invitation", "respond"], ["invitation", "list"],
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

    @Test("every example in every command's --help stays whole on an 80-column terminal")
    func examplesFit() async throws {
        var (environment, home) = Self.isolatedEnvironment()
        // ArgumentParser wraps at COLUMNS when set: the width people read help at, whatever the runner's.
        environment["COLUMNS"] = "80"
        defer { try? FileManager.default.removeItem(at: home) }
        var pending: [[String]] = [[]]
        var seen = 0
        while let command = pending.popLast() {
            let help = try await CLI.run(command + ["--help"], environment: environment).stdout
            seen += 1
            let lines = help.components(separatedBy: "\n")
            // SUBCOMMANDS lists each as "  name   abstract"; `help` is ArgumentParser's own.
            if let start = lines.firstIndex(of: "SUBCOMMANDS:") {
                for line in lines[(start + 1)...].prefix(while: { !$0.isEmpty }) where line.hasPrefix("  ") && !line.hasPrefix("   ") {
                    let name = String(line.dropFirst(2).prefix { $0 != " " })
                    if name != "help" { pending.append(command + [name]) }
                }
            }
            // ArgumentParser wraps at 80 columns: a wrapped example line starts in the first column.
            var inExample = false
            for line in lines {
                if line.hasPrefix("Example") { inExample = true; continue }
                if line.isEmpty { inExample = false; continue }
                if inExample { #expect(line.hasPrefix(" "), "\(command.joined(separator: " ")): an example wraps at \"\(line)\"") }
            }
        }
        #expect(seen > 60, "\(seen) commands' help read")
    }

    @Test("no command's description breaks a line of its own in the middle of a sentence on an 80-column terminal")
    func descriptionsReflow() async throws {
        var (environment, home) = Self.isolatedEnvironment()
        // Unwrapped, each line is as the source writes it; ArgumentParser then wraps a line longer
        // than the terminal and keeps the source's break after it, leaving a word or two alone.
        environment["COLUMNS"] = "1000"
        defer { try? FileManager.default.removeItem(at: home) }
        var pending: [[String]] = [[]]
        var seen = 0
        while let command = pending.popLast() {
            let lines = try await CLI.run(command + ["--help"], environment: environment).stdout.components(separatedBy: "\n")
            seen += 1
            if let start = lines.firstIndex(of: "SUBCOMMANDS:") {
                for line in lines[(start + 1)...].prefix(while: { !$0.isEmpty }) where line.hasPrefix("  ") && !line.hasPrefix("   ") {
                    let name = String(line.dropFirst(2).prefix { $0 != " " })
                    if name != "help" { pending.append(command + [name]) }
                }
            }
            let description = lines.prefix { !$0.hasPrefix("USAGE:") }
            for (line, next) in zip(description, description.dropFirst()) where line.count > 80 && !line.hasPrefix(" ") {
                #expect(next.isEmpty, "\(command.joined(separator: " ")): a line of \(line.count) columns goes on: \"\(line.prefix(60))…\"")
            }
        }
        #expect(seen > 60, "\(seen) commands' help read")
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
