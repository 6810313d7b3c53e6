import Foundation
import Testing

@testable import ReferralCore

/// The identifying-data gate against a corpus (issue 13, item 2): at least 100 values that
/// identify a person, each tried in every place of `places`, must all be refused as identifying data and
/// never echoed; at least 100 real-world-shaped case codes must all be accepted. The fields of
/// issue 8 that hold text (`recordedAt`, `preferences.excludeOrganisations`) are places too.
@Suite struct IdentifyingCorpusTests {
    /// `(kind, value)` pairs of a corpus file: `# kind: …` headers, `#` comments, one value a line.
    static func corpus(_ name: String) throws -> [(String, String)] {
        let text = try String(contentsOfFile: Paths.fixtures + "/identifying/" + name, encoding: .utf8)
        var kind = ""
        var out: [(String, String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.hasPrefix("# kind: ") { kind = String(line.dropFirst(8)) } else if !line.hasPrefix("#") { out.append((kind, line)) }
        }
        return out
    }

    /// Where each identifying value is tried.
    static let places = ["caseCode", "area", "extra field", "recordedAt", "excludeOrganisations"]

    /// The adult case with `caseCode`, `area`, `recordedAt`, an excluded organisation or an extra
    /// field set to `value` (JSON-escaped).
    static func caseText(_ place: String, _ value: String) throws -> String {
        let quoted = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        switch place {
        case "caseCode": return adultCase.replacingOccurrences(of: "\"TEST-0001\"", with: quoted)
        case "area": return adultCase.replacingOccurrences(of: "\"area\": \"ZZ0101\"", with: "\"area\": \(quoted)")
        case "recordedAt": return adultCase.replacingOccurrences(of: "\"age\": 24,", with: "\"age\": 24, \"recordedAt\": \(quoted),")
        case "excludeOrganisations":
            return adultCase.replacingOccurrences(of: "\"staffSex\": \"female\"}",
                                                  with: "\"staffSex\": \"female\", \"excludeOrganisations\": [\(quoted)]}")
        default: return adultCase.replacingOccurrences(of: "\"age\": 24,", with: "\"age\": 24, \"x1\": \(quoted),")
        }
    }

    @Test func everyIdentifyingValueIsRefusedAndNoCleanCodeIs() throws {
        let directory = try loadDirectory()
        let identifying = try Self.corpus("identifying.txt")
        let clean = try Self.corpus("clean.txt")
        #expect(identifying.count >= 100)
        #expect(clean.count >= 100)

        var tries = 0, refused = 0
        var misses: [String] = []
        for (kind, value) in identifying {
            for place in Self.places {
                tries += 1
                let bytes = Array(try Self.caseText(place, value).utf8)
                guard case .failure(let f) = CaseLoader.load(bytes: bytes, name: "case.json", directory: directory),
                    f.diagnostics.contains(where: { $0.code == .caseIdentifyingData })
                else {
                    misses.append("\(kind) in \(place): not refused as identifying")
                    continue
                }
                refused += 1
                let text = f.diagnostics.map(\.rendered).joined(separator: "\n")
                let plain = IdentifyingShape.normalise(value)
                if text.contains(value) || (plain.count >= 4 && text.contains(plain)) {
                    misses.append("\(kind) in \(place): echoed")
                }
            }
        }
        var accepted = 0
        var falseRefusals: [String] = []
        for (_, code) in clean {
            let bytes = Array(try Self.caseText("caseCode", code).utf8)
            switch CaseLoader.load(bytes: bytes, name: "case.json", directory: directory) {
            case .success(let c) where c.code == code: accepted += 1
            default: falseRefusals.append(code)
            }
        }
        print("identifying corpus: \(refused)/\(tries) refused as identifying data (\(identifying.count) values × \(Self.places.count) places); "
            + "clean corpus: \(clean.count - accepted)/\(clean.count) falsely refused")
        #expect(misses.isEmpty, "\(misses.joined(separator: "\n"))")
        #expect(refused == tries)
        #expect(falseRefusals.isEmpty, "falsely refused: \(falseRefusals.joined(separator: ", "))")
    }

    /// A time of recording to the hour is not identifying (issue 8): each of these is accepted, and
    /// the excluded organisation too when it is a known id.
    @Test(arguments: ["2026-11-28T09:00+02:00", "2026-11-28T07:00Z", "2026-11-28T07:00:00Z", "2026-11-28T09:00:00+02:00",
                      "2026-11-27T23:00-05:00", "2026-11-28T12:00+05:30", "2026-01-01T00:00+00:00", "2026-11-28t07:00z"])
    func anHourOfRecordingIsAccepted(_ time: String) throws {
        let directory = try loadDirectory()
        let text = try Self.caseText("recordedAt", time)
            .replacingOccurrences(of: "\"staffSex\": \"female\"}", with: "\"staffSex\": \"female\", \"excludeOrganisations\": [\"org.beta\"]}")
        let c = try loadCase(text, directory: directory)
        #expect(c.recordedAt == RecordedAt.parse(time))
        #expect(c.recordedAt != nil)
    }

    /// A time with minutes, or with seconds, is refused, never as identifying data, with a message
    /// saying what the field holds, and without the value.
    @Test(arguments: ["2026-11-28T09:37+02:00", "2026-11-28T09:00:15Z", "2026-11-28T09:00:00.5Z", "2026-11-28T09:59:59-01:00"])
    func aTimeWithMinutesIsRefusedClearly(_ time: String) throws {
        let directory = try loadDirectory()
        guard case .failure(let f) = CaseLoader.load(bytes: Array(try Self.caseText("recordedAt", time).utf8), name: "case.json",
                                                     directory: directory)
        else {
            Issue.record("\(time) was accepted")
            return
        }
        #expect(f.diagnostics.map(\.code) == [.caseRecordedAt])
        let d = try #require(f.diagnostics.first)
        #expect(d.place.path == "$.recordedAt")
        #expect(d.message.contains("to the hour"))
        #expect(EchoCheck.echoes(of: Array(time.utf8), in: f.diagnostics, allowed: EchoCheck.allowedText(directory)).isEmpty)
    }

    /// The labels say what the value looked like (GPS positions and passport numbers were called
    /// phone numbers).
    @Test(arguments: try corpus("identifying.txt").filter { $0.0 != "freetext" })
    func labelSaysWhatTheValueLooksLike(_ entry: (String, String)) {
        let expected: [String: IdentifyingKind] = [
            "name": .name, "phone": .phone, "email": .email, "date": .date, "document": .documentNumber,
            "address": .address, "coordinates": .coordinates,
        ]
        #expect(IdentifyingShape.classify(entry.1) == expected[entry.0], "\(entry.0): \(entry.1)")
    }

    @Test func normalisationMakesOtherScriptsPlain() {
        #expect(IdentifyingShape.normalise("٠٧٩١٢٣٤٥٦٧") == "0791234567")
        #expect(IdentifyingShape.normalise("０７１２") == "0712")
        #expect(IdentifyingShape.normalise("a＠b.org") == "a@b.org")
        #expect(IdentifyingShape.normalise("+44\u{00A0}7700\u{202F}900123") == "+44 7700 900123")
        #expect(IdentifyingShape.normalise("12\u{2013}03\u{200B}") == "12-03")
    }
}

/// The case code's shape is a context rule (`rules.caseCode`).
@Suite struct CaseCodeRuleTests {
    /// The basic fixture with `rules.caseCode` set to `rule` (JSON).
    static func load(rule: String) throws -> DirectoryLoader.Result {
        try loadEditedFixture("context.json") { $0.replacingOccurrences(of: "\"rules\": {", with: "\"rules\": {\"caseCode\": \(rule),") }
    }

