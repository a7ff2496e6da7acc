import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import Hummingbird
import HTTPTypes

/// One letter as a file: its JSON (as `GET /v1/letters/{ref}` gives it), or a CMIF, JSON Lines or
/// CSV export of it with the letters it answers or encloses, so the file imports on its own.
enum LetterDownload {
    static let formats = ["json", "cmif", "jsonl", "csv"]

    static func response(ref: String, format: String?, database: ChanceryDatabase) async throws -> Response {
        let letter = try await LetterService(database: database).show(ref)
        let name = "letter-" + letter.ref
        switch format ?? "json" {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return file(try encoder.encode(letter), name: name + ".json", type: "application/json")
        case let other where formats.contains(other):
            let interchange = try InterchangeFormat.parse(other)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-download-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("export").path
            var query = LetterQuery()
            query.ref = letter.ref
            try await ExportService(database: database).export(format: interchange, query: query, to: path)
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return switch interchange {
            case .csv: file(data, name: name + ".csv", type: "text/csv; charset=utf-8; header=present")
            case .jsonl: file(data, name: name + ".jsonl", type: "application/x-ndjson")
            case .cmif, .tei: file(data, name: name + ".xml", type: "application/tei+xml")
            }
        default:
            throw ChanceryError.invalid("format", "unknown format '\(format ?? "")'", hint: "Use one of " + formats.joined(separator: ", ") + ".")
        }
    }

    private static func file(_ data: Data, name: String, type: String) -> Response {
        HTMLResponse.attachment(data, fileName: name, contentType: type)
    }
}
