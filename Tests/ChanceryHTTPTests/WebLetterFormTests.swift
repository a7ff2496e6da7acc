import ChanceryCore
import ChanceryModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import LibPQClient
import Testing

/// The editors' desk in the browser (issue 11, "Logging and editing"): the new-letter form, a
/// rejected form coming back with the message beside the field, editing with conflicts shown,
/// deleting, and the anti-forgery rule on every write.
@Suite("Web letter forms")
struct WebLetterFormTests {
    typealias Accounts = WebSignInPageTests

    /// A browser signed in as `name` (an account of ``WebSignInPageTests/withAccounts``).
    static func signedIn(_ client: any TestClientProtocol, as name: String) async throws -> WebVisitor {
        var browser = WebVisitor(client)
        let response = try await browser.signIn(name, Accounts.password)
        try #require(response.status == .seeOther, "sign-in as \(name) failed: \(response.status)")
        return browser
    }

    static func scalar(_ harness: APIHarness, _ sql: PostgresQuery) async throws -> String? {
        let connection = try await PostgresConnection.connect(harness.configuration)
        defer { connection.close() }
        return try await connection.query(sql).rows.first?.decode("value")
    }

    static func letterCount(_ harness: APIHarness) async throws -> String? {
        try await scalar(harness, "SELECT count(*)::text AS value FROM letter WHERE deleted_at IS NULL")
    }

    /// The reply the end-to-end walk logs: from the US to Cambodia, answering KH-US-2022-001.
    static func replyFields(csrf: String, date: String = "2022-05?", from: String = "Joe Biden | President | United States")
        -> [(String, String)] {
        [("csrf", csrf), ("kind", "letter"), ("subject", "Thanks for Cambodia's support; see you in Washington"),
         ("date", date), ("received", ""), ("from", from), ("to", "Hun Sen | Prime Minister | Cambodia"), ("cc", ""), ("via", ""),
         ("reply-to", "KH-US-2022-001"), ("encloses", ""), ("summary", "Thanks the Prime Minister.\nLooks forward to the summit."),
         ("source-kind", "news"), ("source-url", "https://example.org/reply"), ("source-title", "Biden answers Hun Sen"),
         ("source-quote", "The President thanked the Prime Minister."), ("awaiting-reply", "yes")]
    }

