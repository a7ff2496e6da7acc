@testable import ChanceryInterchange
@testable import ChanceryModel
import EDTF
import Foundation
import TestFiles
import Testing

@Suite("Unknown dataset fields")
struct JSONFieldNamesTests {
    @Test("top-level names only, whatever the nesting and the strings hold")
    func topLevelNames() {
        let line = #"{"type":"letter","from":[{"name":"A, \"B\" {x}","capacity":"c"}],"summmary":"a:b,c","sources":[{"title":"t"}],"ref":"L-1"}"#
        #expect(JSONFieldNames.topLevel(of: line) == ["type", "from", "summmary", "sources", "ref"])
        #expect(JSONFieldNames.topLevel(of: #"{ "type" : "actor" , "name":"Hun Sen" }"#) == ["type", "name"])
    }

    @Test("a misspelt field is a warning naming it and its line; the record is still imported")
    func warnsOnUnknownField() async throws {
        try await withTemporaryFolder { folder in
            let path = try writeDataset([#"{"type":"actor","kind":"person","name":"Ada Example","nmae":"typo"}"#], named: "a.jsonl", in: folder)
            var outputs: [ReaderOutput] = []
            try JSONLinesReader(input: .file(path: path), displayName: "a.jsonl").read { outputs.append($0) }
            let warnings = outputs.compactMap { output -> ImportWarning? in
                if case .warning(let warning) = output { return warning } else { return nil }
            }
            #expect(warnings.map(\.location.line) == [2])
            #expect(warnings.first?.message.contains("'nmae'") == true)
            // The header's (no) register, the warning, the record.
            #expect(outputs.count == 3)
        }
    }
}
