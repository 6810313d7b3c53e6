import Foundation
import Testing
@testable import ReferralCore

/// Scenario fixtures: one folder per scenario under `Fixtures/scenarios/` with `case.json` and
/// `expected.json`. The expectation is decoded with the engine's strict decoder, so a typo in a
/// fixture fails loudly instead of silently checking nothing.
struct Expected: Decodable {
    struct StepExpectation: Decodable {
        var step: String
        /// The step's pathway, where two steps share an id (case-management); omitted: the first.
        var pathway: String?
        /// Every pathway that reaches the step (merged by category), exactly and in order.
        var pathways: [String]?
        var urgency: Urgency?
        /// The response time, exactly.
        var respondBy: String?
        /// The facts to ask, exactly (`[]`: none).
        var ask: [String]?
        /// The windows shown, in order: `id`, or `id ask f1,f2` for one shown with facts to ask.
        var windows: [String]?
        /// The ids of the windows still open, in order.
        var openWindows: [String]?
        /// The step's warnings as `level rule`, exactly (in any order).
        var warnings: [String]?
        /// The options, exactly and in rank order.
        var options: [OptionExpectation]?
        /// Services that must be excluded, each with exactly these deciding rules.
        var excluded: [ExcludedExpectation]?
    }
    struct OptionExpectation: Decodable {
        var service: String
        var action: Action
        /// The packet's fields, in any order; omitted means not checked.
        var packet: [String]?
        /// The rules that decided the action, exactly; omitted means not checked.
        var deciding: [String]?
        /// The decision's warnings as `level rule`, exactly (in any order); omitted means not checked.
        var warnings: [String]?
    }
    struct ExcludedExpectation: Decodable {
        var service: String
        /// The rules that excluded it (its deciding rules), exactly.
        var deciding: [String]
    }
    /// `basic` (the test fixture) or `shipped` (Pathways/demo).
    var directory: String
    var at: String
    var consentValid: Bool
    /// `valid`, `no-referral-consent` or `not-valid`; omitted means not checked.
    var consentStatus: String?
    var pathways: [String]
    /// Case-level warning rules that must be present.
    var warnings: [String]
    /// Every case-level warning as `level rule`, exactly (in any order); omitted means not checked.
    var allWarnings: [String]?
    /// Every applicable step, in plan order.
    var stepOrder: [String]
    var steps: [StepExpectation]
    /// Skipped steps, exactly; omitted means not checked.
    var skipped: [String]?
    /// `pathway/step` of every gap, exactly.
    var gaps: [String]
    /// `pathway/step cause` of every gap, exactly; omitted means not checked.
    var gapCauses: [String]?
}

extension Warning {
    /// `critical gap.urgent`: how a scenario names a warning.
    var levelAndRule: String { "\(level.rawValue) \(rule.rawValue)" }
}

enum Scenarios {
    static let root = Paths.fixtures + "/scenarios"
    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
    }
}

@Suite("Scenario fixtures")
struct ScenarioTests {
    @Test func everyPathwayHasAScenario() throws {
        var covered = Set<String>()
        for name in Scenarios.names {
            let e = try load(name).expected
            covered.formUnion(e.pathways)
        }
        #expect(covered.isSuperset(of: ["gbv", "child-protection", "counter-trafficking", "mhpss"]))
    }

    func load(_ name: String) throws -> (expected: Expected, caseBytes: [UInt8]) {
        let folder = Scenarios.root + "/" + name
        let data = try #require(FileManager.default.contents(atPath: folder + "/expected.json"))
        let file = SourceFile(name: name + "/expected.json", bytes: [UInt8](data))
        let node = try JSONParser.parse(file.bytes)
        let expected = try StrictDecoder().decode(Expected.self, from: node, file: file)
        let caseData = try #require(FileManager.default.contents(atPath: folder + "/case.json"))
        return (expected, [UInt8](caseData))
    }

