#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

let usage = """
usage: chancery-archive-generator [--letters N] [--seed S] [--output FILE] [--reference-csv DIR] [--quiet]

Writes a synthetic Chancery dataset (JSON Lines v1): ~200 states, 50 organizations and their
members, ~5,000 persons with the offices they hold over 1945–2026, events, and N letters in date
order with replies, enclosures, invitations and responses. The same seed gives the same bytes.

  --letters N          number of letters (default 1000000)
  --seed S             seed of the pseudo-random generator (default 1)
  --output FILE        where to write the dataset (default: standard output)
  --reference-csv DIR  also write, per table, the rows an import of the dataset produces
                       (DIR/<table>.csv) and DIR/load.sql that COPYs them in
  --quiet              no summary on standard error
"""

func fail(_ message: String) -> Never {
    printError("chancery-archive-generator: " + message)
    printError(usage)
    exit(64)
}

struct Options {
    var letters = 1_000_000
    var seed: UInt64 = 1
    var outputPath: String?
    var csvDirectory: String?
    var quiet = false

    static func parse(_ all: [String]) -> Options {
        var options = Options()
        var arguments = all[...]
        func value(_ flag: String) -> String {
            guard let next = arguments.popFirst() else { fail("\(flag) needs a value") }
            return next
        }
        while let argument = arguments.popFirst() {
            switch argument {
            case "--letters":
                guard let n = Int(value(argument).replacingUnderscoreDigits()), n >= 1, n <= 100_000_000 else {
                    fail("--letters takes a number from 1 to 100000000")
                }
                options.letters = n
            case "--seed":
                guard let s = UInt64(value(argument)) else { fail("--seed takes a non-negative integer") }
                options.seed = s
            case "--output", "-o":
                options.outputPath = value(argument)
            case "--reference-csv":
                options.csvDirectory = value(argument)
            case "--quiet", "-q":
                options.quiet = true
            case "--help", "-h":
                print(usage)
                exit(0)
            default:
                fail("unknown argument '\(argument)'")
            }
        }
        return options
    }
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
let (letters, seed, outputPath, csvDirectory, quiet) = (options.letters, options.seed, options.outputPath, options.csvDirectory, options.quiet)

extension String {
    func replacingUnderscoreDigits() -> String { String(filter { $0 != "_" }) }
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let started = now()
do {
    let world = World(seed: seed)
    let output = try Output(path: outputPath == "-" ? nil : outputPath)
    let csv = try csvDirectory.map { try ReferenceCSV(directory: $0) }
    let writer = ArchiveWriter(world: world, letters: letters, seed: seed, out: output, csv: csv)
    writer.run()
    if !quiet {
        let c = writer.counts
        let seconds = now() - started
        var lines: [String] = []
        lines.append("chancery-archive-generator: \(c.letters) letters, seed \(seed), \(output.bytesWritten) bytes in "
            + String(Int(seconds * 100) / 100) + "." + zeroPad(Int(seconds * 100) % 100, 2) + " s")
        lines.append("  actors: \(world.states.count) states, \(world.orgs.count) organizations, \(world.persons.count) persons; "
            + "\(world.memberships.count) memberships, \(world.roles.count) roles")
        lines.append("  events \(c.events) (participants \(c.eventParticipants)), invitations \(c.invitations) (invitees \(c.invitees), responses \(c.responses))")
        lines.append("  participants \(c.participants), replies \(c.replies), encloses \(c.encloses), forwards \(c.forwards), "
            + "letter events \(c.letterEvents), sources \(c.sources)")
        lines.append("  dates: " + c.precision.keys.sorted().map { "\($0) \(c.precision[$0]!)" }.joined(separator: ", "))
        for line in lines { printError(line) }
    }
} catch {
    printError("chancery-archive-generator: \(error)")
    exit(73)
}
