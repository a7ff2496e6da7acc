/// `chancery search` takes `-word` to exclude a word, which the argument parser reads as a
/// cluster of short options: `search summit -washington` printed the help (the `h` of it) and
/// `search "letter from" -Spener` failed. Words starting with one minus (but `-h`) are moved
/// after a `--`, where the parser takes each as a word; everything else, `--options` mistyped
/// or missing their value included, stays for the parser to read or refuse as before.
enum SearchWordArguments {
    /// The options of `search` that take a value.
    private static let valued: Set<String> = ["--limit", "--offset"]

    static func separated(_ arguments: [String]) -> [String] {
        guard arguments.first == "search", !arguments.contains("--") else { return arguments }
        var kept: [String] = []
        var excluded: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if valued.contains(argument), index + 1 < arguments.count {
                kept += [argument, arguments[index + 1]]
                index += 2
                continue
            }
            if argument.hasPrefix("-"), !argument.hasPrefix("--"), argument.count > 1, argument != "-h" {
                excluded.append(argument)
            } else {
                kept.append(argument)
            }
            index += 1
        }
        return excluded.isEmpty ? arguments : ["search"] + kept + ["--"] + excluded
    }
}