    @Test func aContextSchemeReplacesTheDefault() throws {
        let d = try #require(try Self.load(rule: "{\"pattern\": \"GBV[0-9]{8}\", \"example\": \"GBV20260042\"}").directory)
        #expect(try loadCase(adultCase.replacingOccurrences(of: "TEST-0001", with: "GBV20260042"), directory: d).code == "GBV20260042")
        guard case .failure(let f) = CaseLoader.load(bytes: Array(adultCase.utf8), name: "c.json", directory: d) else {
            Issue.record("TEST-0001 does not match GBV[0-9]{8}")
            return
        }
        let e = try #require(f.diagnostics.first)
        #expect(e.code == .caseCode)
        #expect(e.message.contains("such as GBV20260042"))
        // A name is still identifying, whatever the scheme.
        let name = CaseLoader.load(bytes: Array(adultCase.replacingOccurrences(of: "TEST-0001", with: "Amina").utf8),
                                   name: "c.json", directory: d)
        guard case .failure(let n) = name else { Issue.record("a name was accepted"); return }
        #expect(n.diagnostics.first?.code == .caseIdentifyingData)
    }

    @Test func aBadRuleIsAnErrorAndALaxOneAWarning() throws {
        let invalid = try Self.load(rule: "{\"pattern\": \"GBV-(\"}")
        #expect(invalid.directory == nil)
        #expect(invalid.errors.contains { $0.code == .rulesCaseCode && $0.place.path == "$.rules.caseCode.pattern" })
        let example = try Self.load(rule: "{\"pattern\": \"GBV-[0-9]+\", \"example\": \"CP-1\"}")
        #expect(example.errors.contains { $0.code == .rulesCaseCode && $0.place.path == "$.rules.caseCode.example" })
        let lax = try Self.load(rule: "{\"pattern\": \".+\"}")
        #expect(lax.directory != nil)
        #expect(lax.diagnostics.filter { $0.code == .rulesCaseCode && $0.severity == .warning }.count == CaseCodeRule.probes.count)
    }