    @Test(arguments: Scenarios.names)
    func scenarioMatchesItsExpectedOutcome(_ name: String) throws {
        let (e, bytes) = try load(name)
        let folder = e.directory == "shipped" ? Paths.shipped + "/demo" : Paths.fixtures + "/" + e.directory
        let dir = try loadDirectory(folder)
        let c: Case
        let at = time(e.at, dir)
        switch CaseLoader.load(bytes: bytes, name: name + "/case.json", directory: dir, at: at) {
        case .success(let v): c = v
        case .failure(let f): throw FixtureError(description: f.description)
        }
        let plan = Router(directory: dir).route(c, at: at)

        #expect(plan.consent.valid == e.consentValid, "\(plan.consent.checks)")
        if let status = e.consentStatus { #expect(plan.consent.status.rawValue == status) }
        if let all = e.allWarnings {
            #expect(plan.warnings.map(\.levelAndRule).sorted() == all.sorted(), "case warnings")
        }
        #expect(plan.pathways == e.pathways)
        let rules = Set(plan.warnings.map(\.rule.rawValue))
        for w in e.warnings { #expect(rules.contains(w), "missing warning \(w); have \(rules.sorted())") }
        #expect(plan.steps.map(\.step) == e.stepOrder)
        for s in e.steps {
            guard let got = plan.steps.first(where: { $0.step == s.step && (s.pathway == nil || $0.pathway == s.pathway) }) else {
                Issue.record("no step \(s.step)")
                continue
            }
            if let u = s.urgency { #expect(got.urgency == u, "urgency of \(s.step)") }
            if let p = s.pathways { #expect(got.pathways == p, "pathways of \(s.step)") }
            if let r = s.respondBy { #expect(got.respondBy == r, "respondBy of \(s.step)") }
            if let a = s.ask { #expect((got.ask ?? []) == a, "ask of \(s.step)") }
            if let w = s.windows {
                let shown = got.windows.map { $0.id + ($0.ask.map { " ask " + $0.joined(separator: ",") } ?? "") }
                #expect(shown == w, "windows of \(s.step)")
            }
            if let o = s.openWindows { #expect(got.windows.filter(\.open).map(\.id) == o, "open windows of \(s.step)") }
            if let w = s.warnings { #expect(got.warnings.map(\.levelAndRule).sorted() == w.sorted(), "warnings of \(s.step)") }
            if let options = s.options {
                #expect(got.options.map(\.service) == options.map(\.service), "options of \(s.step)")
                for (o, g) in zip(options, got.options) where o.service == g.service {
                    #expect(g.action == o.action, "action of \(o.service) in \(s.step)")
                    if let p = o.packet { #expect(Set(g.packet.map(\.field.rawValue)) == Set(p), "packet of \(o.service)") }
                    if let r = o.deciding { #expect(g.decidingRules.map(\.rawValue) == r, "deciding rules of \(o.service)") }
                    if let w = o.warnings {
                        #expect(g.warnings.map(\.levelAndRule).sorted() == w.sorted(), "warnings of \(o.service) in \(s.step)")
                    }
                }
            }
            for x in s.excluded ?? [] {
                guard let got = got.excluded.first(where: { $0.service == x.service }) else {
                    Issue.record("\(x.service) is not excluded in \(s.step)")
                    continue
                }
                let deciding = got.decidingRules.map(\.rawValue)
                #expect(deciding == x.deciding, "deciding rules of \(x.service): \(deciding)")
            }
        }
        if let skipped = e.skipped { #expect(plan.skippedSteps.map(\.step) == skipped) }
        #expect(plan.gaps.map { "\($0.pathway)/\($0.step)" }.sorted() == e.gaps.sorted())
        if let causes = e.gapCauses {
            #expect(plan.gaps.map { "\($0.pathway)/\($0.step) \($0.cause.rawValue)" }.sorted() == causes.sorted())
        }
    }
}
