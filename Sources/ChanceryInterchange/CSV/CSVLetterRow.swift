import EDTF
import Foundation
import ChanceryModel

/// What one data row of a letters file stands for: the actors it introduces, then its letter.
struct CSVLetterRow {
    /// Actors to announce before the letter (the reader drops ones already announced).
    var actors: [(draft: ActorDraft, key: String?)] = []
    /// The letter; without `ref` and `key` it has no natural key yet (the reader gives one).
    package var letter = LetterDraft()
    /// Things skipped without rejecting the row.
    var warnings: [String] = []

    /// Reads a row; throws `CSVRowProblem` for the first thing that keeps it from being a letter.
    /// The provenance of a row with a `key` is its `edition` (CSV2CMI), else its `provenance`,
    /// else `fileTitle`: the natural key of such a letter is that provenance and `key`.
    init(fields: [String], header: CSVHeader, fileTitle: String) throws {
        func value(_ column: CSVColumn) -> String { header.value(column, in: fields) }
        func list(_ column: CSVColumn) -> [String] { CSVListValue.split(value(column)).filter { !$0.isEmpty } }

        letter.ref = try CSVRowProblem.checking(header.name(of: .ref)) { try InputValidation.reference(value(.ref)) }
        letter.key = value(.key).csvOptional
        if letter.key != nil {
            // A letter's number belongs to its edition: CSV2CMI tables of several volumes number
            // each volume's letters from 1, so `key` alone names a letter only within its edition.
            letter.provenance = value(.edition).csvOptional.map { SourceDraft(kind: .edition, title: $0) }
                ?? SourceDraft(kind: .archive, title: value(.provenance).csvOptional ?? fileTitle)
        }
        if let kind = value(.kind).csvOptional {
            letter.kind = try CSVRowProblem.checking(header.name(of: .kind)) { try LetterKind.parse(kind, field: "kind") }
        }
        letter.received = try Self.date(value(.received), column: header.name(of: .received), warnings: &warnings)
        // An undated letter is sent no later than it was received, if that is known; else its date is unknown.
        letter.date = try Self.date(value(.date), column: header.name(of: .date), warnings: &warnings)
            ?? letter.received.flatMap(CMIFDates.sentNoLaterThan(received:)) ?? Self.undated
        letter.dateAsWritten = try Self.asWritten(value(.dateAsWritten), column: header.name(of: .dateAsWritten))
        letter.receivedAsWritten = try Self.asWritten(value(.receivedAsWritten), column: header.name(of: .receivedAsWritten))

        let senders = try readSide(.sender, fields: fields, header: header)
        let recipients = try readSide(.recipient, fields: fields, header: header)
        letter.from = senders.participants
        letter.to = recipients.participants
        letter.cc = try readSide(.cc, fields: fields, header: header).participants
        letter.via = try readSide(.via, fields: fields, header: header).participants
        for (participants, columns) in [(senders, CSVParticipantColumns.sender), (recipients, .recipient)]
        where participants.participants.isEmpty {
            throw CSVRowProblem("column '\(header.name(of: columns.name))' is empty: every letter needs a \(columns.label); "
                + "give a name, or an ISO code, Wikidata, VIAF or GND id in '\(header.name(of: columns.id))'")
        }

        letter.subject = value(.subject).csvOptional
            ?? Self.composedSubject(kind: letter.kind, senders: senders.displayNames, recipients: recipients.displayNames)
        letter.summary = value(.summary).csvOptional
        letter.text = value(.text).csvOptional
        letter.language = try CSVRowProblem.checking(header.name(of: .language)) { try InputValidation.languageTag(value(.language)) }
        if let classification = value(.classification).csvOptional {
            letter.classification = try CSVRowProblem.checking(header.name(of: .classification)) {
                try Classification.parse(classification, field: "classification")
            }
        }
        (letter.sentPlace, letter.sentPlaceGeonamesId) = try Self.place(
            value(.senderPlace), ids: value(.senderPlaceID), columns: (header.name(of: .senderPlace), header.name(of: .senderPlaceID)),
            of: "sending", warnings: &warnings)
        (letter.receivedPlace, letter.receivedPlaceGeonamesId) = try Self.place(
            value(.recipientPlace), ids: value(.recipientPlaceID), columns: (header.name(of: .recipientPlace), header.name(of: .recipientPlaceID)),
            of: "receipt", warnings: &warnings)
        letter.replyTo = list(.replyTo)
        letter.encloses = list(.encloses)
        letter.forwards = list(.forwards)
        letter.refersTo = list(.refersTo)
        letter.events = list(.events)
        letter.sources = try CSVSourceCells.read(fields: fields, header: header)
        if let edition = value(.edition).csvOptional, !letter.sources.contains(where: { $0.kind == .edition && $0.title == edition }) {
            letter.sources.append(SourceDraft(kind: .edition, title: edition))
        }
        letter.awaitingReply = try Self.boolean(value(.awaitingReply), column: header.name(of: .awaitingReply))
        letter.unstated = Self.unstatedParts { value($0).csvOptional == nil }
    }

