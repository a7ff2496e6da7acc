import ArgumentParser
import ChanceryCore
import Foundation
import ChanceryModel
import ChanceryInterchange

/// `chancery import FILE…`: bulk loading from JSON Lines, CSV or CMIF.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import letters, actors, events and invitations from JSON Lines, CSV or CMIF files.",
        discussion: """
            All files are imported in one transaction. By default a single bad record means nothing is \
            written; every bad record is listed with its file, line and reason. Importing the same \
            files again changes nothing.

            A CMIF letter or a CSV row naming a stored letter replaces what it gives and keeps what \
            it leaves out: an edition given again does not clear the summaries, transmitters, links \
            or capacities added since. JSON Lines records, and Chancery's full TEI export, state \
            the whole letter. A new actor whose name is close to another's is named in a warning, \
            with the `chancery actor merge` that makes one an alias of the other.

            A letter is named by its reference, but references such as US-KH-2022-001 are made \
            alike in every register: a record under the reference of a stored letter that shares \
            no sender or addressee with it and has another date or subject, or has another date \
            and another subject, is another letter: the one it was found to be before, or a new \
            one under a free reference, with a warning naming it. Events and invitations \
            under another's reference (another name and date; another inviter and event) \
            take the next free number after it (EV-1-2). A letter imported from another \
            register's export keeps where it was first recorded (its origin, which exports \
            carry): given back, or met again through a third register, it is found by its \
            origin whatever its reference and content; the register it was first recorded in \
            corrects it, another register's copy leaves it as it is here (both said).

            None of this holds for the register's own exports (JSON Lines, CMIF, TEI), which \
            carry its id (`chancery db status`): their records correct what is stored under \
            their references, and a change that would make another letter, event or invitation \
            is warned of. Such an export also says when it was made: a record that would undo a \
            change made in the register since is named in a warning and left out (the register's \
            version is kept), unless --revert-newer puts the file's back.

            Examples:
              chancery import archive.jsonl
              chancery import letters.csv --skip-invalid --rejects rejected.csv
              chancery import edition.xml --format cmif --dry-run
              chancery export --country KH | chancery import -
            """
    )

    @Argument(help: ArgumentHelp("Files to import; - reads standard input.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The files' format (tei and xml are read as cmif, json, ndjson and jsonlines as jsonl); detected from each file's content when not given.",
                               valueName: "format"))
    var format: InterchangeFormat?

    @Flag(help: "Write the valid records and report the invalid ones, instead of writing nothing.")
    var skipInvalid = false

    @Option(help: ArgumentHelp(
        "Write rejected records to this file, in the input's format (with --skip-invalid, default: NAME.rejected.EXT in the current folder). Rejected records of several inputs go to a file each: FILE-NAME.EXT (by default NAME.rejected.EXT for each).",
        valueName: "file"))
    var rejects: String?

    @Flag(help: ArgumentHelp(
        "Let this register's own export put back letters, events, invitations, answers, actors' ids, notes and other names, roles and memberships changed in the register since it was made (by default they keep their version, named in a warning).",
        valueName: "revert-newer"))
    var revertNewer = false

    @Option(help: ArgumentHelp(
        "With --revert-newer, put back only changes made up to this moment: the one a --dry-run printed, so that what it listed is all that is put back.",
        valueName: "moment"))
    var revertNewerUpTo: String?

    @Flag(help: "Check every record, write nothing.")
    var dryRun = false

    @Flag(help: "No progress display and no summary; errors still go to standard error.")
    var quiet = false

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one file to import.") }
        if let moment = revertNewerUpTo {
            guard revertNewer else { throw ValidationError("--revert-newer-up-to goes with --revert-newer.") }
            guard RegisterID.moment(text: moment) != nil else {
                throw ValidationError("--revert-newer-up-to '\(moment)' is no moment: give the one a --dry-run printed (such as 2026-12-07T04:58:10.123456Z).")
            }
        }
    }

    func run() async throws {
        try await CommandContext.run(positional: ["file"]) { database in
            var options = ImportOptions()
            options.format = format
            if options.format == .tei { options.format = .cmif }
            options.skipInvalid = skipInvalid
            options.dryRun = dryRun
            options.revertNewer = revertNewer
            options.revertNewerUpTo = revertNewerUpTo
            if let rejects, case let folder = (rejects as NSString).deletingLastPathComponent, !folder.isEmpty {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                    throw ChanceryError(.invalidInput, "the folder of '\(rejects)' does not exist; nothing was imported", field: "rejects",
                                        hint: "Create the folder, or name a file in one that exists.")
                }
            }
            options.rejectsPath = rejects ?? (skipInvalid ? RejectsFile.defaultPath(for: files[0] == "-" ? "stdin" : files[0]) : nil)
            options.rejectsNamedAfterInputs = rejects == nil
            // Standard input's default name takes its format's extension once it is read.
            options.rejectsPathTakesFormatExtension = rejects == nil && skipInvalid && files[0] == "-"
            let progress = ImportProgressDisplay(totalBytes: ImportProgressDisplay.totalSize(of: files), quiet: quiet || json)
            options.progress = { bytes, records, _ in progress.update(bytes: bytes, records: records) }
            let report: ImportReport
            do {
                report = try await ImportService(database: database).run(files, options: options)
                progress.finish()
            } catch let rejected as ImportRejected {
                progress.finish()
                ImportSummary.printRejections(rejected.report, toStandardError: true)
                throw ChanceryError(.invalidInput,
                                    "\(rejected.report.rejected.count) record(s) rejected; nothing was written",
                                    hint: "Fix them, or import the rest with --skip-invalid" + (rejects == nil ? " (and --rejects FILE to keep them)." : "."))
            }
            if json {
                try Output.json(report)
            } else if !quiet {
                ImportSummary.print(report)
                if revertNewer && report.ownExports.isEmpty {
                    print("--revert-newer changed nothing: it applies to this register's own exports, and no file given is one "
                          + "(its header names no register, or another; `chancery db status` shows this register's id).")
                }
            }
        }
    }
}
