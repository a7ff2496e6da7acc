import ChanceryCore
import Foundation
import LibPQClient
import ChanceryModel

/// `--pgbench-scripts DIR`: records the statements the HTTP API's two benchmarked reads send
/// and writes them as pgbench scripts, for bench/http-benchmark.sh.
///
/// The calls are the ones the handlers make (Sources/ChanceryHTTP/Routes/LetterRoutes.swift):
/// `GET /v1/letters?country=C&since=S` is `LetterService.list` with those two filters and limit
/// 51 (a page of 50 and one more, which tells whether a next page exists) at offset 0;
/// `GET /v1/letters/{ref}` is `LetterService.show(ref)`. Reads run outside any transaction
/// (`ChanceryDatabase.read`), so there is no BEGIN/COMMIT to replay.
///
/// For each endpoint (`list`, `show`) it writes:
/// - `NAME.sql`: the statements in order, each `$n` rewritten to the pgbench variable `:sK_n`
///   (statement K), cast to the type Chancery binds it with (`(:s1_1::bigint)`), so the server
///   infers the same parameter types; a NULL parameter is written as `NULL::type`; statements
///   the service sends in one round trip (`PostgresConnection.pipeline`) stand between
///   `\startpipeline` and `\endpipeline`, so pgbench sends them so too;
/// - `NAME.vars`: one `sK_n=value` a line, for `pgbench -D`;
/// - `NAME.txt`: the statements and their parameters as Chancery sends them, for the record.
///
/// pgbench then sends the values as bound text parameters, as Chancery's libpq client does;
/// `-M prepared` matches a client that prepares each statement once per connection (LibPQClient
/// does when `PostgresConfiguration.preparesStatements`, the default), `-M extended` one that
/// sends PQexecParams (parse, plan and execute every time). The last line of standard output
/// says which: `protocol<TAB>prepared` or `protocol<TAB>extended`.
struct PgbenchCapture {
    let database: ChanceryDatabase
    let typeNames: [UInt32: String]

    struct Request {
        let name: String
        let call: @Sendable (ChanceryDatabase) async throws -> Int
    }

    static func requests(country: String, since: String, ref: String) -> [Request] {
        [
            Request(name: "list") { database in
                var query = LetterQuery()
                query.country = country
                query.since = since
                query.limit = 50 + 1
                query.offset = 0
                return try await LetterService(database: database).list(query).count
            },
            Request(name: "show") { database in
                _ = try await LetterService(database: database).show(ref)
                return 1
            },
        ]
    }

