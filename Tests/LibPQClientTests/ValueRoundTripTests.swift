import Foundation
import LibPQClient
import Testing
import TestSupport

/// Binds `value` as a parameter cast to `sqlType`, reads it back, and stores it in a table column too.
private func roundTrip<T: PostgresEncodable & PostgresDecodable>(
    _ value: T, as sqlType: String, on connection: PostgresConnection
) async throws -> (selected: T, stored: T) {
    // The type and table names are the test's own constants; the value is bound.
    let selected = try #require(try await connection.query("select \(value)::\(unescaped: sqlType) as v").first)
    let table = "rt_\(UUID().uuidString.prefix(8).lowercased())"
    try await connection.execute("create temporary table \(unescaped: table) (v \(unescaped: sqlType))")
    try await connection.execute("insert into \(unescaped: table) (v) values (\(value))")
    let stored = try #require(try await connection.query("select v from \(unescaped: table)").first)
    return (try selected.decode("v", as: T.self), try stored.decode("v", as: T.self))
}

private func expectRoundTrip<T: PostgresEncodable & PostgresDecodable & Equatable>(
    _ values: [T], as sqlType: String, on connection: PostgresConnection,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    for value in values {
        let (selected, stored) = try await roundTrip(value, as: sqlType, on: connection)
        #expect(selected == value, sourceLocation: sourceLocation)
        #expect(stored == value, sourceLocation: sourceLocation)
    }
    // NULL through the Optional conformance, typed by the wrapped type's OID.
    let (selectedNull, storedNull) = try await roundTrip(T?.none, as: sqlType, on: connection)
    #expect(selectedNull == nil, sourceLocation: sourceLocation)
    #expect(storedNull == nil, sourceLocation: sourceLocation)
    let nullRow = try #require(try await connection.query("select null::\(unescaped: sqlType) as v").first)
    #expect(try nullRow.isNull("v"), sourceLocation: sourceLocation)
    let error = #expect(throws: PostgresError.self, sourceLocation: sourceLocation) { try nullRow.decode("v", as: T.self) }
    #expect(error?.code == .unexpectedNull, sourceLocation: sourceLocation)
}

