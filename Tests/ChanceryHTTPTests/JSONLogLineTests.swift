@testable import ChanceryHTTP
import Foundation
import Logging
import Testing

/// The service's log is read by collectors, one JSON object per line: each line must parse,
/// carry the fixed fields first and the metadata in key order, and escape what JSON needs.
@Suite("Log lines as JSON")
struct JSONLogLineTests {
    private func event(_ message: String, metadata: Logger.Metadata?) -> LogEvent {
        LogEvent(level: .warning, message: "\(message)", metadata: metadata, source: nil, file: #fileID, function: #function, line: #line)
    }

    @Test("a line parses, names its fields, sorts the metadata and lets the event's override the logger's")
    func fields() throws {
        var handler = JSONLogHandler(label: "chancery.http")
        handler.metadata = ["request_id": "r-1", "status": "200"]
        let line = handler.line(for: event("request", metadata: ["status": .stringConvertible(404), "method": "GET",
                                                                 "ts": "not the time", "tags": ["a", "b"]]))
        #expect(line.hasSuffix("}\n"))
        #expect(line.utf8.filter { $0 == UInt8(ascii: "\n") }.count == 1)
        #expect(line.hasPrefix(#"{"ts":""#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "warning")
        #expect(object["msg"] as? String == "request")
        #expect(object["logger"] as? String == "chancery.http")
        #expect(object["status"] as? String == "404")
        #expect(object["request_id"] as? String == "r-1")
        #expect(object["tags"] as? [String] == ["a", "b"])
        // Metadata cannot replace the fixed fields.
        let stamp = try #require(object["ts"] as? String)
        #expect(stamp.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil, "\(stamp)")
        let keys = ["method", "request_id", "status", "tags"].map { "\"\($0)\":" }
        let positions = keys.map { line.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test("quotes, backslashes, newlines, control characters and other scripts survive the round trip")
    func escaping() throws {
        let awkward = "a \"quoted\" \\path\\\nline\r\ttab \u{1} \u{1F} ហ៊ុន សែន e\u{301} 🇰🇭"
        let line = JSONLogHandler(label: "x").line(for: event(awkward, metadata: ["detail": .string(awkward)]))
        #expect(line.utf8.filter { $0 == UInt8(ascii: "\n") }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["msg"] as? String == awkward)
        #expect(object["detail"] as? String == awkward)
        #expect(line.contains(#"\u0001"#) && line.contains(#"\u001f"#))
    }
}
