import EDTF
import Testing

/// One example of the EDTF 2019 specification (or of issue 20) with what it must mean.
struct SpecificationExample: Sendable, CustomTestStringConvertible {
    var expression: String
    var earliest: String?
    var latest: String?
    var precision: EDTFPrecision

    init(_ expression: String, _ earliest: String?, _ latest: String?, _ precision: EDTFPrecision) {
        self.expression = expression
        self.earliest = earliest
        self.latest = latest
        self.precision = precision
    }

    var testDescription: String { expression }
}

private typealias Example = SpecificationExample

/// Level 0: every example of the specification.
private let level0: [Example] = [
    // Date.
    Example("1985-04-12", "1985-04-12", "1985-04-12", .day),
    Example("1985-04", "1985-04-01", "1985-04-30", .month),
    Example("1985", "1985-01-01", "1985-12-31", .year),
    // Date and time: the day of the local time as written, whatever the zone.
    Example("1985-04-12T23:20:30", "1985-04-12", "1985-04-12", .day),
    Example("1985-04-12T23:20:30Z", "1985-04-12", "1985-04-12", .day),
    Example("1985-04-12T23:20:30-04", "1985-04-12", "1985-04-12", .day),
    Example("1985-04-12T23:20:30+04:30", "1985-04-12", "1985-04-12", .day),
    // Time interval.
    Example("1964/2008", "1964-01-01", "2008-12-31", .year),
    Example("2004-06/2006-08", "2004-06-01", "2006-08-31", .month),
    Example("2004-02-01/2005-02-08", "2004-02-01", "2005-02-08", .day),
    Example("2004-02-01/2005-02", "2004-02-01", "2005-02-28", .month),
    Example("2004-02-01/2005", "2004-02-01", "2005-12-31", .year),
    Example("2005/2006-02", "2005-01-01", "2006-02-28", .year),
]

/// Level 1: every example of the specification that a register can store (`Y170000002` and
/// `Y-170000002` are refused: see `unstorableYears`).
private let level1: [Example] = [
    // Letter-prefixed calendar year, within the storable years.
    Example("Y12345", "12345-01-01", "12345-12-31", .year),
    // Seasons.
    Example("2001-21", "2001-03-01", "2001-05-31", .season),
    Example("2001-22", "2001-06-01", "2001-08-31", .season),
    Example("2001-23", "2001-09-01", "2001-11-30", .season),
    Example("2001-24", "2001-12-01", "2002-02-28", .season),
    // Qualification of a date (complete).
    Example("1984?", "1984-01-01", "1984-12-31", .year),
    Example("2004-06~", "2004-06-01", "2004-06-30", .month),
    Example("2004-06-11%", "2004-06-11", "2004-06-11", .day),
    // Unspecified digits from the right.
    Example("201X", "2010-01-01", "2019-12-31", .decade),
    Example("20XX", "2000-01-01", "2099-12-31", .century),
    Example("2004-XX", "2004-01-01", "2004-12-31", .year),
    Example("1985-04-XX", "1985-04-01", "1985-04-30", .month),
    Example("1985-XX-XX", "1985-01-01", "1985-12-31", .year),
    // Extended interval: open ends.
    Example("1985-04-12/..", "1985-04-12", nil, .day),
    Example("1985-04/..", "1985-04-01", nil, .month),
    Example("1985/..", "1985-01-01", nil, .year),
    Example("../1985-04-12", nil, "1985-04-12", .day),
    Example("../1985-04", nil, "1985-04-30", .month),
    Example("../1985", nil, "1985-12-31", .year),
    // Extended interval: unknown ends.
    Example("1985-04-12/", "1985-04-12", nil, .day),
    Example("1985-04/", "1985-04-01", nil, .month),
    Example("1985/", "1985-01-01", nil, .year),
    Example("/1985-04-12", nil, "1985-04-12", .day),
    Example("/1985-04", nil, "1985-04-30", .month),
    Example("/1985", nil, "1985-12-31", .year),
    // Extended interval: qualified ends.
    Example("1984~/2004-06", "1984-01-01", "2004-06-30", .year),
    Example("1984/2004-06~", "1984-01-01", "2004-06-30", .year),
    Example("1984~/2004~", "1984-01-01", "2004-12-31", .year),
    Example("1984?/2004%", "1984-01-01", "2004-12-31", .year),
    Example("1984-06?/2004-08?", "1984-06-01", "2004-08-31", .month),
    Example("1984-06-02?/2004-08-08~", "1984-06-02", "2004-08-08", .day),
    Example("1984-06-02?/", "1984-06-02", nil, .day),
    Example("1984-06-02?/..", "1984-06-02", nil, .day),
    Example("2019-12/2020%", "2019-12-01", "2020-12-31", .year),
    // Negative calendar year: astronomical, so -1985 is 1986 BC.
    Example("-1985", "-1985-01-01", "-1985-12-31", .year),
]

