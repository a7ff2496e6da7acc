import ChanceryIntake
import ChanceryModel
import Testing

/// A small register: two leaders with their offices, their states with demonyms, an organization.
let smallRegister = Gazetteer(
    actors: [
        .init(name: "United States", kind: .state, isoCode: "US", aliases: ["U.S.", "USA", "United States of America"], demonyms: ["American"]),
        .init(name: "Cambodia", kind: .state, isoCode: "KH", aliases: ["Kingdom of Cambodia"], demonyms: ["Cambodian", "Khmer"]),
        .init(name: "France", kind: .state, isoCode: "FR", demonyms: ["French"]),
        .init(name: "ASEAN", kind: .organization, aliases: ["Association of Southeast Asian Nations"]),
        .init(name: "Joe Biden", kind: .person, aliases: ["Jo Biden", "Joseph R. Biden Jr."]),
        .init(name: "Hun Sen", kind: .person, aliases: ["ហ៊ុន សែន", "Samdech Techo Hun Sen"]),
        .init(name: "Emmanuel Macron", kind: .person),
    ],
    roles: [
        .init(holder: "Joe Biden", title: "President", of: "United States", from: "2021-01-20", until: "2025-01-20"),
        .init(holder: "Hun Sen", title: "Prime Minister", of: "Cambodia", from: "1985-01-14", until: "2023-08-22"),
        .init(holder: "Emmanuel Macron", title: "President", of: "France", from: "2017-05-14"),
    ])

func propose(_ text: String, published: String? = "2022-03-01", register: Gazetteer = smallRegister) -> IntakeProposals {
    Extractor.propose(article: Article(text: "Headline\n\n" + text, published: published), gazetteer: register)
}

func names(_ parties: [Party], _ register: Gazetteer = smallRegister) -> [String] {
    parties.map { party in
        switch party.actor {
        case .known(let n): return register.actors[n].name
        case .proposed(let name): return name
        }
    }
}

@Suite("Intake: names, offices and letters")
struct ReadingNamesTests {
    @Test("a misspelling the register knows as an alias resolves, and is kept as the name as written")
    func alias() throws {
        let proposals = propose("Prime Minister Hun Sen sent a letter to President Jo Biden on Monday.")
        let letter = try #require(proposals.letters.first)
        #expect(names(letter.from) == ["Hun Sen"])
        #expect(names(letter.to) == ["Joe Biden"])
        #expect(letter.to[0].asWritten == "President Jo Biden")
        #expect(letter.date == "2022-02-28", "the Monday before Tuesday 1 March 2022")
        #expect(letter.to[0].onBehalfOf.map { smallRegister.actors[$0].name } == "United States")
    }

    @Test("an office with a state or demonym resolves to its holder on the article's date; honorifics are read past")
    func offices() throws {
        let proposals = propose("Samdech Techo Hun Sen received a message from the American President. The Cambodian premier replied.")
        let letter = try #require(proposals.letters.first)
        #expect(names(letter.from) == ["Joe Biden"])
        #expect(names(letter.to) == ["Hun Sen"])
        #expect(letter.kind == .message)
    }

    @Test("in a letter to Y, X said: X wrote; a name in another script resolves")
    func inALetterTo() throws {
        let letter = try #require(propose("In a letter to ហ៊ុន សែន, Emmanuel Macron said France would help.").letters.first)
        #expect(names(letter.from) == ["Emmanuel Macron"])
        #expect(names(letter.to) == ["Hun Sen"])
    }

    @Test("an unknown name after an office is proposed as a new actor, with the register's closest names")
    func unknownName() throws {
        let proposals = propose("French President Emanuel Macronn sent a letter to Prime Minister Hun Sen.")
        let letter = try #require(proposals.letters.first)
        #expect(names(letter.from) == ["Emanuel Macronn"])
        #expect(letter.from[0].capacity == "President")
        #expect(proposals.newActors.map(\.name) == ["Emanuel Macronn"])
        #expect(proposals.newActors.first?.closest == ["Emmanuel Macron"])
    }

    @Test("letters that are not correspondence between actors are left alone")
    func notDiplomatic() {
        #expect(propose("An open letter signed by 200 scientists urged ASEAN to act.").letters.isEmpty)
        #expect(propose("In a letter to the editor, a reader praised Hun Sen.").letters.isEmpty)
        #expect(propose("The summit logo uses capital letters.").letters.isEmpty)
    }

    @Test("a reply between the same two parties is linked to the letter it answers; the same letter twice is one")
    func reply() throws {
        let proposals = propose("""
            President Joe Biden sent a letter to Prime Minister Hun Sen. The letter was warm. \
            Biden's letter to Hun Sen also praised ASEAN. Hun Sen replied to Biden in a letter on 3 February.
            """)
        #expect(proposals.letters.count == 2)
        #expect(proposals.letters.last?.replyTo == [0])
        #expect(proposals.letters.last?.date == "2022-02-03")
        #expect(proposals.letters.first?.support.sentences == [0, 1, 2])
    }

    @Test("a forwarded letter: the letter its writer sent, and the forwarder's own letter that forwards it")
    func forwarding() throws {
        let proposals = propose("Prime Minister Hun Sen forwarded President Joe Biden's letter to the leaders of ASEAN on Friday.")
        #expect(proposals.letters.count == 2)
        let original = try #require(proposals.letters.first)
        #expect(names(original.from) == ["Joe Biden"] && names(original.to) == ["Hun Sen"])
        let forwarding = try #require(proposals.letters.last)
        #expect(names(forwarding.from) == ["Hun Sen"] && names(forwarding.to) == ["ASEAN"])
        #expect(forwarding.forwards == [0])
        #expect(forwarding.date == "2022-02-25")
    }

    @Test("an envoy who hands a letter over conveys it")
    func envoy() throws {
        let register = Gazetteer(actors: smallRegister.actors + [.init(name: "Jane Envoy", kind: .person)],
                                 roles: smallRegister.roles + [.init(holder: "Jane Envoy", title: "Ambassador", of: "United States")])
        let proposals = propose("Ambassador Jane Envoy handed over a letter from President Joe Biden to Prime Minister Hun Sen.", register: register)
        let letter = try #require(proposals.letters.first)
        #expect(names(letter.from, register) == ["Joe Biden"])
        #expect(names(letter.to, register) == ["Hun Sen"])
        #expect(names(letter.via, register) == ["Jane Envoy"])
    }

    @Test("invitations and their answers: declined, with the event and its place")
    func invitation() throws {
        let proposals = propose("""
            President Joe Biden invited Prime Minister Hun Sen to attend the Democracy Summit in Washington. \
            In a letter to Biden, Hun Sen declined the invitation.
            """)
        let invitation = try #require(proposals.invitations.first)
        #expect(names([invitation.inviter]) == ["Joe Biden"])
        #expect(names(invitation.invitees) == ["Hun Sen"])
        let event = try #require(invitation.event.map { proposals.events[$0] })
        #expect(event.name == "Democracy Summit")
        #expect(event.city == "Washington")
        let response = try #require(proposals.responses.first)
        #expect(response.status == .declined)
        #expect(response.letter == 0)
    }
}
