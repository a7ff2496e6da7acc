/// `chancery search` takes `-word` to exclude a word, which the argument parser reads as a
/// cluster of short options: `search summit -washington` printed the help (the `h` of it) and
/// `search "letter from" -Spener` failed. The search's own options are moved before a `--` and
/// every other argument after it, where the parser takes each as a word.
enum SearchWordArguments {
    /// The options of `search` that take a value, and those that do not.
    private static let valued: Set<String> = ["--limit", "--offset"]
    private static let flags: Set<String> = ["--json", "-h", "--help"]

    static func separated(_ arguments: [String]) -> [String] {
        guard arguments.first == "search", !arguments.contains("--") else { return arguments }
        var options: [String] = []
        var words: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if valued.contains(argument), index + 1 < arguments.count {
                options += [argument, arguments[index + 1]]
                index += 2
                continue
            }
            if flags.contains(argument) || valued.contains(where: { argument.hasPrefix($0 + "=") }) {
                options.append(argument)
            } else {
                words.append(argument)
            }
            index += 1
        }
        return ["search"] + options + (words.isEmpty ? [] : ["--"] + words)
    }
}
