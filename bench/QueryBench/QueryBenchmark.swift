// chancery-query-bench: times the first page of the queries users run most, through Chancery's
// service layer and as the same SQL through psql, on a large database. Not a test: run it with
// bench/query-benchmark.sh, which loads the synthetic archive first.
import ChanceryCore
import Foundation
import LibPQClient

struct Options {
    var database = "bench_queries"
    var psql = "psql"
    var rounds = 10
    var blocks = 5
    /// Untimed calls before each block. More than five per pooled connection (the pool holds up
    /// to 4): PostgreSQL may switch a prepared statement to a generic plan after its fifth run,
    /// and a benchmark that stops before that measures a plan users do not get.
    var warmup = 24
    var search = "tsunami"
    var plans = "query-plans.md"
    var results = "query-results.md"
    /// With `--pgbench-scripts DIR`: only write the HTTP benchmark's pgbench scripts (see
    /// PgbenchCapture), for `GET /v1/letters?country=&since=` and `GET /v1/letters/{ref}`.
    var pgbenchScripts: String?
    var country = ""
    var since = ""
    var ref = ""
    /// With `--only WORDS`: time only the cases whose name contains them (for work on one query).
    var only: String?

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchmarkError("\(flag) needs a value") }
            switch flag {
            case "--database": database = value
            case "--psql": psql = value
            case "--rounds": rounds = Int(value) ?? rounds
            case "--warmup": warmup = Int(value) ?? warmup
            case "--blocks": blocks = Int(value) ?? blocks
            case "--search": search = value
            case "--plans": plans = value
            case "--results": results = value
            case "--pgbench-scripts": pgbenchScripts = value
            case "--country": country = value
            case "--since": since = value
            case "--ref": ref = value
            case "--only": only = value
            default: throw BenchmarkError("unknown option \(flag)")
            }
        }
    }
}

/// Records the statements a call sends.
final class StatementRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [PostgresStatement] = []
    func record(_ statement: PostgresStatement) { lock.withLock { recorded.append(statement) } }
    var statements: [PostgresStatement] { lock.withLock { recorded } }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func chooseParameters(_ connection: PostgresConnection, search: String) async throws -> BenchmarkParameters {
    let country: String = try await connection.query(
        """
        SELECT a.iso_code FROM letter_by_party b JOIN actor a ON a.id = b.party_id
        WHERE a.iso_code IS NOT NULL GROUP BY a.iso_code ORDER BY count(*) DESC, a.iso_code LIMIT 1
        """).rows[0].decode("iso_code")
    let partner: String = try await connection.query(
        """
        WITH s AS (SELECT id FROM actor WHERE iso_code = \(country))
        SELECT a.iso_code FROM letter_by_country_pair p, s
        JOIN LATERAL (SELECT CASE WHEN p.low_state_id = s.id THEN p.high_state_id ELSE p.low_state_id END AS other) o ON true
        JOIN actor a ON a.id = o.other
        WHERE p.low_state_id = s.id OR p.high_state_id = s.id
        GROUP BY a.iso_code ORDER BY count(*) DESC, a.iso_code LIMIT 1
        """).rows[0].decode("iso_code")
    let person: String = try await connection.query(
        """
        SELECT a.name FROM letter_by_party b JOIN actor a ON a.id = b.party_id
        WHERE a.kind = 'person' AND (SELECT count(*) FROM actor x WHERE lower(x.name) = lower(a.name)) = 1
        GROUP BY a.id, a.name ORDER BY count(*) DESC, a.name LIMIT 1
        """).rows[0].decode("name")
    let month: String = try await connection.query(
        """
        SELECT to_char(percentile_disc(0.5) WITHIN GROUP (ORDER BY sent_earliest), 'YYYY-MM') AS month
        FROM letter WHERE sent_earliest > '-infinity'
        """).rows[0].decode("month")
    let listingSince: String = try await connection.query(
        """
        SELECT to_char(percentile_disc(0.75) WITHIN GROUP (ORDER BY b.sent_earliest), 'YYYY') AS year
        FROM letter_by_party b JOIN actor a ON a.id = b.party_id
        WHERE a.iso_code = \(country) AND b.sent_earliest > '-infinity'
        """).rows[0].decode("year")
    // As bench/http-benchmark.sh chooses it.
    let detailRef: String = try await connection.query(
        """
        SELECT coalesce(
            (SELECT l.ref FROM letter l
             WHERE l.id > (SELECT max(id) / 2 FROM letter) AND l.deleted_at IS NULL
               AND EXISTS (SELECT FROM letter_link k WHERE k.letter_id = l.id)
               AND EXISTS (SELECT FROM letter_link k WHERE k.target_id = l.id)
               AND EXISTS (SELECT FROM citation c WHERE c.letter_id = l.id)
               AND (SELECT count(*) FROM letter_participant p WHERE p.letter_id = l.id) >= 3
             ORDER BY l.id LIMIT 1),
            (SELECT ref FROM letter WHERE deleted_at IS NULL ORDER BY id LIMIT 1)) AS ref
        """).rows[0].decode("ref")
    // The candidate whose share of the letters is nearest a tenth.
    let candidates = ["cooperation", "visit", "summit", "invitation", "condolences", "congratulations", "agreement",
                      "meeting", "trade", "security", "energy", "health"]
    let common: String = try await connection.query(
        """
        WITH total AS (SELECT count(*) AS n FROM letter)
        SELECT w.word FROM unnest(\(candidates)) AS w(word), total
        ORDER BY abs((SELECT count(*) FROM letter l WHERE l.search_document @@ chancery_search_query(w.word)) - total.n / 10), w.word
        LIMIT 1
        """).rows[0].decode("word")
    return BenchmarkParameters(country: country, partner: partner, person: person, windowMonth: month,
                               timelineYear: String(month.prefix(4)), searchText: search, listingSince: listingSince,
                               detailRef: detailRef, commonSearchText: common)
}

