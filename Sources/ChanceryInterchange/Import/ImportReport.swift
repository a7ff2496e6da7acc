/// What an import did, or in a dry run would do.
public struct ImportReport: Sendable, Codable {
    /// Counts per record type (actor, letter, …).
    public var counts: [String: ImportCounts] = [:]
    /// Every rejected record, in file order.
    public var rejected: [RejectedRecord] = []
    /// Things skipped without rejecting a record: the first 1,000 met while reading, then the
    /// first 1,000 the merge found.
    public var warnings: [ImportWarning] = []
    /// How many warnings there were in all.
    public var warningCount = 0
    /// Whether nothing was written because this was a dry run.
    public var dryRun = false
    /// Whether the import's rows were committed.
    public var committed = false
    /// Where the rejected records were written, if anywhere (the first file, when rejected
    /// records of several inputs went to a file each).
    public var rejectsFile: String?
    /// Every file the rejected records were written to, if any: one per input that had any.
    public var rejectsFiles: [String]?
    /// The files read as this register's own exports (their headers name it): their refs name
    /// the letters, events and invitations stored here, whatever the records change of them.
    public var ownExports: [String] = []
    /// Records of those exports that would undo a change made in the register after the export
    /// (each named in a warning): counted unchanged, the register's version kept, unless the
    /// import was told to put them back (`--revert-newer`), when they count as updated.
    public var changedSinceExport = 0
    /// How many of them were put back as the file has them (`--revert-newer`; the others were
    /// changed after the check it names).
    public var putBackSinceExport = 0
    /// Records of another register's export that differ from a letter, event, invitation or
    /// answer first recorded here or in a third register, or come from an export of the
    /// register it was first recorded in older than the one last taken (each named in a
    /// warning): counted unchanged, kept as this register has them, since the copy may be older.
    public var keptAsHere = 0
    /// The moment this import read the register as (`RegisterID.moment(text:)`): a change made
    /// after it was not seen by it. A check (`--dry-run`) gives it so that the import asked for
    /// after reading it puts back only what it listed.
    public var checkedAt: String?
    /// The files whose headers all name one register (this one's or another's): a rejects file
    /// of one of them keeps its header, so that its records, corrected, come back as that
    /// register's. Not part of the report's JSON.
    package var exportsOfOneRegister: [String] = []
    /// The staging tables' indexes PostgreSQL would not use before the import commits (built
    /// after rows of their table changed in the same transaction: `pg_index.indcheckxmin`),
    /// each a statement that reads its whole table instead. Tests keep it empty. Not part of
    /// the report's JSON.
    package var unusableStagingIndexes: [String] = []

    private enum CodingKeys: String, CodingKey {
        case counts, rejected, warnings, warningCount, dryRun, committed, rejectsFile, rejectsFiles, ownExports, changedSinceExport,
             putBackSinceExport, keptAsHere, checkedAt
    }

    /// Creates an empty report.
    public init() {}

    /// Adds counts for a type.
    package mutating func add(_ counts: ImportCounts, for type: String) {
        var merged = self.counts[type] ?? ImportCounts()
        merged.new += counts.new
        merged.unchanged += counts.unchanged
        merged.updated += counts.updated
        merged.rejected += counts.rejected
        self.counts[type] = merged
    }

    /// The record types in the order the summary lists them.
    public static let typeOrder = ["actor", "membership", "role", "source", "event", "letter", "invitation", "response", "record"]
}

/// An import that wrote nothing because records were rejected; carries the report so the
/// caller can show every rejected record.
public struct ImportRejected: Error, Sendable {
    /// The report, with `rejected` filled in.
    public var report: ImportReport

    /// Creates a value from its parts.
    package init(report: ImportReport) {
        self.report = report
    }
}
