import FuzzSupport
@testable import ChanceryInterchange

/// The bytes as a CMIF or TEI file, read by the importer's streaming reader (Foundation's
/// XMLParser underneath, then the correspDesc reading).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCMIF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let reader = CMIFReader(source: .bytes(fuzzInput(data, size)), displayName: "fuzz.xml")
    checkReaderContract(reader, inputSize: size)
    return 0
}
