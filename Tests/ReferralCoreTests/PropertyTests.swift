import Foundation
import Testing
@testable import ReferralCore

/// SplitMix64: small, seedable, the same sequence on every machine.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random directories (over the basic fixture's context and pathways) and random cases.
struct RandomWorld {
    var rng: SeededGenerator
    let categories = ["gbv.case-management", "health.cmr", "police", "shelter.safe", "livelihoods", "cp.case-management",
                      "mhpss.specialised"]
    let areas = ["ZZ", "ZZ01", "ZZ0101", "ZZ0102", "ZZ02", "ZZ0201"]
    let languages = ["en", "fr", "ar"]
    let orgs = ["org.alpha", "org.beta", "org.police"]

    mutating func pick<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &rng)] }
    mutating func some<T>(_ a: [T], min: Int = 0) -> [T] {
        var out = a.filter { _ in Bool.random(using: &rng) }
        while out.count < min { out.append(pick(a)) }
        return out
    }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    mutating func service(_ i: Int) -> [String: Any] {
        var s: [String: Any] = [
            "id": "svc.\(i)", "organisation": pick(orgs), "name": "Service \(i) (fictional)", "category": pick(categories),
            "areas": Array(Set(some(areas, min: 1))).sorted(), "modality": Array(Set(some(["in-person", "phone", "mobile", "remote"], min: 1))).sorted(),
            "languages": Array(Set(some(languages, min: 1))).sorted(), "interpretation": chance(0.3),
            "intake": ["selfReferral": chance(0.6),
                       "requiredFields": Array(Set(some(CaseField.allCases.map(\.rawValue)))).sorted()],
            "status": pick(["open", "open", "open", "waitlist", "closed"]),
            "sensitiveDataQualified": chance(0.5),
            "mandatoryReporting": chance(0.3) ? ["child-abuse"] : [],
            "lastVerified": pick(["2026-11-01", "2025-01-01", "2026-06-30"]),
        ]
        if chance(0.5) { s["address"] = ["text": "ADDRESS-\(i)-LANE", "confidential": chance(0.5)] }
        if chance(0.4) { s["eligibility"] = ["minAge": Int.random(in: 0...20, using: &rng), "sexes": some(["female", "male", "other"], min: 1)] }
        if chance(0.15) { s["eligibility"] = ["legalStatuses": ["citizen"]] }
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: s["hours"] = ["alwaysOpen": true]
        case 1: s["hours"] = ["weekly": ["mon": ["08:00-16:00"], "sat": ["22:00-06:00"]]]
        default: break
        }
        if chance(0.3) { s["staffSexes"] = some(["female", "male"], min: 1) }
        if chance(0.4) { s["accessibility"] = some(["wheelchair", "sign-language"], min: 1) }
        if chance(0.2) { s["features"] = ["forensic-evidence"] }
        return s
    }

    mutating func caseJSON(_ i: Int) -> String { json(caseDocument(i)) }

    func json(_ doc: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    mutating func caseDocument(_ i: Int) -> [String: Any] {
        let age: Any = chance(0.8) ? Int.random(in: 0...70, using: &rng) : pick(["0-5", "6-11", "15-17", "16-19", "18-59"])
        var concerns: [String: Any] = ["pathways": Array(Set(some(["gbv", "mhpss", "child-protection"], min: 1))).sorted()]
        if chance(0.7) { concerns["gbvIncidentType"] = pick(GBVIncidentType.allCases.map(\.rawValue)) }
        if chance(0.7) { concerns["hoursSinceIncident"] = Int.random(in: 0...300, using: &rng) }
        for flag in ["suicidePlan", "psychosisSigns", "caregiverSuspected", "imminentRiskToLife"] where chance(0.3) {
            concerns[flag] = chance(0.5)
        }
        if chance(0.3) { concerns["separation"] = pick(Separation.allCases.map(\.rawValue)) }
        var prefs: [String: Any] = [:]
        if chance(0.3) { prefs["noPolice"] = true }
        if chance(0.2) { prefs["noForensicEvidence"] = true }
        if chance(0.2) { prefs["remoteOnly"] = true }
        if chance(0.3) { prefs["staffSex"] = pick(["female", "male"]) }
        var consent: [String: Any] = [
            "givenBy": pick(ConsentGiver.allCases.map(\.rawValue)),
            "referToCategories": Array(Set(some(categories))).sorted(),
            "share": Array(Set(some(CaseField.allCases.map(\.rawValue)))).sorted(),
            "mandatoryReportingExplained": chance(0.5),
        ]
        if chance(0.3) { consent["referToOrganisations"] = some(orgs) }
        if chance(0.5) { consent["childAssent"] = chance(0.5) }
        var doc: [String: Any] = [
            "formatVersion": 1, "caseCode": "PROP-\(i)", "age": age, "sex": pick(["female", "male", "other"]),
            "area": pick(areas), "languages": Array(Set(some(languages, min: 1))).sorted(),
            "legalStatus": pick(["citizen", "refugee", "irregular"]), "concerns": concerns, "preferences": prefs,
            "consent": consent,
        ]
        if chance(0.2) { doc["accessNeeds"] = ["wheelchair"] }
        return doc
    }

    /// Writes a directory with `count` random services next to the basic context and pathways.
    mutating func writeDirectory(services count: Int) throws -> FixtureCopy {
        let f = try FixtureCopy()
        let services = (0..<count).map { service($0) }
        let data = try JSONSerialization.data(withJSONObject: ["formatVersion": 1, "services": services],
                                              options: [.sortedKeys, .prettyPrinted])
        try f.write("services.json", String(decoding: data, as: UTF8.self))
        return f
    }
}