    func write(_ requests: [Request], to directory: String) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for request in requests {
            let recorder = StatementRecorder()
            let rows = try await PostgresStatementLog.observing({ recorder.record($0) }) { try await request.call(database) }
            let statements = recorder.statements
            guard !statements.isEmpty else { throw BenchmarkError("\(request.name) sent no statement") }
            var script = "-- The statements Chancery sends for the \(request.name) request (\(rows) rows), recorded by chancery-query-bench.\n"
            var variables: [String] = []
            var record = ""
            for (index, statement) in statements.enumerated() {
                let (sql, assignments) = try pgbenchText(of: statement, prefix: "s\(index + 1)_")
                // Statements the service sends in one round trip, pgbench sends so too.
                if statement.opensPipeline { script += "\\startpipeline\n" }
                script += sql.trimmingCharacters(in: .whitespacesAndNewlines) + ";\n"
                if statement.closesPipeline { script += "\\endpipeline\n" }
                variables += assignments
                let shown = zip(1..., statement.parameters).map { number, value in
                    "$\(number) = \(PsqlReplay.literal(value))" + (typeNames[statement.typeOIDs[number - 1]].map { "::" + $0 } ?? "")
                }.joined(separator: ", ")
                record += "-- statement \(index + 1)" + (shown.isEmpty ? "" : ": " + shown) + "\n" + statement.sql + ";\n\n"
            }
            try script.write(toFile: directory + "/" + request.name + ".sql", atomically: true, encoding: .utf8)
            try (variables.joined(separator: "\n") + "\n").write(toFile: directory + "/" + request.name + ".vars", atomically: true, encoding: .utf8)
            try record.write(toFile: directory + "/" + request.name + ".txt", atomically: true, encoding: .utf8)
            print("\(request.name)\t\(statements.count)\t\(rows)")
        }
        print("protocol\t" + (database.pool.configuration.preparesStatements ? "prepared" : "extended"))
    }

    /// The statement with `$n` rewritten to typed pgbench variables, and their `name=value` lines.
    func pgbenchText(of statement: PostgresStatement, prefix: String) throws -> (String, [String]) {
        let sql = try Self.hidingColons(in: statement.sql)
        var text = ""
        var assignments: [String] = []
        var rest = Substring(sql)
        while let dollar = rest.firstIndex(of: "$") {
            text += rest[..<dollar]
            let digits = rest[rest.index(after: dollar)...].prefix { $0.isASCII && $0.isNumber }
            guard let number = Int(digits), number >= 1, number <= statement.parameters.count else {
                text += "$"
                rest = rest[rest.index(after: dollar)...]
                continue
            }
            let oid = statement.typeOIDs[number - 1]
            let type = oid == 0 ? nil : typeNames[oid]
            if let value = statement.parameters[number - 1] {
                guard !value.contains("\n"), !value.contains("\r") else {
                    throw BenchmarkError("parameter $\(number) holds a line break, which pgbench -D cannot pass")
                }
                let variable = prefix + String(number)
                text += "(:" + variable + (type.map { "::" + $0 } ?? "") + ")"
                if !assignments.contains(where: { $0.hasPrefix(variable + "=") }) { assignments.append(variable + "=" + value) }
            } else {
                text += "(NULL" + (type.map { "::" + $0 } ?? "") + ")"
            }
            rest = rest[digits.endIndex...]
        }
        return (text + rest, assignments)
    }

    /// pgbench takes `:word` anywhere in a statement for a variable, string literals included
    /// (runs of two or more colons, casts, aside). A string literal holding such a colon (a
    /// `to_char` format such as 'HH24:MI:SS') is rewritten as the same constant in escape-string
    /// syntax, `E'HH24\x3aMI\x3aSS'`, which the server's lexer turns back into the same text;
    /// such a colon outside a literal cannot be hidden and is refused.
    static func hidingColons(in sql: String) throws -> String {
        let characters = Array(sql.unicodeScalars)
        func isVariableCharacter(_ index: Int) -> Bool {
            guard index < characters.count else { return false }
            let c = characters[index]
            return !c.isASCII || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_"
        }
        /// Whether the colon at `index` starts a pgbench variable.
        func startsVariable(_ index: Int) -> Bool {
            characters[index] == ":" && (index == 0 || characters[index - 1] != ":")
                && (index + 1 < characters.count && characters[index + 1] != ":") && isVariableCharacter(index + 1)
        }
        var output = String.UnicodeScalarView()
        var index = 0
        while index < characters.count {
            let c = characters[index]
            if c == "-" && index + 1 < characters.count && characters[index + 1] == "-" {
                // A comment, to the end of the line: copied as is (pgbench reads it too).
                while index < characters.count && characters[index] != "\n" {
                    if startsVariable(index) { throw BenchmarkError("a comment holds `:name` text that pgbench would take for a variable:\n" + sql) }
                    output.append(characters[index]); index += 1
                }
            } else if c == "'" {
                let escapeString = index > 0 && (characters[index - 1] == "E" || characters[index - 1] == "e")
                var end = index + 1
                while end < characters.count {
                    if characters[end] == "'" {
                        if end + 1 < characters.count && characters[end + 1] == "'" { end += 2; continue }
                        break
                    }
                    if escapeString && characters[end] == "\\" { end += 1 }
                    end += 1
                }
                let body = characters[(index + 1)..<min(end, characters.count)]
                let needsHiding = (index + 1..<min(end, characters.count)).contains(where: startsVariable)
                if needsHiding && escapeString {
                    throw BenchmarkError("an E'' literal holds `:name` text that pgbench would take for a variable:\n" + sql)
                }
                if needsHiding {
                    output.append("E"); output.append("'")
                    for scalar in body {
                        switch scalar {
                        case ":": output.append(contentsOf: "\\x3a".unicodeScalars)
                        case "\\": output.append(contentsOf: "\\\\".unicodeScalars)
                        default: output.append(scalar)
                        }
                    }
                    output.append("'")
                } else {
                    output.append(contentsOf: characters[index..<min(end + 1, characters.count)])
                }
                index = end + 1
            } else if c == "\"" {
                var end = index + 1
                while end < characters.count && characters[end] != "\"" { end += 1 }
                if (index + 1..<min(end, characters.count)).contains(where: startsVariable) {
                    throw BenchmarkError("an identifier holds `:name` text that pgbench would take for a variable:\n" + sql)
                }
                output.append(contentsOf: characters[index..<min(end + 1, characters.count)])
                index = end + 1
            } else {
                if startsVariable(index) { throw BenchmarkError("a statement holds `:name` text that pgbench would take for a variable:\n" + sql) }
                output.append(c)
                index += 1
            }
        }
        return String(output)
    }
}
