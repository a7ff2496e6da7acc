import Foundation
import ChanceryModel

/// Writes letters as CSV: RFC 4180, UTF-8 without a byte order mark, CRLF line ends (what
/// spreadsheets and RFC 4180 expect; the reader takes LF too), the columns of `CSVColumn.written`
/// in that order, one letter a row. Reading the file back with `CSVLetterReader` gives the same
/// letters, except that actors with ids come back named by their first id (`Q6279`, `KH`).
///
/// Actor records come first; the writer keeps their kinds and ids, so each participant is
/// written as its actor's display name with its ids. Other records are not letters and are
/// skipped: a CSV file holds letters only (JSON Lines holds everything).
package struct CSVLetterWriter: RecordWriter {
    /// The actors listed so far, by every reference a letter may name them by.
    private var directory = CorrespondentDirectory()

    /// Creates a writer.
    package init() {}

    package mutating func begin(_ output: TextOutput) throws {
        output.write(Self.line(CSVColumn.written.map(\.rawValue)))
    }

    package mutating func write(_ record: DatasetRecord, to output: TextOutput) throws {
        switch record {
        case .actor(let draft, let key): remember(draft, key: key)
        case .letter(let letter): output.write(Self.line(row(for: letter)))
        default: break
        }
    }

    package mutating func end(_ output: TextOutput) throws {}

    /// Notes an actor so the letters naming it can carry its kind and ids.
    mutating func remember(_ actor: ActorDraft, key: String?) {
        directory.add(actor, key: key)
    }

    /// A letter's cells, in the order of `CSVColumn.written`.
    func row(for letter: LetterDraft) -> [String] {
        var cells: [CSVColumn: String] = [
            .ref: letter.ref ?? "", .key: letter.key ?? "", .provenance: letter.provenance?.title ?? "",
            .kind: letter.kind.rawValue, .date: letter.date, .received: letter.received ?? "",
            .dateAsWritten: letter.dateAsWritten ?? "", .receivedAsWritten: letter.receivedAsWritten ?? "",
            .senderPlace: letter.sentPlace.map { CSVListValue.join([$0]) } ?? "", .senderPlaceID: letter.sentPlaceGeonamesId.map(String.init) ?? "",
            .recipientPlace: letter.receivedPlace.map { CSVListValue.join([$0]) } ?? "", .recipientPlaceID: letter.receivedPlaceGeonamesId.map(String.init) ?? "",
            .subject: letter.subject, .summary: letter.summary ?? "", .text: letter.text ?? "", .language: letter.language ?? "",
            .classification: letter.classification.rawValue,
            .replyTo: CSVListValue.join(letter.replyTo), .encloses: CSVListValue.join(letter.encloses),
            .forwards: CSVListValue.join(letter.forwards), .refersTo: CSVListValue.join(letter.refersTo),
            .events: CSVListValue.join(letter.events), .awaitingReply: letter.awaitingReply ? "true" : "false",
        ]
        let sides: [(CSVParticipantColumns, [ParticipantDraft])] = [
            (.sender, letter.from), (.recipient, letter.to), (.cc, letter.cc), (.via, letter.via),
        ]
        for (columns, participants) in sides {
            cells.merge(participantCells(participants, columns: columns)) { $1 }
        }
        cells.merge(CSVSourceCells.cells(for: letter.sources)) { $1 }
        return CSVColumn.written.map { cells[$0] ?? "" }
    }

    private func participantCells(_ participants: [ParticipantDraft], columns: CSVParticipantColumns) -> [CSVColumn: String] {
        let actors = participants.map { directory.actor($0.name) }
        return [
            columns.name: CSVListValue.join(zip(participants, actors).map(Self.nameCell)),
            columns.id: CSVListValue.join(actors.map { $0.map(Self.ids)?.joined(separator: " ") ?? "" }),
            columns.kind: CSVListValue.join(actors.map { $0?.kind.rawValue ?? "" }),
            columns.capacity: CSVListValue.join(participants.map { $0.capacity ?? "" }),
            columns.state: CSVListValue.join(participants.map { $0.onBehalfOf.map(reference) ?? "" }),
        ]
    }

    /// A participant's name with the editor's marks (`[Kf. N.?]`): the spelling the letter uses
    /// where an id keeps the actor apart from it, else the actor's own name, which a re-import
    /// matches by.
    private static func nameCell(_ participant: ParticipantDraft, _ actor: ActorDraft?) -> String {
        let name = actor?.name ?? participant.name
        let spelling = participant.nameAsWritten.flatMap { written in
            actor.map(ids)?.isEmpty == false || written.lowercased() == name.lowercased() ? written : nil
        } ?? name
        return EditorialName(name: spelling, supplied: participant.nameSupplied, uncertain: participant.nameUncertain).written
    }

    /// How a cell that takes a single name refers to an actor (`*_state`): its first id when it
    /// has one (`KH`), which resolves anywhere, else its display name.
    private func reference(_ name: String) -> String {
        guard let actor = directory.actor(name) else { return name }
        return Self.ids(actor).first ?? actor.name
    }

    /// An actor's ids as a `*_id` cell writes them, in the order the importer resolves them.
    private static func ids(_ actor: ActorDraft) -> [String] {
        [actor.isoCode, actor.wikidataId, actor.viafId.map { "viaf:" + $0 }, actor.gndId.map { "gnd:" + $0 }].compactMap { $0 }
    }

    /// One CSV line: fields quoted where RFC 4180 needs it, ended by CRLF.
    package static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    /// The field as is, or in double quotes (inner quotes doubled) when it holds a comma, a
    /// quote or a line break.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
