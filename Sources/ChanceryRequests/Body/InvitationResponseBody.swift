package import ChanceryModel

/// `POST /v1/invitations/{ref}/responses`: one invitee's answer.
package struct InvitationResponseBody: Decodable {
    package var invitee: String
    package var status: ResponseStatus
    package var letter: String?
    package var date: String?
    package var note: String?
}