    @Test(arguments: ["HL-2026-0042", "CP-2024-000123", "IRC-JOR-2025-117", "2026-0042"])
    func codesThatWereRefusedAsPhoneNumbersAreAccepted(_ code: String) {
        #expect(CaseCodeRule(nil).check(code) == .accepted)
    }

    @Test(arguments: [("AminaHassan", IdentifyingKind.name), ("Amina", .name), ("AB123456", .documentNumber),
                      ("QQ123456C", .documentNumber), ("12-03-98", .date), ("12Mar1998", .date), ("12-Main-Street", .address),
                      ("1998-03-12", .date), ("amina@example.org", .email)])
    func codesThatWereAcceptedAreRefusedWithWhatTheyLookLike(_ code: String, _ kind: IdentifyingKind) {
        #expect(CaseCodeRule(nil).check(code) == .identifying(kind))
    }

    /// Not identifying, just not a code: the error shows the shape, never "identifying".
    @Test(arguments: ["abc-def", "GBV", "--", "x"])
    func wrongShapeIsNotCalledIdentifying(_ code: String) {
        #expect(CaseCodeRule(nil).check(code) == .wrongShape)
    }

    /// The default scheme is matched by hand (no regular expression per case): it must take
    /// exactly the codes `defaultPattern` takes, on the corpus and on generated near-codes.
    @Test func theHandMatcherIsTheDefaultPattern() throws {
        let custom = CaseCodeRule(CaseCodeRuleDocument(pattern: CaseCodeRule.defaultPattern))
        #expect(!custom.isDefault)
        var rng = SeededGenerator(seed: 10)
        let alphabet = Array("aZ09-_/ .@:éx7F")
        var codes = ["HL-2026-0042", "CP-2024-000123", "IRC-JOR-2025-117", "2026-0042", "X-001", "GBV-2026-0042",
                     "550e8400-e29b-41d4-a716-446655440000", "550E8400-E29B-41D4-A716-44665544000G", "ABCDEFGHIJKL-1",
                     "ABCDEFGHIJKLM-1", "A-B-C-D-E-1", "A-B-C-D-E-F-1", "A-12345678901", "A-1234567890", "12345-1", "1234-1",
                     "A--1", "-A-1", "A-1-", "A/1_2", "A-ABCDEFGHIJKL-1", "A-ABCDEFGHIJKLM-1", "A\u{0661}-1", "ab"]
        for _ in 0..<20_000 {
            let n = Int.random(in: 1...44, using: &rng)
            codes.append(String((0..<n).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }))
        }
        for _ in 0..<5_000 {  // shaped like codes: groups of letters or digits between separators
            var s = ""
            for g in 0..<Int.random(in: 1...7, using: &rng) {
                if g > 0 { s += ["-", "_", "/"][Int.random(in: 0..<3, using: &rng)] }
                let digits = Bool.random(using: &rng)
                for _ in 0..<Int.random(in: 0...13, using: &rng) { s += digits ? String(Int.random(in: 0...9, using: &rng)) : "k" }
            }
            codes.append(s)
        }
        for code in codes {
            #expect(CaseCodeRule.matchesDefault(code) == custom.matches(code), "\(code)")
            if CaseCodeRule.isPlainCode(code) {
                // The fast path skips the normalisation and the date, e-mail and position checks.
                let n = IdentifyingShape.normalise(code)
                #expect(n == code && !IdentifyingShape.looksLikeNumericDate(n) && !IdentifyingShape.looksLikeEmail(n)
                        && !IdentifyingShape.looksLikeCoordinates(n), "\(code)")
            }
        }
    }
}
