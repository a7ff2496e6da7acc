import ChanceryModel
@testable import ChanceryInterchange
import Foundation

/// What every reader promises, whatever the bytes (RecordReader's contract): it never traps; it
/// throws only a `ChanceryError` that explains itself (the input as a whole is unreadable); and
/// each record it hands on is a record, a rejection giving a reason, or a warning saying what was
/// skipped, each at a real line of the input. A broken promise stops the fuzzer like a crash.
public func checkReaderContract(_ reader: any RecordReader, inputSize: Int) {
    var lastLine = 0
    do {
        try reader.read { output in
            let location: RecordLocation
            switch output {
            case .item(let item):
                location = item.location
            case .invalid(let rejection):
                precondition(!rejection.reason.isEmpty, "a rejection at \(rejection.location) gives no reason")
                location = rejection.location
            case .warning(let warning):
                precondition(!warning.message.isEmpty, "a warning at \(warning.location) says nothing")
                location = warning.location
            }
            precondition(location.line >= 1 && location.line <= inputSize + 1, "\(location) is not a line of a \(inputSize)-byte input")
            lastLine = max(lastLine, location.line)
        }
    } catch let error as ChanceryError {
        precondition(!error.message.isEmpty, "a reader threw a ChanceryError without a message")
    } catch {
        preconditionFailure("a reader threw \(type(of: error)), not a ChanceryError: \(error)")
    }
    _ = reader.rejectsPrologue
    _ = reader.rejectsEpilogue
}

/// The fuzzer's bytes as `Data`, copied once.
public func fuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Data {
    Data(bytes: data, count: size)
}
