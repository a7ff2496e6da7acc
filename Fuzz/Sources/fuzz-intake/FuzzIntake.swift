import ChanceryIntake
import Foundation
import ChanceryModel
import FuzzSupport

/// A small register for the rules to find names in.
let register = Gazetteer(
    actors: [
        .init(name: "United States", kind: .state, isoCode: "US", aliases: ["U.S.", "USA"], demonyms: ["American"]),
        .init(name: "Cambodia", kind: .state, isoCode: "KH", demonyms: ["Cambodian"]),
        .init(name: "ASEAN", kind: .organization, aliases: ["ASEAN leaders"]),
        .init(name: "Joe Biden", kind: .person, aliases: ["Jo Biden"]),
        .init(name: "Hun Sen", kind: .person, aliases: ["ហ៊ុន សែន"]),
    ],
    roles: [
        .init(holder: "Joe Biden", title: "President", of: "United States", from: "2021-01-20", until: "2025-01-20"),
        .init(holder: "Hun Sen", title: "Prime Minister", of: "Cambodia", from: "1985-01-14", until: "2023-08-22"),
    ],
    events: [.init(ref: "ASEAN-US-SUMMIT-2022", name: "Special ASEAN-U.S. Summit", kind: .summit)])

/// The bytes as an article (text or HTML): page cleaning, sentences, names, every rule, and the
/// drafts written as a dataset, which must read back as one JSON object per line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIntake(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: fuzzInput(data, size), as: UTF8.self)
    let proposals = Extractor.propose(article: Article(text: text, published: "2022-02-14"), gazetteer: register)
    let dataset = IntakeDataset(proposals: proposals, gazetteer: register)
    let lines = dataset.jsonLines(letterRefs: dataset.letterPrefixes.map { $0 + "001" }, invitationRefs: dataset.invitationPrefixes.map { $0 + "001" },
                                  eventRefs: dataset.eventRefBases)
    do {
        let selection = try DraftSelection(jsonLines: lines)
        precondition(selection.records.first?["type"] as? String == "chancery-dataset", "the drafts start with a dataset header")
    } catch {
        preconditionFailure("intake wrote a line that is not a JSON object: \(error)")
    }
    return 0
}
