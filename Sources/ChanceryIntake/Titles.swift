/// Offices as news text names them, each with the spellings that mean it ("premier" is a prime
/// minister), and the honorifics that stand before a name without being part of it.
enum Titles {
    /// Canonical title → the ways text writes it.
    static let variants: [String: [String]] = [
        "President": ["president"],
        "President-elect": ["president-elect", "president elect"],
        "Vice President": ["vice president", "vice-president"],
        "Prime Minister": ["prime minister", "premier", "pm"],
        "Deputy Prime Minister": ["deputy prime minister", "deputy premier"],
        "Foreign Minister": ["foreign minister", "minister of foreign affairs", "minister for foreign affairs", "foreign secretary",
                             "top diplomat", "foreign affairs minister"],
        "Secretary of State": ["secretary of state"],
        "Secretary-General": ["secretary-general", "secretary general", "chief"],
        "Chancellor": ["chancellor"],
        "King": ["king"], "Queen": ["queen"], "Emperor": ["emperor"], "Crown Prince": ["crown prince"],
        "Sultan": ["sultan"], "Emir": ["emir", "amir"], "Pope": ["pope"],
        "Ambassador": ["ambassador"],
        "Special Envoy": ["special envoy"],
        "Envoy": ["envoy"],
        "Minister": ["minister"],
        "Defence Minister": ["defence minister", "defense minister", "minister of defence", "minister of defense"],
        "Chairman": ["chairman", "chairwoman", "chairperson"],
        "General Secretary": ["general secretary"],
        "Governor-General": ["governor-general", "governor general"],
        "High Representative": ["high representative"],
        "Commission President": ["commission president"],
    ]

    /// Words that stand before a name as a courtesy, read past when matching.
    static let honorifics: [String] = [
        "samdech", "techo", "samdech techo", "samdech akka moha sena padei techo", "thipadei", "moha borvor thipadei",
        "samdech moha borvor thipadei", "his excellency", "her excellency",
        "his majesty", "her majesty", "his royal highness", "her royal highness", "his holiness", "mr", "mrs", "ms", "madam",
        "dr", "sir", "dame", "lord", "datuk", "dato", "dato' sri", "tan sri", "the honourable", "the honorable", "excellency",
    ]

    /// The canonical form of a title as written, or of a register role's title, for comparing them.
    static func canonical(_ written: String) -> String {
        let key = Tokenizer.key(of: written).joined(separator: " ")
        for (title, forms) in variants where forms.contains(where: { Tokenizer.key(of: $0).joined(separator: " ") == key }) {
            return title
        }
        return written
    }
}
