import Foundation
import HTTPTypes
import HummingbirdTesting

/// A browser as far as the web pages can tell: it keeps the cookies the server sets and sends
/// them back, and posts forms as `application/x-www-form-urlencoded`.
struct WebVisitor {
    let client: any TestClientProtocol
    /// Cookies by name, as the server last set them.
    private(set) var cookies: [String: String] = [:]
    /// Extra headers sent with every request (e.g. `X-Forwarded-Proto`).
    var headers: [String: String] = [:]

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    mutating func get(_ path: String) async throws -> APIResponse {
        try await send(.get, path, body: nil, contentType: nil)
    }

    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> APIResponse {
        try await send(.post, path, body: Self.encode(fields), contentType: "application/x-www-form-urlencoded")
    }

    /// Posts `fields` as `multipart/form-data`, as a form with a file input sends them; a field
    /// named in `files` is sent as an uploaded file.
    mutating func postMultipart(_ path: String, _ fields: [(String, String)], files: Set<String> = []) async throws -> APIResponse {
        let boundary = "----chancery-test-\(UUID().uuidString)"
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\n"
            body += files.contains(name)
                ? "Content-Disposition: form-data; name=\"\(name)\"; filename=\"upload.xml\"\r\nContent-Type: application/xml\r\n\r\n"
                : "Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n"
            body += value + "\r\n"
        }
        body += "--\(boundary)--\r\n"
        return try await send(.post, path, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Opens the sign-in form and sends it with `name` and `password`; the response to the POST.
    mutating func signIn(_ name: String, _ password: String, next: String = "/") async throws -> APIResponse {
        let form = try await get("/sign-in")
        return try await post("/sign-in", [("csrf", Self.csrf(in: form) ?? ""), ("next", next), ("name", name), ("password", password)])
    }

    /// Forgets a cookie, or sets one the server never sent (a stolen or forged one).
    mutating func setCookie(_ name: String, _ value: String?) {
        cookies[name] = value
    }

    /// The anti-forgery value of the first form on `page` that carries one.
    static func csrf(in page: APIResponse) -> String? {
        page.text.firstMatch(of: /name="csrf" value="([^"]*)"/).map { String($0.1) }
    }

    /// The raw `Set-Cookie` line for `name` in `response`.
    static func setCookieLine(_ name: String, in response: APIResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }

    private mutating func send(_ method: HTTPRequest.Method, _ path: String, body: String?, contentType: String?) async throws -> APIResponse {
        var extra = headers
        if !cookies.isEmpty {
            extra["Cookie"] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        if let contentType { extra["Content-Type"] = contentType }
        let response = try await client.call(method, path, rawBody: body, headers: extra, conforming: false)
        for line in response.headers[values: .setCookie] {
            let pair = line.prefix { $0 != ";" }
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            if value.isEmpty || line.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    static func encode(_ fields: [(String, String)]) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return fields.map { name, value in
            let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: "%20", with: "+")
            return name + "=" + encoded
        }.joined(separator: "&")
    }
}
