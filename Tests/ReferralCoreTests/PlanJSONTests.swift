import Foundation
import Testing

@testable import ReferralCore

/// The plan's JSON is written directly (PlanJSON.swift) and must be exactly the bytes
/// `JSONEncoder` gives with sorted keys (`encodedJSON`, kept for this comparison): over every
/// shipped case, every scenario (the edges-* ones among them), generated worlds, and one plan in
/// which every optional value is set and every list has an element, with text that needs escaping.
/// (ReferralCLITests/PlanJSONGeneratedTests does the same over referral-bench's generator.)
@Suite("Plan JSON written directly")
struct PlanJSONTests {
    static let times = ["2026-11-28T14:00:00+02:00", "2026-11-29T23:10:00+02:00", "2026-12-03T08:59:00+02:00"]

    func expectSameBytes(_ plan: RoutePlan, _ label: String) {
        let direct = plan.json()
        let reference = encodedJSON(plan)
        guard direct != reference else { return }
        let a = String(decoding: direct, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: reference, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        Issue.record("\(label): the direct JSON differs from JSONEncoder's at line \(line + 1): \(line < a.count ? a[line] : "(end)") | \(line < b.count ? b[line] : "(end)")")
    }

    @Test("every shipped example case, at three times")
    func shippedCases() throws {
        let dir = try loadDirectory(Paths.shipped + "/demo")
        let router = Router(directory: dir)
        let folder = Paths.shipped + "/demo/cases"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.count >= 15)
        for name in names {
            let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + name))
            for at in Self.times {
                let t = time(at, dir)
                guard case .success(let c) = CaseLoader.load(bytes: [UInt8](bytes), name: name, directory: dir, at: t) else { continue }
                expectSameBytes(router.route(c, at: t), "\(name) at \(at)")
            }
        }
    }

    @Test("every scenario fixture (edges-* included), at its own time and two others", arguments: Scenarios.names)
    func scenario(_ name: String) throws {
        let (e, bytes) = try ScenarioTests().load(name)
        let dir = try loadDirectory(e.directory == "shipped" ? Paths.shipped + "/demo" : Paths.fixtures + "/" + e.directory)
        var routed = 0
        for at in [e.at] + Self.times {
            let t = time(at, dir)
            guard case .success(let c) = CaseLoader.load(bytes: bytes, name: name, directory: dir, at: t) else { continue }
            expectSameBytes(Router(directory: dir).route(c, at: t), "\(name) at \(at)")
            routed += 1
        }
        #expect(routed >= 1)
    }

    @Test("generated worlds and cases", arguments: [UInt64(21), 22, 23])
    func generated(seed: UInt64) throws {
        var world = RandomWorld(rng: SeededGenerator(seed: seed))
        let f = try world.writeDirectory(services: 60)
        defer { f.remove() }
        let dir = try loadDirectory(f.folder)
        let router = Router(directory: dir)
        for i in 0..<40 {
            let c = try loadCase(world.caseJSON(i), directory: dir)
            expectSameBytes(router.route(c, at: RoutingTime(epochSeconds: 1_795_000_000 + Int64(i) * 7_919, utcOffsetMinutes: 120)),
                            "seed \(seed) case \(i)")
        }
    }

    /// Text JSON must escape (quotes, backslashes, every control character) next to text it must
    /// not (`/`, DEL, non-ASCII, U+2028), and numbers of every shape.
    static let awkward = "a\"b\\c/d\n\r\t\u{8}\u{c}\u{0}\u{1}\u{1b}\u{1f} \u{7f}é✓\u{2028}😀 end"
    static let numbers: [Double] = [52, 41.5, -0.5, 1e20, 1e21, 0.1, 0.30000000000000004, -0.0, 1e-7, 1e16, 123_456_789.125, -72]

    @Test("a plan with every optional value set and every list filled, and text that needs escaping")
    func everyField() throws {
        let dir = try loadDirectory(Paths.shipped + "/demo")
        let bytes = try #require(FileManager.default.contents(atPath: Paths.shipped + "/demo/cases/gbv-adult-rape-within-72h.json"))
        let at = time(Self.times[0], dir)
        guard case .success(let c) = CaseLoader.load(bytes: [UInt8](bytes), name: "case", directory: dir, at: at) else {
            Issue.record("the case does not load")
            return
        }
        let plan = Self.filled(Router(directory: dir).route(c, at: at))
        let unset = Set(Self.unsetValues(plan, path: "plan").map { $0.replacing(/\[\d+\]/, with: "[]") }).sorted()
        #expect(unset.isEmpty, "fill these in PlanJSONTests.filled (and write them in PlanJSON.swift): \(unset)")
        expectSameBytes(plan, "the filled plan")
        let text = String(decoding: plan.json(), as: UTF8.self)
        #expect(text.contains("\\u0000") && text.contains("\\u001b") && text.contains("c/d") && text.contains("😀"))
        #expect(text.contains("\"hoursLeft\" : 1e+21,") && text.contains("\"hoursLeft\" : -0,"))
    }

    /// Paths of every nil optional and empty list in a value, by reflection (properties that are
    /// not part of the JSON are skipped: the rank preference, and a check's or warning's
    /// parameters, which are written as their rendered `reason` / `message`).
    static func unsetValues(_ value: Any, path: String) -> [String] {
        let m = Mirror(reflecting: value)
        switch m.displayStyle {
        case .optional:
            guard let wrapped = m.children.first?.value else { return [path] }
            return unsetValues(wrapped, path: path)
        case .collection:
            if m.children.isEmpty { return [path + " (empty)"] }
            return m.children.enumerated().flatMap { unsetValues($0.element.value, path: "\(path)[\($0.offset)]") }
        default:
            // A step's decisions are kept as verdicts until read: walk them as read.
            var children = m.children.map { (label: $0.label, value: $0.value) }
            if let step = value as? StepPlan { children += [("options", step.options), ("excluded", step.excluded)] }
            return children.flatMap { child -> [String] in
                guard let label = child.label, label != "preference", label != "sentence", label != "decisions" else { return [] }
                return unsetValues(child.value, path: path + "." + label)
            }
        }
    }

    static func filled(_ original: RoutePlan) -> RoutePlan {
        var plan = original
        let text = awkward
        plan.caseCode = text
        plan.consent.informationFor = .caregiver
        plan.consent.checks.append(RuleCheck(.consentByAge, .info, ceiling: .inform, text))
        for i in plan.consent.checks.indices { plan.consent.checks[i].ceiling = plan.consent.checks[i].ceiling ?? .refer }
        plan.warnings.append(Warning(.info, .childBestInterests, text))
        plan.gaps.append(Gap(pathway: "p", step: "s", category: "c", area: "XY", urgency: .urgent, cause: .atCapacity, message: text))
        plan.skippedSteps.append(SkippedStep(pathway: "p", step: "s", name: text, reason: text, ask: nil))
        for i in plan.skippedSteps.indices { plan.skippedSteps[i].ask = ["sex", text] }
        plan.steps = plan.steps.map { step in
            var s = step
            s.ask = ["age"]
            s.note = text
            s.urgencyReasons.append(text)
            s.warnings.append(Warning(.warning, .stepCriticalNote, text))
            s.windows = numbers.map { WindowStatus(id: "w", name: text, open: $0 > 0, hoursLeft: $0, closesAt: "x", message: text, note: text, ask: ["sex"]) }
            let sample = s.options.first ?? s.excluded.first
            if s.options.isEmpty, let sample { s.options.append(sample) }
            if s.excluded.isEmpty, let sample { s.excluded.append(sample) }
            s.options = s.options.map(filled)
            s.excluded = s.excluded.map(filled)
            return s
        }
        return plan
    }

    static func filled(_ original: ServiceDecision) -> ServiceDecision {
        var d = original
        d.rank = d.rank ?? 7
        d.organisationName = awkward
        d.checks.append(RuleCheck(.eligibilityAge, .fail, ceiling: .excluded, awkward))
        for i in d.checks.indices { d.checks[i].ceiling = d.checks[i].ceiling ?? .refer }
        d.warnings.append(Warning(.critical, .consentRiskToLife, awkward))
        d.packet.append(PacketField(field: .age, value: awkward))
        d.withheld.append(WithheldField(field: .sex, cause: .sensitive, reason: awkward))
        var a = d.access
        a.contact = Contact(role: awkward, phone: "+000 0000", email: "focal.point@example.org")
        a.address = awkward
        a.openNow = false
        a.opensInHours = 2.5
        a.cost = awkward
        a.eligibilityNote = awkward
        a.website = "https://example.org/a/b"
        if a.languages.isEmpty { a.languages = ["en"] }
        if a.modality.isEmpty { a.modality = [.inPerson, .remote] }
        d.access = a
        return d
    }
}
