import ChanceryCore
import ChanceryRendering
import ChanceryModel
import EDTF
import Foundation

/// Plain-text forms of letters for the terminal.
enum LetterText {
    static func detail(_ letter: LetterDetail) -> String {
        var lines = [letter.ref + "  " + letter.kind.rawValue + "  " + letter.date.display
                     + "  (" + letter.date.edtf + ", " + letter.date.precision.rawValue + " precision)"]
        if let written = letter.dateAsWritten { lines.append("Dated:     “" + written + "” (as written)") }
        if let received = letter.received { lines.append("Received:  " + received.display + " (" + received.edtf + ")") }
        if let written = letter.receivedAsWritten { lines.append("Received:  “" + written + "” (as written)") }
        lines.append("Subject:   " + letter.subject)
        if let summary = letter.summary { lines.append("Summary:   " + summary) }
        if let language = letter.language { lines.append("Language:  " + language) }
        if letter.classification != .unclassified { lines.append("Class:     " + letter.classification.rawValue) }
        if let place = letter.sentPlace { lines.append("Written at: " + place) }
        if let place = letter.receivedPlace { lines.append("Received at: " + place) }
        if letter.awaitingReply { lines.append("Awaiting a reply.") }
        for role in ParticipantRole.allCases {
            let people = letter.participants.filter { $0.role == role }
            guard !people.isEmpty else { continue }
            let label = (role == .transmitter ? "via" : role.rawValue) + ":"
            for (index, person) in people.enumerated() {
                lines.append((index == 0 ? label.padding(toLength: 11, withPad: " ", startingAt: 0) : String(repeating: " ", count: 11))
                             + participant(person))
            }
        }
        for link in letter.links {
            lines.append("Link:      " + link.kind.label + " " + link.ref + " — " + link.subject + " (" + link.date.display + ")")
        }
        for link in letter.linkedFrom {
            lines.append("Link:      " + link.kind.inverseLabel + " " + link.ref + " — " + link.subject + " (" + link.date.display + ")")
        }
        if !letter.invitations.isEmpty { lines.append("Extends:   " + letter.invitations.joined(separator: ", ")) }
        if !letter.events.isEmpty { lines.append("Events:    " + letter.events.joined(separator: ", ")) }
        if let origin = letter.origin { lines.append("Origin:    " + origin.phrase) }
        for source in letter.sources {
            var line = "Source:    " + source.title + " [" + source.kind.rawValue + "]"
            if let publisher = source.publisher { line += ", " + publisher }
            if let url = source.url { line += " <" + url + ">" }
            lines.append(line)
            if let quote = source.quote { lines.append("           “" + quote + "”") }
        }
        if let body = letter.text { lines += ["", body] }
        return lines.joined(separator: "\n")
    }

    static func participant(_ person: Participant) -> String {
        var text = person.name
        // The spelling of the source where it differs, and the editor's marks: [supplied], uncertain.
        if let written = person.nameAsWritten, written != person.name { text += " (written “" + written + "”)" }
        if person.nameSupplied { text += " [name supplied by the editor]" }
        if person.nameUncertain { text += " [uncertain]" }
        var details: [String] = []
        if let capacity = person.capacity { details.append(capacity) }
        if let represents = person.onBehalfOf {
            details.append("for " + represents + (person.country.map { " (" + $0 + ")" } ?? ""))
        } else if let country = person.country, person.kind != .state {
            details.append(country)
        }
        if !details.isEmpty { text += " — " + details.joined(separator: ", ") }
        return text
    }

    static func table(_ letters: [LetterSummary]) -> String {
        guard !letters.isEmpty else { return "No letters match." }
        var table = ReportTable(header: ["REF", "DATE", "FROM", "TO", "SUBJECT"], maximumWidth: 60)
        table.rows = letters.map { letter in
            [letter.ref, letter.date.display, letter.from.joined(separator: ", "), letter.to.joined(separator: ", "), letter.subject]
        }
        return table.render() + "\n\(letters.count) letter" + (letters.count == 1 ? "" : "s")
    }
}
