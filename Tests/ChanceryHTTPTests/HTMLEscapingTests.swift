@testable import ChanceryWeb
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
