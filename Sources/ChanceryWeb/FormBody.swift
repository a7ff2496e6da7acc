import ChanceryRequests
import ChanceryModel
import Foundation
import Hummingbird
import MultipartKit

/// A form's fields from a POST body, read up to a limit: `application/x-www-form-urlencoded`, or
/// `multipart/form-data` when the form uploads a file (read with Vapor's MultipartKit; a file's
/// field holds its text).
enum FormBody {
    static let limit = 1 << 20
    /// Uploads (the import page) may be larger: a real edition's CMIF is megabytes. (`chancery serve
    /// --max-body-size` caps the JSON API's bodies, not the pages' forms.)
    static let uploadLimit = 64 << 20

    static func read(_ request: Request, limit: Int = limit) async throws -> FormEncodedQuery {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw ChanceryError.invalid("file", "the form is larger than \(limit / 1_048_576) MiB",
                                        hint: "Send a smaller file, or split this one into several and import each.")
        }
        if let boundary = multipartBoundary(request.headers[.contentType]) {
            do {
                let fields = try FormDataDecoder().decode([String: String].self, from: buffer, boundary: boundary)
                return FormEncodedQuery(pairs: fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            } catch {
                throw ChanceryError.invalid("file", "the upload could not be read as a form with text fields",
                                            hint: "Upload a text file (XML, CSV or JSON Lines) in UTF-8.")
            }
        }
        return FormEncodedQuery(String(buffer: buffer))
    }

    /// The boundary of a `multipart/form-data` content type, unquoted; nil for any other type.
    static func multipartBoundary(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("boundary=") {
            let value = parameter.dropFirst("boundary=".count)
            return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : String(value)
        }
        return nil
    }
}

/// Constant-time comparison for anti-forgery tokens, so timing says nothing of how much matched.
enum TokenComparison {
    static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
