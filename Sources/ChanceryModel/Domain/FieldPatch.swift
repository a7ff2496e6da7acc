import EDTF

/// What an edit does to one optional field of a record: leave it, remove its value, or replace it.
///
/// Plain optionals cannot say "remove" (nil already means "leave it"), which is what a JSON merge
/// patch's `null` asks for.
public enum FieldPatch<Value: Sendable>: Sendable {
    /// Leave the stored value as it is.
    case keep
    /// Remove the stored value.
    case clear
    /// Store this value.
    case set(Value)

    /// False for `keep`.
    public var changes: Bool {
        if case .keep = self { return false }
        return true
    }
}

extension FieldPatch: Equatable where Value: Equatable {}
extension FieldPatch: Hashable where Value: Hashable {}