/// Level 2: the features archives use, and the optional ones that were cheap.
private let level2: [Example] = [
    // Sets: one of, all of, with ranges.
    Example("[1667,1668,1670..1672]", "1667-01-01", "1672-12-31", .year),
    Example("[..1760-12-03]", nil, "1760-12-03", .day),
    Example("[1760-01,1760-02,1760-12..]", "1760-01-01", nil, .month),
    Example("[1667,1760-12]", "1667-01-01", "1760-12-31", .year),
    Example("[..1984]", nil, "1984-12-31", .year),
    Example("{1667,1668,1670..1672}", "1667-01-01", "1672-12-31", .year),
    Example("{1960,1961-12}", "1960-01-01", "1961-12-31", .year),
    Example("{..1984}", nil, "1984-12-31", .year),
    // Qualification of single components.
    Example("2004?-06-~11", "2004-06-11", "2004-06-11", .day),
    Example("2004-06~-11", "2004-06-11", "2004-06-11", .day),
    Example("?2004-06-~11", "2004-06-11", "2004-06-11", .day),
    Example("2004-%06", "2004-06-01", "2004-06-30", .month),
    Example("2004-06?-11", "2004-06-11", "2004-06-11", .day),
    // Unspecified digits anywhere.
    Example("156X-12-25", "1560-12-25", "1569-12-25", .decade),
    Example("15XX-12-25", "1500-12-25", "1599-12-25", .century),
    Example("XXXX-12-XX", nil, nil, .century),
    Example("1XXX-XX", "1000-01-01", "1999-12-31", .century),
    Example("1XXX-12", "1000-12-01", "1999-12-31", .century),
    Example("1984-1X", "1984-10-01", "1984-12-31", .year),
    Example("XXXX", nil, nil, .century),
    Example("XXXX-XX-XX", nil, nil, .century),
    Example("156X-02-29", "1560-02-29", "1568-02-29", .decade),
    Example("2022-XX-12", "2022-01-12", "2022-12-12", .year),
    Example("2022-05-3X", "2022-05-30", "2022-05-31", .month),
    // Intervals with Level 2 ends.
    Example("2004-06-~01/2004-06-~20", "2004-06-01", "2004-06-20", .day),
    Example("2004-06-XX/2004-07-03", "2004-06-01", "2004-07-03", .month),
    // Sub-year groupings 25–41.
    Example("2001-25", "2001-03-01", "2001-05-31", .season),
    Example("2001-28", "2001-12-01", "2002-02-28", .season),
    Example("2001-29", "2001-09-01", "2001-11-30", .season),
    Example("2001-30", "2001-12-01", "2002-02-28", .season),
    Example("2001-31", "2001-03-01", "2001-05-31", .season),
    Example("2001-32", "2001-06-01", "2001-08-31", .season),
    Example("2001-33", "2001-01-01", "2001-03-31", .season),
    Example("2001-36", "2001-10-01", "2001-12-31", .season),
    Example("2001-37", "2001-01-01", "2001-04-30", .season),
    Example("2001-39", "2001-09-01", "2001-12-31", .season),
    Example("2001-40", "2001-01-01", "2001-06-30", .season),
    Example("2001-41", "2001-07-01", "2001-12-31", .season),
]

/// The dates of issue 20: real archives' sets, years BC, year 0.
private let archives: [Example] = [
    Example("[1542-05-05,1542-05-06]", "1542-05-05", "1542-05-06", .day),
    Example("[1544-02,1544-03]", "1544-02-01", "1544-03-31", .month),
    Example("[1547,1548]", "1547-01-01", "1548-12-31", .year),
    Example("[1552-11,1552-12-07]", "1552-11-01", "1552-12-07", .month),
    Example("{1667,1668}", "1667-01-01", "1668-12-31", .year),
    Example("-0044-03-15", "-0044-03-15", "-0044-03-15", .day),
    Example("-1350", "-1350-01-01", "-1350-12-31", .year),
    Example("0000", "0000-01-01", "0000-12-31", .year),
    Example("0000-02-29", "0000-02-29", "0000-02-29", .day),
    Example("-4712-01-01", "-4712-01-01", "-4712-01-01", .day),
    Example("-0001-24", "-0001-12-01", "0000-02-29", .season),
    Example("-0044/0014", "-0044-01-01", "0014-12-31", .year),
    Example("-002X", "-0029-01-01", "-0020-12-31", .decade),
    Example("-1XXX", "-1999-01-01", "-1000-12-31", .century),
    Example("Y5874897", "5874897-01-01", "5874897-12-31", .year),
]

