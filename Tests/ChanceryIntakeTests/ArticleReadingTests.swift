import ChanceryIntake
import ChanceryModel
import Foundation
import Testing

@Suite("Intake: reading an article")
struct ArticleReadingTests {

    @Test("the founding article's ticker and related-news heading are left out, its headline kept as the title")
    func foundingArticleNoise() throws {
        let article = Article(text: try Self.seedText())
        #expect(article.title == "Exchange of Correspondence Between Cambodia’s Prime Minister , 2022 ASEAN Chair and US President Joe Biden")
        #expect(article.ignored.map(\.reason) == ["headline ticker", "related-news heading"])
        #expect(article.dateline == "Phnom Penh")
        #expect(article.sentences.first?.text.hasPrefix("In a letter sent by the US President Joe Biden") == true)
        #expect(!article.sentences.contains { $0.text.contains("Siem Reap") })
        #expect(article.sentences.count == 10)
    }

    @Test("Windows line ends (a browser's form) read like Unix ones")
    func crlf() throws {
        let unix = Article(text: try Self.seedText())
        let windows = Article(text: try Self.seedText().replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(windows.sentences.map(\.text) == unix.sentences.map(\.text))
        #expect(windows.title == unix.title)
    }

    @Test("sentences end after D.C. when a new one starts, but not inside U.S. or after Mr.")
    func sentenceEnds() {
        let article = Article(text: "Headline here\n\nHe went to Washington, D.C. I am confident it helped. Mr. Hun Sen met the U.S. Special Envoy in the U.S. Embassy. It ended.")
        #expect(article.sentences.map(\.text) == ["He went to Washington, D.C.", "I am confident it helped.",
                                                  "Mr. Hun Sen met the U.S. Special Envoy in the U.S. Embassy.", "It ended."])
    }

    @Test("abbreviations with points are one token: U.S., D.C.; a possessive 's is its own")
    func tokens() {
        let tokens = Tokenizer.tokens(of: "the ASEAN-U.S. Summit in Washington, D.C. and Cambodia's premier")
        #expect(tokens.map(\.norm) == ["the", "asean", "-", "us", "summit", "in", "washington", ",", "dc", "and", "cambodia", "'s", "premier"])
    }

    @Test("bylines, captions, publication lines and repeated headlines are page furniture; the publication day is kept")
    func furniture() {
        let text = """
            Vietnam thanks Japan for typhoon aid
            By Jane Doe
            Published: 2023-10-04
            Photo: The two leaders in Hanoi last year.
            Vietnam thanks Japan for typhoon aid
            HANOI, Oct 4 (Reuters) - Vietnam's President sent a letter to Japan's Prime Minister on Monday.
            """
        let article = Article(text: text)
        #expect(article.title == "Vietnam thanks Japan for typhoon aid")
        #expect(article.published == "2023-10-04")
        #expect(article.dateline == "Hanoi")
        #expect(Set(article.ignored.map(\.reason)) == ["byline", "publication line", "photo caption", "repeated headline or line"])
        #expect(article.sentences.map(\.text) == ["Vietnam's President sent a letter to Japan's Prime Minister on Monday."])
    }

    @Test("a saved HTML page gives its text, title, address, site and date; scripts, navigation and captions do not")
    func html() {
        let page = """
            <!doctype html><html><head><title>Letter exchange | Khmer Times</title>
            <meta property="og:site_name" content="Khmer Times"><link rel="canonical" href="https://example.org/a">
            <meta property="article:published_time" content="2022-02-14T08:00:00+07:00"><script>var x = "<p>no</p>";</script></head>
            <body><nav><a href="/">Home</a> | <a>World</a> | <a>Asia</a></nav><h1>Letter exchange</h1>
            <p>Prime Minister Hun Sen sent a letter to President Joe Biden &amp; thanked him.</p>
            <figure><img src="x.jpg"><figcaption>Hun Sen in 2022.</figcaption></figure><p>It was well received.</p></body></html>
            """
        let article = Article(text: page)
        #expect(article.title == "Letter exchange")
        #expect(article.publisher == "Khmer Times")
        #expect(article.url == "https://example.org/a")
        #expect(article.published == "2022-02-14")
        #expect(article.sentences.map(\.text) == ["Prime Minister Hun Sen sent a letter to President Joe Biden & thanked him.", "It was well received."])
    }

    @Test("a news site's page: menus, share buttons, advertisements, cookie notice and most-read lists are not the article")
    func noisyPage() {
        let page = """
            <html><head><title>Hun Sen replies to Biden - Khmer Times</title></head><body>
            <header><a>Home</a></header><nav><ul><li>National</li><li>World</li></ul></nav>
            <div class="cookie">We use cookies to improve your experience.</div>
            <article><h1>Hun Sen replies to Biden</h1><p class="byline">By Sok Dara</p><p class="date">February 14, 2022</p>
            <p>Advertisement</p>
            <p>PHNOM PENH: Prime Minister Hun Sen sent a letter to US President Joe Biden on Monday.</p>
            <p>Share on Facebook</p><p>Tweet</p>
            <p>The letter expressed support for the summit.</p></article>
            <aside><h2>Most read</h2><p>Floods in the north.</p></aside>
            <div><h3>Most read</h3><p>Rice prices rise.</p></div>
            <footer>© 2022 Khmer Times. All rights reserved.</footer></body></html>
            """
        let article = Article(text: page)
        #expect(article.title == "Hun Sen replies to Biden")
        #expect(article.published == "2022-02-14")
        #expect(article.sentences.map(\.text) == ["Prime Minister Hun Sen sent a letter to US President Joe Biden on Monday.",
                                                  "The letter expressed support for the summit."])
    }

    static func seedText() throws -> String {
        try String(contentsOfFile: repositoryPath("Data/founding-article.txt"), encoding: .utf8)
    }
}

/// A path relative to the repository's folder (tests run with it as the current folder, but be sure).
func repositoryPath(_ relative: String) -> String {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return repository.appendingPathComponent(relative).standardized.path
}
