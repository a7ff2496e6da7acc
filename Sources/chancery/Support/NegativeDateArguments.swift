/// EDTF writes a year before the common era with a minus (`-0044-03-15`, 15 March 45 BC), which
/// the argument parser reads as a cluster of short options: `--date -0044-03-15` failed with
/// "Missing value for '--date <edtf>'". An option followed by a value that starts with a minus
/// and a digit is joined into one argument (`--date=-0044-03-15`); no option of chancery's
/// starts with a digit, so nothing else is read differently.
enum NegativeDateArguments {
    static func joined(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                result += arguments[index...]
                break
            }
            if argument.hasPrefix("--"), argument.count > 2, !argument.contains("="), index + 1 < arguments.count,
               startsWithMinusAndDigit(arguments[index + 1]) {
                result.append(argument + "=" + arguments[index + 1])
                index += 2
                continue
            }
            result.append(argument)
            index += 1
        }
        return result
    }

    private static func startsWithMinusAndDigit(_ value: String) -> Bool {
        let bytes = value.utf8.prefix(2)
        return bytes.count == 2 && bytes.first == UInt8(ascii: "-") && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes.last!)
    }
}