/// Every `ADDRESS-<n>-LANE` token in the output.
func addressesMentioned(in data: Data) -> Set<String> {
    let b = [UInt8](data), marker = Array("ADDRESS-".utf8)
    var out = Set<String>()
    var i = 0
    while i + marker.count <= b.count {
        if b[i] == marker[0], Array(b[i..<i + marker.count]) == marker {
            var j = i + marker.count
            while j < b.count, b[j] != UInt8(ascii: "\"") { j += 1 }
            out.insert(String(decoding: b[i..<j], as: UTF8.self))
            i = j
        } else {
            i += 1
        }
    }
    return out
}

@Suite("Properties over generated directories and cases")
struct PropertyTests {
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func safetyInvariantsHold(seed: UInt64) throws {
        var world = RandomWorld(rng: SeededGenerator(seed: seed))
        let f = try world.writeDirectory(services: 60)
        defer { f.remove() }
        let dir = try loadDirectory(f.folder)
        let router = Router(directory: dir)
        let rules = dir.context.rules
        let sensitive = Set(rules.sensitiveFields)
        let minimum = Set(rules.imminentRiskToLife.minimumFields)
        var routed = 0, referrals = 0, informs = 0, emergencies = 0
        for i in 0..<60 {
            let json = world.caseJSON(i)
            guard case .success(let c) = CaseLoader.load(bytes: Array(json.utf8), name: "case.json", directory: dir) else {
                Issue.record("generated case did not load: \(json)")
                continue
            }
            routed += 1
            let at = RoutingTime(epochSeconds: 1_795_000_000 + Int64(i) * 7_919, utcOffsetMinutes: dir.context.utcOffsetMinutes)
            let plan = router.route(c, at: at)
            let bytes = canonicalJSON(plan)
            // Same input, byte-identical output.
            #expect(bytes == canonicalJSON(router.route(c, at: at)))
            let share = Set(c.consent.share)
            let duties = rules.mandatoryReporting.filter { $0.appliesWhen.holds(for: c) }.map(\.id)
            for option in plan.steps.flatMap(\.options) {
                let s = try #require(dir.service(option.service))
                let fields = Set(option.packet.map(\.field))
                switch option.action {
                case .refer:
                    referrals += 1
                    // No referral without valid consent covering it.
                    #expect(plan.consent.valid)
                    #expect((c.consent.referToCategories ?? []).contains(s.category)
                            || (c.consent.referToOrganisations ?? []).contains(s.organisation))
                    // No packet field outside consent, nor outside what the provider needs.
                    #expect(fields.isSubset(of: share))
                    #expect(fields.isSubset(of: Set(s.requiredFields)))
                    // A provider with an applicable reporting duty only after the consequences were explained.
                    if s.mandatoryReporting.contains(where: duties.contains) {
                        #expect(c.consent.mandatoryReportingExplained == true)
                    }
                case .emergencyReferral:
                    emergencies += 1
                    #expect(c.concerns.imminentRiskToLife == true)
                    #expect(fields.isSubset(of: minimum))
                case .inform:
                    informs += 1
                    #expect(option.packet.isEmpty)
                    #expect(s.selfReferral)
                case .excluded:
                    Issue.record("an excluded service among the options")
                }
                // No sensitive field to an unqualified provider.
                if !s.sensitiveDataQualified { #expect(fields.isDisjoint(with: sensitive)) }
                // No police referral against the person's choice.
                if c.preferences.noPolice == true, dir.context.categories[s.category]?.lawEnforcement == true {
                    Issue.record("a police service offered despite no-police")
                }
            }
            // No confidential address anywhere in the output (one pass over the bytes: every
            // generated address reads ADDRESS-<n>-LANE).
            let shown = addressesMentioned(in: bytes)
            for s in dir.services where s.address?.confidential == true {
                #expect(!shown.contains(s.address?.text ?? "-"))
            }
        }
        #expect(routed == 60)
        // The generator must exercise every action, or the invariants above prove little.
        #expect(referrals > 0 && informs > 0, "refer \(referrals), inform \(informs)")
        _ = emergencies
    }

