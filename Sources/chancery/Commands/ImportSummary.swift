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
        printRejections(report, toStandardError: false)
        if let file = report.rejectsFile { Swift.print("Rejected records written to \(file).") }
    }

    static func printRejections(_ report: ImportReport, toStandardError: Bool) {
        var lines: [String] = []
        for warning in report.warnings.prefix(20) { lines.append("warning: \(warning.location): \(warning.message)") }
        if report.warningCount > 20 { lines.append("warning: … and \(report.warningCount - 20) more warnings") }
        for record in report.rejected.prefix(100) { lines.append("rejected: \(record.location): \(record.reason)") }
        if report.rejected.count > 100 { lines.append("rejected: … and \(report.rejected.count - 100) more (see --rejects FILE)") }
        guard !lines.isEmpty else { return }
        let text = lines.joined(separator: "\n") + "\n"
        if toStandardError { FileHandle.standardError.write(Data(text.utf8)) } else { Swift.print(text, terminator: "") }
    }
}