@Test("specification examples: bounds and precision", arguments: level0 + level1 + level2 + archives)
func specificationExample(_ example: SpecificationExample) throws {
    let date = try EDTFDate(example.expression)
    #expect(date.expression == example.expression)
    #expect(!date.isLegacyForm)
    #expect(date.earliest?.description == example.earliest)
    #expect(date.latest?.description == example.latest)
    #expect(date.precision == example.precision)
    // The text stored is the text read back.
    #expect(try EDTFDate(date.expression) == date)
    #expect(!date.humanReadable.isEmpty)
}

@Test(
    "years a register cannot store are refused, saying so",
    arguments: ["Y170000002", "Y-170000002", "Y-17E7", "Y17E7", "-4713", "Y-12345", "-9XXX", "Y99999999999999999999999"]
)
func unstorableYears(_ expression: String) {
    let error = #expect(throws: EDTFError.self) { try EDTFDate(expression) }
    #expect(error?.reason == "year \(expression) is outside the years a register can store (4713 BC to 5874897 AD)")
    #expect(error?.position == 1)
}

@Test("optional Level 2 features refused with a clear message", arguments: [
    ("1950S2", "significant digits (S) are not supported"),
    ("Y171010000S3", "significant digits (S) are not supported"),
    ("Y3388E2S3", "exponential years (E) are not supported"),
    ("Y17E2", "exponential years (E) are not supported"),
    ("2004-(06)?-11", "pre-2019 draft form '(…)' for grouping"),
    ("[1667,[1668,1669]]", "unexpected character '['"),
    ("[1667,1668/1669]", "unexpected character '/'"),
])
func refusedFeatures(_ expression: String, _ reason: String) {
    let error = #expect(throws: EDTFError.self) { try EDTFDate(expression) }
    #expect(error?.reason == reason)
}

@Test func setsExposeTheirKind() throws {
    #expect(try EDTFDate("[1547,1548]").setKind == .oneOf)
    #expect(try EDTFDate("{1667,1668}").setKind == .allOf)
    #expect(try EDTFDate("1547/1548").setKind == nil)
    #expect(try EDTFDate("[1547,1548]").isInterval == false)
}

@Test func legacyUnknownEndIsReadAndNoted() throws {
    let date = try EDTFDate("1548-10-27/?")
    #expect(date.isLegacyForm)
    #expect(date.normalisedFrom == "1548-10-27/?")
    #expect(date.expression == "1548-10-27/")
    #expect(date == (try EDTFDate("1548-10-27/")))
    #expect(date.earliest?.description == "1548-10-27" && date.latest == nil)
    #expect(date.isInterval)
    #expect(date.notes.count == 1)
    #expect(date.notes.first?.contains("1548-10-27/?") ?? false)

    let start = try EDTFDate("?/1548")
    #expect(start.expression == "/1548" && start.isLegacyForm && start.earliest == nil)

    let modern = try EDTFDate("1548-10-27/")
    #expect(!modern.isLegacyForm && modern.notes.isEmpty && modern.normalisedFrom == nil)
}

@Test func undatedHasNoBounds() throws {
    for expression in ["XXXX", "XXXX-XX", "XXXX-XX-XX", "XXXX-12-25"] {
        let date = try EDTFDate(expression)
        #expect(date.isUndated, "\(expression)")
        #expect(date.earliest == nil && date.latest == nil, "\(expression)")
        #expect(date.overlaps(from: nil, to: nil), "\(expression)")
    }
    #expect(try !EDTFDate("1XXX").isUndated)
    #expect(try !EDTFDate("2022").isUndated)
}

@Test func componentQualifiersFollowTheLevel2Rules() throws {
    // A mark after a component covers it and those before it; a mark before covers it alone.
    let cases: [(String, Set<EDTFComponent>, Set<EDTFComponent>)] = [
        ("2004-06?-11", [.year, .month], []),
        ("?2004-06-11", [.year], []),
        ("2004?-06-~11", [.year], [.day]),
        ("2004-06~-11", [], [.year, .month]),
        ("2004-%06", [.month], [.month]),
        ("2004-06-11?", [.year, .month, .day], []),
        ("2004-06-11", [], []),
    ]
    for (expression, uncertain, approximate) in cases {
        let date = try EDTFDate(expression)
        #expect(date.uncertainComponents == uncertain, "\(expression)")
        #expect(date.approximateComponents == approximate, "\(expression)")
        #expect(date.isUncertain == !uncertain.isEmpty, "\(expression)")
        #expect(date.isApproximate == !approximate.isEmpty, "\(expression)")
    }
}

