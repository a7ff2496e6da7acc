import FuzzSupport
@testable import ChanceryInterchange

/// The bytes as a letters CSV file: delimiter detection, the RFC 4180 record assembly, header
/// mapping and each row's letter and actors.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let reader = CSVLetterReader(source: .bytes(fuzzInput(data, size)), displayName: "fuzz.csv")
    checkReaderContract(reader, inputSize: size)
    return 0
}
