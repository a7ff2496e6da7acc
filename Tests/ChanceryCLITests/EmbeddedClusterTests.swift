import Foundation
import Testing

/// A temporary CHANCERY_HOME under /tmp, with no DATABASE_URL or PG* in the CLI's environment.
struct EmbeddedHome {
    let home: URL

    init() throws {
        // Short, so the socket path stays well under the Unix limit.
        home = URL(fileURLWithPath: "/tmp/chcli-" + String(UUID().uuidString.prefix(8)).lowercased())
        try? FileManager.default.removeItem(at: home)
    }

    var environment: [String: String] { CLI.embeddedEnvironment(home: home) }

    func run(_ arguments: String...) async throws -> CLIResult {
        try await CLI.run(arguments, environment: environment)
    }

    func run(_ arguments: [String]) async throws -> CLIResult {
        try await CLI.run(arguments, environment: environment)
    }

    /// The data folder named by `db status` ("… data in <path>"), if any.
    func dataDirectory() async throws -> String? {
        let status = try await run("db", "status")
        guard let range = status.stdout.range(of: "data in ") else { return nil }
        let rest = status.stdout[range.upperBound...]
        let line = rest.prefix { $0 != "\n" }
        return String(line.hasSuffix(")") ? line.dropLast() : line)
    }

    /// Stops the cluster with `chancery db stop` and removes its files (the home, and a fallback
    /// data folder outside it if the cluster used one).
    func remove() async {
        let data = try? await dataDirectory()
        let stopped = try? await run("db", "stop")
        if stopped?.status != 0 { Issue.record("db stop failed during cleanup: \(stopped.map(String.init(describing:)) ?? "did not run")") }
        if let data, !data.hasPrefix(home.path) {
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: data).deletingLastPathComponent().path)
        }
        try? FileManager.default.removeItem(at: home)
    }
}

/// Postmasters running with `-D dataDirectory`, from /proc.
func postmasterPIDs(dataDirectory: String) -> [Int] {
    let wanted = URL(fileURLWithPath: dataDirectory).resolvingSymlinksInPath().path
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int.init).filter { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        guard let program = arguments.first, program.hasSuffix("postgres") || program.hasSuffix("postmaster") else { return false }
        return zip(arguments, arguments.dropFirst()).contains { flag, value in
            flag == "-D" && URL(fileURLWithPath: value).resolvingSymlinksInPath().path == wanted
        }
    }.sorted()
}

/// The pid on the first line of `<data>/postmaster.pid`, if the file exists.
func postmasterPIDFile(dataDirectory: String) -> Int? {
    guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8) else { return nil }
    return text.split(separator: "\n").first.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
}

