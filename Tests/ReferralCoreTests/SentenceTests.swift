import Foundation
import Testing

@testable import ReferralCore

/// A check's or warning's words (Matching/Sentence.swift) are worded once, in `render(into:)`, and
/// reach the output two ways: `text` (the text renderer, explain, the server pages, Codable) and
/// `write(to:)` (straight into the plan's JSON, escaped). Both must give exactly the words the rule
/// always used (`wording` below: the sentences as they were written before the writer path, kept
/// here as the reference), for every case of `Sentence`: the sentences of every shipped case's, every
/// scenario's and generated worlds' plans, and one of each case by hand with text that needs escaping.
@Suite("Sentences: text and JSON")
struct SentenceTests {
    /// The reference wording (the former `Sentence.text`, by interpolation).
    static func wording(_ s: Sentence) -> String {
        switch s {
        case .text(let t): return t
        case .joined(let a, let b): return a + b
        case .servesArea(let name, let code, true): return "serves \(name) (\(code)), which includes the case's area"
        case .servesArea(let name, let code, false): return "does not serve \(name) (\(code)) or any area containing it"
        case .consentNotCovered(let valid, let gap):
            let why = !valid ? "the recorded consent does not count"
                : "the person did not agree to referral to this kind of service or organisation"
            switch gap {
            case .emergency:
                return "\(why), but an imminent risk to life is reported and this context allows an emergency referral with the minimum data"
            case .referralOnly:
                return "\(why), and services of this kind are offered only with the person's consent, never as information only: ask the person first"
            case .inform(let giver):
                let who = giver.map { ", for the \($0.rawValue) to act on with the child;" } ?? ","
                return "\(why): information only\(who) the service accepts people who come by themselves"
            case .noSelfReferral: return "\(why), and the service takes no self-referrals"
            }
        case .needAvailable(let id): return id + ": available"
        case .needNotAvailable(let id, let accommodation): return id + ": not available here: " + accommodation
        case .accommodation(let name, let accommodation): return name + ": " + accommodation
        case .servesAges(let r, let age):
            let served = "serves ages \(r.lowerBound)-\(r.upperBound)"
            return age.map { served + " only; the case's age is " + $0 } ?? served
        case .servesSexes(let sexes, let only):
            return "serves " + sexes.map(\.rawValue).joined(separator: ", ") + (only ? " only" : "")
        case .servesGroups(let groups, let only):
            return "serves " + groups.joined(separator: ", ") + (only ? " only" : "")
        case .legalStatuses(let statuses, let fit):
            let served = "restricted by legal status to " + statuses.joined(separator: ", ")
            switch fit {
            case .qualifies: return served + "; the case qualifies"
            case .notRecorded: return served + "; the case's legal status is not recorded (a non-discrimination gap)"
            case .notAmong: return served + "; the case's legal status is not among them (a non-discrimination gap)"
            }
        case .worksIn(let languages, let speaks):
            return "works in " + languages.filter(speaks.contains).joined(separator: ", ")
        case .interpretation(let languages):
            return "interpretation available (works in " + languages.joined(separator: ", ") + ")"
        case .noSharedLanguage(let languages, let speaks):
            return "works in " + languages.joined(separator: ", ") + " only, with no interpretation; the person speaks "
                + speaks.sorted().joined(separator: ", ")
        case .needMetBy(let id, let m): return "\(id): met by its \(m.rawValue) modality"
        case .opensIn(let wait, let time):
            let hours = Double(wait) / 60
            return "closed now; opens in \(formatHours((hours * 10).rounded() / 10)) h (\(time.adding(hours: hours).iso8601))"
        case .verified(let day, nil): return "verified " + day
        case .verified(let day, let days?):
            return "last verified \(day), more than \(days) days ago: confirm the service still runs before referring"
        case .sends(let n): return "sends \(n) field(s): those the provider needs that the person agreed to share"
        case .staff(let sex, .available): return "\(sex.rawValue) staff available"
        case .staff(let sex, .notAvailable): return "no \(sex.rawValue) staff recorded: tell the person before referring"
        case .staff(let sex, .notRecorded): return "staff sex not recorded: ask whether \(sex.rawValue) staff are available"
        }
    }

