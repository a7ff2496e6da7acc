import Foundation
import LibPQClient

/// Replays statements through `psql` with the same parameter values, and reads back psql's own
/// `\timing` of each execution.
///
/// psql 15 cannot bind parameters, so each value is written into the statement as a literal
/// cast to the parameter's type. The server then does per run what it does for Chancery's
/// PQexecParams: parse, plan for these values, execute. (PREPARE/EXECUTE would skip the parse,
/// which Chancery does not.)
struct PsqlReplay {
    let psql: String
    let database: String
    /// Type names for the parameter OIDs the statements use.
    let typeNames: [UInt32: String]

    /// `EXPLAIN (ANALYZE, BUFFERS)` of each statement, executed as in `time`.
    func explain(_ statements: [PostgresStatement]) throws -> [String] {
        var script = "\\set ON_ERROR_STOP on\n\\pset tuples_only on\n\\pset format unaligned\n"
        for statement in statements {
            // Settings (a kept network's SET TRANSACTION) have no plan.
            script += statement.sql.hasPrefix("SET ") ? "\\echo '@@plan'\n\\echo '(a setting: no plan)'\n"
                : "\\echo '@@plan'\nEXPLAIN (ANALYZE, BUFFERS) " + inlined(statement) + ";\n"
        }
        return try run(script).components(separatedBy: "@@plan\n").dropFirst().map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Milliseconds per round (the statements of one service call, summed), for `rounds` rounds.
    func time(_ statements: [PostgresStatement], rounds: Int) throws -> [Double] {
        var script = "\\set ON_ERROR_STOP on\n\\o /dev/null\n\\timing on\n"
        let inlinedStatements = statements.map(inlined)
        for _ in 0..<rounds {
            for statement in inlinedStatements { script += statement + ";\n" }
        }
        let output = try run(script)
        let times = output.split(separator: "\n").compactMap { line -> Double? in
            guard line.hasPrefix("Time: ") else { return nil }
            return Double(line.dropFirst(6).split(separator: " ")[0])
        }
        guard times.count == rounds * statements.count else {
            throw BenchmarkError("psql printed \(times.count) timings for \(rounds * statements.count) executions:\n" + output.suffix(2000))
        }
        return (0..<rounds).map { round in
            times[(round * statements.count)..<((round + 1) * statements.count)].reduce(0, +)
        }
    }

    /// The statement with `$n` replaced by parameter n as a literal of its type.
    func inlined(_ statement: PostgresStatement) -> String {
        var text = ""
        var rest = Substring(statement.sql)
        while let dollar = rest.firstIndex(of: "$") {
            text += rest[..<dollar]
            let digits = rest[rest.index(after: dollar)...].prefix { $0.isASCII && $0.isNumber }
            guard let number = Int(digits), number >= 1, number <= statement.parameters.count else {
                text += "$"
                rest = rest[rest.index(after: dollar)...]
                continue
            }
            let type = typeNames[statement.typeOIDs[number - 1]].map { "::" + $0 } ?? ""
            text += "(" + Self.literal(statement.parameters[number - 1]) + type + ")"
            rest = rest[digits.endIndex...]
        }
        return text + rest
    }

    /// A SQL literal for a parameter's text form: psql only, never Chancery's own statements.
    static func literal(_ text: String?) -> String {
        guard let text else { return "NULL" }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private func run(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: psql)
        process.arguments = ["-X", "-q", "-d", database]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let writer = Thread { input.fileHandleForWriting.write(Data(script.utf8)); try? input.fileHandleForWriting.close() }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw BenchmarkError("psql failed:\n" + text.suffix(2000)) }
        return text
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
