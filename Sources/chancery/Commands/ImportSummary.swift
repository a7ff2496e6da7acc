import ChanceryCore
import ChanceryRendering
import Foundation
import ChanceryInterchange

/// The human summary of an import: counts per record type, rejections and warnings.
enum ImportSummary {
    static func print(_ report: ImportReport) {
        var table = ReportTable(header: ["", "new", "unchanged", "updated", "rejected"], maximumWidth: 60)
        let types = ImportReport.typeOrder.filter { report.counts[$0] != nil }
            + report.counts.keys.filter { !ImportReport.typeOrder.contains($0) }.sorted()
        for type in types {
            guard let counts = report.counts[type], counts.total > 0 else { continue }
            table.rows.append([type, String(counts.new), String(counts.unchanged), String(counts.updated), String(counts.rejected)])
        }
        Swift.print(report.dryRun ? "Dry run: nothing was written. The import would do this:" : "Imported:")
        Swift.print(table.render())
        for file in report.ownExports {
            Swift.print("\(file) is an export of this register: its refs name the letters, events and invitations stored here.")
        }
        let were = report.dryRun ? "would be" : "were"
        if report.putBackSinceExport > 0 {
            Swift.print("\(report.putBackSinceExport) record(s) changed in the register since the export \(were) put back as the file has "
                + "them (warnings below"
                + (report.dryRun ? report.checkedAt.map { "; --revert-newer-up-to \($0) puts back only what this check lists" } ?? "" : "")
                + ").")
        }
        if report.changedSinceExport > report.putBackSinceExport {
            Swift.print("\(report.changedSinceExport - report.putBackSinceExport) record(s) changed in the register since the export \(were) "
                + "left as the register has them, the file differing (warnings below; --revert-newer puts the file's back"
                + (report.dryRun ? report.checkedAt.map { ", and with --revert-newer-up-to \($0) only what this check lists" } ?? "" : "")
                + ").")
        }
        if report.keptAsHere > 0 {
            Swift.print("\(report.keptAsHere) record(s) of another register's copies \(were) left as this register has them, the file "
                + "differing: first recorded here or in a third register, or older than the export last taken from their register (warnings below).")
        }
        printRejections(report, toStandardError: false)
        if let files = report.rejectsFiles, !files.isEmpty { Swift.print("Rejected records written to \(rejectsFiles(files, of: report)).") }
    }

    /// Up to this many rejections (or warnings) are listed one by one; more are summarized by reason.
    static let listedOneByOne = 10

    /// Up to this many possible duplicates are listed, each with its merge command.
    static let duplicatesListed = 20

    static func printRejections(_ report: ImportReport, toStandardError: Bool) {
        var lines: [String] = []
        // Each pair of close names is its own question for the editor: listed apart, not grouped.
        let duplicates = report.warnings.filter { $0.merge != nil }
        let others = report.warnings.filter { $0.merge == nil }
        let otherCount = report.warningCount - duplicates.count
        if otherCount <= listedOneByOne {
            for warning in others { lines.append("warning: \(warning.location): \(warning.message)") }
        } else {
            let kept = others.count < otherCount ? " (the first \(others.count) of them by reason)" : ""
            lines.append("warning: \(otherCount) warnings\(kept); --json lists each with its message:")
            lines += summary(others.map { ($0.location, $0.message) }, label: "warning")
        }
        if !duplicates.isEmpty {
            let some = duplicates.count == 1 ? "a new actor whose name is close to another's" : "\(duplicates.count) new actors whose names are close to others'"
            lines.append("possible duplicates: \(some); if two are one, merge them:")
            for warning in duplicates.prefix(duplicatesListed) {
                guard let merge = warning.merge else { continue }
                lines.append("    \(warning.location): chancery actor merge \(shellQuoted(merge.actor)) --into \(shellQuoted(merge.into))")
            }
            if duplicates.count > duplicatesListed {
                lines.append("    … and \(duplicates.count - duplicatesListed) more; --json lists each")
            }
        }
        if report.rejected.count <= listedOneByOne {
            for record in report.rejected { lines.append("rejected: \(record.location): \(record.reason)") }
        } else {
            let groups = RejectionSummary.groups(report.rejected.map { ($0.location, $0.reason) })
            let keep = report.rejectsFiles.map { "every one is in " + $0.joined(separator: ", ") } ?? "--rejects FILE keeps every one"
            lines.append("rejected: \(report.rejected.count) records for \(groups.count) reason\(groups.count == 1 ? "" : "s") (\(keep)):")
            lines += summary(report.rejected.map { ($0.location, $0.reason) }, label: "rejected")
        }
        guard !lines.isEmpty else { return }
        let text = lines.joined(separator: "\n") + "\n"
        if toStandardError { FileHandle.standardError.write(Data(text.utf8)) } else { Swift.print(text, terminator: "") }
    }

    /// The rejects files, each named with its input when there are several (one per input that
    /// had rejected records, in the order the report lists them).
    static func rejectsFiles(_ files: [String], of report: ImportReport) -> String {
        var inputs: [String] = []
        for record in report.rejected where !inputs.contains(record.location.file) { inputs.append(record.location.file) }
        guard files.count > 1, inputs.count == files.count else { return files.joined(separator: ", ") }
        return zip(files, inputs).map { "\($0) (from \($1))" }.joined(separator: ", ")
    }

    /// Quoted for a POSIX shell, whatever the name holds ("O'Neill" becomes 'O'\''Neill').
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// One line per reason, largest first: the count, the first record's reason, where the first
    /// ones are. A reason whose records name other values says the values shown are the first's.
    private static func summary(_ messages: [(location: RecordLocation, message: String)], label: String) -> [String] {
        RejectionSummary.groups(messages).flatMap { group in
            ["\(label): \(group.count) × \(group.example)" + (group.alike ? "" : " (as the first says it; each of the others names its own)"),
             "    at \(RejectionSummary.places(group.locations))"]
        }
    }
}
