/// One input: its name for messages, its size for progress, and how to read it.
package struct ImportSource: Sendable {
    package var displayName: String
    package var size: Int
    /// Whether links and events the file names must exist (a Chancery dataset); CSV and CMIF
    /// files often name letters and events outside themselves, which become warnings.
    package var strict: Bool
    /// Its format's file extension ("jsonl"), for the file its rejected records go to.
    package var fileExtension: String
    package var makeReader: @Sendable () -> any RecordReader

    /// Creates a value from its parts.
    package init(displayName: String, size: Int, strict: Bool, fileExtension: String = "",
                 makeReader: @escaping @Sendable () -> any RecordReader) {
        self.displayName = displayName
        self.size = size
        self.strict = strict
        self.fileExtension = fileExtension
        self.makeReader = makeReader
    }
}
