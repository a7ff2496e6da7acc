package import ChanceryModel
/// One line of a Chancery dataset (JSON Lines): `{"type": "letter", …}`.
///
/// The first line is a header, `{"type": "chancery-dataset", "version": 1}`; records follow in an
/// order where every name or reference is defined before it is used.
package enum DatasetRecord: Sendable, Hashable, Decodable {
    /// `register`: the id of the register that exported the file, when one did; `exported`: when.
    case header(version: Int, register: String?, exported: String?)
    /// `key`, when given, is how other records in the same dataset name this actor (exports
    /// set it only for namesakes); otherwise they use its name, an alias, ISO code or authority id.
    case actor(ActorDraft, key: String?)
    /// A source known before any record cites it (an edition, an archive file).
    case source(SourceDraft)
    case membership(member: String, organization: String, period: String?)
    case role(holder: String, title: String, of: String, period: String?)
    case letter(LetterDraft)
    case event(EventDraft)
    case invitation(InvitationDraft)
    case response(ResponseDraft)

    private enum CodingKeys: String, CodingKey { case type, version, register, exported, member, organization, period, holder, title, of, key, origin }

    /// A letter's, event's or invitation's `origin`: `{"register": "<uuid>", "ref": "US-KH-2022-001"}`.
    private struct OriginJSON: Decodable {
        var register: String
        var ref: String
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "chancery-dataset":
            // A register that is not a string is no register's: the reader says so.
            self = .header(version: try c.decode(Int.self, forKey: .version),
                           register: (try? c.decodeIfPresent(String.self, forKey: .register)) ?? nil,
                           exported: (try? c.decodeIfPresent(String.self, forKey: .exported)) ?? nil)
        case "actor": self = .actor(try ActorDraft(from: decoder), key: try c.decodeIfPresent(String.self, forKey: .key))
        case "source": self = .source(try SourceDraft(from: decoder))
        case "membership":
            self = .membership(member: try c.decode(String.self, forKey: .member),
                               organization: try c.decode(String.self, forKey: .organization),
                               period: try c.decodeIfPresent(String.self, forKey: .period))
        case "role":
            self = .role(holder: try c.decode(String.self, forKey: .holder), title: try c.decode(String.self, forKey: .title),
                         of: try c.decode(String.self, forKey: .of), period: try c.decodeIfPresent(String.self, forKey: .period))
        case "letter":
            var letter = try LetterDraft(from: decoder)
            letter.origin = try Self.origin(in: c)
            self = .letter(letter)
        case "event":
            var event = try EventDraft(from: decoder)
            event.origin = try Self.origin(in: c)
            self = .event(event)
        case "invitation":
            var invitation = try InvitationDraft(from: decoder)
            invitation.origin = try Self.origin(in: c)
            self = .invitation(invitation)
        case "response": self = .response(try ResponseDraft(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown record type '\(type)'")
        }
    }

    private static func origin(in c: KeyedDecodingContainer<CodingKeys>) throws -> RecordOrigin? {
        guard let origin = try c.decodeIfPresent(OriginJSON.self, forKey: .origin) else { return nil }
        guard let register = RegisterID.id(text: origin.register) else {
            throw DecodingError.dataCorruptedError(
                forKey: .origin, in: c,
                debugDescription: "origin.register '\(origin.register)' is not a register's id (a UUID, as `chancery db status` shows it)")
        }
        return RecordOrigin(register: register, ref: origin.ref)
    }

    /// The record type's name, for counts.
    package var typeName: String {
        switch self {
        case .header: return "header"
        case .actor: return "actor"
        case .source: return "source"
        case .membership: return "membership"
        case .role: return "role"
        case .letter: return "letter"
        case .event: return "event"
        case .invitation: return "invitation"
        case .response: return "response"
        }
    }
}