/// The embedded cluster: created, started, migrated on demand; stopped and restarted by `db`.
@Suite("Embedded cluster", .serialized)
struct EmbeddedClusterTests {
    @Test("letter add on a fresh home; db stop/status/start; the letter persists; db url")
    func lifecycleAndPersistence() async throws {
        let test = try EmbeddedHome()
        do {
            for arguments in [["actor", "add", "--kind", "person", "--name", "Joe Biden", "--alias", "Jo Biden"],
                              ["actor", "add", "--kind", "person", "--name", "Hun Sen"]] {
                let added = try await test.run(arguments)
                try #require(added.status == 0, "\(added)")
            }
            #expect(FileManager.default.fileExists(atPath: test.home.path), "the home was not created")

            let logged = try await test.run("letter", "add", "--from", "Jo Biden", "--to", "Hun Sen", "--date", "2022-06",
                                            "--subject", "Thanks for attending", "--ref", "EMB-2022-001")
            #expect(logged.status == 0, "\(logged)")
            #expect(logged.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "EMB-2022-001", "\(logged)")

            // A reference assigned by Chancery (neither person holds a role, so no country codes).
            let assigned = try await test.run("letter", "add", "--from", "Hun Sen", "--to", "Jo Biden", "--date", "2022-07",
                                              "--subject", "Reply")
            #expect(assigned.status == 0, "letter add without --ref failed on the embedded cluster: \(assigned)")
            let assignedRef = assigned.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(assigned.status != 0 || assignedRef == "XX-XX-2022-001", "\(assigned)")

            let running = try await test.run("db", "status")
            #expect(running.status == 0, "\(running)")
            #expect(running.stdout.contains("embedded cluster: running"), "\(running)")
            #expect(running.stdout.contains("schema version"), "\(running)")
            #expect(running.stdout.range(of: #"\nregister [0-9a-f-]{36} \(its exports carry"#, options: .regularExpression) != nil, "\(running)")
            let data = try #require(try await test.dataDirectory(), "no data folder in db status")
            #expect(postmasterPIDs(dataDirectory: data).count == 1)

            let url = try await test.run("db", "url")
            #expect(url.status == 0, "\(url)")
            let printed = url.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(printed.hasPrefix("postgresql://"), "\(url)")
            #expect(printed.contains("host=%2F"), "\(url)")
            #expect(!printed.contains("\n"), "\(url)")

            let stop = try await test.run("db", "stop")
            #expect(stop.status == 0, "\(stop)")
            #expect(stop.stdout.contains("stopped") && !stop.stdout.contains("not running"), "\(stop)")
            let stopped = try await test.run("db", "status")
            #expect(stopped.status == 0, "\(stopped)")
            #expect(stopped.stdout.contains("embedded cluster: stopped"), "\(stopped)")
            #expect(postmasterPIDs(dataDirectory: data).isEmpty, "a postmaster still runs after db stop")

            let stopAgain = try await test.run("db", "stop")
            #expect(stopAgain.status == 0 && stopAgain.stdout.contains("was not running"), "\(stopAgain)")

            let start = try await test.run("db", "start")
            #expect(start.status == 0, "\(start)")
            #expect(start.stdout.contains("embedded cluster: running"), "\(start)")

            let letters = try await test.run("letters", "--json")
            #expect(letters.status == 0, "\(letters)")
            let listed = refs(try letters.jsonArray())
            #expect(listed.contains("EMB-2022-001"), "the letter did not survive stop/start: \(letters)")
            if assigned.status == 0 { #expect(listed.contains(assignedRef), "\(letters)") }
            let shown = try await test.run("letter", "show", "EMB-2022-001", "--json")
            #expect(try shown.jsonObject().string("subject") == "Thanks for attending", "\(shown)")
        } catch {
            await test.remove()
            throw error
        }
        await test.remove()
    }

    @Test("demo on a fresh embedded home migrates by itself and loads the example")
    func demoOnFreshHome() async throws {
        let test = try EmbeddedHome()
        do {
            let demo = try await test.run("demo", "--format", "json")
            #expect(demo.status == 0, "\(demo)")
            #expect(refs(try demo.jsonObject().objects("items")) == DemoTests.expectedOrder, "\(demo)")
            let letters = try await test.run("letters", "--country", "KH", "--json")
            #expect(refs(try letters.jsonArray()) == ["US-KH-2022-001", "KH-US-2022-001"], "\(letters)")
            let again = try await test.run("demo")
            #expect(again.status == 0 && again.stdout.contains("already loaded"), "\(again)")
            // The schema is current, so migrate has nothing to do.
            let migrate = try await test.run("db", "migrate")
            #expect(migrate.status == 0 && migrate.stdout.contains("already"), "\(migrate)")
        } catch {
            await test.remove()
            throw error
        }
        await test.remove()
    }

    @Test("two db start launched at once both succeed and leave exactly one postmaster", arguments: ["fresh", "stopped"])
    func concurrentStart(state: String) async throws {
        let test = try EmbeddedHome()
        do {
            if state == "stopped" {
                let created = try await test.run("db", "start")
                try #require(created.status == 0, "\(created)")
                let stop = try await test.run("db", "stop")
                try #require(stop.status == 0, "\(stop)")
            }
            async let first = test.run("db", "start")
            async let second = test.run("db", "start")
            let results = try await [first, second]
            for result in results {
                #expect(result.status == 0, "\(result)")
                #expect(result.stdout.contains("embedded cluster: running"), "\(result)")
            }

            let status = try await test.run("db", "status")
            #expect(status.stdout.contains("embedded cluster: running"), "\(status)")
            let data = try #require(try await test.dataDirectory(), "no data folder in \(status)")
            let pids = postmasterPIDs(dataDirectory: data)
            #expect(pids.count == 1, "postmasters for \(data): \(pids)")
            let recorded = postmasterPIDFile(dataDirectory: data)
            #expect(recorded != nil && pids == [recorded!], "postmaster.pid says \(String(describing: recorded)), /proc shows \(pids)")
            #expect(status.stdout.contains("pid \(recorded ?? -1)"), "\(status)")

            // The cluster is usable and migrated.
            let letters = try await test.run("letters", "--json")
            #expect(letters.status == 0, "\(letters)")
            #expect(try letters.jsonArray().isEmpty, "\(letters)")
        } catch {
            await test.remove()
            throw error
        }
        await test.remove()
    }

    @Test("db status and db stop on a home that was never created")
    func neverCreated() async throws {
        let test = try EmbeddedHome()
        defer { try? FileManager.default.removeItem(at: test.home) }
        let status = try await test.run("db", "status")
        #expect(status.status == 0, "\(status)")
        #expect(status.stdout.contains("not created yet"), "\(status)")
        let stop = try await test.run("db", "stop")
        #expect(stop.status == 0 && stop.stdout.contains("was not running"), "\(stop)")
    }
}

/// `db` commands against a configured server (DATABASE_URL), and the schema check.
@Suite("Configured server")
struct ConfiguredServerTests {
    @Test("with DATABASE_URL set, db stop and db start refuse: they manage only the embedded cluster", arguments: ["stop", "start"])
    func refusesToManageConfiguredServer(action: String) async throws {
        try await ScratchDatabase.with(migrate: true) { database in
            let result = try await database.run("db", action)
            #expect(result.status != 0, "\(result)")
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr.contains("manages only the embedded cluster"), "\(result)")
            #expect(result.stderr.contains("hint: "), "\(result)")
        }
    }

