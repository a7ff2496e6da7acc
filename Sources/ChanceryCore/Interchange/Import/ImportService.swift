import Foundation
import LibPQClient
public import ChanceryInterchange
/// How to import.
public struct ImportOptions: Sendable {
    /// The format of every file; detected from each file's content when nil.
    public var format: InterchangeFormat?
    /// Commit the valid records and report the rest, instead of writing nothing.
    public var skipInvalid = false
    /// Check everything, write nothing.
    public var dryRun = false
    /// Lets this register's own export put back what the register changed since it was made;
    /// by default such letters, events, invitations, answers, actors, roles and memberships keep their stored version.
    public var revertNewer = false
    /// With `revertNewer`, only changes made up to this moment (`RegisterID.moment(text:)`) are
    /// put back: the moment of the check a person read before asking (`ImportReport.checkedAt`).
    public var revertNewerUpTo: String?
    /// Where to write rejected records (in the input's format), if anywhere. Rejected records of
    /// several inputs go to a file per input, named after this path (`rejected-letters.csv`),
    /// or with `rejectsNamedAfterInputs` after each input (`letters.rejected.csv`).
    public var rejectsPath: String?
    /// Whether `rejectsPath` is the default name, made after the first input: the rejects of
    /// several inputs are then named after each.
    public var rejectsNamedAfterInputs = false
    /// Whether `rejectsPath` still lacks its extension, to be the first input's format's (a
    /// default name for standard input, whose format is known only once it is read).
    public var rejectsPathTakesFormatExtension = false
    /// Told how far reading has got: bytes read, records read, total bytes.
    public var progress: (@Sendable (_ bytes: Int, _ records: Int, _ totalBytes: Int) -> Void)?

    /// Default options: detect formats, all or nothing.
    public init() {}
}

/// Imports files (JSON Lines, CSV, CMIF) in one transaction: records stream through COPY into
/// staging tables and are merged with set-based SQL, so memory stays flat and speed is close to
/// COPY's. Importing the same files twice changes nothing the second time.
public struct ImportService: Sendable {
    let database: ChanceryDatabase

    /// Creates the service over a database.
    public init(database: ChanceryDatabase) { self.database = database }

    /// An arbitrary constant naming imports among the server's advisory locks: two imports at
    /// once would both find a record missing and both insert it, so one waits.
    static let advisoryLockKey: Int64 = 0x4348_414E_4C4F_4144 // "CHANLOAD"

    /// Imports `paths`. Throws `ImportRejected` (having written nothing) when records are
    /// rejected and `skipInvalid` is off.
    /// `-` reads standard input (spooled to a temporary file first: a rejected record's text is
    /// read again from it, and its format is detected from its first bytes).
    public func run(_ paths: [String], options: ImportOptions) async throws -> ImportReport {
        var options = options
        var spooled: [String] = []
        defer { for path in spooled { try? FileManager.default.removeItem(atPath: path) } }
        let sources = try paths.map { given -> ImportSource in
            var path = given
            var displayName = given
            if given == "-" {
                path = try StandardInputSpool.spool()
                spooled.append(path)
                displayName = "stdin"
            }
            let format = try options.format ?? InterchangeFormat.detect(path: path)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if options.rejectsPathTakesFormatExtension, let rejects = options.rejectsPath {
                options.rejectsPath = rejects + "." + format.fileExtension
                options.rejectsPathTakesFormatExtension = false
            }
            return ImportSource(displayName: displayName, size: size, strict: format == .jsonl,
                                fileExtension: format.fileExtension) { [path, displayName] in
                format.reader(path: path, displayName: displayName)
            }
        }
        return try await run(sources, options: options)
    }

    /// Loads the founding example shipped in the binary.
    public func loadFoundingExample() async throws -> ImportReport {
        let text = EmbeddedResources.foundingExampleJSONL
        let source = ImportSource(displayName: "founding-example.jsonl", size: text.utf8.count, strict: true) {
            JSONLinesReader(input: .text(text), displayName: "founding-example.jsonl")
        }
        return try await run([source], options: ImportOptions())
    }

    func run(_ sources: [ImportSource], options: ImportOptions) async throws -> ImportReport {
        var report = ImportReport()
        report.dryRun = options.dryRun
        do {
            report = try await database.write { connection in
                try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.advisoryLockKey))")
                // An import's statements take as long as its files are large (the service's
                // statement timeout guards requests that read, and would cut a 64 MiB file off).
                try await connection.execute("SET LOCAL statement_timeout = 0")
                var run = ImportRun(connection: connection, options: options, sources: sources)
                run.report.checkedAt = try await RegisterIdentity.exportMoment(on: connection)
                try await run.stageAll()
                try await run.merge()
                if !run.report.rejected.isEmpty && !options.skipInvalid { throw ImportRejected(report: run.report) }
                if options.dryRun { throw DryRunFinished(report: run.report) }
                return run.report
            }
            report.committed = true
            await settleCounts()
        } catch let finished as DryRunFinished {
            report = finished.report
        } catch var rejected as ImportRejected {
            try await writeRejects(of: &rejected.report, sources: sources, options: options)
            throw rejected
        }
        try await writeRejects(of: &report, sources: sources, options: options)
        return report
    }

    /// Writes the rejected records, when there are any and a place is given, a file per input
    /// (`RejectsFile`), and names the files in the report.
    private func writeRejects(of report: inout ImportReport, sources: [ImportSource], options: ImportOptions) async throws {
        guard let path = options.rejectsPath, !report.rejected.isEmpty else { return }
        let files = try await RejectsFile.write(report.rejected, sources: sources, exportsOfOneRegister: report.exportsOfOneRegister,
                                                to: path, naming: options.rejectsNamedAfterInputs ? .afterInput : .afterPath)
        report.rejectsFile = files.first
        report.rejectsFiles = files
    }
}

extension ImportService {
    /// Folds the count rows the import left partial, and forgets the changes every session sees
    /// (`settle_census()`, schema.sql), in a transaction of its own now that the import's rows
    /// are visible. The counts are exact either way: settling only keeps `stats` reading one row
    /// per key, so a failure here leaves the import committed and is not its error; the next
    /// import settles again.
    func settleCounts() async {
        _ = try? await database.write { connection in try await connection.execute("SELECT settle_census()") }
    }
}

/// Ends a dry run's transaction by rolling it back, carrying the report out.
private struct DryRunFinished: Error {
    var report: ImportReport
}
