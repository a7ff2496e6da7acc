/// One input: its name for messages, its size for progress, and how to read it.
package struct ImportSource: Sendable {
    package var displayName: String
    package var size: Int
    /// Whether links and events the file names must exist (a Chancery dataset); CSV and CMIF
    /// files often name letters and events outside themselves, which become warnings.
    package var strict: Bool
    package var makeReader: @Sendable () -> any RecordReader

    /// Creates a value from its parts.
    package init(displayName: String, size: Int, strict: Bool, makeReader: @escaping @Sendable () -> any RecordReader) {
        self.displayName = displayName
        self.size = size
        self.strict = strict
        self.makeReader = makeReader
    }
}
