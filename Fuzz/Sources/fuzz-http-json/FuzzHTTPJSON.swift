import Foundation
import HTTPFuzzSupport
import HTTPTypes
@testable import ChanceryHTTP
import ChanceryModel

/// One JSON body the API reads: the endpoint it is sent to and how its handler decodes it.
private struct BodyKind {
    let method: HTTPRequest.Method
    let path: String
    let decode: (Data) throws -> Void

    init<T: Decodable>(_ method: HTTPRequest.Method, _ path: String, _ type: T.Type) {
        self.method = method
        self.path = path
        decode = { _ = try JSONDecoder().decode(T.self, from: $0) }
    }
}

/// Every endpoint with a JSON body; the input's first byte picks one (the seeds put it first).
private let bodyKinds: [BodyKind] = [
    BodyKind(.post, "/v1/letters", LetterDraft.self),
    BodyKind(.patch, "/v1/letters/{ref}", LetterPatch.self),
    BodyKind(.post, "/v1/events", EventDraft.self),
    BodyKind(.patch, "/v1/events/{ref}", EventPatch.self),
    BodyKind(.post, "/v1/actors", ActorDraft.self),
    BodyKind(.patch, "/v1/actors/{name}", ActorPatch.self),
    BodyKind(.post, "/v1/actors/{name}/merge", ActorRoutes.MergeTarget.self),
    BodyKind(.post, "/v1/actors/{name}/aliases", ActorRoutes.NewAliases.self),
    BodyKind(.post, "/v1/roles", ActorRoutes.NewRole.self),
    BodyKind(.patch, "/v1/roles/{id}", RolePatch.self),
    BodyKind(.post, "/v1/roles/{id}/end", ActorRoutes.EndDate.self),
    BodyKind(.post, "/v1/memberships", ActorRoutes.NewMembership.self),
    BodyKind(.patch, "/v1/memberships/{id}", ActorRoutes.MembershipPeriod.self),
    BodyKind(.post, "/v1/memberships/{id}/end", ActorRoutes.EndDate.self),
    BodyKind(.post, "/v1/letters/{ref}/participants", LetterPartRoutes.NewParticipant.self),
    BodyKind(.post, "/v1/letters/{ref}/links", LetterPartRoutes.NewLink.self),
    BodyKind(.post, "/v1/letters/{ref}/sources", SourceDraft.self),
    BodyKind(.post, "/v1/invitations", InvitationDraft.self),
    BodyKind(.patch, "/v1/invitations/{ref}", InvitationPatch.self),
    BodyKind(.post, "/v1/invitations/{ref}/responses", InvitationRoutes.NewResponse.self),
    BodyKind(.post, "/v1/tokens", TokenRoutes.NewToken.self),
]

/// A JSON body as the API reads it before any database call: the field check against the
/// OpenAPI document, then the handler's decoding. A body it cannot use must be a 4xx naming
/// what is wrong, never a trap or a 500.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let kind = bodyKinds[Int(data[0]) % bodyKinds.count]
    let body = Data(bytes: data + 1, count: size - 1)
    let description = kind.method.rawValue + " " + kind.path + " " + String(decoding: body, as: UTF8.self)
    readingRequest(hasBody: true, input: description) {
        try BodyFields.fromDocument.check(body, method: kind.method, path: kind.path)
        try kind.decode(body)
    }
    return 0
}