    /// Which case a sentence is (exhaustive: a new case does not compile until it is named here and
    /// given a hand-made example below).
    static func kind(_ s: Sentence) -> String {
        switch s {
        case .text: "text"
        case .joined: "joined"
        case .servesArea: "servesArea"
        case .consentNotCovered: "consentNotCovered"
        case .needAvailable: "needAvailable"
        case .needNotAvailable: "needNotAvailable"
        case .accommodation: "accommodation"
        case .servesAges: "servesAges"
        case .servesSexes: "servesSexes"
        case .servesGroups: "servesGroups"
        case .legalStatuses: "legalStatuses"
        case .worksIn: "worksIn"
        case .interpretation: "interpretation"
        case .noSharedLanguage: "noSharedLanguage"
        case .needMetBy: "needMetBy"
        case .opensIn: "opensIn"
        case .verified: "verified"
        case .sends: "sends"
        case .staff: "staff"
        }
    }

    static let allKinds: Set<String> = [
        "text", "joined", "servesArea", "consentNotCovered", "needAvailable", "needNotAvailable", "accommodation",
        "servesAges", "servesSexes", "servesGroups", "legalStatuses", "worksIn", "interpretation", "noSharedLanguage",
        "needMetBy", "opensIn", "verified", "sends", "staff",
    ]

    /// One of every case and sub-case, values with text JSON escapes (quotes, backslashes, control
    /// characters) and text it leaves as it is (`/`, non-ASCII).
    static var handMade: [Sentence] {
        let odd = PlanJSONTests.awkward
        let at = RoutingTime(epochSeconds: 1_795_000_000, utcOffsetMinutes: 150)
        var out: [Sentence] = [
            .text(odd), .text(""), .joined(odd, "; and \"more\""), .joined("", ""),
            .servesArea(name: odd, code: "XY\\01", includesCase: true), .servesArea(name: "Région/Nord", code: "R1", includesCase: false),
            .needAvailable(odd), .needNotAvailable(odd, accommodation: odd), .accommodation("wheelchair", accommodation: odd),
            .servesAges(0...17, caseAge: nil), .servesAges(18...130, caseAge: odd), .servesAges(-5...Int.max, caseAge: "12"),
            .servesSexes([], only: false), .servesSexes(Sex.allCases, only: true), .servesSexes([.female], only: false),
            .servesGroups([], only: true), .servesGroups([odd, "idp"], only: false), .servesGroups(["refugee"], only: true),
            .worksIn(["ar", odd, "fr", "en"], speaks: ["fr", odd, "x"]), .worksIn(["ar"], speaks: []), .worksIn([], speaks: ["en"]),
            .interpretation([odd, "en"]), .interpretation([]),
            .noSharedLanguage(["ar", odd], speaks: ["zz", odd, "aa"]), .noSharedLanguage([], speaks: []),
            .verified(odd, staleAfterDays: nil), .verified("2026-01-31", staleAfterDays: 365), .verified("", staleAfterDays: -1),
            .sends(0), .sends(12), .sends(Int.min),
        ]
        for valid in [true, false] {
            for gap: Sentence.ConsentGap in [.emergency, .referralOnly, .noSelfReferral, .inform(for: nil)]
                + ConsentGiver.allCases.map({ .inform(for: $0) }) {
                out.append(.consentNotCovered(valid: valid, gap))
            }
        }
        for fit: Sentence.LegalFit in [.qualifies, .notRecorded, .notAmong] {
            out.append(.legalStatuses([odd, "asylum-seeker"], fit))
            out.append(.legalStatuses([], fit))
        }
        for m in Modality.allCases { out.append(.needMetBy(odd, m)) }
        for sex in Sex.allCases {
            for fit: Sentence.StaffFit in [.available, .notAvailable, .notRecorded] { out.append(.staff(sex, fit)) }
        }
        for minutes in [0, 1, 2, 3, 5, 6, 29, 30, 31, 59, 60, 61, 89, 90, 119, 599, 600, 1439, 10_079, -1, -3, -30, -61, 100_000_000] {
            out.append(.opensIn(minutes: minutes, from: at))
        }
        return out
    }

