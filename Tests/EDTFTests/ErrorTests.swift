import EDTF
import Foundation
import Testing

/// An expression that must be rejected, with the exact message.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    var input: String
    var description: String
    var position: Int?
    var hint: String?

    var testDescription: String { input.isEmpty ? "(empty)" : input }
}

private let errorCases: [ErrorCase] = [
    ErrorCase(input: "2022-13", description: "2022-13: month 13 out of range at position 6", position: 6),
    ErrorCase(input: "2022-00", description: "2022-00: month 0 out of range at position 6", position: 6),
    ErrorCase(input: "2022-42", description: "2022-42: month 42 out of range at position 6", position: 6),
    ErrorCase(
        input: "2022-02-30", description: "2022-02-30: day 30 out of range for February 2022 at position 9",
        position: 9
    ),
    ErrorCase(
        input: "2023-02-29", description: "2023-02-29: day 29 out of range for February 2023 at position 9",
        position: 9
    ),
    ErrorCase(
        input: "1900-02-29", description: "1900-02-29: day 29 out of range for February 1900 at position 9",
        position: 9
    ),
    ErrorCase(
        input: "2022-04-31", description: "2022-04-31: day 31 out of range for April 2022 at position 9",
        position: 9
    ),
    ErrorCase(
        input: "2022-05-00", description: "2022-05-00: day 0 out of range for May 2022 at position 9", position: 9
    ),
    ErrorCase(
        input: "2022-01/2022-02-30",
        description: "2022-01/2022-02-30: day 30 out of range for February 2022 at position 17", position: 17
    ),
    ErrorCase(input: "2022-05-1x", description: "2022-05-1x: unexpected character 'x' at position 10", position: 10),
    ErrorCase(input: "2023/2022", description: "2023/2022: interval ends before it starts"),
    ErrorCase(input: "2022-05-13/2022-05-12", description: "2022-05-13/2022-05-12: interval ends before it starts"),
    ErrorCase(input: "", description: "empty expression"),
    ErrorCase(input: "2022 ", description: "2022 : whitespace is not allowed at position 5", position: 5),
    ErrorCase(input: " 2022", description: " 2022: whitespace is not allowed at position 1", position: 1),
    ErrorCase(input: "2022 /2023", description: "2022 /2023: whitespace is not allowed at position 5", position: 5),
    ErrorCase(input: "202", description: "202: year must have 4 digits at position 1", position: 1),
    ErrorCase(input: "20222", description: "20222: year has more than 4 digits at position 5", position: 5),
    ErrorCase(input: "2022-5", description: "2022-5: month must have 2 digits at position 6", position: 6),
    ErrorCase(input: "2022-", description: "2022-: missing month at position 6", position: 6),
    ErrorCase(input: "2022-05-", description: "2022-05-: missing day at position 9", position: 9),
    ErrorCase(input: "2022-05-1", description: "2022-05-1: day must have 2 digits at position 9", position: 9),
    ErrorCase(input: "2022-21-05", description: "2022-21-05: a season cannot have a day at position 8", position: 8),
    ErrorCase(
        input: "2022/2023/2024", description: "2022/2023/2024: unexpected character '/' at position 10", position: 10
    ),
    ErrorCase(input: "/", description: "/: an interval needs at least one known end"),
    ErrorCase(input: "../..", description: "../..: an interval needs at least one known end"),
    ErrorCase(input: "../", description: "../: an interval needs at least one known end"),
    ErrorCase(
        input: "..", description: "..: an open end '..' is only allowed in an interval at position 1", position: 1
    ),
    ErrorCase(input: "2022??", description: "2022??: unexpected character '?' at position 6", position: 6),
    ErrorCase(input: "2022%~", description: "2022%~: unexpected character '~' at position 6", position: 6),
    ErrorCase(
        input: "2022-05-12T10:00", description: "2022-05-12T10:00: time must be written hh:mm:ss at position 12",
        position: 12
    ),
    ErrorCase(input: "open", description: "open: unexpected character 'o' at position 1", position: 1),
    ErrorCase(input: "2022-06/until", description: "2022-06/until: unexpected character 'u' at position 9", position: 9),
    ErrorCase(input: "２０２２", description: "２０２２: unexpected character '２' at position 1", position: 1),
    ErrorCase(input: "2022-0é", description: "2022-0é: unexpected character 'é' at position 7", position: 7),
    ErrorCase(input: "...2022", description: "...2022: unexpected character '.' at position 1", position: 1),
    // Sets.
    ErrorCase(
        input: "[1547, 1548]",
        description: "[1547, 1548]: whitespace is not allowed at position 7 (write sets without spaces: [1547,1548])",
        position: 7, hint: "write sets without spaces: [1547,1548]"
    ),
    ErrorCase(
        input: "[2022,2023", description: "[2022,2023: a set opened with '[' must end with ']' at position 10",
        position: 10
    ),
    ErrorCase(
        input: "[2022,2023}", description: "[2022,2023}: a set opened with '[' must end with ']' at position 11",
        position: 11
    ),
    ErrorCase(input: "[]", description: "[]: a set needs at least one member at position 2", position: 2),
    ErrorCase(input: "[2022,,2023]", description: "[2022,,2023]: empty set member at position 7", position: 7),
    ErrorCase(input: "[..]", description: "[..]: a range in a set needs at least one end at position 2", position: 2),
    ErrorCase(input: "[2023..2022]", description: "[2023..2022]: range ends before it starts at position 6", position: 6),
    // Date and time.
    ErrorCase(
        input: "1985-04-12T24:00:00", description: "1985-04-12T24:00:00: hour 24 out of range at position 12",
        position: 12
    ),
    ErrorCase(
        input: "1985-04-12?T23:20:30",
        description: "1985-04-12?T23:20:30: a time can only follow a whole day without qualifiers at position 12",
        position: 12
    ),
    ErrorCase(
        input: "1985-04-12T23:20:30+4",
        description: "1985-04-12T23:20:30+4: time zone offset must be written ±hh or ±hh:mm at position 21",
        position: 21
    ),
    ErrorCase(
        input: "1985-04-12T23:20:30-00",
        description: "1985-04-12T23:20:30-00: time zone offset -00 is not allowed at position 20 (write Z for UTC)",
        position: 20, hint: "write Z for UTC"
    ),
    ErrorCase(
        input: "1985-04-12T23:20:30.5", description: "1985-04-12T23:20:30.5: unexpected character '.' at position 20",
        position: 20
    ),
    // Years: signs, Y, the storable range.
    ErrorCase(input: "-0000", description: "-0000: year 0 has no sign at position 1 (write 0000 (1 BC))", position: 1,
              hint: "write 0000 (1 BC)"),
    ErrorCase(
        input: "Y2022", description: "Y2022: a year written with Y needs more than 4 digits at position 1 (write 2022)",
        position: 1, hint: "write 2022"
    ),
    ErrorCase(
        input: "Y12345-01", description: "Y12345-01: a year written with Y cannot have a month at position 7", position: 7
    ),
    ErrorCase(
        input: "Y170000002",
        description: "Y170000002: year Y170000002 is outside the years a register can store (4713 BC to 5874897 AD) "
            + "at position 1",
        position: 1
    ),
    ErrorCase(
        input: "-4713-12-31",
        description: "-4713-12-31: year -4713 is outside the years a register can store (4713 BC to 5874897 AD) "
            + "at position 1",
        position: 1
    ),
    // Unspecified digits that fit no real date.
    ErrorCase(input: "2022-4X", description: "2022-4X: month 4X out of range at position 6", position: 6),
    ErrorCase(input: "2022-02-3X", description: "2022-02-3X: day 3X fits no day of 2022-02 at position 9", position: 9),
    ErrorCase(input: "XXXX-02-30", description: "XXXX-02-30: day 30 fits no day of XXXX-02 at position 9", position: 9),
    ErrorCase(
        input: "201X-21", description: "201X-21: a season needs a year without unspecified digits at position 6",
        position: 6
    ),
    ErrorCase(input: "??2022", description: "??2022: unexpected character '?' at position 2", position: 2),
    ErrorCase(input: "?/?", description: "?/?: an interval needs at least one known end"),
    // Pre-2019 draft forms, each with the 2019 spelling.
    ErrorCase(
        input: "201u",
        description: "201u: pre-2019 draft form 'u' for an unspecified digit at position 4 "
            + "(EDTF 2019 writes unspecified digits as X: 201X)",
        position: 4, hint: "EDTF 2019 writes unspecified digits as X: 201X"
    ),
    ErrorCase(
        input: "2004-uu/2005",
        description: "2004-uu/2005: pre-2019 draft form 'u' for an unspecified digit at position 6 "
            + "(EDTF 2019 writes unspecified digits as X: 2004-XX/2005)",
        position: 6, hint: "EDTF 2019 writes unspecified digits as X: 2004-XX/2005"
    ),
    ErrorCase(
        input: "2004-06/unknown",
        description: "2004-06/unknown: pre-2019 draft form 'unknown' at position 9 "
            + "(EDTF 2019 writes an unknown end as an empty side: 2004-06/)",
        position: 9, hint: "EDTF 2019 writes an unknown end as an empty side: 2004-06/"
    ),
    ErrorCase(
        input: "unknown/2004-06",
        description: "unknown/2004-06: pre-2019 draft form 'unknown' at position 1 "
            + "(EDTF 2019 writes an unknown end as an empty side: /2004-06)",
        position: 1, hint: "EDTF 2019 writes an unknown end as an empty side: /2004-06"
    ),
    ErrorCase(
        input: "2004-06/open",
        description: "2004-06/open: pre-2019 draft form 'open' at position 9 "
            + "(EDTF 2019 writes an open end as '..': 2004-06/..)",
        position: 9, hint: "EDTF 2019 writes an open end as '..': 2004-06/.."
    ),
    ErrorCase(
        input: "2004?~",
        description: "2004?~: pre-2019 draft form '?~' at position 5 "
            + "(EDTF 2019 writes uncertain and approximate together as %: 2004%)",
        position: 5, hint: "EDTF 2019 writes uncertain and approximate together as %: 2004%"
    ),
    ErrorCase(
        input: "2004-06~?/2005",
        description: "2004-06~?/2005: pre-2019 draft form '~?' at position 8 "
            + "(EDTF 2019 writes uncertain and approximate together as %: 2004-06%/2005)",
        position: 8, hint: "EDTF 2019 writes uncertain and approximate together as %: 2004-06%/2005"
    ),
    ErrorCase(
        input: "2004-(06)?-11",
        description: "2004-(06)?-11: pre-2019 draft form '(…)' for grouping at position 6 "
            + "(EDTF 2019 qualifies a single component with a mark before it: 2004-?06-11)",
        position: 6, hint: "EDTF 2019 qualifies a single component with a mark before it: 2004-?06-11"
    ),
    ErrorCase(
        input: "y12345",
        description: "y12345: pre-2019 draft form 'y' for a long year at position 1 "
            + "(EDTF 2019 writes long years with a capital Y: Y12345)",
        position: 1,
        hint: "EDTF 2019 writes long years with a capital Y: Y12345"
    ),
]

@Test("rejected expressions", arguments: errorCases)
func rejected(_ testCase: ErrorCase) {
    let error = #expect(throws: EDTFError.self) { try EDTFDate(testCase.input) }
    #expect(error?.description == testCase.description)
    #expect(error?.position == testCase.position)
    #expect(error?.hint == testCase.hint)
    #expect(error?.input == testCase.input)
}

@Test func reasonOmitsInputAndPosition() {
    let error = #expect(throws: EDTFError.self) { try EDTFDate("2022-13") }
    #expect(error?.reason == "month 13 out of range")
    #expect(error?.localizedDescription == "2022-13: month 13 out of range at position 6")
}
