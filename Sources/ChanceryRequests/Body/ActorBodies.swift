package import ChanceryModel

/// The bodies of the actor endpoints that take neither a draft nor a merge patch.
package enum ActorBodies {
    /// `POST /v1/actors/{name}/aliases`.
    package struct NewAliases: Decodable { package var aliases: [String] }
    /// `POST /v1/actors/{name}/merge`: the actor the named one is merged into.
    package struct MergeTarget: Decodable { package var into: String }
    /// `POST /v1/roles/{id}/end` and `/v1/memberships/{id}/end`.
    package struct EndDate: Decodable { package var on: String }
    /// `POST /v1/roles`.
    package struct NewRole: Decodable {
        package var holder: String
        package var title: String
        package var of: String
        package var period: String?
    }
    /// `POST /v1/memberships`.
    package struct NewMembership: Decodable {
        package var member: String
        package var organization: String
        package var period: String?
    }

    /// `PATCH /v1/memberships/{id}`: the period is the only thing that changes, so it must be
    /// there (null clears it).
    package struct MembershipPeriod: Decodable {
        package var period: FieldPatch<String>
        private enum Keys: String, CodingKey { case period }
        package init(from decoder: any Decoder) throws {
            let fields = try decoder.container(keyedBy: Keys.self)
            guard fields.contains(.period) else {
                throw Problem.badRequest("give the membership's new period (EDTF), or null for none", field: "period")
            }
            period = try fields.decodeNil(forKey: .period) ? .clear : .set(try fields.decode(String.self, forKey: .period))
        }
    }
}
