/// One record read from an input file, where it was, and its text.
package struct ImportItem: Sendable {
    package var location: RecordLocation
    package var record: DatasetRecord
    /// The record's text as it was in the file, written to the rejects file if it is rejected.
    package var raw: String
}

/// What a reader hands on for each record: a record, a record it could not understand, or a
/// warning about something skipped; and, from a header, which register exported the file.
package enum ReaderOutput: Sendable {
    case item(ImportItem)
    case invalid(RejectedRecord)
    case warning(ImportWarning)
    /// A header says which register exported the file (see `RegisterID`; nil: none does), and
    /// when (`RegisterID.moment(text:)`; nil: it does not say). A file names this register's own
    /// letters by their refs only if every header in it names this one.
    case exportedBy(register: String?, at: String?)
}

/// Reads one input format, streaming: records are handed on as they are read, so memory does
/// not grow with the file.
///
/// A reader rejects a record it cannot understand (`.invalid`) and goes on with the next; it
/// throws only when the input as a whole is unreadable (missing file, not this format, a
/// header it does not support).
package protocol RecordReader {
    /// Reads the whole input in file order.
    func read(_ emit: (ReaderOutput) throws -> Void) throws

    /// What goes before rejected records in a rejects file so that the file can be fixed and
    /// imported again (a JSON Lines header, a CSV header row, a TEI document's opening).
    var rejectsPrologue: String { get }
    /// The same, without the id of the register that exported the file: for a rejects file
    /// holding records of several inputs, which need not all be that register's.
    var rejectsPrologueOfNoRegister: String { get }
    /// What goes after them (the TEI document's closing).
    var rejectsEpilogue: String { get }
    /// What an unreadable record (`raw`) is, as far as can be told: its type, counted under it
    /// in the import's summary (a CSV row or a CMIF `correspDesc` is a letter), and the ref it
    /// gives, so that records of its file naming it are refused with it.
    func unreadableRecord(_ raw: String) -> (type: String, ref: String?)
}

extension RecordReader {
    /// Formats that never name a register write the same prologue either way.
    package var rejectsPrologueOfNoRegister: String { rejectsPrologue }
    package func unreadableRecord(_ raw: String) -> (type: String, ref: String?) { ("record", nil) }
}
