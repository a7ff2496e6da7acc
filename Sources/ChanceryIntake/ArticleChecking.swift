import CivilDays
import ChanceryModel
import Foundation

extension Article {
    /// The article as given to intake by any interface, checked the same way: the day of
    /// publication (when given) is a real day written YYYY-MM-DD, and the text holds sentences
    /// once page furniture is left out. `textField` names the text where it was given (`file`
    /// for the CLI, `article` for the web form, `body` for the API).
    public static func checked(text: String, published: String?, title: String?, url: String?, publisher: String?,
                               textField: String) throws -> Article {
        let given = { (value: String?) in value.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        if let published = given(published), !isDay(published) {
            throw ChanceryError.invalid("published", "'\(published)' is not a day written YYYY-MM-DD",
                                        hint: "Give the day the article appeared, such as 2022-02-14, or leave it out when the article does not say.")
        }
        let article = Article(text: text, published: given(published), title: given(title), url: given(url), publisher: given(publisher))
        guard !article.sentences.isEmpty else {
            throw ChanceryError.invalid(textField, "no article text, once page furniture is left out",
                                        hint: "Give the article's text, plain or a saved HTML page; tickers, bylines, captions and related-news lists are left out by themselves.")
        }
        return article
    }

    /// An article's bytes as text: UTF-8 when they are, else Latin-1, in which old saved pages
    /// were written (every byte is a character there, so nothing is lost or replaced).
    public static func text(of bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// Whether `text` is a day of the calendar written YYYY-MM-DD (not 2022-02-30): the one rule
    /// for a day of publication in every interface.
    public static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month) else { return false }
        let roundTrip = CivilDays.date(ofNumber: CivilDays.number(year: year, month: month, day: day))
        return roundTrip.year == year && roundTrip.month == month && roundTrip.day == day
    }
}