    /// The bytes `write(to:)` gives, without the writer's final newline.
    static func written(_ s: Sentence) -> [UInt8] {
        var w = SortedJSONWriter(capacity: 1)
        s.write(to: &w)
        return Array(w.data().dropLast())
    }

    static func expectSame(_ s: Sentence, _ label: String) {
        let words = wording(s)
        #expect(s.text == words, "\(label): \(kind(s))")
        var quoted: [UInt8] = []
        JSONEscape.quote(words, into: &quoted)
        #expect(written(s) == quoted, "\(label): \(kind(s)): \(String(decoding: written(s), as: UTF8.self))")
    }

    @Test("every case by hand: text and JSON give the reference words, escaped as JSONEncoder does")
    func handMadeCases() {
        let sentences = Self.handMade
        #expect(Set(sentences.map(Self.kind)) == Self.allKinds)
        for (i, s) in sentences.enumerated() { Self.expectSame(s, "hand-made \(i)") }
    }

    /// Every sentence of a plan (consent, case, step and decision checks and warnings).
    static func sentences(of plan: RoutePlan) -> [Sentence] {
        var out = plan.consent.checks.map(\.sentence) + plan.warnings.map(\.sentence)
        for step in plan.steps {
            out += step.warnings.map(\.sentence)
            for d in step.options + step.excluded { out += d.checks.map(\.sentence) + d.warnings.map(\.sentence) }
        }
        return out
    }

