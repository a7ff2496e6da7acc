@testable import ChanceryInterchange
import Testing

/// Subjects Chancery composes for letters whose source has none stay readable and within the
/// subject limit, however many people sign (issue 20: eight senders broke the limit).
@Suite("Composed subjects")
struct ComposedSubjectTests {
    @Test("lists abbreviate after two names", arguments: [
        ([], "unknown"), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C"),
        (["A", "B", "C", "D", "E", "F", "G", "H"], "A, B and 6 others"),
    ])
    func names(list: [String], expected: String) {
        #expect(ComposedSubject.names(list) == expected)
    }

    @Test("eight long names still make a subject within the limit")
    func withinTheLimit() {
        let senders = (1...8).map { "Councillor number \($0) of the Imperial City of Frankfurt am Main, Lord of many places" }
        let subject = ComposedSubject.make("Letter", senders: senders, recipients: ["Philipp Jakob Spener"])
        #expect(subject.count <= ComposedSubject.limit)
        #expect(subject.hasSuffix("and 6 others to Philipp Jakob Spener"))
        let enormous = ComposedSubject.make("Letter", senders: [String(repeating: "x", count: 400)], recipients: ["Y"])
        #expect(enormous.count == ComposedSubject.limit && enormous.hasSuffix("…"))
    }
}
