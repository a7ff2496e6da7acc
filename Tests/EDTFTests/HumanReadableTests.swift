import EDTF
import Testing

private let humanForms: [(String, String)] = [
    ("2022-05-12", "12 May 2022"),
    ("2022-09-03", "3 September 2022"),
    ("2022-05", "May 2022"),
    ("2022-01", "Jan 2022"),
    ("2022", "2022"),
    ("0800", "800"),
    ("202X", "2020s"),
    // "1900s" and "20th century" were read as other spans than the bounds (issue 20): years instead.
    ("190X", "1900–1909"),
    ("19XX", "1900–1999"),
    ("20XX", "2000–2099"),
    ("00XX", "1 BC – 99 AD"),
    ("01XX", "100–199"),
    ("02XX", "200–299"),
    ("10XX", "1000–1099"),
    ("11XX", "1100–1199"),
    ("12XX", "1200–1299"),
    ("2022-XX", "2022"),
    ("2022-XX-XX", "2022"),
    ("2022-05-XX", "May 2022"),
    ("2022-21", "Spring 2022"),
    ("2022-22", "Summer 2022"),
    ("2022-23", "Autumn 2022"),
    ("2022-24", "Winter 2022–23"),
    ("1999-24", "Winter 1999–2000"),
    ("2009-24", "Winter 2009–10"),
    // Intervals.
    ("2022-05-12/2022-05-13", "12–13 May 2022"),
    ("2022-05-12/2022-06-03", "12 May – 3 Jun 2022"),
    ("2021-12-30/2022-01-02", "30 Dec 2021 – 2 Jan 2022"),
    ("2022-05-12/2022-05-12", "12 May 2022"),
    ("2022-01/2022-03", "Jan–Mar 2022"),
    ("2021-12/2022-02", "Dec 2021 – Feb 2022"),
    ("2022/2024", "2022 – 2024"),
    ("2022/2022-05-13", "2022 – 13 May 2022"),
    ("2022-21/2022-23", "Spring 2022 – Autumn 2022"),
    ("201X/202X", "2010s – 2020s"),
    // Qualifiers.
    ("2022~", "c. 2022"),
    ("2022-05?", "May 2022?"),
    ("2022-05-12%", "c. 12 May 2022?"),
    ("202X~", "c. 2020s"),
    ("2022-01~/2022-03~", "c. Jan–Mar 2022"),
    ("2022-01?/2022-03?", "Jan–Mar 2022?"),
    ("2022-01~/2022-03?", "c. Jan 2022 – Mar 2022?"),
    ("2022-01~/2022-03", "c. Jan 2022 – Mar 2022"),
    // Open and unknown ends.
    ("2022-05/..", "from May 2022"),
    ("../2022-05", "until May 2022"),
    ("2022-05/", "from May 2022 (end unknown)"),
    ("/2022-05", "until May 2022 (start unknown)"),
    ("2022-05-12~/..", "from c. 12 May 2022"),
]

@Test("human-readable forms", arguments: humanForms)
func humanReadable(_ expression: String, _ expected: String) throws {
    #expect(try EDTFDate(expression).humanReadable == expected)
}
