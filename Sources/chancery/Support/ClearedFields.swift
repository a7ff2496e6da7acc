import ArgumentParser
import ChanceryModel

/// The `--clear FIELD` option of the edit commands: each command names the fields it lets be
/// emptied; a field it does not, or one also given a new value, is refused before anything runs.
struct ClearedFields {
    let cleared: [String]

    init(_ cleared: [String]) { self.cleared = cleared }

    /// The option's help, listing the fields that can be cleared.
    static func help(_ clearable: [String], note: String? = nil) -> ArgumentHelp {
        ArgumentHelp("Remove a field's value (repeatable): \(clearable.joined(separator: ", "))." + (note.map { " " + $0 } ?? ""), valueName: "field")
    }

    /// Refuses a field outside `clearable`, and one for which `given` says a new value was given too.
    func check(clearable: [String], given: [String: Bool]) throws {
        for field in cleared where !clearable.contains(field) {
            throw ValidationError("--clear \(field): not a field that can be empty. Clearable: \(clearable.joined(separator: ", ")).")
        }
        for field in cleared where given[field] == true {
            throw ValidationError("--clear \(field) and a new value for it: give one or the other.")
        }
    }

    /// A field's change: emptied when cleared, else set to the value given, else kept.
    func patch<Value>(_ value: Value?, _ field: String) -> FieldPatch<Value> {
        cleared.contains(field) ? .clear : value.map { .set($0) } ?? .keep
    }
}
