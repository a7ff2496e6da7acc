import ArgumentParser
import ChanceryCore
import Foundation
import ChanceryModel

/// Opens the database for a command and turns failures into a message and an exit code.
enum CommandContext {
    /// Runs `body` with an open database; the embedded cluster is started and migrated on demand,
    /// a configured server must already carry the schema (`chancery db migrate`).
    /// `positional` names the fields that are arguments rather than `--` options, for the message.
    static func run(positional: Set<String> = [], _ body: (ChanceryDatabase) async throws -> Void) async throws {
        try await reportingErrors(positional: positional) {
            let location = DatabaseLocation.fromEnvironment()
            let database = try await ChanceryDatabase.open(location, changedBy: changedBy, migrateIfNeeded: location.isEmbedded,
                                                           readReplicas: try ReadReplicas(urls: ReadReplicas.urls()))
            let result: Result<Void, any Error>
            do { result = .success(try await body(database)) } catch { result = .failure(error) }
            await database.close()
            try result.get()
        }
    }

    /// Prints ChanceryErrors to standard error and exits with their code.
    static func reportingErrors(positional: Set<String> = [], _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as ChanceryError {
            var text = "error: "
            if let field = error.field { text += positional.contains(field) ? "(" + field + ") " : "(--" + flagName(field) + ") " }
            text += error.description
            for step in error.next { text += "\ntry: " + step.commandLine }
            // The database's own words name its tables and columns: no help for a refused input,
            // which our sentence covers, but the operator's only clue when the database itself fails.
            if let diagnostic = error.diagnostic, [.databaseUnavailable, .unexpected].contains(error.kind) {
                text += "\ndatabase: " + diagnostic
            }
            FileHandle.standardError.write(Data((text + "\n").utf8))
            throw ExitCode(exitCode(for: error.kind))
        }
    }

    /// Exit codes, as documented in the README.
    static func exitCode(for kind: ChanceryError.Kind) -> Int32 {
        switch kind {
        case .invalidInput: return 65
        case .notFound: return 66
        case .ambiguous: return 67
        case .conflict, .stale: return 68
        case .databaseUnavailable: return 69
        case .schemaNotInstalled: return 78
        case .unexpected: return 70
        }
    }

    /// Who CLI changes are recorded as in the history table.
    static var changedBy: String {
        let environment = ProcessInfo.processInfo.environment
        let named = [environment["CHANCERY_USER"], environment["USER"], environment["LOGNAME"]].lazy.compactMap { $0 }.first { !$0.isEmpty }
        return "cli:" + (named ?? accountName ?? "unknown")
    }

    /// The name of the account running the command, as `whoami` says it: a container, cron or
    /// `sudo -i` may leave USER unset.
    private static var accountName: String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    /// The option a service's field name stands for, derived the way swift-argument-parser
    /// derives an option from a property: `geonamesId` is `--geonames-id`. Services name fields
    /// by their coding keys and commands name their options by the same properties, so the
    /// two agree by construction.
    static func flagName(_ field: String) -> String {
        // The CLI names the revision an edit is based on --if-revision; services call it revision.
        if field == "revision" { return "if-revision" }
        guard let first = field.first, first.isLowercase else { return field }
        var flag = ""
        for character in field {
            if character.isUppercase {
                flag += "-" + character.lowercased()
            } else {
                flag.append(character)
            }
        }
        return flag
    }
}

/// Writes results to standard output, remarks to standard error.
enum Output {
    /// Prints a value as JSON.
    static func json<T: Encodable>(_ value: T) throws {
        print(try JSONOutput.encode(value))
    }

    /// A remark on what a command did, kept out of its output (which a script may read).
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