    /// What a row does not say: every part whose cells are empty, or whose columns the table
    /// does not have (a CSV2CMI table has no subject, link or capacity column, and its `note`
    /// is empty for most letters). An edition's table given again must not blank what a user
    /// has added since; a part is cleared with `letter edit --clear`, or by JSON Lines, whose
    /// records state the whole letter. A participant's capacity and party left empty keep the
    /// stored ones too.
    private static func unstatedParts(isEmpty: (CSVColumn) -> Bool) -> [LetterPart] {
        func empty(_ columns: CSVColumn...) -> Bool { columns.allSatisfy(isEmpty) }
        return LetterPart.allCases.filter { part in
            switch part {
            case .capacities, .signatories: true
            case .dateForm: false
            case .kind: empty(.kind)
            case .sentDate: empty(.date)
            case .subject: empty(.subject)
            case .classification: empty(.classification)
            case .received: empty(.received)
            case .dateAsWritten: empty(.dateAsWritten)
            case .receivedAsWritten: empty(.receivedAsWritten)
            case .summary: empty(.summary)
            case .text: empty(.text)
            case .language: empty(.language)
            case .sentPlace: empty(.senderPlace, .senderPlaceID)
            case .receivedPlace: empty(.recipientPlace, .recipientPlaceID)
            case .awaitingReply: empty(.awaitingReply)
            case .cc: empty(.cc, .ccID)
            case .via: empty(.via, .viaID)
            case .replyTo: empty(.replyTo)
            case .encloses: empty(.encloses)
            case .forwards: empty(.forwards)
            case .refersTo: empty(.refersTo)
            case .events: empty(.events)
            }
        }
    }

    private mutating func readSide(_ columns: CSVParticipantColumns, fields: [String], header: CSVHeader) throws -> CSVParticipantCells {
        let cells = try CSVParticipantCells(columns, fields: fields, header: header)
        actors += cells.actors
        warnings += cells.warnings
        return cells
    }

    /// The date of an undated letter: EDTF's wholly unspecified year, listed after every dated letter.
    static let undated = "XXXX"

    /// Checks an EDTF date; the letter keeps it as written, but for a pre-2019 spelling
    /// (`1548-10-27/?`), which is read in its 2019 form with a warning. Nil for an empty cell.
    private static func date(_ text: String, column: String, warnings: inout [String]) throws -> String? {
        guard !text.isEmpty else { return nil }
        do {
            let date = try EDTFDate(text)
            guard date.isLegacyForm else { return text }
            warnings += date.notes.map { "column '\(column)': " + $0 }
            return date.expression
        } catch let error as EDTFError {
            // The value in quotes, so that summaries group the rows that fail for the same reason.
            let detail = error.reason + (error.position.map { " at position \($0)" } ?? "") + (error.hint.map { " (\($0))" } ?? "")
            throw CSVRowProblem("column '\(column)': invalid date '\(error.input)': \(detail). "
                + "Write dates in EDTF: 2022-05-12, 2022-05, 2022, 2022-01/2022-03, 2022~, 2022-05?, 202X")
        }
    }

    private static func asWritten(_ text: String, column: String) throws -> String? {
        guard !text.isEmpty else { return nil }
        guard text.count <= 500 else {
            throw CSVRowProblem("column '\(column)': the date as written has \(text.count) characters; at most 500 are kept")
        }
        return text
    }

    /// A letter's place and its GeoNames id. A cell may list several (`Laubach|Utphe`, as
    /// CSV2CMI writes them); Chancery keeps one place of sending and one of receipt, as it does
    /// reading CMIF: the first, paired with the first id, and a warning naming the others.
    private static func place(_ names: String, ids: String, columns: (name: String, id: String), of action: String,
                              warnings: inout [String]) throws -> (String?, Int64?) {
        let places = CSVListValue.split(names).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let placeIDs = CSVListValue.split(ids).map { $0.trimmingCharacters(in: .whitespaces) }
        let id = try geoNames(placeIDs.first ?? "", column: columns.id)
        if places.count > 1 {
            warnings.append("column '\(columns.name)': \(places.count) places in '\(names)'; Chancery keeps one place of \(action): "
                + "'\(places[0])'" + (id.map { " (GeoNames \($0))" } ?? "") + " is kept, "
                + places.dropFirst().map { "'\($0)'" }.joined(separator: ", ") + " skipped")
        } else if placeIDs.count > 1 {
            warnings.append("column '\(columns.id)': \(placeIDs.count) ids in '\(ids)' for one place; the first is kept")
        }
        return (places.first, id)
    }

    private static func geoNames(_ text: String, column: String) throws -> Int64? {
        guard !text.isEmpty else { return nil }
        guard let id = CSVGeoNamesID.parse(text) else {
            throw CSVRowProblem("column '\(column)': '\(text)' is not a GeoNames id; give the number (2879139) "
                + "or the GeoNames URL (https://www.geonames.org/2879139)")
        }
        return id
    }

    private static func boolean(_ text: String, column: String) throws -> Bool {
        switch text.lowercased() {
        case "", "false", "no", "0", "n", "f": return false
        case "true", "yes", "1", "y", "t": return true
        default: throw CSVRowProblem("column '\(column)': '\(text)' is not true or false; write true, false, yes, no, 1 or 0")
        }
    }

    /// "Letter from Joe Biden to Hun Sen": the subject of a row that has none (CSV2CMI tables
    /// have no subject column, and a letter needs one).
    static func composedSubject(kind: LetterKind, senders: [String], recipients: [String]) -> String {
        ComposedSubject.make(ComposedSubject.label(kind), senders: senders, recipients: recipients)
    }
}
