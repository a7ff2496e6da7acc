/// A failure to find, create, start or stop the embedded cluster.
///
/// The message is written for the person at the terminal: it names what went wrong, how to fix it,
/// and, when a PostgreSQL program failed, ends with the tail of its output or of `server.log`,
/// because that is where the real reason usually is.
public struct EmbeddedPostgresError: Error, Sendable, CustomStringConvertible {
    /// What went wrong and how to fix it.
    public var message: String

    /// Wraps a ready-made explanation.
    public init(_ message: String) {
        self.message = message
    }

    /// The message itself, so that printing the error shows the advice unadorned.
    public var description: String { message }
}
