import ChanceryModel
@testable import ChanceryRequests
import Foundation
import HTTPFuzzSupport
import HTTPTypes

/// One JSON body the API reads: the endpoint it is sent to and how its handler decodes it.
private struct BodyKind: Sendable {
    let method: HTTPRequest.Method
    let path: String
    let decode: @Sendable (Data) throws -> Void

    init<T: Decodable & SendableMetatype>(_ method: HTTPRequest.Method, _ path: String, _ type: T.Type) {
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
    BodyKind(.post, "/v1/actors/{name}/merge", ActorBodies.MergeTarget.self),
    BodyKind(.post, "/v1/actors/{name}/aliases", ActorBodies.NewAliases.self),
    BodyKind(.post, "/v1/roles", ActorBodies.NewRole.self),
    BodyKind(.patch, "/v1/roles/{id}", RolePatch.self),
    BodyKind(.post, "/v1/roles/{id}/end", ActorBodies.EndDate.self),
    BodyKind(.post, "/v1/memberships", ActorBodies.NewMembership.self),
    BodyKind(.patch, "/v1/memberships/{id}", ActorBodies.MembershipPeriod.self),
    BodyKind(.post, "/v1/memberships/{id}/end", ActorBodies.EndDate.self),
    BodyKind(.post, "/v1/letters/{ref}/participants", LetterPartBodies.NewParticipant.self),
    BodyKind(.post, "/v1/letters/{ref}/links", LetterPartBodies.NewLink.self),
    BodyKind(.post, "/v1/letters/{ref}/sources", SourceDraft.self),
    BodyKind(.post, "/v1/invitations", InvitationDraft.self),
    BodyKind(.patch, "/v1/invitations/{ref}", InvitationPatch.self),
    BodyKind(.post, "/v1/invitations/{ref}/responses", InvitationResponseBody.self),
    BodyKind(.post, "/v1/tokens", NewTokenBody.self),
]

/// The fields each body may have, from the OpenAPI document the server embeds at build time. The
/// fuzz build has no build plugin to embed it, so it is read from the source tree, once.
private let bodyFields: BodyFields = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let document = root.appendingPathComponent("docs/openapi.json")
    do {
        return try BodyFields(document: String(contentsOf: document, encoding: .utf8))
    } catch {
        fatalError("cannot read the OpenAPI document at \(document.path): \(error)")
    }
}()

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
        try bodyFields.check(body, method: kind.method, path: kind.path)
        try kind.decode(body)
    }
    return 0
}