@Suite struct ValueRoundTripTests {
    @Test func scalars() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            try await expectRoundTrip(["", "plain", "ហ៊ុន សែន", "tab\there", "🦉"], as: "text", on: c)
            try await expectRoundTrip([true, false], as: "bool", on: c)
            try await expectRoundTrip([0, 1, -1, Int.max, Int.min], as: "int8", on: c)
            try await expectRoundTrip([Int32(0), .max, .min], as: "int4", on: c)
            try await expectRoundTrip([Int64(42), .max, .min], as: "int8", on: c)
            try await expectRoundTrip([0.0, 1.5, -2.25, 0.1, 1e-300, 1.7976931348623157e308, .infinity, -.infinity],
                                      as: "float8", on: c)
            let (nan, storedNaN) = try await roundTrip(Double.nan, as: "float8", on: c)
            #expect(nan.isNaN && storedNaN.isNaN)
        }
    }

    /// Integers are read from the bytes the server sent, without a String: the reader must take
    /// what Swift's `Int(text)` takes and refuse what it refuses.
    @Test func integersFromBytesAsFromText() throws {
        let texts = ["0", "-0", "+0", "7", "+5", "-12", "0042", "9223372036854775807", "-9223372036854775808",
                     "9223372036854775808", "-9223372036854775809", "2147483647", "-2147483648", "2147483648",
                     "-2147483649", "99999999999999999999", "", "-", "+", "--1", "+-1", " 1", "1 ", "1.0", "12a",
                     "0x10", "١٢", "１２"]
        func read<T: PostgresCodable & FixedWidthInteger>(_ text: String, as type: T.Type) -> T? {
            let row = PostgresRow(columns: ["v"], columnTypeOIDs: [T.postgresTypeOID], values: [text])
            return try? row.decode("v", as: T.self)
        }
        for text in texts {
            #expect(read(text, as: Int.self) == Int(text), "Int from \"\(text)\"")
            #expect(read(text, as: Int64.self) == Int64(text), "Int64 from \"\(text)\"")
            #expect(read(text, as: Int32.self) == Int32(text), "Int32 from \"\(text)\"")
        }
        let error = #expect(throws: PostgresError.self) {
            try PostgresRow(columns: ["n"], columnTypeOIDs: [23], values: ["2147483648"]).decode("n", as: Int32.self)
        }
        #expect(error?.message.contains("not an integer representable as Int32") == true)
    }

    @Test func numericKeepsEveryDigit() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            try await expectRoundTrip(
                [PostgresNumeric("12345678901234567890.123456789012345"), PostgresNumeric("-0.001"),
                 PostgresNumeric("0"), PostgresNumeric("NaN"), PostgresNumeric("12.50")],
                as: "numeric", on: c
            )
            #expect(PostgresNumeric(Decimal(string: "3.25")!).text == "3.25")
            #expect(PostgresNumeric("3.25").decimalValue == Decimal(string: "3.25"))
        }
    }

    @Test func dates() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            try await expectRoundTrip(
                [PostgresDate.day(year: 2024, month: 2, day: 29), .day(year: 1648, month: 10, day: 24),
                 .day(year: 1, month: 1, day: 1), .day(year: -43, month: 3, day: 15),
                 .infinity, .negativeInfinity],
                as: "date", on: c
            )
            let row = try #require(try await c.query("select '0044-03-15 BC'::date as d, '2024-02-29'::date::text as t").first)
            #expect(try row.decode("d", as: PostgresDate.self) == .day(year: -43, month: 3, day: 15))
            #expect(try row.decode("t", as: String.self) == PostgresDate.day(year: 2024, month: 2, day: 29).description)
            #expect(PostgresDate.day(year: 812, month: 1, day: 2).description == "0812-01-02")
            #expect(PostgresDate.day(year: 0, month: 1, day: 1).description == "0001-01-01 BC")
            #expect(PostgresDate.negativeInfinity < .day(year: -4000, month: 1, day: 1))
            #expect(PostgresDate.day(year: 1900, month: 12, day: 31) < .day(year: 1901, month: 1, day: 1))
            #expect(PostgresDate.day(year: 9999, month: 12, day: 31) < .infinity)
            #expect(PostgresDate(daysSince1970: 0) == .day(year: 1970, month: 1, day: 1))
            #expect(PostgresDate.day(year: 2000, month: 3, day: 1).daysSince1970 == 11_017)
        }
    }

    @Test func timestampsKeepMicroseconds() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            let instants = [
                Date(timeIntervalSince1970: 1_700_000_000.123456),
                Date(timeIntervalSince1970: -1_234_567_890.000001),
                Date(timeIntervalSince1970: 0),
                Date(timeIntervalSince1970: -62_135_596_800 - 86_400 * 366), // in 1 BC
            ].map { Date(timeIntervalSince1970: ($0.timeIntervalSince1970 * 1_000_000).rounded() / 1_000_000) }
            try await expectRoundTrip(instants, as: "timestamptz", on: c)

            let row = try #require(try await c.query(
                "select \(Date(timeIntervalSince1970: 1_700_000_000.123456))::timestamptz::text as t, '2001-02-03 04:05:06.789012+05:30'::timestamptz as z, 'infinity'::timestamptz as inf"
            ).first)
            #expect(try row.decode("t", as: String.self) == "2023-11-14 22:13:20.123456+00")
            let z = try row.decode("z", as: Date.self)
            #expect(abs(z.timeIntervalSince1970 - 981_153_306.789012) < 0.000_001)
            #expect(try row.decode("inf", as: Date.self) == .distantFuture)
        }
    }

    /// Timestamps printed in other zones (half hours, local mean time in seconds, west of
    /// Greenwich, BC) read back as the same instants; texts that are not timestamps are refused.
    @Test func timestampsInEveryPrintedForm() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            let instants: [(zone: String, utc: String)] = [
                ("Asia/Kolkata", "2001-02-03 04:05:06.789012+00"),
                ("Europe/Amsterdam", "1900-01-01 12:00:00+00"),
                ("America/St_Johns", "2024-07-01 00:00:00.5+00"),
                ("Asia/Tokyo", "0044-03-15 12:00:00+00 BC"),
            ]
            for instant in instants {
                try await c.execute("select set_config('TimeZone', \(instant.zone), false)")
                let row = try #require(try await c.query(
                    "select \(instant.utc)::timestamptz as t, \(instant.utc)::timestamptz::text as printed").first)
                let printed: String = try row.decode("printed")
                let decoded = try row.decode("t", as: Date.self)
                let expected = try #require(try await c.query(
                    "select extract(epoch from \(instant.utc)::timestamptz)::float8 as e").first).decode("e", as: Double.self)
                #expect(abs(decoded.timeIntervalSince1970 - expected) < 0.000_001, "\(instant.zone): \(printed)")
            }
            try await c.execute("select set_config('TimeZone', 'UTC', false)")
            let plain = try #require(try await c.query("select '2024-02-29 23:59:59.999999'::timestamp as t, '2024-02-29'::date as d").first)
            #expect(abs(try plain.decode("t", as: Date.self).timeIntervalSince1970 - 1_709_251_199.999999) < 0.000_001)
            #expect(try plain.decode("d", as: Date.self).timeIntervalSince1970 == 1_709_164_800)
            for text in ["2024-02-29 23:59", "2024-13-01", "2024-02-29 23:59:59+", "2024-02-29x", "", "2024-02-29 23:59:59.+00"] {
                #expect(throws: PostgresError.self, "\(text)") { try Date(postgresText: text, typeOID: PostgresTypeOID.timestamptz) }
            }
            #expect(try Date(postgresText: "2024-02-29 23:59:59.25-03:30", typeOID: PostgresTypeOID.timestamptz).timeIntervalSince1970
                    == 1_709_263_799.25)
        }
    }

    @Test func uuidAndJSONB() async throws {
        struct Letter: Codable, Equatable { var title: String; var recipients: [String] }
        try await TestDatabase.withScratchConnection { c async throws in
            try await expectRoundTrip([UUID(), UUID()], as: "uuid", on: c)
            let letter = Letter(title: "Démarche «urgente» \"x\"", recipients: ["ហ៊ុន សែន", "🦉"])
            let (selected, stored) = try await roundTrip(try PostgresJSONB(encoding: letter), as: "jsonb", on: c)
            #expect(try selected.decode(Letter.self) == letter)
            #expect(try stored.decode(Letter.self) == letter)
            let (raw, _) = try await roundTrip(PostgresJSONB(rawJSON: #"{"b": 1, "a": [true, null]}"#), as: "jsonb", on: c)
            #expect(raw.rawJSON == #"{"a": [true, null], "b": 1}"#)
            let (nullJSON, _) = try await roundTrip(PostgresJSONB?.none, as: "jsonb", on: c)
            #expect(nullJSON == nil)
        }
    }

    @Test func textArrays() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            let tricky = ["plain", "with space", #"quote " inside"#, #"back\slash"#, "comma,brace{}", "", "NULL",
                          "  padded  ", "ហ៊ុន សែន", "new\nline", #"\""#]
            try await expectRoundTrip([tricky, [], ["one"]], as: "text[]", on: c)
            try await expectRoundTrip([["a", nil, "NULL", ""] as [String?], [nil], []], as: "text[]", on: c)
            try await expectRoundTrip([[1, -2, Int.max]], as: "int8[]", on: c)

            let row = try #require(try await c.query("select array['x', null]::text[] as a, array_length(\(tricky)::text[], 1) as n").first)
            let error = #expect(throws: PostgresError.self) { try row.decode("a", as: [String].self) }
            #expect(error?.code == .unexpectedNull)
            #expect(try row.decode("a", as: [String?].self) == ["x", nil])
            #expect(try row.decode("n", as: Int.self) == tricky.count)
        }
    }

    @Test func scalarArrays() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            try await expectRoundTrip([[Int64(1), -2, .max], []], as: "int8[]", on: c)
            try await expectRoundTrip([[Int32(7), .min]], as: "int4[]", on: c)
            try await expectRoundTrip([[true, false]], as: "bool[]", on: c)
            try await expectRoundTrip([[1.5, -0.25, .infinity]], as: "float8[]", on: c)
            try await expectRoundTrip([[UUID(), UUID()]], as: "uuid[]", on: c)
            // The typical use: = ANY($1) with an id list.
            let ids: [Int64] = [2, 3]
            let count = try await c.scalar("select count(*) from generate_series(1, 5) g where g = any(\(ids))", as: Int.self)
            #expect(count == 2)
        }
    }

    @Test func arrayLiteralParsing() {
        #expect(PostgresArrayLiteral.decode("{}") == [])
        #expect(PostgresArrayLiteral.decode(#"{a,"b c",NULL,"",null,"NULL"}"#) == ["a", "b c", nil, "", nil, "NULL"])
        #expect(PostgresArrayLiteral.decode(#"{"a\\b","q\"q"}"#) == [#"a\b"#, #"q"q"#])
        #expect(PostgresArrayLiteral.decode("[0:1]={x,y}") == ["x", "y"])
        #expect(PostgresArrayLiteral.decode(#"{"ហ៊ុន សែន",Élysée, "a,b" ,NuLl}"#) == ["ហ៊ុន សែន", "Élysée", "a,b", nil])
        #expect(PostgresArrayLiteral.decode("{{a},{b}}") == nil)
        #expect(PostgresArrayLiteral.decode("{a") == nil)
        // Escapes inside and outside quotes, and quotes or escapes left open.
        #expect(PostgresArrayLiteral.decode(#"{a\,b,"x\"y\\",c\ }"#) == ["a,b", #"x"y\"#, "c"])
        // Unquoted elements without escapes are passed on where they lie, spaces around them
        // dropped; an escaped NULL is the text, as array_in reads it.
        #expect(PostgresArrayLiteral.decode(#"{ab  , cd,N\ULL,NULL }"#) == ["ab", "cd", "NULL", nil])
        #expect(PostgresArrayLiteral.decode(#"{"abc}"#) == nil)
        #expect(PostgresArrayLiteral.decode(#"{"abc\"}"#) == nil)
        #expect(PostgresArrayLiteral.decode(#"{a,}"#) == nil)
        #expect(PostgresArrayLiteral.decode(#"{"a"b}"#) == nil)
        #expect(PostgresArrayLiteral.encode(["a\"b", nil, ""]) == #"{"a\"b",NULL,""}"#)
    }

    @Test func lenientDecoding() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            let row = try #require(try await c.query("""
                select 7::int4 as i4, 3::int2 as i2, 9::int8 as i8, true as b, 'x'::varchar as v,
                       42::int4 as s, 2.5::float4 as f4, '{"k": 1}'::json as j, 'abc' as bad
                """).first)
            #expect(try row.decode("i4", as: Int.self) == 7)
            #expect(try row.decode("i2", as: Int.self) == 3)
            #expect(try row.decode("i8", as: Int32.self) == 9)
            #expect(try row.decode("b", as: Bool.self))
            #expect(try row.decode("b", as: String.self) == "t")
            #expect(try row.decode("v", as: String.self) == "x")
            #expect(try row.decode("s", as: String.self) == "42")
            #expect(try row.decode("f4", as: Double.self) == 2.5)
            #expect(try row.decode("j", as: PostgresJSONB.self).rawJSON == #"{"k": 1}"#)
            #expect(try row.decode(column: 0, as: Int64.self) == 7)

            let decoding = #expect(throws: PostgresError.self) { try row.decode("bad", as: Int.self) }
            #expect(decoding?.code == .decoding)
            #expect(decoding?.column == "bad")
            let missing = #expect(throws: PostgresError.self) { try row.decode("nope", as: Int.self) }
            #expect(missing?.code == .columnNotFound)
            let outOfRange = #expect(throws: PostgresError.self) { try row.decode(column: 99, as: Int.self) }
            #expect(outOfRange?.code == .columnNotFound)
            let tooBig = try #require(try await c.query("select 3000000000::int8 as big").first)
            #expect(throws: PostgresError.self) { try tooBig.decode("big", as: Int32.self) }
        }
    }

    @Test func untypedTextLetsTheServerInfer() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            try await c.execute("create type mood as enum ('calm', 'tense')")
            try await c.execute("create table m (x mood)")
            try await c.execute("insert into m values (\(PostgresUntypedText("tense")))")
            #expect(try await c.scalar("select x from m", as: String.self) == "tense")
            let nul = await #expect(throws: PostgresError.self) { try await c.execute("select \("a\u{0}b" as String)") }
            #expect(nul?.code == .invalidParameter)
            #expect(nul?.description.contains("a\u{0}b") == false)
        }
    }
}
