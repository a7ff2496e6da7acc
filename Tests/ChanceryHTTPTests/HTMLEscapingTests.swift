@testable import ChanceryWeb
import ChanceryModel
import Testing

@Suite("HTML escaping of template values")
struct HTMLEscapingTests {
    @Test("the five characters HTML gives meaning to become entities; the rest is kept as it is")
    func escapesTheFive() {
        #expect(HTMLEscaping.escape(#"<b class="x">Tom & Jerry's</b>"#)
                == "&lt;b class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;")
        #expect(HTMLEscaping.escape("&amp;") == "&amp;amp;")
        #expect(HTMLEscaping.escape("") == "")
    }

    @Test("text in other scripts passes whole, beside escaped characters")
    func otherScripts() {
        #expect(HTMLEscaping.escape("សម្ដេច ហ៊ុន សែន") == "សម្ដេច ហ៊ុន សែន")
        #expect(HTMLEscaping.escape("ហ៊ុន<សែន> — «Кремль» & 北京 🇰🇭") == "ហ៊ុន&lt;សែន&gt; — «Кремль» &amp; 北京 🇰🇭")
        #expect(HTMLEscaping.escape("e\u{301}<") == "e\u{301}&lt;")
    }
}

@Suite("Row templates")
struct RowTemplateTests {
    @Test("each row fills the variables, escaped as mustache escapes them, and keeps the text between")
    func fillsRows() {
        let template = RowTemplate("<tr><td>{{date}}</td><td>{{ subject }}</td></tr>\n", name: "test")
        let html = template.render([("2022", "Tom & Jerry's <summit>"), ("Jan–Apr 2022", "សម្ដេច")]) { row, name in
            name == "date" ? row.0 : row.1
        }
        #expect(html == "<tr><td>2022</td><td>Tom &amp; Jerry&#39;s &lt;summit&gt;</td></tr>\n<tr><td>Jan–Apr 2022</td><td>សម្ដេច</td></tr>\n")
        #expect(template.render([(String, String)]()) { _, _ in "" } == "")
    }

    @Test("the register's row template gives the page what mustache gave it")
    func registerRowMatchesMustache() throws {
        let row = RegisterPage.Row(DescribedLetterSummary(
            ref: "KH-US-2022-001", date: try UncertainDate(parsing: "2022-01/2022-04", field: "date"), subject: "Reply: \"full\" support & thanks",
            senders: ["Hun Sen (Prime Minister, for Cambodia)"], recipients: ["Joe Biden"], copied: [], transmitters: ["Indonesia"]))
        let html = RegisterPage.Row.template.render([row]) { row, name in row.value(named: name) }
        #expect(html.contains(#"<td class="date">Jan–Apr 2022</td>"#))
        #expect(html.contains(#"<td><a href="/letters/KH-US-2022-001">Reply: &quot;full&quot; support &amp; thanks</a></td>"#))
        #expect(html.contains(#"<td class="ref"><a href="/letters/KH-US-2022-001">KH-US-2022-001</a></td>"#))
        #expect(html.contains("<td>Hun Sen (Prime Minister, for Cambodia) → Joe Biden; via Indonesia</td>"))
    }
}