    @Test("an editor opens a reply prefilled from the letter it answers, logs it with an uncertain date and a source, and it is recorded as theirs")
    func logAReply() async throws {
        try await Accounts.withAccounts { harness, client in
            var browser = try await Self.signedIn(client, as: "editor")
            let letter = try await browser.get("/letters/KH-US-2022-001")
            #expect(letter.text.contains(#"<a href="/letters/new?reply-to=KH-US-2022-001">Log a reply</a>"#))
            let form = try await browser.get("/letters/new?reply-to=KH-US-2022-001")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"value="KH-US-2022-001""#))
            #expect(form.text.contains(">Joe Biden | President | United States</textarea>"))
            #expect(form.text.contains(">Hun Sen | Prime Minister of Cambodia, 2022 ASEAN Chair | Cambodia</textarea>"))
            #expect(form.text.contains(#"<label for="date">"#) && form.text.contains(#"<label for="from">From</label>"#))

            let saved = try await browser.post("/letters/new", Self.replyFields(csrf: WebVisitor.csrf(in: form) ?? ""))
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            #expect(location.hasPrefix("/letters/US-KH-2022-"), "\(location)")
            // The commit's log position rides in the session's cookies, so the page it redirects to
            // is read from a standby only once the standby has the letter.
            let position = try #require(WebVisitor.setCookieLine("chancery_read_after", in: saved))
            #expect(position.range(of: #"^chancery_read_after=[0-9A-F]+/[0-9A-F]+;"#, options: .regularExpression) != nil, "\(position)")
            #expect(position.contains("HttpOnly"))
            #expect(saved.headers[HTTPField.Name("Chancery-Commit-LSN")!] != nil)
            let page = try await browser.get(location + "?full=yes")
            #expect(page.text.contains("Thanks for Cambodia&#39;s support") || page.text.contains("Thanks for Cambodia’s support")
                    || page.text.contains("Thanks for Cambodia's support"))
            #expect(page.text.contains("2022-05?"))
            #expect(page.text.contains(#"<a href="/letters/KH-US-2022-001">KH-US-2022-001</a>"#))
            #expect(page.text.contains(#"<span class="role">reply</span> <strong aria-current="page">"#), "the thread shows it as the reply")
            #expect(page.text.contains("The President thanked the Prime Minister."))
            #expect(page.text.contains("Awaiting a reply"))
            let ref = String(location.dropFirst("/letters/".count))
            let author = try await Self.scalar(harness, """
                SELECT DISTINCT changed_by AS value FROM history
                WHERE table_name = 'letter' AND operation = 'INSERT' AND after->>'ref' = \(ref)
                """)
            #expect(author == "user:editor")
        }
    }

    @Test("a rejected form comes back with the message beside the field and everything typed; nothing is written")
    func rejectedFormKeepsWhatWasTyped() async throws {
        try await Accounts.withAccounts { harness, client in
            var browser = try await Self.signedIn(client, as: "editor")
            let csrf = WebVisitor.csrf(in: try await browser.get("/letters/new")) ?? ""
            let before = try await Self.letterCount(harness)

            let badDate = try await browser.post("/letters/new", Self.replyFields(csrf: csrf, date: "2022-13-45"))
            #expect(badDate.status == .unprocessableContent)
            #expect(badDate.text.contains(#"<p class="field-error" id="date-error">"#))
            #expect(badDate.text.contains(#"id="date" name="date" data-date-reading="date-reading" value="2022-13-45""#))
            #expect(badDate.text.contains(#"aria-invalid="true""#))
            #expect(badDate.text.contains(">Thanks the Prime Minister.\nLooks forward to the summit.</textarea>"))
            #expect(badDate.text.contains(#"value="https://example.org/reply""#))
            #expect(badDate.text.contains(#"name="awaiting-reply" type="checkbox" value="yes" checked"#))

            // An unknown name is the editor's to fix: the form comes back, not a 404 page.
            let unknown = try await browser.post("/letters/new", Self.replyFields(csrf: csrf, from: "Nobody Known | Envoy"))
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains(#"<p class="field-error" id="from-error">"#))
            #expect(unknown.text.contains("Nobody Known"))
            #expect(unknown.text.contains(">Nobody Known | Envoy</textarea>"))

            var noSender = Self.replyFields(csrf: csrf)
            noSender[5].1 = "  \n "
            let missing = try await browser.post("/letters/new", noSender)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains(#"id="from-error">a letter needs a sender"#))
            #expect(try await Self.letterCount(harness) == before)
        }
    }

    @Test("a write without the session's anti-forgery token, or with another one, is refused with 403 and writes nothing")
    func formsNeedTheSessionsToken() async throws {
        try await Accounts.withAccounts { harness, client in
            let before = try await Self.letterCount(harness)
            var editor = try await Self.signedIn(client, as: "editor")
            var fields = Self.replyFields(csrf: "")
            fields.removeFirst()
            let missing = try await editor.post("/letters/new", fields)
            #expect(missing.status == .forbidden && missing.text.contains("nothing was saved"))
            let forged = try await editor.post("/letters/new", Self.replyFields(csrf: RandomSecret.generate()))
            #expect(forged.status == .forbidden)
            // Another person's valid token is not this session's.
            var admin = try await Self.signedIn(client, as: "admin")
            let adminsToken = WebVisitor.csrf(in: try await admin.get("/")) ?? ""
            #expect(try await editor.post("/letters/new", Self.replyFields(csrf: adminsToken)).status == .forbidden)
            // No session at all.
            var stranger = WebVisitor(client)
            #expect(try await stranger.post("/letters/new", Self.replyFields(csrf: adminsToken)).status == .forbidden)
            let revision = try await Self.scalar(harness, "SELECT revision::text AS value FROM letter WHERE ref = 'KH-US-2022-001'") ?? ""
            let edit = try await editor.post("/letters/KH-US-2022-001/edit", [("revision", revision), ("kind", "letter"), ("subject", "Hijacked"),
                                                                            ("date", "2022")])
            #expect(edit.status == .forbidden)
            let deletion = try await editor.post("/letters/KH-US-2022-001/delete", [("csrf", "nope"), ("revision", revision)])
            #expect(deletion.status == .forbidden)
            #expect(try await Self.letterCount(harness) == before)
            #expect(try await Self.scalar(harness, "SELECT subject AS value FROM letter WHERE ref = 'KH-US-2022-001'")?.hasPrefix("Reply: full support") == true)
        }
    }

    @Test("a reader's session cannot open the editors' forms or post to them, even with its own valid token")
    func readerCannotPost() async throws {
        try await Accounts.withAccounts { harness, client in
            let before = try await Self.letterCount(harness)
            var reader = try await Self.signedIn(client, as: "reader")
            let csrf = WebVisitor.csrf(in: try await reader.get("/")) ?? ""
            #expect(!csrf.isEmpty)
            let posted = try await reader.post("/letters/new", Self.replyFields(csrf: csrf))
            #expect(posted.status == .forbidden)
            #expect(try await reader.get("/letters/KH-US-2022-001/edit").status == .forbidden)
            #expect(try await reader.get("/letters/KH-US-2022-001/delete").status == .forbidden)
            #expect(!(try await reader.get("/letters/KH-US-2022-001")).text.contains("Log a reply"))
            #expect(try await Self.letterCount(harness) == before)
        }
    }

    @Test("two people edit the same letter: the second to save sees both versions and nothing is overwritten until they choose")
    func conflictingEdits() async throws {
        try await Accounts.withAccounts { harness, client in
            var first = try await Self.signedIn(client, as: "editor")
            var second = try await Self.signedIn(client, as: "admin")
            let firstForm = try await first.get("/letters/KH-US-2022-001/edit")
            let secondForm = try await second.get("/letters/KH-US-2022-001/edit")
            #expect(firstForm.status == .ok)
            let revision = try #require(firstForm.text.firstMatch(of: /name="revision" value="(\d+)"/).map { String($0.1) })
            func fields(_ csrf: String, _ subject: String, revision: String) -> [(String, String)] {
                [("csrf", csrf), ("revision", revision), ("kind", "letter"), ("subject", subject), ("date", "2022-01/2022-04"),
                 ("received", ""), ("summary", "")]
            }
            let saved = try await first.post("/letters/KH-US-2022-001/edit",
                                             fields(WebVisitor.csrf(in: firstForm) ?? "", "Reply: full support (first edit)", revision: revision))
            #expect(saved.status == .seeOther && saved.headers[.location] == "/letters/KH-US-2022-001")

            let conflict = try await second.post("/letters/KH-US-2022-001/edit",
                                                 fields(WebVisitor.csrf(in: secondForm) ?? "", "Reply: full support (second edit)", revision: revision))
            #expect(conflict.status == .conflict)
            #expect(conflict.text.contains("Someone else changed KH-US-2022-001 while you were editing"))
            #expect(conflict.text.contains("<td>Reply: full support (second edit)</td><td>Reply: full support (first edit)</td>"))
            let stored: PostgresQuery = "SELECT subject AS value FROM letter WHERE ref = 'KH-US-2022-001'"
            #expect(try await Self.scalar(harness, stored) == "Reply: full support (first edit)")

            // Choosing to save over it is a new, deliberate save at the current revision.
            let current = try #require(conflict.text.firstMatch(of: /name="revision" value="(\d+)"/).map { String($0.1) })
            #expect(current != revision)
            let overwritten = try await second.post("/letters/KH-US-2022-001/edit",
                                                    fields(WebVisitor.csrf(in: conflict) ?? "", "Reply: full support (second edit)", revision: current))
            #expect(overwritten.status == .seeOther)
            #expect(try await Self.scalar(harness, stored) == "Reply: full support (second edit)")
            let editors = try await Self.scalar(harness, """
                SELECT string_agg(changed_by, ',' ORDER BY id) AS value FROM history
                WHERE table_name = 'letter' AND operation = 'UPDATE' AND after->>'ref' = 'KH-US-2022-001'
                """)
            #expect(editors == "user:editor,user:admin")
            // The letter's page lists both edits, newest first, field by field.
            let page = try await second.get("/fragments/history/KH-US-2022-001")
            let history = try #require(page.text.range(of: #"<h2 id="history">History</h2>"#).map { String(page.text[$0.lowerBound...]) })
            let byAdmin = try #require(history.range(of: "<strong>The letter changed</strong> by user:admin"))
            let byEditor = try #require(history.range(of: "<strong>The letter changed</strong> by user:editor"))
            #expect(byAdmin.lowerBound < byEditor.lowerBound)
            #expect(history.contains(#"<th scope="row">subject</th><td>Reply: full support (first edit)</td><td>Reply: full support (second edit)</td>"#))
            #expect(!history.contains(#"<th scope="row">revision</th>"#), "bookkeeping columns are left out")
        }
    }

    @Test("an invalid edit comes back on the edit form beside its field; nothing changes")
    func invalidEdit() async throws {
        try await Accounts.withAccounts { harness, client in
            var browser = try await Self.signedIn(client, as: "editor")
            let form = try await browser.get("/letters/US-KH-2022-001/edit")
            let revision = try #require(form.text.firstMatch(of: /name="revision" value="(\d+)"/).map { String($0.1) })
            let refused = try await browser.post("/letters/US-KH-2022-001/edit", [
                ("csrf", WebVisitor.csrf(in: form) ?? ""), ("revision", revision), ("kind", "letter"), ("subject", "Still here"),
                ("date", "sometime in spring"), ("received", ""), ("summary", ""),
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"id="date-error""#) && refused.text.contains(#"value="sometime in spring""#))
            #expect(try await Self.scalar(harness, "SELECT sent_edtf AS value FROM letter WHERE ref = 'US-KH-2022-001'") == "2022-01/2022-04")
        }
    }

    @Test("deleting asks first, then removes the letter from the register; its page is then 404")
    func deleteALetter() async throws {
        try await Accounts.withAccounts { harness, client in
            var browser = try await Self.signedIn(client, as: "editor")
            let confirm = try await browser.get("/letters/US-ASEAN-2022-001/delete")
            #expect(confirm.status == .ok && confirm.text.contains("Delete US-ASEAN-2022-001?"))
            let revision = try #require(confirm.text.firstMatch(of: /name="revision" value="(\d+)"/).map { String($0.1) })
            let deleted = try await browser.post("/letters/US-ASEAN-2022-001/delete", [("csrf", WebVisitor.csrf(in: confirm) ?? ""), ("revision", revision)])
            #expect(deleted.status == .ok && deleted.text.contains("Deleted US-ASEAN-2022-001"))
            #expect(try await browser.get("/letters/US-ASEAN-2022-001").status == .notFound)
            #expect(!(try await browser.get("/")).text.contains(">US-ASEAN-2022-001<"))
            #expect(try await Self.scalar(harness, "SELECT (deleted_at IS NOT NULL)::text AS value FROM letter WHERE ref = 'US-ASEAN-2022-001'") == "true")
        }
    }

    @Test("a subject typed as a script tag shows as text on the letter page and in the register")
    func typedMarkupIsEscaped() async throws {
        try await Accounts.withAccounts { _, client in
            var browser = try await Self.signedIn(client, as: "editor")
            let csrf = WebVisitor.csrf(in: try await browser.get("/letters/new")) ?? ""
            var fields = Self.replyFields(csrf: csrf)
            fields[2].1 = "<script>alert(1)</script>"
            let saved = try await browser.post("/letters/new", fields)
            #expect(saved.status == .seeOther)
            for path in [try #require(saved.headers[.location]), "/"] {
                let page = try await browser.get(path)
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
                #expect(!page.text.contains("<script>alert(1)"), "\(path)")
            }
        }
    }

    @Test("while typing, the form's script learns how a date reads and which actors a name could be; strangers learn nothing")
    func formAssistance() async throws {
        try await Accounts.withAccounts { _, client in
            var browser = try await Self.signedIn(client, as: "editor")
            let range = try await browser.get("/forms/date?edtf=2022-01%2F2022-04")
            #expect(range.status == .ok && range.headers[.contentType] == "application/json")
            #expect(range.object["reading"] as? String == "Jan–Apr 2022, month range")
            #expect(range.object["earliest"] as? String == "2022-01-01" && range.object["latest"] as? String == "2022-04-30")
            let bad = try await browser.get("/forms/date?edtf=2022-13")
            #expect(bad.status == .ok && (bad.object["problem"] as? String)?.contains("month 13") == true)
            #expect(bad.object["reading"] == nil)

            let names = try await browser.get("/forms/names?typed=%E1%9E%A0%E1%9F%8A%E1%9E%BB%E1%9E%93")
            let suggestions = names.json as? [[String: Any]] ?? []
            #expect(suggestions.map { $0["name"] as? String } == ["Hun Sen"], "\(names.text)")
            // Reference fields: by the reference's beginning (any case), then by words, latest first.
            let byRef = (try await browser.get("/forms/letters?typed=kh-us")).json as? [[String: Any]] ?? []
            #expect(byRef.map { $0["ref"] as? String } == ["KH-US-2022-001"], "\(byRef)")
            #expect((byRef.first?["date"] as? String) == "Jan–Apr 2022")
            let byWords = (try await browser.get("/forms/letters?typed=special+summit")).json as? [[String: Any]] ?? []
            #expect(Set(byWords.compactMap { $0["ref"] as? String }).isSuperset(of: ["US-ASEAN-2022-001", "KH-US-2022-001"]), "\(byWords)")
            let tooShort = (try await browser.get("/forms/letters?typed=K")).json as? [[String: Any]]
            #expect(tooShort?.isEmpty == true)
            let form = try await browser.get("/letters/new")
            #expect(form.text.contains(#"<input id="reply-to" name="reply-to" data-letter-suggestions"#))
            #expect(form.text.contains(#"<script src="/assets/chancery.js" defer></script>"#))
            #expect(form.text.contains(#"data-date-reading="date-reading""#) && form.text.contains("data-name-suggestions"))
            let script = try await browser.get("/assets/chancery.js")
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(form.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(form.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)

            var stranger = WebVisitor(client)
            #expect(try await stranger.get("/forms/names?typed=hun").status == .seeOther)
            #expect(try await stranger.get("/forms/letters?typed=KH").status == .seeOther)
        }
    }
}
