// TEMPORARY until CMIFReader lands.
struct PendingCMIFReader: RecordReader {
    let displayName: String
    var rejectsPrologue: String { "" }
    var rejectsEpilogue: String { "" }
    func read(_ emit: (ReaderOutput) throws -> Void) throws {
        throw ChanceryError(.unexpected, "CMIF reading is not built yet")
    }
}
