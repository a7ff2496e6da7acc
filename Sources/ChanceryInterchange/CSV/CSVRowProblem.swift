import ChanceryModel

/// Why a data row cannot become a letter: the column at fault (as the header names it), what is
/// wrong and how to fix it. Becomes the reason of the row's `RejectedRecord`.
struct CSVRowProblem: Error, Equatable {
    let reason: String

    init(_ reason: String) { self.reason = reason }

    /// Runs a domain check (vocabulary, reference, language tag) and rephrases its
    /// `ChanceryError` to name the CSV column instead of the service's field.
    static func checking<T>(_ column: String, _ check: () throws -> T) throws -> T {
        do {
            return try check()
        } catch let error as ChanceryError {
            throw CSVRowProblem("column '\(column)': \(error.message)" + (error.hint.map { ". " + $0 } ?? ""))
        }
    }
}

extension String {
    /// Nil when empty: how blank cells become absent optional values.
    var csvOptional: String? { isEmpty ? nil : self }
}
