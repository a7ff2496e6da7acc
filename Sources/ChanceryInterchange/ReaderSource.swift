package import Foundation

/// Where a reader's bytes come from: a file named by its path, or bytes already in memory (a
/// fuzzer's input, a test's text), which then go through exactly the same reading code.
package enum ReaderSource: Sendable {
    case file(path: String)
    case bytes(Data)
}
