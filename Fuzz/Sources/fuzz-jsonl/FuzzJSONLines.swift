import FuzzSupport
@testable import ChanceryInterchange

/// The bytes as a Chancery dataset (JSON Lines), read as a file is: line splitting, the header,
/// each record type's decoding, unknown-field warnings and legacy date notes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let reader = JSONLinesReader(input: .bytes(fuzzInput(data, size)), displayName: "fuzz.jsonl")
    checkReaderContract(reader, inputSize: size)
    return 0
}
