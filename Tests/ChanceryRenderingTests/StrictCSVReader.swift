/// A strict RFC 4180 reader, to hold the CSV renderer to the letter: every record ends in CRLF,
/// a quote may open a field only at its start and must be followed by a delimiter, a record end
/// or another quote; line breaks are allowed only inside quotes.
enum StrictCSVReader {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func records(_ text: String) throws -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var records: [[String]] = []
        var fields: [String] = []
        var field = ""
        var index = 0
        func endField() { fields.append(field); field = "" }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\"":
                guard field.isEmpty else { throw Malformed(description: "quote inside an unquoted field, record \(records.count + 1)") }
                index += 1
                while true {
                    guard index < scalars.count else { throw Malformed(description: "unterminated quoted field") }
                    if scalars[index] == "\"" {
                        if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                            field.append("\"")
                            index += 2
                            continue
                        }
                        break
                    }
                    field.unicodeScalars.append(scalars[index])
                    index += 1
                }
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                guard next == "," || next == "\r" else { throw Malformed(description: "text after a closing quote") }
            case ",":
                endField()
            case "\r":
                guard index + 1 < scalars.count, scalars[index + 1] == "\n" else { throw Malformed(description: "CR without LF") }
                endField()
                records.append(fields)
                fields = []
                index += 1
            case "\n":
                throw Malformed(description: "LF without CR outside quotes, record \(records.count + 1)")
            default:
                field.unicodeScalars.append(scalar)
            }
            index += 1
        }
        guard fields.isEmpty, field.isEmpty else { throw Malformed(description: "last record not ended by CRLF") }
        return records
    }
}