    @Test("the sentences of every shipped case, every scenario and generated worlds")
    func routedCases() throws {
        var seen = Set<String>()
        var count = 0
        func check(_ plan: RoutePlan, _ label: String) {
            for s in Self.sentences(of: plan) {
                Self.expectSame(s, label)
                seen.insert(Self.kind(s))
                count += 1
            }
        }
        let demo = try loadDirectory(Paths.shipped + "/demo")
        let folder = Paths.shipped + "/demo/cases"
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).filter({ $0.hasSuffix(".json") }).sorted() {
            let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + name))
            for at in PlanJSONTests.times {
                let t = time(at, demo)
                guard case .success(let c) = CaseLoader.load(bytes: [UInt8](bytes), name: name, directory: demo, at: t) else { continue }
                check(Router(directory: demo).route(c, at: t), "\(name) at \(at)")
            }
        }
        for name in Scenarios.names {
            let (e, bytes) = try ScenarioTests().load(name)
            let dir = try loadDirectory(e.directory == "shipped" ? Paths.shipped + "/demo" : Paths.fixtures + "/" + e.directory)
            let t = time(e.at, dir)
            guard case .success(let c) = CaseLoader.load(bytes: bytes, name: name, directory: dir, at: t) else { continue }
            check(Router(directory: dir).route(c, at: t), name)
        }
        var world = RandomWorld(rng: SeededGenerator(seed: 31))
        let f = try world.writeDirectory(services: 60)
        defer { f.remove() }
        let dir = try loadDirectory(f.folder)
        for i in 0..<40 {
            let c = try loadCase(world.caseJSON(i), directory: dir)
            check(Router(directory: dir).route(c, at: RoutingTime(epochSeconds: 1_795_000_000 + Int64(i) * 7_919, utcOffsetMinutes: 120)),
                  "generated case \(i)")
        }
        #expect(count > 1000)
        // Most cases occur in routed plans; the hand-made ones cover the rest.
        #expect(seen.count >= 12, "\(seen.sorted())")
    }

    @Test("hours to a tenth as formatHours prints them")
    func hours() {
        var values: [Double] = (-3000...30_000).map { Double($0) / 60 }
        values += [0.05, 0.15, 0.25, 2.45, -0.05, -0.15, 1e13 + 0.5, 9.9e12 + 0.25, 9.9e13, 1e14, 1e15, 1e16, -1e16]
        values += [.infinity, -.infinity, .nan, -0.0, 0.049_999, 0.95, 9.95, -9.95]
        for h in values {
            var t = SentenceText()
            t.hours(toTenth: h)
            #expect(String(decoding: t.bytes, as: UTF8.self) == formatHours((h * 10).rounded() / 10), "\(h)")
        }
    }

    @Test("the writer's integers, plain strings and words")
    func writerPieces() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, -1, -10, 999_999_999_999_999_999, 1_000_000_000_000_000_000, Int.max, Int.min, Int.min + 1] {
            var w = SortedJSONWriter(capacity: 1)
            w.digits(n)
            #expect(Array(w.data().dropLast()) == Array(String(n).utf8))
        }
        // Enum raw values and rule ids are written without an escape scan: none may need one.
        let plain = RuleID.all.map(\.rawValue) + CaseField.allCases.map(\.rawValue) + Modality.allCases.map(\.rawValue)
            + ConsentGiver.allCases.map(\.rawValue) + Sex.allCases.map(\.rawValue)
            + [Action.refer, .emergencyReferral, .inform, .excluded].map(\.rawValue)
            + [Proximity.sameArea, .parentArea, .widerArea, .outOfArea].map(\.rawValue)
            + [Gap.Cause.noService, .notEligible, .personsChoice, .consent, .atCapacity].map(\.rawValue)
            + [WithheldField.Cause.notRecorded, .notAgreed, .sensitive].map(\.rawValue)
            + [RuleCheck.Outcome.pass, .fail, .warn, .info].map(\.rawValue)
            + [Warning.Level.critical, .warning, .info].map(\.rawValue)
        for s in plain {
            #expect(!s.utf8.contains(where: JSONEscape.isSpecial), "\(s)")
            var w = SortedJSONWriter(capacity: 1)
            w.plainString(s)
            var quoted: [UInt8] = []
            JSONEscape.quote(s, into: &quoted)
            #expect(Array(w.data().dropLast()) == quoted)
        }
        // The small enums written as fixed byte runs give their raw values.
        func same(_ json: StaticString, _ raw: String) {
            var w = SortedJSONWriter(capacity: 1)
            w.quoted(json)
            #expect(String(decoding: w.data().dropLast(), as: UTF8.self) == "\"" + raw + "\"")
        }
        for o in [RuleCheck.Outcome.pass, .fail, .warn, .info] { same(o.json, o.rawValue) }
        for l in [Warning.Level.critical, .warning, .info] { same(l.json, l.rawValue) }
        for a in [Action.refer, .emergencyReferral, .inform, .excluded] { same(a.json, a.rawValue) }
    }

    @Test("long and short strings with escapes at every place, and a buffer that grows")
    func escapesAnywhere() {
        let pieces = ["a", "é", "\"", "\\", "\n", "\u{1}", "/", "😀", "abcdefgh", "\t"]
        var rng = SeededGenerator(seed: 5)
        var w = SortedJSONWriter(capacity: 1)
        var expected: [UInt8] = []
        w.beginArray()
        expected += Array("[".utf8)
        for i in 0..<400 {
            let s = (0..<Int.random(in: 0...30, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            w.element()
            w.string(s)
            expected += Array(((i == 0 ? "" : ",") + "\n  ").utf8)
            JSONEscape.quote(s, into: &expected)
        }
        w.endArray()
        expected += Array("\n]\n".utf8)
        #expect(Array(w.data()) == expected)
    }
}
