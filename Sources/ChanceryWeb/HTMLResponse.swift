import Hummingbird
import HTTPTypes

/// An HTML page with the headers every page carries: no inline script or style and no remote
/// asset may run (Content-Security-Policy), no content sniffing, no referrer sent elsewhere.
enum HTMLResponse {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "base-uri 'none'; frame-ancestors 'none'"

    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        response(html, contentType: "text/html; charset=utf-8", status: status)
    }

    static func stylesheet(_ css: String) -> Response {
        var response = response(css, contentType: "text/css; charset=utf-8", status: .ok)
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }

    static func script(_ javaScript: String) -> Response {
        var response = response(javaScript, contentType: "text/javascript; charset=utf-8", status: .ok)
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }

    /// A file to save rather than show: `Content-Disposition: attachment` with `fileName`, which
    /// callers build from ASCII letters, digits, `-` and `.` only, so it needs no quoting.
    static func attachment(_ bytes: some Sequence<UInt8>, fileName: String, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentDisposition] = "attachment; filename=\"\(fileName)\""
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static func response(_ text: String, contentType: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
