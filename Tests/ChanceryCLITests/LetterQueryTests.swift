import Foundation
import Testing

/// `chancery letters`, `letter show`, `timeline` and `invitation list/respond` on the founding example.
@Suite("Querying the founding example")
struct LetterQueryTests {
    @Test("letters --country KH --json: the two letters with ref, date, subject, from, to")
    func lettersByCountry() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let result = try await database.run("letters", "--country", "KH", "--json")
            #expect(result.status == 0, "\(result)")
            let letters = try result.jsonArray()
            #expect(refs(letters) == ["US-KH-2022-001", "KH-US-2022-001"], "\(result)")
            for letter in letters {
                #expect(letter["ref"] is String)
                #expect((letter.string("subject") ?? "").isEmpty == false)
                #expect(!letter.strings("from").isEmpty && !letter.strings("to").isEmpty, "\(letter)")
                let date = try #require(letter.object("date"), "no date object in \(letter)")
                for key in ["edtf", "earliest", "latest", "precision", "display"] {
                    #expect(date.keys.contains(key), "date lacks \(key): \(date)")
                }
                #expect(date.string("edtf") == "2022-01/2022-04")
                #expect(date.string("earliest") == "2022-01-01")
                #expect(date.string("latest") == "2022-04-30")
                #expect(date.string("precision") == "month")
            }
            #expect(letters.first?.strings("from") == ["Joe Biden"])
            #expect(letters.first?.strings("to") == ["Hun Sen"])
        }
    }

    @Test("letters --between US KH within 2022 lists both; --since 2023 lists none")
    func lettersBetweenAndWindow() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let between = try await database.run("letters", "--between", "US", "KH", "--since", "2022-01-01", "--until", "2022-12-31", "--json")
            #expect(between.status == 0, "\(between)")
            #expect(Set(refs(try between.jsonArray())) == ["US-KH-2022-001", "KH-US-2022-001"], "\(between)")

            let later = try await database.run("letters", "--country", "KH", "--since", "2023-01-01", "--json")
            #expect(later.status == 0, "\(later)")
            #expect(try later.jsonArray().isEmpty, "\(later)")
            #expect(later.stdout.filter { !$0.isWhitespace } == "[]", "\(later)")
        }
    }

    @Test("letters --person finds letters through an alias, including the enclosure Biden wrote")
    func lettersByPerson() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let result = try await database.run("letters", "--person", "Jo Biden", "--json")
            #expect(result.status == 0, "\(result)")
            let found = Set(refs(try result.jsonArray()))
            #expect(found.isSuperset(of: ["US-KH-2022-001", "KH-US-2022-001"]), "\(result)")
            #expect(found.contains("US-ASEAN-2022-001"), "\(result)")
            #expect(found.count == 3, "\(result)")
        }
    }

    @Test("--strict keeps only letters certainly inside the window; overlap includes Jan–Apr letters")
    func strictVersusOverlap() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let overlap = try await database.run("letters", "--country", "KH", "--since", "2022-02", "--until", "2022-03", "--json")
            #expect(overlap.status == 0, "\(overlap)")
            #expect(Set(refs(try overlap.jsonArray())) == ["US-KH-2022-001", "KH-US-2022-001"], "\(overlap)")

            let strict = try await database.run("letters", "--country", "KH", "--since", "2022-02", "--until", "2022-03", "--strict", "--json")
            #expect(strict.status == 0, "\(strict)")
            #expect(try strict.jsonArray().isEmpty, "\(strict)")

            // A window that does contain Jan–Apr 2022 keeps them even when strict.
            let wide = try await database.run("letters", "--country", "KH", "--since", "2022", "--until", "2022", "--strict", "--json")
            #expect(Set(refs(try wide.jsonArray())) == ["US-KH-2022-001", "KH-US-2022-001"], "\(wide)")
        }
    }

    @Test("--to-country, --from-country, --org and --text each pick the right letter")
    func sideOrganizationAndText() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let to = try await database.run("letters", "--to-country", "KH", "--json")
            #expect(refs(try to.jsonArray()) == ["US-KH-2022-001"], "\(to)")
            let from = try await database.run("letters", "--from-country", "KH", "--json")
            #expect(refs(try from.jsonArray()) == ["KH-US-2022-001"], "\(from)")
            let organization = try await database.run("letters", "--org", "ASEAN", "--json")
            #expect(refs(try organization.jsonArray()).contains("US-ASEAN-2022-001"), "\(organization)")
            let text = try await database.run("letters", "--text", "centrality", "--json")
            #expect(refs(try text.jsonArray()) == ["US-KH-2022-001"], "\(text)")
            // Lower-case codes are accepted too.
            let lower = try await database.run("letters", "--to-country", "kh", "--json")
            #expect(refs(try lower.jsonArray()) == ["US-KH-2022-001"], "\(lower)")
        }
    }

    @Test("letters without --json prints a table with a count")
    func lettersTable() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let result = try await database.run("letters", "--country", "KH")
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("REF") && result.stdout.contains("SUBJECT"), "\(result)")
            #expect(appearInOrder(["US-KH-2022-001", "KH-US-2022-001", "2 letters"], in: result.stdout), "\(result)")
            let none = try await database.run("letters", "--country", "KH", "--since", "2023")
            #expect(none.status == 0 && none.stdout.contains("No letters match"), "\(none)")
        }
    }

    @Test("letter show KH-US-2022-001 shows the reply-to link and capacities")
    func showReply() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let result = try await database.run("letter", "show", "KH-US-2022-001")
            #expect(result.status == 0, "\(result)")
            let text = result.stdout
            #expect(text.hasPrefix("KH-US-2022-001"), "\(result)")
            #expect(text.contains("reply to US-KH-2022-001"), "\(result)")
            #expect(text.contains("Hun Sen — Prime Minister of Cambodia, 2022 ASEAN Chair"), "\(result)")
            #expect(text.contains("Joe Biden — President"), "\(result)")
            #expect(text.contains("Source:"), "\(result)")
        }
    }

    @Test("letter show US-KH-2022-001 --json: linkedFrom has the reply, links has the enclosure")
    func showLinksJSON() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let result = try await database.run("letter", "show", "US-KH-2022-001", "--json")
            #expect(result.status == 0, "\(result)")
            let letter = try result.jsonObject()
            #expect(letter.string("ref") == "US-KH-2022-001")
            let linkedFrom = letter.objects("linkedFrom")
            #expect(linkedFrom.contains { $0.string("ref") == "KH-US-2022-001" && $0.string("kind") == "reply_to" }, "\(result)")
            let links = letter.objects("links")
            #expect(links.contains { $0.string("ref") == "US-ASEAN-2022-001" && $0.string("kind") == "encloses" }, "\(result)")
            let participants = letter.objects("participants")
            #expect(participants.contains { $0.string("name") == "Joe Biden" && $0.string("role") == "author"
                && $0.string("capacity") == "President" && $0.string("country") == "US" }, "\(result)")
            #expect(participants.contains { $0.string("name") == "Hun Sen" && $0.string("role") == "recipient"
                && $0.string("onBehalfOf") == "Cambodia" }, "\(result)")
        }
    }

    @Test("letters --source lists the letters citing a source, --event the event's dossier as its timeline has it; source show points to them")
    func lettersBySourceAndEvent() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let bySource = try await database.run("letters", "--source", "1", "--json")
            #expect(bySource.status == 0, "\(bySource)")
            #expect(Set(refs(try bySource.jsonArray())) == ["US-KH-2022-001", "KH-US-2022-001", "US-ASEAN-2022-001"], "\(bySource)")
            let narrowed = try await database.run("letters", "--source", "1", "--from-country", "KH", "--json")
            #expect(refs(try narrowed.jsonArray()) == ["KH-US-2022-001"], "\(narrowed)")
            let shown = try await database.run("source", "show", "1")
            #expect(shown.stdout.contains("Its letters: chancery letters --source 1"), "\(shown)")

            // The event's dossier, as its timeline has it: the letter carrying the invitation and the acceptance.
            let dossier = try await database.run("letters", "--event", "ASEAN-US-SUMMIT-2022", "--json")
            #expect(Set(refs(try dossier.jsonArray())) == ["US-ASEAN-2022-001", "KH-US-2022-001"], "\(dossier)")
            let timeline = try await database.run("timeline", "--event", "ASEAN-US-SUMMIT-2022", "--format", "json")
            for ref in ["US-ASEAN-2022-001", "KH-US-2022-001"] { #expect(timeline.stdout.contains(ref), "\(timeline)") }

            let added = try await database.run("letter", "add", "--from", "Joe Biden", "--to", "Hun Sen", "--date", "2022-06",
                                               "--subject", "After the summit", "--event", "ASEAN-US-SUMMIT-2022", "--ref", "US-KH-2022-050")
            #expect(added.status == 0, "\(added)")
            let byEvent = try await database.run("letters", "--event", "Special ASEAN–U.S. Summit", "--json")
            #expect(Set(refs(try byEvent.jsonArray())) == ["US-ASEAN-2022-001", "KH-US-2022-001", "US-KH-2022-050"], "\(byEvent)")
            #expect(refs(try (try await database.run("letters", "--source", "1", "--json")).jsonArray()).count == 3)

            let unknown = try await database.run("letters", "--source", "The Unwritten Chronicle")
            #expect(unknown.status != 0 && unknown.stderr.contains("The Unwritten Chronicle"), "\(unknown)")
            #expect(unknown.stderr.contains("try: chancery source list"), "\(unknown)")
        }
    }

    @Test("a page that does not hold every match says so and names the next page's --offset")
    func pagesSayWhenMoreMatch() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let first = try await database.run("letters", "--limit", "2")
            #expect(first.status == 0 && first.stdout.contains("Letters 1–2 shown; more match (the next page: --offset 2)."), "\(first)")
            let last = try await database.run("letters", "--limit", "2", "--offset", "2")
            #expect(last.status == 0 && !last.stdout.contains("more match"), "\(last)")
            let json = try await database.run("letters", "--limit", "1", "--json")
            #expect(try json.jsonArray().count == 1, "\(json)")
            #expect(json.stderr.contains("Letters 1–1 shown; more match (the next page: --offset 1)."), "\(json)")
            let all = try await database.run("letters", "--limit", "3", "--json")
            #expect(try all.jsonArray().count == 3 && !all.stderr.contains("more match"), "\(all)")
        }
    }

    @Test("--strict without a window, --between naming one country twice, and a one-value filter given twice are refused rather than ignored or empty")
    func filtersThatSayNothing() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let strict = try await database.run("letters", "--strict")
            #expect(strict.status == 64 && strict.stderr.contains("--strict goes with --since or --until"), "\(strict)")
            let same = try await database.run("letters", "--between", "KH", "Cambodia")
            #expect(same.status != 0 && same.stderr.contains("name the same country"), "\(same)")
            for arguments in [["letters", "--person", "Hun Sen", "--person=Joe Biden"], ["export", "--text", "summit", "--text", "washington"]] {
                let repeated = try await database.run(arguments)
                #expect(repeated.status == 64 && repeated.stderr.contains("is given twice; it takes one value"), "\(arguments): \(repeated)")
            }
            let timeline = try await database.run("timeline", "--between", "KH", "KH")
            #expect(timeline.status != 0 && timeline.stderr.contains("name the same country"), "\(timeline)")
        }
    }

    @Test("letter show of an unknown reference exits 66")
    func showUnknown() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let result = try await database.run("letter", "show", "NOPE-404")
            #expect(result.status == 66, "\(result)")
            #expect(result.stderr.hasPrefix("error: "), "\(result)")
            #expect(result.stderr.contains("NOPE-404"), "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
        }
    }

    @Test("timeline by country, pair and event, in text, md and json", arguments: [
        ["--country", "KH"], ["--between", "US", "KH"], ["--event", "ASEAN-US-SUMMIT-2022"], ["--event", "Special ASEAN–U.S. Summit"],
    ])
    func timelines(scope: [String]) async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let json = try await database.run(["timeline"] + scope + ["--format", "json"])
            #expect(json.status == 0, "\(json)")
            let timeline = try json.jsonObject()
            #expect((timeline.string("title") ?? "").isEmpty == false, "\(json)")
            let items = timeline.objects("items")
            let itemRefs = refs(items)
            #expect(itemRefs.contains("INV-US-2022-001") && itemRefs.contains("KH-US-2022-001")
                    && itemRefs.contains("ASEAN-US-SUMMIT-2022"), "\(json)")
            if scope.first != "--event" {
                #expect(itemRefs.contains("US-KH-2022-001"), "\(json)")
            }
            // Items are in order of their earliest day (open starts first).
            let earliest = items.map { ($0.object("date")?["earliest"] as? String) ?? "" }
            #expect(earliest == earliest.sorted(), "\(json)")
            #expect(itemRefs.last == "ASEAN-US-SUMMIT-2022", "\(json)")

            let text = try await database.run(["timeline"] + scope)
            #expect(text.status == 0, "\(text)")
            #expect(text.stdout.hasPrefix("Timeline: "), "\(text)")
            #expect(text.stdout.contains("\(items.count) items"), "\(text)")
            #expect(appearInOrder(itemRefs, in: text.stdout), "\(text)")

            let markdown = try await database.run(["timeline"] + scope + ["--format", "md"])
            #expect(markdown.status == 0, "\(markdown)")
            #expect(markdown.stdout.hasPrefix("# Timeline: "), "\(markdown)")
            #expect(markdown.stdout.contains("|---|"), "\(markdown)")
            let rows = markdown.stdout.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Date") }
            #expect(rows.count == items.count, "\(markdown)")
        }
    }

    @Test("timeline --output writes the report to a file")
    func timelineOutputFile() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-timeline-\(UUID().uuidString).md").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let result = try await database.run("timeline", "--between", "US", "KH", "--format", "md", "--output", path)
            #expect(result.status == 0, "\(result)")
            let written = try String(contentsOfFile: path, encoding: .utf8)
            #expect(written.hasPrefix("# Timeline: ") && written.contains("`KH-US-2022-001`"), "\(written)")
        }
    }

    @Test("timeline needs exactly one scope")
    func timelineScopeValidation() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let none = try await database.run("timeline")
            #expect(none.status == 64, "\(none)")
            let two = try await database.run("timeline", "--country", "KH", "--event", "ASEAN-US-SUMMIT-2022")
            #expect(two.status == 64, "\(two)")
        }
    }

    @Test("invitation list --pending lists INV-US-2022-001 until ASEAN answers")
    func pendingInvitation() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let pending = try await database.run("invitation", "list", "--pending", "--json")
            #expect(pending.status == 0, "\(pending)")
            let invitations = try pending.jsonArray()
            #expect(refs(invitations) == ["INV-US-2022-001"], "\(pending)")
            let pendingText = try await database.run("invitation", "list", "--pending")
            #expect(pendingText.stdout.contains("INV-US-2022-001") && pendingText.stdout.contains("ASEAN: pending"), "\(pendingText)")

            let respond = try await database.run("invitation", "respond", "INV-US-2022-001", "--invitee", "ASEAN",
                                                 "--status", "accepted", "--date", "2022-03")
            #expect(respond.status == 0, "\(respond)")
            #expect(respond.stdout.contains("ASEAN: accepted"), "\(respond)")

            let after = try await database.run("invitation", "list", "--pending", "--json")
            #expect(after.status == 0, "\(after)")
            #expect(try after.jsonArray().isEmpty, "\(after)")
            let afterText = try await database.run("invitation", "list", "--pending")
            #expect(afterText.stdout.contains("No pending invitations"), "\(afterText)")
            // Still listed without --pending.
            let all = try await database.run("invitation", "list", "--json")
            #expect(refs(try all.jsonArray()) == ["INV-US-2022-001"], "\(all)")
        }
    }

    @Test("actor show and event show describe the founding example")
    func actorAndEventShow() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let actor = try await database.run("actor", "show", "Jo Biden")
            #expect(actor.status == 0, "\(actor)")
            #expect(actor.stdout.hasPrefix("Joe Biden"), "\(actor)")
            #expect(actor.stdout.contains("President"), "\(actor)")
            #expect(actor.stdout.contains("Letters:     3"), "\(actor)")

            let event = try await database.run("event", "show", "ASEAN-US-SUMMIT-2022")
            #expect(event.status == 0, "\(event)")
            #expect(event.stdout.contains("Special ASEAN–U.S. Summit") && event.stdout.contains("held"), "\(event)")
            #expect(event.stdout.contains("INV-US-2022-001"), "\(event)")

            let events = try await database.run("event", "list", "--json")
            #expect(refs(try events.jsonArray()) == ["ASEAN-US-SUMMIT-2022"], "\(events)")
            let states = try await database.run("actor", "list", "--kind", "state", "--json")
            #expect(try states.jsonArray().count == 3, "\(states)")
        }
    }
}