    @Test("an un-migrated database: commands exit 78 with a hint; db migrate installs, then says already")
    func schemaNotInstalled() async throws {
        try await ScratchDatabase.with(migrate: false) { database in
            for arguments in [["letters"], ["letters", "--json"], ["demo"], ["actor", "list"], ["invitation", "list", "--pending"]] {
                let result = try await database.run(arguments)
                #expect(result.status == 78, "\(result)")
                #expect(result.stderr.contains("chancery db migrate"), "\(result)")
            }
            // Nothing was created behind the user's back.
            let tables = try await database.scalar("SELECT count(*)::text FROM information_schema.tables WHERE table_schema = 'public'")
            #expect(tables == "0")

            let status = try await database.run("db", "status")
            #expect(status.status == 0, "\(status)")
            #expect(status.stdout.contains("not installed"), "\(status)")

            let first = try await database.run("db", "migrate")
            #expect(first.status == 0, "\(first)")
            #expect(first.stdout.contains("installed"), "\(first)")
            #expect(!first.stdout.contains("already"), "\(first)")
            let second = try await database.run("db", "migrate")
            #expect(second.status == 0, "\(second)")
            #expect(second.stdout.contains("already"), "\(second)")

            let letters = try await database.run("letters", "--json")
            #expect(letters.status == 0, "\(letters)")
            #expect(try letters.jsonArray().isEmpty, "\(letters)")
            let migrated = try await database.run("db", "status")
            #expect(migrated.stdout.contains("schema version"), "\(migrated)")
        }
    }

    @Test("PGHOST and PGDATABASE without DATABASE_URL select the configured server")
    func pgVariablesSelectServer() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let options = try database.configuration.parsedOptions()
            let name = try #require(options.first { $0.keyword == "dbname" }?.value)
            var environment = CLI.neutralEnvironment
            for key in ["PGHOST", "PGPORT", "PGUSER", "PGPASSWORD"] {
                environment[key] = ProcessInfo.processInfo.environment[key]
            }
            environment["PGDATABASE"] = name
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("chcli-unused-\(UUID().uuidString)")
            environment["CHANCERY_HOME"] = home.path
            let result = try await CLI.run(["letters", "--country", "KH", "--json"], environment: environment)
            #expect(result.status == 0, "\(result)")
            #expect(refs(try result.jsonArray()) == ["US-KH-2022-001", "KH-US-2022-001"], "\(result)")
            #expect(!FileManager.default.fileExists(atPath: home.path), "an embedded cluster was created although PGHOST is set")
        }
    }

    @Test("db url and errors never show the password", arguments: [
        "postgresql://postgres:s3cretpw@/nodb?host=/nonexistent-chancery-socket&port=5432",
        "host=/nonexistent-chancery-socket user=postgres password=s3cretpw dbname=nodb",
        "host=/nonexistent-chancery-socket user=postgres password='s3cret pw' dbname=nodb",
        "postgresql:///nodb?host=/nonexistent-chancery-socket&password=s3cretpw",
    ])
    func passwordRedacted(conninfo: String) async throws {
        let environment = CLI.configuredEnvironment(conninfo: conninfo)
        let url = try await CLI.run(["db", "url"], environment: environment)
        #expect(url.status == 0, "\(url)")
        #expect(url.stdout.contains("***"), "\(url)")
        for secret in ["s3cret", "pw'"] {
            #expect(!url.stdout.contains(secret), "db url shows part of the password: \(url)")
        }
        let letters = try await CLI.run(["letters"], environment: environment)
        #expect(letters.status == 69, "\(letters)")
        #expect(!letters.stderr.contains("s3cret"), "\(letters)")
    }

    @Test("an unreachable server exits 69")
    func unreachable() async throws {
        let environment = CLI.configuredEnvironment(conninfo: "host=/nonexistent-chancery-socket port=5432 user=postgres dbname=none connect_timeout=5")
        let result = try await CLI.run(["letters"], environment: environment)
        #expect(result.status == 69, "\(result)")
        #expect(result.stderr.hasPrefix("error: "), "\(result)")
    }
}
