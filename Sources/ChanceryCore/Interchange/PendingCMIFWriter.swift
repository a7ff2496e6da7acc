// TEMPORARY until CMIFWriter lands.
struct PendingCMIFWriter: RecordWriter {
    mutating func begin(_ output: TextOutput) throws { throw ChanceryError(.unexpected, "CMIF writing is not built yet") }
    mutating func write(_ record: DatasetRecord, to output: TextOutput) throws {}
    mutating func end(_ output: TextOutput) throws {}
}
