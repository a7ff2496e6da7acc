import Foundation

/// The exit status and combined output of a finished program.
struct CommandResult: Sendable {
    /// The exit status; non-zero means failure for every PostgreSQL tool used here.
    var status: Int32
    /// Standard output and standard error interleaved, as a person would have seen them.
    var output: String

    /// Whether the program exited with status 0.
    var succeeded: Bool { status == 0 }
}

/// Runs PostgreSQL's command-line tools and captures what they say.
enum CommandRunner {
    /// Runs `executable` (an absolute path) with `arguments` and waits for it.
    ///
    /// The working directory is `/` because the tools call `getcwd()` and fail when it is not
    /// readable — which it is not for `postgres` when the user sits in `/root/...`. Both streams
    /// go to one pipe, read to the end before waiting, so a chatty tool cannot fill a pipe buffer
    /// and deadlock.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> CommandResult {
        #if os(Linux)
        return try Spawner.run(executable, arguments, environment: environment)
        #else
        return try runWithFoundation(executable, arguments, environment: environment)
        #endif
    }

    /// The portable path, for platforms without `posix_spawn_file_actions_addclosefrom_np`.
    static func runWithFoundation(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw EmbeddedPostgresError("Could not run \(executable): \(error.localizedDescription)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// The environment for the tools: the caller's, minus libpq's `PG*` variables, which would
    /// otherwise point `createdb` at some other server, and with English messages so the few
    /// outputs inspected here ("already exists") read the same everywhere.
    static func toolEnvironment(from environment: [String: String]) -> [String: String] {
        var result = environment.filter { !$0.key.hasPrefix("PG") }
        result["LC_ALL"] = "C"
        if result["PATH"] == nil {
            result["PATH"] = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        }
        return result
    }

    /// The last `lines` lines of `text`, for quoting a tool's output in an error message.
    static func tail(_ text: String, lines: Int = 20) -> String {
        let all = text.split(separator: "\n", omittingEmptySubsequences: false)
        let trimmed = all.last == "" ? all.dropLast() : all[...]
        return trimmed.suffix(lines).joined(separator: "\n")
    }
}
