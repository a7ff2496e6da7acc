import Foundation

/// The closed vocabularies of the domain, mirroring the enums in schema.sql.

/// What an actor is.
public enum ActorKind: String, Sendable, Codable, CaseIterable {
    case person, state, organization
}

/// What kind of correspondence item a letter is.
public enum LetterKind: String, Sendable, Codable, CaseIterable {
    case letter
    case noteVerbale = "note_verbale"
    case message, telegram, cable, email, memorandum
    case callReadout = "call_readout"
    case other
}

/// How a letter is classified by its sender.
public enum Classification: String, Sendable, Codable, CaseIterable {
    case `public`, unclassified, restricted, confidential, secret
    case topSecret = "top_secret"
}

/// The part an actor plays in a letter (TEI correspAction sent / received / transmitted).
public enum ParticipantRole: String, Sendable, Codable, CaseIterable {
    case author, signatory, recipient, cc, transmitter

    /// Which side of the exchange the role is on.
    public var side: Side {
        switch self {
        case .author, .signatory: return .from
        case .recipient, .cc: return .to
        case .transmitter: return .via
        }
    }

    /// The sides of an exchange.
    public enum Side: String, Sendable, Codable {
        case from, to, via
    }
}

/// How one letter relates to another.
public enum LetterLinkKind: String, Sendable, Codable, CaseIterable {
    /// The letter answers the target.
    case replyTo = "reply_to"
    /// The target travelled inside the letter.
    case encloses
    /// The letter passes the target on.
    case forwards
    /// The letter mentions the target.
    case refersTo = "refers_to"

    /// How the link reads from the target's side ("answered by").
    public var inverseLabel: String {
        switch self {
        case .replyTo: return "answered by"
        case .encloses: return "enclosed in"
        case .forwards: return "forwarded by"
        case .refersTo: return "referred to by"
        }
    }

    /// How the link reads from the letter's side ("reply to").
    public var label: String {
        switch self {
        case .replyTo: return "reply to"
        case .encloses: return "encloses"
        case .forwards: return "forwards"
        case .refersTo: return "refers to"
        }
    }
}

/// An invitee's answer to an invitation.
public enum ResponseStatus: String, Sendable, Codable, CaseIterable {
    case pending, accepted, declined, tentative
}

/// What kind of event an invitation leads to.
public enum EventKind: String, Sendable, Codable, CaseIterable {
    case summit
    case stateVisit = "state_visit"
    case officialVisit = "official_visit"
    case workingVisit = "working_visit"
    case ministerialMeeting = "ministerial_meeting"
    case session, conference, call, signing, other
}

/// Where an event stands.
public enum EventStatus: String, Sendable, Codable, CaseIterable {
    case proposed, scheduled, postponed, held, cancelled
}

/// What kind of public source reports a record.
public enum SourceKind: String, Sendable, Codable, CaseIterable {
    case news
    case officialStatement = "official_statement"
    case archive, book, cable, edition, website, other
}

extension RawRepresentable where RawValue == String, Self: CaseIterable {
    /// Parses a user-given value, accepting `note-verbale` for `note_verbale` and any case.
    public static func parse(_ text: String, field: String) throws -> Self {
        let normalized = text.lowercased().replacingOccurrences(of: "-", with: "_")
        if let value = Self(rawValue: normalized) { return value }
        let allowed = allCases.map(\.rawValue).joined(separator: ", ")
        throw ChanceryError.invalid(field, "unknown \(field) '\(text)'", hint: "Use one of: \(allowed).")
    }
}
