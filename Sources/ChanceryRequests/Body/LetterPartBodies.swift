package import ChanceryModel

/// The bodies adding a participant or a link to a letter.
package enum LetterPartBodies {
    /// `POST /v1/letters/{ref}/participants`.
    package struct NewParticipant: Decodable {
        package var role: ParticipantRole
        package var name: String
        package var capacity: String?
        package var onBehalfOf: String?
        package var nameAsWritten: String?
        package var nameSupplied: Bool?
        package var nameUncertain: Bool?
    }

    /// `POST /v1/letters/{ref}/links`.
    package struct NewLink: Decodable {
        package var kind: LetterLinkKind
        package var target: String
    }
}
