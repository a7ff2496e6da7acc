package import ChanceryModel

/// `POST /v1/tokens`: the new token's name and role.
package struct NewTokenBody: Decodable {
    package var name: String
    package var role: AccessRole
}
