import Foundation

/// The JSON type of a value produced by `JSONSerialization` (or written as a Swift literal).
///
/// On Linux, `JSONSerialization` gives `true`/`false` as an `NSNumber` subclass that also casts
/// to `Int` and `Double`, and gives `1` as an `NSNumber` that also casts to `Bool`, so `as? Bool`
/// cannot tell them apart. The number's Objective-C type code can: `"c"` (char) for booleans,
/// `"i"`, `"q"`, `"d"`, … for numbers, on Linux and Darwin alike.
enum JSONKind: String, Sendable, CaseIterable {
    case null, boolean, integer, number, string, array, object

    /// The kind of `value`, or nil for something JSON cannot hold.
    static func of(_ value: Any) -> JSONKind? {
        // Swift values first (instances written in tests as literals).
        switch value {
        case is String: return .string
        case is NSNull: return .null
        case is [Any]: return .array
        case is [String: Any]: return .object
        default: break
        }
        let swiftType = type(of: value)
        if swiftType == Bool.self { return .boolean }
        if swiftType == Int.self || swiftType == Int64.self || swiftType == Int32.self || swiftType == UInt.self
            || swiftType == UInt64.self {
            return .integer
        }
        if swiftType == Double.self || swiftType == Float.self {
            let double = (value as? Double) ?? Double(value as? Float ?? .nan)
            return isWhole(double) ? .integer : .number
        }
        guard let number = value as? NSNumber else { return nil }
        if isBoolean(number) { return .boolean }
        switch String(cString: number.objCType) {
        case "d", "f": return isWhole(number.doubleValue) ? .integer : .number
        default: return .integer
        }
    }

    /// Whether an `NSNumber` from `JSONSerialization` is `true` or `false` rather than a number.
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    /// JSON Schema counts a number with no fractional part (`1.0`) as an integer.
    private static func isWhole(_ value: Double) -> Bool {
        value.isFinite && value.rounded(.towardZero) == value
    }

    /// Whether a value of this kind satisfies the schema type `name` (`number` includes integers).
    func satisfies(_ name: String) -> Bool {
        name == rawValue || (name == "number" && self == .integer)
    }

    /// A short rendering of a value for error messages.
    static func describe(_ value: Any) -> String {
        guard let kind = of(value) else { return "a non-JSON value of type \(type(of: value))" }
        switch kind {
        case .null: return "null"
        case .boolean: return (value as? NSNumber)?.boolValue == true || (value as? Bool) == true ? "true" : "false"
        case .string:
            let text = value as? String ?? ""
            return "string \"" + (text.count > 60 ? text.prefix(60) + "…" : Substring(text)) + "\""
        case .integer, .number: return "\(kind.rawValue) \(value)"
        case .array: return "an array of \((value as? [Any])?.count ?? 0)"
        case .object: return "an object with keys [" + ((value as? [String: Any])?.keys.sorted().joined(separator: ", ") ?? "") + "]"
        }
    }

    /// JSON equality (for `enum` and `const`): kinds must agree, so `1` never equals `true`.
    static func equal(_ a: Any, _ b: Any) -> Bool {
        guard let kindA = of(a), let kindB = of(b) else { return false }
        switch (kindA, kindB) {
        case (.null, .null): return true
        case (.boolean, .boolean): return boolValue(a) == boolValue(b)
        case (.integer, .integer), (.integer, .number), (.number, .integer), (.number, .number):
            return doubleValue(a) == doubleValue(b)
        case (.string, .string): return (a as? String) == (b as? String)
        case (.array, .array):
            let left = a as? [Any] ?? [], right = b as? [Any] ?? []
            return left.count == right.count && zip(left, right).allSatisfy { equal($0, $1) }
        case (.object, .object):
            let left = a as? [String: Any] ?? [:], right = b as? [String: Any] ?? [:]
            return left.count == right.count && left.allSatisfy { key, value in right[key].map { equal(value, $0) } ?? false }
        default: return false
        }
    }

    static func boolValue(_ value: Any) -> Bool {
        (value as? Bool) ?? (value as? NSNumber)?.boolValue ?? false
    }

    static func doubleValue(_ value: Any) -> Double {
        if let number = value as? NSNumber { return number.doubleValue }
        if let int = value as? Int { return Double(int) }
        return value as? Double ?? .nan
    }
}
