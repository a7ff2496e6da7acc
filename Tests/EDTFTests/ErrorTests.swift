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
