import Foundation
import Testing

@testable import ReferralCore

/// Routing decides every service without words (a `Verdict`) and expands a decision with words
/// only when it is read. Both come from one pass of the rules (`Router.judge`); these tests hold
/// the two ends to each other over every shipped case, every scenario and generated worlds.
@Suite("Verdicts and their expanded decisions")
struct VerdictTests {

    /// Every verdict of every step of the plan against the decision it expands to.
    func expectAgree(_ plan: RoutePlan, _ dir: Directory, _ label: String) {
        for step in plan.steps {
            guard let v = step.decisions.verdicts else {
                Issue.record("\(label): \(step.step) was expanded before anyone read it")
                continue
            }
            #expect(step.optionCount == v.options.count && step.excludedCount == v.excluded.count)
            let (options, excluded) = (step.options, step.excluded)
            #expect(step.decisions.verdicts == nil, "\(label): expanded once, then kept")
            #expect(options.count == v.options.count && excluded.count == v.excluded.count, "\(label) \(step.step)")
            for (verdict, d) in zip(v.options + v.excluded, options + excluded) {
                let at = "\(label) \(step.step) \(d.service)"
                #expect(dir.services[Int(verdict.service)].id == d.service, "\(at): same service in the same place")
                #expect(verdict.action == d.action, "\(at): action")
                #expect(verdict.decidingRule == d.decidingRules.first, "\(at): first deciding rule")
                let failed = d.checks.filter { $0.outcome == .fail }.map(\.rule)
                #expect(Set(failed).count == failed.count, "\(at): a rule fails at most once per decision")
                #expect(verdict.failed.rules.sorted() == failed.sorted(), "\(at): failed rules")
                #expect(verdict.openNow == d.access.openNow && verdict.waitlist == (d.access.status == .waitlist), "\(at)")
            }
            for (i, d) in options.enumerated() { #expect(d.rank == i + 1, "\(label) \(step.step): ranks 1, 2, …") }
            #expect(excluded.allSatisfy { $0.rank == nil && $0.action == .excluded })
        }
    }

    @Test("every shipped example case and every scenario, at three times")
    func shippedAndScenarios() throws {
        let demo = try loadDirectory(Paths.shipped + "/demo")
        let folder = Paths.shipped + "/demo/cases"
        var routed = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).filter({ $0.hasSuffix(".json") }).sorted() {
            let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + name))
            for at in PlanJSONTests.times {
                let t = time(at, demo)
                guard case .success(let c) = CaseLoader.load(bytes: [UInt8](bytes), name: name, directory: demo, at: t) else { continue }
                expectAgree(Router(directory: demo).route(c, at: t), demo, "\(name) at \(at)")
                routed += 1
            }
        }
        for name in Scenarios.names {
            let (e, bytes) = try ScenarioTests().load(name)
            let dir = try loadDirectory(e.directory == "shipped" ? Paths.shipped + "/demo" : Paths.fixtures + "/" + e.directory)
            for at in [e.at] + PlanJSONTests.times {
                let t = time(at, dir)
                guard case .success(let c) = CaseLoader.load(bytes: bytes, name: name, directory: dir, at: t) else { continue }
                expectAgree(Router(directory: dir).route(c, at: t), dir, "\(name) at \(at)")
                routed += 1
            }
        }
        #expect(routed >= 60)
    }

    @Test("generated worlds and cases", arguments: [UInt64(31), 32, 33])
    func generated(seed: UInt64) throws {
        var world = RandomWorld(rng: SeededGenerator(seed: seed))
        let f = try world.writeDirectory(services: 60)
        defer { f.remove() }
        let dir = try loadDirectory(f.folder)
        for i in 0..<40 {
            let c = try loadCase(world.caseJSON(i), directory: dir)
            let t = RoutingTime(epochSeconds: 1_795_000_000 + Int64(i) * 7_919, utcOffsetMinutes: 120)
            expectAgree(Router(directory: dir).route(c, at: t), dir, "seed \(seed) case \(i)")
        }
    }

    @Test("a plan read from several threads at once expands each step once, to the same decisions")
    func concurrentReads() throws {
        let dir = try loadDirectory(Paths.shipped + "/demo")
        let bytes = try #require(FileManager.default.contents(atPath: Paths.shipped + "/demo/cases/gbv-adult-rape-within-72h.json"))
        let t = time(PlanJSONTests.times[0], dir)
        guard case .success(let c) = CaseLoader.load(bytes: [UInt8](bytes), name: "case", directory: dir, at: t) else {
            Issue.record("the case does not load")
            return
        }
        let router = Router(directory: dir)
        let reference = router.route(c, at: t).json()
        let plan = router.route(c, at: t)
        let results = Mutex<[Data]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let data = plan.json()
            results.withLock { $0.append(data) }
        }
        #expect(results.withLock { $0 }.allSatisfy { $0 == reference })
    }

    @Test("a rule's ordinal is its place in RuleID.all, and every rule fits a RuleSet")
    func ruleOrdinals() {
        #expect(RuleID.all.count <= 128)
        for (i, r) in RuleID.all.enumerated() { #expect(r.ordinal == i, "\(r)") }
        var set = RuleSet()
        for r in RuleID.all where r.ordinal % 3 == 0 { set.insert(r) }
        #expect(set.rules == RuleID.all.filter { $0.ordinal % 3 == 0 })
        #expect(RuleID.all.allSatisfy { set.contains($0) == ($0.ordinal % 3 == 0) })
    }

    @Test("a rank preference packed into an integer orders as its fields do, field by field")
    func packedPreference() {
        var all: [RankPreference] = []
        for bits in 0..<32 {
            for unmet in [0, 1, 3, Int(UInt32.max)] {
                for distance in 0...2 {
                    for staff in 0...2 {
                        all.append(RankPreference(unavailableNow: bits & 1 != 0, unmetNeeds: unmet, notLGBTIQCompetent: bits & 2 != 0,
                                                  distance: distance, interpretation: bits & 4 != 0, waitlist: bits & 8 != 0,
                                                  staff: staff, stale: bits & 16 != 0))
                    }
                }
            }
        }
        var wrong = 0
        for (i, a) in all.enumerated() where i % 7 == 0 {
            for b in all where (a.packed < b.packed) != (a < b) || (a.packed == b.packed) != (a == b) { wrong += 1 }
        }
        #expect(wrong == 0)
        #expect(all.allSatisfy { $0.packed >> 62 == 0 }, "bits 62-63 are the action's")
    }

    @Test("the interned service accessors the rules read give the same values as the service's properties")
    func internedAccessors() throws {
        for folder in [Paths.shipped + "/demo", Paths.basic] {
            let dir = try loadDirectory(folder)
            for s in dir.services {
                for sex in Sex.allCases { #expect(s.hasStaff(ofSex: sex.caseIndex) == s.staffSexes.map { $0.contains(sex) }, "\(s.id)") }
                let ids = dir.context.ids
                for code in ids.languages.names {
                    #expect(s.worksInAny(of: [ids.languages.id(code)!]) == s.languages.contains(code), "\(s.id) \(code)")
                }
                #expect(s.carriesNoDuty == s.mandatoryReporting.isEmpty, "\(s.id)")
                for duty in ids.duties.names {
                    #expect(s.carries(duty: ids.duties.id(duty)!) == s.mandatoryReporting.contains(duty), "\(s.id) \(duty)")
                }
                for m in Modality.allCases {
                    #expect((s.firstModality(in: [m.caseIndex]) != nil) == s.modality.contains(m), "\(s.id) \(m)")
                }
                for word in s.accessibility { #expect(dir.wordID(word).map(s.lists(accessibility:)) == true, "\(s.id) \(word)") }
                for word in ["child-safe", "lgbtiq-competent", "forensic-evidence", "statutory"] {
                    #expect(s.hasFeature(dir.wordID(word)) == s.features.contains(word), "\(s.id) \(word)")
                }
            }
        }
    }
}

/// A value behind a lock, for tests that collect from several threads.
final class Mutex<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T
    init(_ value: T) { self.value = value }
    func withLock<R>(_ body: (inout T) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
