import EDTF

/// Every byte string is a candidate EDTF expression. Besides not trapping, a parsed value must
/// format to text that parses back to an equal value with the same text and bounds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEDTF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let date = try? EDTFDate(text) else { return 0 }
    let expression = date.expression
    guard let reparsed = try? EDTFDate(expression) else {
        fatalError("\(text.debugDescription) formats as \(expression.debugDescription), which does not parse")
    }
    precondition(reparsed == date, "\(text.debugDescription) → \(expression.debugDescription) parses to another value")
    precondition(reparsed.expression == expression, "formatting \(expression.debugDescription) is not stable")
    precondition(reparsed.earliest == date.earliest && reparsed.latest == date.latest, "bounds of \(expression.debugDescription) change")
    if let earliest = date.earliest, let latest = date.latest {
        precondition(earliest <= latest, "\(expression.debugDescription) ends before it starts")
    }
    _ = date.humanReadable
    return 0
}
