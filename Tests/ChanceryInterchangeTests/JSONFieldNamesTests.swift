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

    @Test("names one level down: a field's object, and each object of a field's list with its index")
    func nestedNames() {
        let line = #"{"type":"letter","from":[{"name":"A, \"B\" {x}","capcity":"c"},"B",{"name":"C","x":{"deep":1}}],"#
            + #""origin":{"register":"r","ref":"L"},"intake":{"why":[{"deeper":1}]},"ref":"L-1"}"#
        let names = JSONFieldNames.names(of: line)
        #expect(names.topLevel == ["type", "from", "origin", "intake", "ref"])
        #expect(names.nested.map(\.path) == ["from[0].name", "from[0].capcity", "from[2].name", "from[2].x", "origin.register", "origin.ref", "intake.why"])
    }

    @Test("a name written with escapes is the name it spells, as the record's decoder reads it")
    func escapedNames() {
        let line = #"{"typ\u0065":"letter","from":[{"capa\u0063ity":"c","n\"ame":"x"}],"summ\u00e4ry":"s"}"#
        let names = JSONFieldNames.names(of: line)
        #expect(names.topLevel == ["type", "from", "summäry"])
        #expect(names.nested.map(\.path) == ["from[0].capacity", "from[0].n\"ame"])
    }

    @Test("a misspelt name inside a participant, a source or an origin is a warning naming its place; the record is still read")
    func warnsOnUnknownNestedField() async throws {
        try await withTemporaryFolder { folder in
            let letter = #"{"type":"letter","ref":"L-1","from":[{"name":"Ada Example","capcity":"Queen"}],"to":[{"name":"Bob"},{"name":"Cy","onBehalfof":"X"}],"#
                + #""date":"2022","subject":"s","sources":[{"title":"t","exerpt":"e"}]}"#
            let event = #"{"type":"event","name":"Summit","sources":[{"title":"t","kind":"news"}],"origin":{"register":"0b6d7c1e-1111-4222-8333-444455556666","ref":"E","when":"x"}}"#
            let path = try writeDataset([letter, event], named: "a.jsonl", in: folder)
            var outputs: [ReaderOutput] = []
            try JSONLinesReader(input: .file(path: path), displayName: "a.jsonl").read { outputs.append($0) }
            let warnings = outputs.compactMap { output -> ImportWarning? in
                if case .warning(let warning) = output { return warning } else { return nil }
            }
            #expect(warnings.map(\.location.line) == [2, 3])
            #expect(warnings.first?.message == "letter field(s) 'from[0].capcity', 'to[1].onBehalfof', 'sources[0].exerpt' unknown and ignored; check the spelling")
            #expect(warnings.last?.message.contains("'origin.when'") == true)
            #expect(outputs.contains { if case .item = $0 { true } else { false } })
        }
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
