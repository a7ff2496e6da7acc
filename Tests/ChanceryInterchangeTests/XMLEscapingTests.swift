import Testing
import ChanceryInterchange

/// The one XML/HTML escaper: the CMIF writer and the timeline's HTML treat control characters alike.
@Suite("XML escaping")
struct XMLEscapingTests {
    @Test("characters XML 1.0 forbids become U+FFFD in every mode, instead of vanishing from CMIF")
    func forbiddenCharacters() {
        let text = "a\u{1}b\u{FFFE}c"
        #expect(XMLEscaping.text(text) == "a\u{FFFD}b\u{FFFD}c")
        #expect(XMLEscaping.attribute(text) == "a\u{FFFD}b\u{FFFD}c")
        #expect(XMLEscaping.html(text) == "a\u{FFFD}b\u{FFFD}c")
    }

    @Test("quotes and whitespace per mode")
    func modes() {
        let text = "<\"'&>\t\n\r"
        #expect(XMLEscaping.text(text) == "&lt;\"'&amp;&gt;\t\n&#13;")
        #expect(XMLEscaping.attribute(text) == "&lt;&quot;'&amp;&gt;&#9;&#10;&#13;")
        #expect(XMLEscaping.html(text) == "&lt;&quot;&#39;&amp;&gt;\t\n&#13;")
    }
}