@Test func plainDaysAreToldApartFromOtherDayPrecisionDates() throws {
    #expect(try EDTFDate("1985-04-12").isPlainDay)
    #expect(try EDTFDate("-0044-03-15").isPlainDay)
    for expression in ["1985-04-12T23:20:30", "[1542-05-05,1542-05-06]", "1985-04-12?", "?1985-04-12", "1985-04-12/1985-04-12",
                       "1985-04"] {
        #expect(try !EDTFDate(expression).isPlainDay, "\(expression)")
    }
}

@Test func timesAreKeptAndShown() throws {
    let date = try EDTFDate("1985-04-12T23:20:30Z")
    #expect(date.hasTime)
    #expect(date.precision == .day)
    #expect(try !EDTFDate("1985-04-12").hasTime)
}

private let level2HumanForms: [(String, String)] = [
    // Sets as people read them.
    ("[1542-05-05,1542-05-06]", "5 or 6 May 1542"),
    ("[1542-05-05,1542-05-06,1542-05-08]", "5, 6 or 8 May 1542"),
    ("[1544-02,1544-03]", "Feb or Mar 1544"),
    ("[1547,1548]", "1547 or 1548"),
    ("[1552-11,1552-12-07]", "Nov 1552 or 7 Dec 1552"),
    ("{1667,1668}", "1667 and 1668"),
    ("[1667,1668,1670..1672]", "1667, 1668 or 1670 to 1672"),
    ("{1667,1668,1670..1672}", "1667, 1668 and 1670 to 1672"),
    ("[..1760-12-03]", "3 Dec 1760 or earlier"),
    ("[1760-01,1760-02,1760-12..]", "Jan 1760, Feb 1760 or Dec 1760 or later"),
    ("[1547?,1548]", "1547? or 1548"),
    // Legacy unknown end.
    ("1548-10-27/?", "from 27 Oct 1548 (end unknown)"),
    // Date and time.
    ("1985-04-12T23:20:30", "12 April 1985, 23:20:30"),
    ("1985-04-12T23:20:30Z", "12 April 1985, 23:20:30 UTC"),
    ("1985-04-12T23:20:30-04", "12 April 1985, 23:20:30 UTC−04:00"),
    ("1985-04-12T23:20:30+04:30", "12 April 1985, 23:20:30 UTC+04:30"),
    // Years before 1 and beyond 9999.
    ("0000", "1 BC"),
    ("-0044-03-15", "15 March 45 BC"),
    ("-0044", "45 BC"),
    ("-1350", "1351 BC"),
    ("-0044/0014", "45 BC – 14 AD"),
    ("-0001-24", "Winter 2–1 BC"),
    ("0000-24", "Winter 1 BC – 1 AD"),
    ("0000-05/0000-07", "May–Jul 1 BC"),
    ("Y12345", "12345"),
    // Unspecified digits, without the ambiguous "1900s".
    ("190X", "1900–1909"),
    ("080X", "800–809"),
    ("195X", "1950s"),
    ("000X", "1 BC – 9 AD"),
    ("-002X", "30–21 BC"),
    ("156X-12-25", "25 December in 1560–1569"),
    ("XXXX-12-XX", "December, year unknown"),
    ("XXXX-12-25", "25 December, year unknown"),
    ("1XXX-XX", "1000–1999"),
    ("1XXX-12", "Dec in 1000–1999"),
    ("1984-1X", "Oct–Dec 1984"),
    ("2022-05-1X", "10–19 May 2022"),
    ("XXXX", "date unknown"),
    ("XXXX-XX-XX", "date unknown"),
    // Qualified components.
    ("2004-06?-11", "11 June 2004 (year and month uncertain)"),
    ("?2004-06-11", "11 June 2004 (year uncertain)"),
    ("2004?-06-~11", "11 June 2004 (year uncertain, day approximate)"),
    ("2004-%06", "Jun 2004 (month uncertain and approximate)"),
    // Sub-year groupings.
    ("2001-30", "Southern summer 2001–02"),
    ("2001-34", "2nd quarter 2001"),
    ("2001-40", "1st half 2001"),
]

@Test("human-readable forms of Level 2, times and years BC", arguments: level2HumanForms)
func level2HumanReadable(_ expression: String, _ expected: String) throws {
    #expect(try EDTFDate(expression).humanReadable == expected)
}
