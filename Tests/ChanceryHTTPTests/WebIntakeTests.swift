import ChanceryCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import LibPQClient
import Testing

/// Article intake in the browser: paste the article, read the drafts beside its marked sentences,
/// keep some, import them.
@Suite("Web article intake")
struct WebIntakeTests {
    typealias Accounts = WebSignInPageTests

    static func foundingArticle() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Data/founding-article.txt")
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test("the drafts show beside the article's marked sentences; the kept ones import, the rest do not")
    func readKeepImport() async throws {
        try await Accounts.withAccounts { harness, client in
            var browser = try await WebLetterFormTests.signedIn(client, as: "editor")
            let form = try await browser.get("/intake")
            #expect(form.status == .ok && form.text.contains(#"<label for="intake-article">Article text</label>"#))
            let csrf = WebVisitor.csrf(in: form) ?? ""
            let before = Int(try await WebLetterFormTests.letterCount(harness) ?? "0") ?? 0

            let read = try await browser.postMultipart("/intake", [("csrf", csrf), ("action", "read"), ("article", try Self.foundingArticle()),
                                                                   ("published", "2022-02-14"), ("title", ""), ("url", "")])
            #expect(read.status == .ok, "\(read.text)")
            #expect(read.text.contains("Nothing has been written yet"))
            #expect(read.text.contains(#"<li id="s-0" value="1"><mark>In a letter sent by the US President Joe Biden"#), "\(read.text)")
            #expect(read.text.contains("Lines left out as page furniture"))
            #expect(read.text.contains("headline ticker: Over 1 Million Visit Siem Reap"))
            #expect(read.text.contains("From: Hun Sen, Prime Minister, for Cambodia"))
            #expect(read.text.contains(##"<a href="#s-5">6</a>"##))
            #expect(read.text.contains("1 event(s) (in the register already: ASEAN-US-SUMMIT-2022)"))
            #expect(try await WebLetterFormTests.letterCount(harness).flatMap { Int($0) } == before, "reading writes nothing")

            // A saved page uploaded instead of pasted reads the same.
            let uploaded = try await browser.postMultipart("/intake", [("csrf", csrf), ("action", "read"), ("article", ""), ("published", "2022-02-14"),
                                                                       ("file", try Self.foundingArticle())], files: ["file"])
            #expect(uploaded.status == .ok && uploaded.text.contains("Intake proposes 3 letter(s), 1 invitation(s), 1 answer(s)"), "\(uploaded.text)")

            // Keep every draft but the reply (the founding example already holds the summit, so there is no event draft).
            let drafts = try #require(Self.hiddenValue("drafts", in: read.text))
            let boxes = Self.checkboxes(in: read.text)
            let replyCard = try #require(read.text.components(separatedBy: "<fieldset").first { $0.contains("<legend>Letter KH-US-2022-") })
            let reply = try #require(Self.checkboxes(in: replyCard).first)
            // Browsers send line ends in form values as CR LF.
            var fields: [(String, String)] = [("csrf", csrf), ("action", "import"), ("article", try Self.foundingArticle()), ("published", "2022-02-14"),
                                              ("drafts", drafts.replacingOccurrences(of: "\n", with: "\r\n"))]
            fields += boxes.filter { $0 != reply }.map { ("accept", String($0)) }
            // The letters' dates come back as the browser sends them, one corrected by hand.
            fields += boxes.compactMap { box in Self.hiddenValue("date-\(box)", in: read.text).map { ("date-\(box)", $0) } }
            let imported = try await browser.post("/intake", fields)
            #expect(imported.status == .ok, "\(imported.text)")
            #expect(imported.text.contains("The drafts you kept are in the register."), "\(imported.text)")
            let after = Int(try await WebLetterFormTests.letterCount(harness) ?? "0") ?? 0
            #expect(after == before + 2, "the enclosure and Biden's letter, not the rejected reply: \(imported.text)")
        }
    }

    @Test("a reader may not use intake; an empty article or a bad day is a clear refusal")
    func refusals() async throws {
        try await Accounts.withAccounts { _, client in
            var reader = try await WebLetterFormTests.signedIn(client, as: "reader")
            #expect(try await reader.get("/intake").status == .forbidden)
            var editor = try await WebLetterFormTests.signedIn(client, as: "editor")
            let csrf = WebVisitor.csrf(in: try await editor.get("/intake")) ?? ""
            let empty = try await editor.postMultipart("/intake", [("csrf", csrf), ("action", "read"), ("article", "   ")])
            #expect(empty.status == .unprocessableContent && empty.text.contains("Paste the article"))
            let badDay = try await editor.postMultipart("/intake", [("csrf", csrf), ("action", "read"), ("article", try Self.foundingArticle()),
                                                                    ("published", "14 Feb 2022")])
            #expect(badDay.status == .unprocessableContent && badDay.text.contains("YYYY-MM-DD"))
            #expect(badDay.text.contains("Exchange of Correspondence"), "what was typed is kept")
        }
    }

    static func hiddenValue(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: #"name="\#(name)" value=""#) ?? html.range(of: #"name="\#(name)" type="text" value=""#) else { return nil }
        let rest = html[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return unescape(String(rest[..<end]))
    }

    static func checkboxes(in html: String) -> [Int] {
        html.components(separatedBy: #"name="accept" value=""#).dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#x2F;", with: "/").replacingOccurrences(of: "&#x3D;", with: "=")
            .replacingOccurrences(of: "&#x60;", with: "`").replacingOccurrences(of: "&amp;", with: "&")
    }
}