    @Test func generatedWorldsExerciseEmergencyReferrals() throws {
        var emergencies = 0
        for seed in UInt64(1)...8 {
            var world = RandomWorld(rng: SeededGenerator(seed: seed))
            let f = try world.writeDirectory(services: 60)
            defer { f.remove() }
            let dir = try loadDirectory(f.folder)
            for i in 0..<60 {
                let c = try loadCase(world.caseJSON(i), directory: dir)
                let plan = Router(directory: dir).route(c, at: RoutingTime(epochSeconds: 1_795_000_000, utcOffsetMinutes: 120))
                emergencies += plan.steps.flatMap(\.options).filter { $0.action == .emergencyReferral }.count
            }
        }
        #expect(emergencies > 0)
    }

    @Test func loadingAndRoutingAreDeterministicAcrossReloads() throws {
        var world = RandomWorld(rng: SeededGenerator(seed: 99))
        let f = try world.writeDirectory(services: 40)
        defer { f.remove() }
        let a = try loadDirectory(f.folder), b = try loadDirectory(f.folder)
        for i in 0..<20 {
            let json = world.caseJSON(i)
            let at = RoutingTime(epochSeconds: 1_795_000_000, utcOffsetMinutes: 120)
            let pa = Router(directory: a).route(try loadCase(json, directory: a), at: at)
            let pb = Router(directory: b).route(try loadCase(json, directory: b), at: at)
            #expect(canonicalJSON(pa) == canonicalJSON(pb))
        }
    }

    /// Restrictions only take options away: with less consent, one more access need or one more
    /// preference, no service of any step gets a more permissive action than before.
    @Test(arguments: [UInt64(11), 12, 13, 14])
    func lessConsentMoreNeedsOrPreferencesNeverRaiseAnAction(seed: UInt64) throws {
        var world = RandomWorld(rng: SeededGenerator(seed: seed))
        let f = try world.writeDirectory(services: 60)
        defer { f.remove() }
        let dir = try loadDirectory(f.folder)
        let router = Router(directory: dir)
        let at = RoutingTime(epochSeconds: 1_795_000_000, utcOffsetMinutes: 120)
        func actions(_ doc: [String: Any]) throws -> [String: Action] {
            let plan = router.route(try loadCase(world.json(doc), directory: dir), at: at)
            var out: [String: Action] = [:]
            for s in plan.steps { for d in s.options + s.excluded { out["\(s.pathway)/\(s.step)/\(d.service)"] = d.action } }
            return out
        }
        typealias Change = (String, ([String: Any]) -> [String: Any])
        func edit(_ key: String, _ f: @escaping (inout [String: Any]) -> Void) -> ([String: Any]) -> [String: Any] {
            { doc in
                var d = doc
                var inner = d[key] as? [String: Any] ?? [:]
                f(&inner)
                d[key] = inner
                return d
            }
        }
        let changes: [Change] = [
            ("no categories", edit("consent") { $0["referToCategories"] = [String]() }),
            ("no organisations", edit("consent") { $0["referToOrganisations"] = nil }),
            ("first category withdrawn", edit("consent") { $0["referToCategories"] = Array(($0["referToCategories"] as? [String] ?? []).dropFirst()) }),
            ("reporting not explained", edit("consent") { $0["mandatoryReportingExplained"] = false }),
            ("shares nothing", edit("consent") { $0["share"] = [String]() }),
            ("child assent withdrawn", edit("consent") { $0["childAssent"] = false }),
            ("an access need", { var d = $0; d["accessNeeds"] = ["sign-language", "wheelchair"]; return d }),
            ("no police", edit("preferences") { $0["noPolice"] = true }),
            ("remote only", edit("preferences") { $0["remoteOnly"] = true }),
            ("no forensic evidence", edit("preferences") { $0["noForensicEvidence"] = true }),
            ("male staff", edit("preferences") { $0["staffSex"] = "male" }),
        ]
        var lowered = 0, compared = 0
        for i in 0..<40 {
            let doc = world.caseDocument(i)
            let before = try actions(doc)
            for (name, change) in changes {
                let after = try actions(change(doc))
                #expect(Set(after.keys) == Set(before.keys), "\(name) changed the services considered")
                for (key, a) in after {
                    guard let b = before[key] else { continue }
                    compared += 1
                    if !a.isAtMost(b) { Issue.record("\(name) raised \(key) from \(b) to \(a)") }
                    if a != b { lowered += 1 }
                }
            }
        }
        // The changes must bite somewhere, or the property proves little.
        #expect(compared > 1000 && lowered > 50, "compared \(compared), lowered \(lowered)")
    }
}