/// Milliseconds per call of `rounds` calls after `warmup` calls. Not on the main actor: the
/// services are timed as a server's request handlers call them, without hops to the main thread.
func timeRuns(of queryCase: QueryCase, on database: ChanceryDatabase, warmup: Int, rounds: Int) async throws -> [Double] {
    for _ in 0..<warmup {
        try await queryCase.beforeEach?(database)
        _ = try await queryCase.run(database)
    }
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<rounds {
        try await queryCase.beforeEach?(database)
        let started = clock.now
        _ = try await queryCase.run(database)
        times.append(milliseconds(clock.now - started))
    }
    return times
}

/// The plans of a call's statements, with the SQL and parameters, as Markdown.
func planReport(_ statements: [PostgresStatement], plans: [String]) -> String {
    zip(statements, plans).map { statement, plan in
        let shown = zip(1..., statement.parameters).map { "$\($0) = \(PsqlReplay.literal($1))" }.joined(separator: ", ")
        return "```sql\n" + statement.sql + "\n```\n" + (shown.isEmpty ? "" : "Parameters: " + shown + "\n\n")
            + "```\n" + plan + "\n```\n\n"
    }.joined()
}

@main
struct QueryBenchmark {
    // Not top-level code: task-local values (the statement observer) crash when pushed from
    // main.swift's top-level async context (Swift 6.3).
    static func main() async throws {
        let options = try Options(Array(CommandLine.arguments.dropFirst()))
        let configuration = try PostgresConfiguration.fromEnvironment().withDatabase(options.database)
        let database = ChanceryDatabase(configuration: configuration, changedBy: "query-benchmark")
        let connection = try await PostgresConnection.connect(configuration)
        let typeNames = Dictionary(uniqueKeysWithValues: try await connection.query(
            "SELECT oid::int8 AS oid, format_type(oid, NULL) AS name FROM pg_type").rows.map {
                (UInt32(try $0.decode("oid", as: Int64.self)), try $0.decode("name", as: String.self))
            })
        if let directory = options.pgbenchScripts {
            guard !options.country.isEmpty, !options.since.isEmpty, !options.ref.isEmpty else {
                throw BenchmarkError("--pgbench-scripts needs --country, --since and --ref")
            }
            try await PgbenchCapture(database: database, typeNames: typeNames)
                .write(PgbenchCapture.requests(country: options.country, since: options.since, ref: options.ref), to: directory)
            connection.close()
            await database.close()
            return
        }
        let parameters = try await chooseParameters(connection, search: options.search)
        let replay = PsqlReplay(psql: options.psql, database: options.database, typeNames: typeNames)
        let letterCount: Int64 = try await connection.query("SELECT count(*) AS n FROM letter").rows[0].decode("n")

        var table = "| query | rows | Chancery median ms | psql median ms (same SQL) | ratio | statements |\n|---|---:|---:|---:|---:|---:|\n"
        var plans = "# Query plans at \(letterCount) letters\n\nEXPLAIN (ANALYZE, BUFFERS) of every statement each benchmarked call sends, with its parameters, "
            + "from the last run of bench/query-benchmark.sh.\n\n"
        var verdicts: [String] = []
        for queryCase in QueryCase.all(parameters) where options.only.map(queryCase.name.contains) ?? true {
            // The call recorded is one like those timed: after a first one (which fills what is
            // kept between calls) and after the case's own preparation.
            try await queryCase.beforeEach?(database)
            _ = try await queryCase.run(database)
            try await queryCase.beforeEach?(database)
            let recorder = StatementRecorder()
            let rows = try await PostgresStatementLog.observing({ recorder.record($0) }) { try await queryCase.run(database) }
            let statements = recorder.statements
            // Alternating blocks of runs through Chancery and through psql, so that drift in the
            // machine's speed (a shared VM) weighs on both sides alike. Each side warms up first:
            // each psql block is a new session, with cold catalog caches.
            var chanceryTimes: [Double] = []
            var psqlTimes: [Double] = []
            for _ in 0..<options.blocks {
                chanceryTimes += try await timeRuns(of: queryCase, on: database, warmup: options.warmup, rounds: options.rounds)
                psqlTimes += try replay.time(statements, rounds: options.warmup + options.rounds).dropFirst(options.warmup)
            }
            let chancery = median(chanceryTimes), bare = median(psqlTimes)
            let ratio = chancery / bare
            table += "| \(queryCase.name) (`\(queryCase.description)`) | \(rows) | \(String(format: "%.2f", chancery)) | "
                + "\(String(format: "%.2f", bare)) | \(String(format: "%.2f", ratio))× | \(statements.count) |\n"
            if bare > 20 { verdicts.append("\(queryCase.name): \(String(format: "%.1f", bare)) ms of database time, over 20 ms") }
            if ratio > 1.2 { verdicts.append("\(queryCase.name): \(String(format: "%.2f", ratio))× the bare SQL, over 1.2×") }
            plans += "## \(queryCase.name)\n\n`chancery \(queryCase.description)`\n\n" + planReport(statements, plans: try replay.explain(statements))
            FileHandle.standardError.write(Data("\(queryCase.name): chancery \(String(format: "%.2f", chancery)) ms, psql \(String(format: "%.2f", bare)) ms\n".utf8))
        }
        let summary = "Letters: \(letterCount). Parameters chosen from the data: busiest country \(parameters.country), its busiest partner "
            + "\(parameters.partner), busiest person \(parameters.person), median month \(parameters.windowMonth). "
            + "Medians of \(options.blocks * options.rounds) runs on each side, in \(options.blocks) alternating blocks of "
            + "\(options.rounds) after \(options.warmup) warm-up runs each.\n\n"
        let verdict = verdicts.isEmpty ? "Every query is within 20 ms of database time and 1.2× the bare SQL.\n"
            : "Outside the targets:\n" + verdicts.map { "- " + $0 }.joined(separator: "\n") + "\n"
        try (summary + table + "\n" + verdict).write(toFile: options.results, atomically: true, encoding: .utf8)
        try plans.write(toFile: options.plans, atomically: true, encoding: .utf8)
        print(summary + table + "\n" + verdict)
        connection.close()
        await database.close()
    }
}
