import ChanceryModel
import Foundation

/// Wording shared by the report renderers.
package enum ReportLabels {
    /// "Letter", "Note verbale", "Call readout": a letter kind as a sentence starts it.
    static func kind(_ kind: LetterKind) -> String {
        let words = kind.rawValue.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// "A, B → C, via D": who wrote to whom, through whom.
    static func parties(from: [String], to: [String], via: [String]) -> String {
        var text = from.joined(separator: ", ") + " → " + to.joined(separator: ", ")
        if !via.isEmpty { text += ", via " + via.joined(separator: ", ") }
        return text
    }

    /// "1 letter", "3 letters".
    static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) " + (number == 1 ? singular : plural ?? singular + "s")
    }
}
