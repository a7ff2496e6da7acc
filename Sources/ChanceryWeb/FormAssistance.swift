import ChanceryCore
import ChanceryModel
import EDTF
import Foundation
import Hummingbird
import HTTPTypes

/// What the forms' small script asks while someone types: how a date reads (or what is wrong
/// with it) and which actors a name could be. The forms work without it; it only says earlier
/// what saving would say.
enum FormAssistance {
    struct DateReading: Encodable {
        var reading: String?
        var earliest: String?
        var latest: String?
        var problem: String?
        var hint: String?
    }

    /// How `text` reads as an EDTF date: "Jan–Apr 2022, month range", or the parser's message.
    static func date(_ text: String) -> Response {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return json(DateReading()) }
        do {
            let date = try UncertainDate(parsing: text, field: "date")
            let range = date.edtf.contains("/") || date.edtf.contains("..") ? " range" : ""
            return json(DateReading(reading: "\(date.display), \(date.precision.rawValue)\(range)",
                                    earliest: date.earliest?.description, latest: date.latest?.description))
        } catch let error as ChanceryError {
            return json(DateReading(problem: error.message, hint: WebProblem.browserHint(error.hint)))
        } catch {
            return json(DateReading(problem: "not a date"))
        }
    }

    /// Actors a name being typed could be.
    static func names(_ typed: String, database: ChanceryDatabase) async throws -> Response {
        json(try await ActorService(database: database).suggestions(for: typed))
    }

    /// Letters a reference being typed could be.
    static func letters(_ typed: String, database: ChanceryDatabase) async throws -> Response {
        json(try await LetterService(database: database).suggestions(for: typed))
    }

    private static func json(_ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
