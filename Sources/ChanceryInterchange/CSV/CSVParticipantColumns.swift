import ChanceryModel

/// The five columns describing one side of a letter (`sender`, `sender_id`, `sender_kind`,
/// `sender_capacity`, `sender_state`); each holds a `|` list lined up by position.
struct CSVParticipantColumns: Sendable {
    let name: CSVColumn
    let id: CSVColumn
    let kind: CSVColumn
    let capacity: CSVColumn
    let state: CSVColumn
    /// "sender", for messages.
    let label: String

    static let sender = CSVParticipantColumns(name: .sender, id: .senderID, kind: .senderKind, capacity: .senderCapacity,
                                              state: .senderState, label: "sender")
    static let recipient = CSVParticipantColumns(name: .recipient, id: .recipientID, kind: .recipientKind,
                                                 capacity: .recipientCapacity, state: .recipientState, label: "recipient")
    static let cc = CSVParticipantColumns(name: .cc, id: .ccID, kind: .ccKind, capacity: .ccCapacity, state: .ccState, label: "cc")
    static let via = CSVParticipantColumns(name: .via, id: .viaID, kind: .viaKind, capacity: .viaCapacity, state: .viaState,
                                           label: "transmitter")
}

/// A side's participants read from a row, with the actor records that introduce them.
struct CSVParticipantCells {
    /// The participants, named the way the importer resolves them: by id key when the row gives
    /// one (`Q6279`), else by name.
    var participants: [ParticipantDraft] = []
    /// How each participant reads in a composed subject: the name, else the key.
    var displayNames: [String] = []
    /// Actors to announce before the letter; `key` is set when the row gave an id.
    var actors: [(draft: ActorDraft, key: String?)] = []
    /// Ids of authorities Chancery does not keep, skipped.
    var warnings: [String] = []

    /// Reads one side; throws `CSVRowProblem` naming the column at fault.
    init(_ columns: CSVParticipantColumns, fields: [String], header: CSVHeader) throws {
        let names = CSVListValue.split(header.value(columns.name, in: fields))
        let ids = CSVListValue.split(header.value(columns.id, in: fields))
        let count = names.isEmpty ? ids.count : names.count
        let kinds = try Self.lineUp(columns.kind, fields: fields, header: header, count: count, broadcast: true, side: columns)
        let capacities = try Self.lineUp(columns.capacity, fields: fields, header: header, count: count, broadcast: true, side: columns)
        let states = try Self.lineUp(columns.state, fields: fields, header: header, count: count, broadcast: true, side: columns)
        let idCells: [String]
        if !names.isEmpty, !ids.isEmpty, ids.count < names.count {
            // CSV2CMI pairs names and ids by position and leaves the names after the last id
            // without one (`A|a group of councillors` with one id): read the table as it does.
            idCells = ids + Array(repeating: "", count: names.count - ids.count)
            let unpaired = names[ids.count...].filter { !$0.isEmpty }.map { "'" + $0 + "'" }.joined(separator: ", ")
            let one = names.count - ids.count == 1
            warnings.append("column '\(header.name(of: columns.id))' has \(ids.count) id\(ids.count == 1 ? "" : "s") for \(names.count) "
                + "names in '\(header.name(of: columns.name))': paired by position as CSV2CMI does, so \(unpaired) "
                + "\(one ? "has" : "have") no id and \(one ? "is" : "are") matched by name; "
                + "write | between ids, leaving an entry blank where there is none (e.g. Q6279|), to say which name each id belongs to")
        } else {
            idCells = try Self.lineUp(columns.id, fields: fields, header: header, count: count, broadcast: false, side: columns)
        }
        for position in 0..<count {
            // `[Kf. N.?]`: the editor supplied the name and is unsure of it; the actor is "Kf. N.".
            let written = names.isEmpty || names[position].isEmpty ? nil : EditorialName(reading: names[position])
            let name = written?.name ?? ""
            let actorIDs = try readIDs(idCells[position], column: header.name(of: columns.id), label: columns.label)
            let kindText = kinds[position]
            let details = [kindText, capacities[position], states[position]]
            guard !name.isEmpty || !actorIDs.isEmpty else {
                // A position left blank everywhere is a stray `|`; one with details lacks its actor.
                if details.allSatisfy(\.isEmpty) { continue }
                throw CSVRowProblem("column '\(header.name(of: columns.name))': entry \(position + 1) is empty but has a kind, "
                    + "capacity or state; give the \(columns.label)'s name, or remove the extra entries")
            }
            let kind = try kindText.isEmpty ? nil : CSVRowProblem.checking(header.name(of: columns.kind)) {
                try ActorKind.parse(kindText, field: "kind")
            }
            let reference = try addActor(name: name, ids: actorIDs, kind: kind, kindColumn: header.name(of: columns.kind), label: columns.label)
            var participant = ParticipantDraft(name: reference, capacity: capacities[position].csvOptional,
                                               onBehalfOf: states[position].csvOptional)
            // An id in the name column (`KH`, `Q6279`) is a reference, not a spelling.
            if let written, !CSVActorID.isReference(written.name) { participant.record(written) }
            participants.append(participant)
            displayNames.append(name.isEmpty ? reference : name)
        }
    }

