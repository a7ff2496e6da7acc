import Foundation
import ChanceryModel

/// A name with the marks editions put on it: `[Kf. N.]`, a name the editor supplied where the
/// source gives none, and a trailing `?`, an uncertain attribution (`Kf. N.?`, `[Kf. N.?]`).
/// CSV2CMI reads the same marks into TEI `@evidence="conjecture"` and `@cert`.
package struct EditorialName: Sendable, Hashable {
    /// The name without the marks.
    package var name: String
    /// Whether the editor supplied it.
    package var supplied: Bool
    /// Whether the attribution is uncertain.
    package var uncertain: Bool

    /// Reads the marks of `written`; a name that is only marks (`[?]`) keeps them as its text.
    /// Marks on parts of a name (`[einen Amtsbruder] im [Elsaß?]`) stay in the name as written.
    package init(reading written: String) {
        var text = Substring(written.trimmingCharacters(in: .whitespaces))
        var supplied = false, uncertain = false
        func dropQuestionMark() {
            if text.hasSuffix("?") {
                text = text.dropLast()
                text = Substring(text.trimmingCharacters(in: .whitespaces))
                uncertain = true
            }
        }
        dropQuestionMark()
        // Only brackets around the whole name mark it as supplied: "Hans [Müller]" is a name
        // completed by the editor, kept as written.
        if text.hasPrefix("["), text.hasSuffix("]"), !text.dropFirst().dropLast().contains(where: { $0 == "[" || $0 == "]" }) {
            text = Substring(text.dropFirst().dropLast().trimmingCharacters(in: .whitespaces))
            supplied = true
            dropQuestionMark()
        }
        guard !text.isEmpty else {
            self.init(name: written.trimmingCharacters(in: .whitespaces), supplied: false, uncertain: false)
            return
        }
        self.init(name: String(text), supplied: supplied, uncertain: uncertain)
    }

    /// CSV2CMI writes `[a] im [b?]` as `a] im [b?` with `@evidence`, taking the outer brackets
    /// for a supplied name: the table's text, brackets restored, or nil when the text is not
    /// such a leftover (its first bracket is a closing one).
    package static func restoringCSV2CMIBrackets(_ text: String) -> String? {
        guard let first = text.first(where: { $0 == "[" || $0 == "]" }), first == "]" else { return nil }
        return "[" + text + "]"
    }

    /// A name with its marks given separately.
    package init(name: String, supplied: Bool, uncertain: Bool) {
        self.name = name
        self.supplied = supplied
        self.uncertain = uncertain
    }

    /// The name with its marks, as an edition's table writes it: `[Kf. N.?]`.
    package var written: String {
        let marked = uncertain ? name + "?" : name
        return supplied ? "[" + marked + "]" : marked
    }
}

extension ParticipantDraft {
    /// The participant's name as written, with the editor's marks.
    package var editorialName: EditorialName? {
        nameAsWritten.map { EditorialName(name: $0, supplied: nameSupplied, uncertain: nameUncertain) }
    }

    /// Records the name as written and its marks.
    package mutating func record(_ written: EditorialName) {
        nameAsWritten = written.name
        nameSupplied = written.supplied
        nameUncertain = written.uncertain
    }
}
