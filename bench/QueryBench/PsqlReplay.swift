import Foundation
import LibPQClient

/// Replays statements through `psql` as prepared statements with the same parameters, and
/// reads back psql's own `\timing` of each execution.
struct PsqlReplay {
    let psql: String
    let database: String
    /// Type names for the parameter OIDs the statements use.
    let typeNames: [UInt32: String]

    /// Milliseconds per round (the statements of one service call, summed), for `rounds` rounds.
    func time(_ statements: [PostgresStatement], rounds: Int) throws -> [Double] {
        var script = "\\set ON_ERROR_STOP on\nSET plan_cache_mode = force_custom_plan;\n"
        for (index, statement) in statements.enumerated() {
            let types = statement.typeOIDs.map { typeNames[$0] ?? "unknown" }
            script += "PREPARE s\(index)" + (types.isEmpty ? "" : "(" + types.joined(separator: ", ") + ")")
                + " AS " + statement.sql + ";\n"
        }
        script += "\\o /dev/null\n\\timing on\n"
        for _ in 0..<rounds {
            for (index, statement) in statements.enumerated() {
                let arguments = statement.parameters.map(Self.literal)
                script += "EXECUTE s\(index)" + (arguments.isEmpty ? "" : "(" + arguments.joined(separator: ", ") + ")") + ";\n"
            }
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
