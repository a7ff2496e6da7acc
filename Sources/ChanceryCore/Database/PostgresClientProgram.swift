import ChanceryModel
import Foundation

/// One of PostgreSQL's client programs (`pg_dump`, `pg_restore`), found on this machine.
struct PostgresClientProgram: Sendable {
    /// Where Debian and Ubuntu install one folder per major version, off `PATH`.
    static let debianRoot = "/usr/lib/postgresql"

    /// The program's name, for messages.
    let name: String
    /// Its absolute path.
    let path: String

    /// Finds `name`: in `PG_BIN` when that is set (and only there: a user who names a folder means
    /// it), else in the Debian folder of the server's major version, else on `PATH`, else in the
    /// newest Debian folder. The server's own version comes first because `pg_dump` refuses a
    /// server newer than itself, and Debian's `/usr/bin` wrapper picks the newest installed one,
    /// which can be older than the server when several are installed.
    static func locate(_ name: String, serverMajorVersion: Int?,
                       environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresClientProgram {
        if let folder = environment["PG_BIN"], !folder.isEmpty {
            let candidate = folder + "/" + name
            guard FileManager.default.isExecutableFile(atPath: candidate) else {
                throw ChanceryError(.databaseUnavailable, "PG_BIN is set to \(folder), but there is no \(name) in that folder",
                                    hint: "Point PG_BIN at the folder holding PostgreSQL's programs (e.g. /usr/lib/postgresql/15/bin), or unset it.")
            }
            return PostgresClientProgram(name: name, path: candidate)
        }
        var candidates: [String] = []
        if let serverMajorVersion { candidates.append("\(debianRoot)/\(serverMajorVersion)/bin/\(name)") }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            candidates.append(String(folder) + "/" + name)
        }
        candidates += debianVersionFolders().map { $0 + "/" + name }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return PostgresClientProgram(name: name, path: found)
        }
        let version = serverMajorVersion.map { "-\($0)" } ?? ""
        throw ChanceryError(.databaseUnavailable,
                            "\(name) was not found (looked on PATH and in \(debianRoot)/*/bin), so the backup cannot be read or written",
                            hint: "Install PostgreSQL's client programs (Debian or Ubuntu: `apt-get install -y postgresql-client\(version)`), "
                                + "or set PG_BIN to the folder holding \(name).")
    }

    /// `<root>/<version>/bin`, newest version first (16 before 9.6).
    private static func debianVersionFolders() -> [String] {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debianRoot)) ?? []
        return versions
            .sorted { ($0.split(separator: ".").map { Int($0) ?? -1 }).lexicographicallyPrecedes($1.split(separator: ".").map { Int($0) ?? -1 }) }
            .reversed()
            .map { debianRoot + "/" + $0 + "/bin" }
    }

    /// What a finished run left behind.
    struct Outcome: Sendable {
        /// The exit status (non-zero is failure for every PostgreSQL program).
        var status: Int32
        /// What it wrote to standard error (and standard output), for messages.
        var messages: String

        /// The last `count` lines of the messages, indented, for quoting in an error.
        func lastLines(_ count: Int = 8) -> String {
            messages.split(separator: "\n").suffix(count).map { "  " + $0 }.joined(separator: "\n")
        }
    }

    /// Runs the program with `arguments` and waits for it. Its output goes to a temporary file
    /// rather than a pipe, so a chatty program cannot block on a full pipe while we wait.
    func run(_ arguments: [String], connection: ToolConnection) async throws -> Outcome {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-\(name)-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw ChanceryError(.unexpected, "could not create a temporary file in \(FileManager.default.temporaryDirectory.path) for \(name)'s messages")
        }
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments + connection.arguments
        process.environment = connection.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: ChanceryError(.unexpected, "could not run \(path): \(error.localizedDescription)"))
            }
        }
        return Outcome(status: status, messages: String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self))
    }
}