    /// Adds the actor record for one participant and returns the name the letter uses for it.
    private mutating func addActor(name: String, ids: [CSVActorID], kind: ActorKind?, kindColumn: String, label: String) throws -> String {
        var draft = ActorDraft(kind: kind ?? .person, name: name)
        for id in ids {
            switch id {
            case .iso(let code):
                if let kind, kind != .state {
                    throw CSVRowProblem("column '\(kindColumn)': the \(label) has ISO code \(code), so it is a state, not a \(kind.rawValue); "
                        + "fix the kind or the id")
                }
                draft.kind = .state
                draft.isoCode = code
            case .wikidata(let qid): draft.wikidataId = qid
            case .viaf(let viaf): draft.viafId = viaf
            case .gnd(let gnd): draft.gndId = gnd
            }
        }
        // The importer resolves ISO code, then Wikidata, VIAF, GND: key by the first present.
        let key = draft.isoCode ?? draft.wikidataId ?? draft.viafId.map { "viaf:" + $0 } ?? draft.gndId.map { "gnd:" + $0 }
        if let key {
            if !name.isEmpty { actors.append((draft, key)) }
            return key
        }
        if !CSVActorID.isReference(name) { actors.append((draft, nil)) }
        return name
    }

    /// The space-separated ids of one participant; one per scheme.
    private mutating func readIDs(_ cell: String, column: String, label: String) throws -> [CSVActorID] {
        var ids: [CSVActorID] = []
        for token in cell.split(whereSeparator: \.isWhitespace).map(String.init) {
            switch CSVActorID.parse(token) {
            case .id(let id):
                if let clash = ids.first(where: { Self.scheme($0) == Self.scheme(id) }), clash != id {
                    throw CSVRowProblem("column '\(column)': two \(Self.scheme(id)) ids for one \(label) (\(clash.key), \(id.key)); keep one")
                }
                if !ids.contains(id) { ids.append(id) }
            case .malformed(let advice):
                throw CSVRowProblem("column '\(column)': \(advice)")
            case .unrecognized:
                warnings.append("column '\(column)': '\(token)' is not an ISO code, Wikidata, VIAF or GND id; "
                    + "it was ignored and the \(label) is matched by name")
            }
        }
        return ids
    }

    private static func scheme(_ id: CSVActorID) -> String {
        switch id {
        case .iso: return "ISO"
        case .wikidata: return "Wikidata"
        case .viaf: return "VIAF"
        case .gnd: return "GND"
        }
    }

    /// A parallel column's values, one per position: a single value applies to every position
    /// when `broadcast` allows it; an empty cell gives blanks.
    private static func lineUp(_ column: CSVColumn, fields: [String], header: CSVHeader, count: Int, broadcast: Bool,
                               side: CSVParticipantColumns) throws -> [String] {
        let values = CSVListValue.split(header.value(column, in: fields))
        if values.isEmpty { return Array(repeating: "", count: count) }
        if values.count == count { return values }
        if broadcast && values.count == 1 { return Array(repeating: values[0], count: count) }
        if count == 0 {
            throw CSVRowProblem("column '\(header.name(of: column))' is filled but '\(header.name(of: side.name))' is empty; "
                + "give the \(side.label)'s name")
        }
        throw CSVRowProblem("column '\(header.name(of: column))' has \(values.count) entries for \(count) in "
            + "'\(header.name(of: side.name))'; separate them with | in the same order, leaving an entry blank where there is none "
            + "(e.g. Q6279|)")
    }
}
