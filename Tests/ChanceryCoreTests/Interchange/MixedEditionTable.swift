import Foundation

/// A generated CSV2CMI table in the shape of a scholarly edition of political correspondence:
/// several volumes whose letter numbers restart, people under several spellings with one GND id
/// (a duke who becomes an elector), names the editor supplied (`[…]`) or is unsure of (`…?`), id
/// lists shorter than name lists, EDTF sets, legacy open intervals, open starts, dates as written
/// and undated letters. Deterministic; it copies no real edition.
struct MixedEditionTable {
    /// A person with an authority id and the spellings the edition uses, each from a year on.
    struct Person {
        var gnd: String
        var spellings: [(from: Int, name: String)]

        func spelling(in year: Int) -> String {
            spellings.last(where: { $0.from <= year })?.name ?? spellings[0].name
        }
    }

    /// What one row should become.
    struct Expected {
        var edition: String
        var key: String
        var date: String
        var dateAsWritten: String?
        /// Per sender and addressee: the GND id (or nil), the name as written, supplied, uncertain.
        var participants: [(role: String, gnd: String?, name: String, supplied: Bool, uncertain: Bool)]
    }

    static let people: [Person] = [
        Person(gnd: "118583425", spellings: [(1520, "Hz. Moritz"), (1547, "Kf. Moritz")]),
        Person(gnd: "118525689", spellings: [(1520, "Landgraf Philipp"), (1548, "Philipp von Hessen")]),
        Person(gnd: "118559796", spellings: [(1520, "Kaiser Karl V.")]),
        Person(gnd: "11855042X", spellings: [(1520, "Hz. Johann Friedrich"), (1532, "Kf. Johann Friedrich"), (1547, "Johann Friedrich d. Ä.")]),
        Person(gnd: "118619357", spellings: [(1520, "Kg. Ferdinand")]),
        Person(gnd: "100135897", spellings: [(1520, "Georg von Anhalt"), (1545, "Fürst Georg")]),
        Person(gnd: "118613073", spellings: [(1520, "Melanchthon"), (1540, "Philipp Melanchthon")]),
        Person(gnd: "118575449", spellings: [(1520, "Dr. Martin Luther")]),
    ]

    /// Names without an id; `a group of councillors` follows an id'd name with a one-id list.
    static let unnamed = ["einen Frankfurter Bürger", "Rat der Stadt Augsburg", "einen Theologen"]

    static let editions = ["Politische Korrespondenz Bd. 1", "Politische Korrespondenz Bd. 2", "Politische Korrespondenz Bd. 3"]

    /// Dates by kind: the EDTF written, and the date as the edition prints it.
    static func date(_ n: Int, year: Int) -> (edtf: String, written: String) {
        switch n % 12 {
        case 0: return ("\(year)-07-18", "18. Juli \(year)")
        case 1: return ("\(year)-05", "Mai \(year)")
        case 2: return ("[\(year)-05-05,\(year)-05-06]", "5. oder 6. Mai \(year)")
        case 3: return ("[\(year)-02,\(year)-03]", "Februar/März \(year)")
        case 4: return ("[\(year),\(year + 1)]", "\(year)/\(year + 1)")
        case 5: return ("[\(year)-11,\(year)-12-07]", "[\(year) November–Dezember 7]")
        case 6: return ("\(year)-10-27/?", "\(year) Oktober 27 ff.")
        case 7: return ("/\(year)-07-18", "[\(year) kurz vor Juli 18]")
        case 8: return ("\(year)?", "[\(year)?]")
        case 9: return ("", "o. D.")
        case 10: return ("\(year)-03-01/\(year)-03-15", "Anfang März \(year)")
        default: return ("\(year)", "\(year)")
        }
    }

    private(set) var csv = "key,edition,sender,senderID,senderPlace,senderPlaceID,senderDate,senderDateText,addressee,addresseeID,addresseeDate,addresseeDateText\n"
    private(set) var expected: [Expected] = []

    /// `perEdition` letters in each edition, numbered from 1.
    init(perEdition: Int) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var row = 0
        for edition in Self.editions {
            for number in 1...perEdition {
                row += 1
                let year = 1530 + row * 25 / (perEdition * Self.editions.count)
                let date = Self.date(row, year: year)
                var cells: [String] = [String(number), edition]
                var participants: [(role: String, gnd: String?, name: String, supplied: Bool, uncertain: Bool)] = []

                func marked(_ name: String) -> (text: String, supplied: Bool, uncertain: Bool) {
                    switch next(10) {
                    case 0, 1: return ("[" + name + "]", true, false)
                    case 2: return (name + "?", false, true)
                    case 3: return ("[" + name + "?]", true, true)
                    default: return (name, false, false)
                    }
                }
                // Senders: one person, now and then followed by a group without an id (a short id list).
                let sender = Self.people[next(Self.people.count)]
                let senderMark = marked(sender.spelling(in: year))
                var senderNames = [senderMark.text]
                participants.append(("author", sender.gnd, sender.spelling(in: year), senderMark.supplied, senderMark.uncertain))
                if row % 7 == 0 {
                    senderNames.append("a group of councillors")
                    participants.append(("author", nil, "a group of councillors", false, false))
                }
                cells += [senderNames.joined(separator: "|"), "http://d-nb.info/gnd/" + sender.gnd, "Dresden",
                          "http://www.geonames.org/2935022", date.edtf, date.written]
                // Addressee: another person, or someone the edition cannot name.
                if row % 5 == 0 {
                    let name = Self.unnamed[next(Self.unnamed.count)]
                    let mark = marked(name)
                    cells += [mark.text, ""]
                    participants.append(("recipient", nil, name, mark.supplied, mark.uncertain))
                } else {
                    var addressee = Self.people[next(Self.people.count)]
                    if addressee.gnd == sender.gnd { addressee = Self.people[(Self.people.firstIndex { $0.gnd == sender.gnd }! + 1) % Self.people.count] }
                    let mark = marked(addressee.spelling(in: year))
                    cells += [mark.text, "http://d-nb.info/gnd/" + addressee.gnd]
                    participants.append(("recipient", addressee.gnd, addressee.spelling(in: year), mark.supplied, mark.uncertain))
                }
                let received = row % 4 == 0 && !date.edtf.isEmpty && !date.edtf.hasPrefix("/")
                cells += received ? ["\(year + 1)", "empfangen \(year + 1)"] : ["", ""]
                csv += cells.map(Self.quoted).joined(separator: ",") + "\n"
                expected.append(Expected(edition: edition, key: String(number), date: date.edtf, dateAsWritten: date.written,
                                         participants: participants))
            }
        }
    }

    private static func quoted(_ cell: String) -> String {
        cell.contains(where: { $0 == "," || $0 == "\"" }) ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }
}
