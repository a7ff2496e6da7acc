import Foundation
import Hummingbird
import NIOCore
import ChanceryModel
import ChanceryRequests

/// A request body written to a file of its own as it arrives, so that a file of tens of
/// megabytes (an import) costs disk, not memory; removed once the request is answered.
struct UploadedFile: Sendable {
    let url: URL
    /// Its size in bytes (0: no body was sent).
    let size: Int

    /// Writes `request`'s body to a new temporary file: at most `limit` bytes (413 beyond it,
    /// told before reading when the request declares its length), of a media type in `types`
    /// (415 otherwise, when there is a body).
    static func spool(_ request: Request, accepting types: Set<String>, limit: Int) async throws -> UploadedFile {
        let declared = request.headers[.contentLength].flatMap(Int.init)
        if let declared, declared > limit {
            throw Problem.bodyTooLarge(limit: limit, option: "--max-import-size")
        }
        // A body of a type not taken is refused before it is read, when it says it has one.
        if let declared, declared > 0, !accepts(request, types) {
            throw Problem.unsupportedMediaType(request.headers[.contentType], accepted: types)
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-upload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: url.path) else {
            throw ChanceryError(.unexpected, "could not create a file for the upload in \(url.deletingLastPathComponent().path)",
                                hint: "Check that the service's temporary folder (TMPDIR) exists and is writable.")
        }
        var size = 0
        do {
            defer { try? handle.close() }
            for try await chunk in request.body {
                size += chunk.readableBytes
                if size > limit { throw Problem.bodyTooLarge(limit: limit, option: "--max-import-size") }
                try handle.write(contentsOf: Data(chunk.readableBytesView))
            }
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        let file = UploadedFile(url: url, size: size)
        if size > 0, !accepts(request, types) {
            file.remove()
            throw Problem.unsupportedMediaType(request.headers[.contentType], accepted: types)
        }
        return file
    }

    private static func accepts(_ request: Request, _ types: Set<String>) -> Bool {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        return mediaType.map(types.contains) ?? false
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
