import EDTF
import Foundation
import Testing

private let generatedCount = 5_000

@Test func randomValidExpressionsRoundTripAndMatchTheOracle() throws {
    var generator = ExpressionGenerator(seed: 0x00ED_7F20_19)
    var precisions: Set<EDTFPrecision> = []
    var forms: Set<String> = []
    for _ in 0..<generatedCount {
        let generated = generator.next()
        let date = try EDTFDate(generated.expression)
        precisions.insert(date.precision)
        forms.formUnion(formsUsed(in: generated.expression))

        // format∘parse is the identity, and formatting is stable.
        #expect(date.expression == generated.expression)
        let reparsed = try EDTFDate(date.expression)
        #expect(reparsed == date, "\(generated)")
        #expect(reparsed.expression == date.expression, "\(generated)")

        #expect(date.earliest?.oracle == generated.earliest, "\(generated)")
        #expect(date.latest?.oracle == generated.latest, "\(generated)")
        if let earliest = date.earliest, let latest = date.latest {
            #expect(earliest <= latest, "\(generated)")
            #expect(date.liesWithin(from: earliest, to: latest), "\(generated)")
        }
        #expect(date.overlaps(from: date.earliest, to: date.latest), "\(generated)")
        #expect(date.precision == generated.precision, "\(generated)")
        #expect(date.isInterval == generated.isInterval, "\(generated)")
        #expect(date.isUncertain == generated.isUncertain, "\(generated)")
        #expect(date.isApproximate == generated.isApproximate, "\(generated)")
        #expect(!date.humanReadable.isEmpty, "\(generated)")
    }
    // Guards against the generator quietly losing a form.
    #expect(precisions == Set(EDTFPrecision.allCases))
    #expect(forms == ["single", "open start", "open end", "unknown start", "unknown end", "?", "~", "%", "X"])
}

private func formsUsed(in expression: String) -> Set<String> {
    var kinds: Set<String> = []
    if !expression.contains("/") { kinds.insert("single") }
    if expression.hasPrefix("../") { kinds.insert("open start") }
    if expression.hasSuffix("/..") { kinds.insert("open end") }
    if expression.hasPrefix("/") { kinds.insert("unknown start") }
    if expression.hasSuffix("/") { kinds.insert("unknown end") }
    for mark in ["?", "~", "%", "X"] where expression.contains(mark) {
        kinds.insert(mark)
    }
    return kinds
}

@Test func singleDatesSpanExactlyTheirPeriod() throws {
    var generator = ExpressionGenerator(seed: 42)
    var checked = 0
    while checked < generatedCount {
        let generated = generator.next()
        guard !generated.isInterval else { continue }
        checked += 1
        let date = try EDTFDate(generated.expression)
        guard let earliest = date.earliest?.oracle, let latest = date.latest?.oracle else {
            Issue.record("single date without bounds: \(generated)")
            continue
        }
        #expect(spansExactlyOnePeriod(earliest, latest, date.precision), "\(generated)")
    }
}

/// Whether [earliest, latest] is one whole day, month, season, year, decade or century, checked
/// from the calendar rather than from the expression.
private func spansExactlyOnePeriod(_ earliest: OracleDay, _ latest: OracleDay, _ precision: EDTFPrecision) -> Bool {
    switch precision {
    case .day:
        return earliest == latest
    case .month:
        return earliest == .first(year: earliest.year, month: earliest.month)
            && latest == .last(year: earliest.year, month: earliest.month)
    case .season:
        let lastMonth = earliest.month + 2
        let expectedLatest = lastMonth > 12
            ? OracleDay.last(year: earliest.year + 1, month: lastMonth - 12)
            : OracleDay.last(year: earliest.year, month: lastMonth)
        return [3, 6, 9, 12].contains(earliest.month) && earliest.day == 1 && latest == expectedLatest
    case .year:
        return earliest == .first(year: earliest.year) && latest == .last(year: earliest.year)
    case .decade:
        return earliest.year % 10 == 0 && earliest == .first(year: earliest.year)
            && latest == .last(year: earliest.year + 9)
    case .century:
        return earliest.year % 100 == 0 && earliest == .first(year: earliest.year)
            && latest == .last(year: earliest.year + 99)
    }
}

@Test func encodedDatesDecodeToTheSameValue() throws {
    var generator = ExpressionGenerator(seed: 7)
    let dates = try (0..<500).map { _ in try EDTFDate(generator.next().expression) }
    let json = try JSONEncoder().encode(dates)
    #expect(try JSONDecoder().decode([EDTFDate].self, from: json) == dates)
}

@Test func garbageThrowsEDTFErrorAndNeverCrashes() {
    var random = SplitMix64(seed: 0xBAD_DA7E)
    let alphabet = Array("0123456789XXX---//??~~%%..uYyxT :+[]{},^é\u{301}\n")
    var inputs: [String] = (0..<5_000).map { _ in
        let length = Int.random(in: 0...14, using: &random)
        return String((0..<length).map { _ in alphabet.randomElement(using: &random) ?? "0" })
    }
    // Near-misses are where parsers break: valid expressions with one character changed.
    var generator = ExpressionGenerator(seed: 99)
    for _ in 0..<5_000 {
        var characters = Array(generator.next().expression)
        let index = characters.isEmpty ? 0 : Int.random(in: 0..<characters.count, using: &random)
        let replacement = alphabet.randomElement(using: &random) ?? "0"
        switch Int.random(in: 0..<4, using: &random) {
        case 0 where !characters.isEmpty: characters.remove(at: index)
        case 1: characters.insert(replacement, at: index)
        case 2 where !characters.isEmpty: characters[index] = replacement
        default:
            if characters.count > 1 {
                characters.swapAt(index, (index + 1) % characters.count)
            }
        }
        inputs.append(String(characters))
    }

    var rejected = 0
    for input in inputs {
        do {
            let date = try EDTFDate(input)
            // Only canonical spellings are accepted, so whatever parses is its own expression,
            // bar the legacy unknown end `?`, which is rewritten and said so.
            #expect(date.expression == input || date.normalisedFrom == input, "\(input)")
            #expect((try? EDTFDate(date.expression)) == date, "\(input)")
            if let earliest = date.earliest, let latest = date.latest {
                #expect(earliest <= latest, "\(input)")
            }
        } catch let error as EDTFError {
            rejected += 1
            #expect(error.input == input)
            #expect(!error.reason.isEmpty)
            if let position = error.position {
                #expect((1...input.count + 1).contains(position), "\(input): \(error)")
            }
            #expect(error.description.hasPrefix(input), "\(input): \(error)")
        } catch {
            Issue.record("\(input): not an EDTFError: \(error)")
        }
    }
    // The mix must actually exercise the error paths, not just accidental valid strings.
    #expect(rejected > inputs.count / 2)
}
