import Foundation
public import ChanceryModel

/// A news article as intake reads it: the headline, what is known of its publication, and the
/// sentences of its body, with the page's noise (tickers, bylines, captions, related-news lists,
/// repeated headlines) set aside and counted.
public struct Article: Sendable {
    public var title: String?
    public var url: String?
    public var publisher: String?
    /// The publication day (EDTF, YYYY-MM-DD) when the page or the caller gives it.
    public var published: String?
    /// The place of a dateline ("PHNOM PENH:"), when there is one.
    public var dateline: String?
    public var paragraphs: [String]
    public var sentences: [Sentence]
    /// A news report, or a government's own statement (a ministry's press release).
    public var kind: SourceKind = .news
    /// Lines left out as page furniture, each with the reason.
    public var ignored: [(line: String, reason: String)]

    /// Reads a plain-text or HTML article (HTML when it starts with a tag or a doctype).
    public init(text: String, published: String? = nil, title: String? = nil, url: String? = nil, publisher: String? = nil) {
        let trimmed = text.drop(while: { $0.isWhitespace })
        var lines: [String]
        var page = HTMLText(html: "")
        if trimmed.hasPrefix("<") {
            page = HTMLText(html: text)
            lines = page.lines
        } else {
            lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline })
                .map { HTMLText.collapse(String($0)) }.filter { !$0.isEmpty }
        }
        self.url = url ?? page.url
        self.publisher = publisher ?? page.siteName
        self.published = published ?? page.published.flatMap(ArticleDates.day(in:))
        self.ignored = []
        self.paragraphs = []
        self.sentences = []
        self.title = title
        var seen: Set<String> = []
        if let pageTitle = page.title.map(Self.withoutSiteSuffix), title == nil { self.title = pageTitle }
        var related = false
        for line in lines {
            let key = Tokenizer.key(of: line).joined(separator: " ")
            if related { ignored.append((line, "after a related-news heading")); continue }
            if let reason = Self.furniture(line) {
                if reason == "related-news heading" { related = true }
                if self.published == nil, reason == "publication line" { self.published = ArticleDates.day(in: line) }
                ignored.append((line, reason))
                continue
            }
            if seen.contains(key) || (self.title.map { Tokenizer.key(of: $0).joined(separator: " ") == key } ?? false) {
                ignored.append((line, "repeated headline or line"))
                continue
            }
            seen.insert(key)
            if self.title == nil, Self.looksLikeHeadline(line) {
                self.title = line
                continue
            }
            if Self.looksLikeHeadline(line), line.split(separator: " ").count < 5 {
                ignored.append((line, "a label, not a sentence"))
                continue
            }
            var body = line
            if let (place, rest) = Self.splitDateline(line), paragraphs.isEmpty {
                dateline = place
                if self.published == nil { self.published = ArticleDates.day(in: String(line.prefix(line.count - rest.count))) }
                body = rest
            }
            paragraphs.append(body)
        }
        let opening = ((self.title ?? "") + " " + paragraphs.prefix(2).joined(separator: " ")).lowercased()
        if opening.contains("press release") || (opening.contains("ministry of foreign affairs") && (opening.contains("informs") || opening.contains("statement")))
            || opening.hasPrefix("statement by") || opening.contains("spokesperson") && opening.contains("statement") {
            kind = .officialStatement
        }
        for (number, paragraph) in paragraphs.enumerated() {
            sentences += SentenceSplitter.sentences(of: paragraph, paragraph: number, startingAt: sentences.count)
        }
    }

    /// Why a line is page furniture rather than article text, or nil.
    static func furniture(_ line: String) -> String? {
        let lower = line.lowercased()
        if line.components(separatedBy: " | ").count >= 3 || (line.hasSuffix("|") && line.contains(" | ")) {
            return "headline ticker"
        }
        for heading in ["related news", "related stories", "related articles", "read more", "also read", "more from", "you may also like", "recommended",
                        "see also", "more stories", "most read", "trending", "latest news", "more on this"] {
            if lower.hasPrefix(heading) && line.count < heading.count + 40 { return "related-news heading" }
        }
        for prefix in ["photo:", "photo credit", "(photo", "caption:", "file photo", "image:", "pictured:", "photograph:", "source:"] {
            if lower.hasPrefix(prefix) { return "photo caption" }
        }
        if lower.hasSuffix("/afp") || lower.hasSuffix("/reuters") || lower.hasSuffix("(photo)") { return "photo caption" }
        for prefix in ["published:", "published on", "posted on", "posted:", "updated:", "last updated", "date:"] {
            if lower.hasPrefix(prefix) { return "publication line" }
        }
        if lower.hasPrefix("by "), line.split(separator: " ").count <= 8, !line.hasSuffix(".") { return "byline" }
        for prefix in ["reporting by", "editing by", "writing by", "additional reporting", "share this", "follow us", "subscribe", "copyright", "©",
                       "advertisement", "sponsored", "sign up", "newsletter", "click here", "cookie", "we use cookies", "all rights reserved",
                       "share on", "tweet", "whatsapp", "print this", "comments", "leave a comment", "tags:", "topics:"] {
            if lower.hasPrefix(prefix) { return "byline or page footer" }
        }
        if ArticleDates.day(in: line) != nil, line.split(separator: " ").count <= 5, !line.hasSuffix(".") {
            return "publication line"
        }
        return nil
    }

    /// A line without a sentence's closing mark, short enough to be a headline.
    static func looksLikeHeadline(_ line: String) -> Bool {
        guard let last = line.last else { return false }
        return !".!?”\"".contains(last) && line.split(separator: " ").count <= 25
    }

    /// "PHNOM PENH:" or "HANOI, March 3 (Reuters) -" at the start of the first paragraph.
    static func splitDateline(_ line: String) -> (String, String)? {
        let words = line.split(separator: " ", maxSplits: 12, omittingEmptySubsequences: true)
        var place: [Substring] = []
        for word in words {
            let letters = word.filter(\.isLetter)
            guard !letters.isEmpty, letters == letters.uppercased(), letters.count >= 2 || word.hasSuffix(":") else { break }
            place.append(word)
            if word.hasSuffix(":") || word.hasSuffix(",") { break }
        }
        guard !place.isEmpty, let last = place.last else { return nil }
        let placeText = place.joined(separator: " ").trimmingCharacters(in: [":", ","])
        guard placeText.count >= 3, !["THE", "A", "AN", "IN", "ON"].contains(placeText) else { return nil }
        var rest = line.dropFirst(place.joined(separator: " ").count).drop(while: { $0 == " " })
        if last.hasSuffix(",") {
            // "HANOI, March 3 (Reuters) -": the date and agency run to the dash.
            guard let dash = rest.range(of: " - ") ?? rest.range(of: " – ") ?? rest.range(of: " — "),
                  rest.distance(from: rest.startIndex, to: dash.lowerBound) < 40 else { return nil }
            rest = rest[dash.upperBound...]
        } else if !last.hasSuffix(":") {
            guard rest.hasPrefix("—") || rest.hasPrefix("-") || rest.hasPrefix("–") else { return nil }
            rest = rest.dropFirst().drop(while: { $0 == " " })
        }
        return (placeText.capitalized, String(rest))
    }

    static func withoutSiteSuffix(_ title: String) -> String {
        for separator in [" | ", " - ", " – ", " — "] {
            if let range = title.range(of: separator, options: .backwards), title.distance(from: range.upperBound, to: title.endIndex) < 30 {
                return String(title[..<range.lowerBound])
            }
        }
        return title
    }
}
