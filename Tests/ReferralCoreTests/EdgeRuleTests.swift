import Foundation
import Testing
@testable import ReferralCore

/// A case over the `edges` fixture (Fixtures/edges: one service per rule of issue 8): an adult
/// woman in ZE0101 with a GBV concern; change what a test needs, in the initialiser
/// (`EdgeCase(age: "15", concerns: …)`) or field by field. Every field is written as JSON, so
/// a test can add a field the builder does not know (`extra`).
struct EdgeCase {
    var age = "30"
    var sex = "female"
    var area = "ZE0101"
    var accessNeeds: [String] = []
    var recordedAt: String? = "2026-11-28T14:00+02:00"
    var concerns = "\"pathways\": [\"gbv\"], \"gbvIncidentType\": \"rape\", \"hoursSinceIncident\": 10, \"safetyRisk\": \"low\""
    var preferences = "{}"
    var givenBy = "self"
    var childAssent: Bool? = nil
    var referTo = ["gbv.case-management", "health.cmr", "health.general", "shelter.safe", "mhpss.focused",
                   "cp.case-management", "cp.ftr", "ct.identification", "ct.return"]
    var share = ["caseCode", "age", "sex", "area", "gbv.hoursSinceIncident", "risk.nature"]
    var consentExtra = ""
    var explained = true

    /// A child of `age` whose consent comes from `givenBy`, with the child's assent.
    static func child(_ age: String, givenBy: String = "caregiver") -> EdgeCase {
        var c = EdgeCase()
        c.age = age
        c.givenBy = givenBy
        c.childAssent = true
        return c
    }

    var json: String {
        func list(_ a: [String]) -> String { "[" + a.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        let assent = childAssent.map { ", \"childAssent\": \($0)" } ?? ""
        let recorded = recordedAt.map { ", \"recordedAt\": \"\($0)\"" } ?? ""
        let needs = accessNeeds.isEmpty ? "" : ", \"accessNeeds\": \(list(accessNeeds))"
        return """
            {"formatVersion": 1, "caseCode": "EDGE-0100", "age": \(age), "sex": "\(sex)", "area": "\(area)",
             "languages": ["en"]\(needs)\(recorded), "concerns": {\(concerns)}, "preferences": \(preferences),
             "consent": {"givenBy": "\(givenBy)"\(assent), "referToCategories": \(list(referTo)), "share": \(list(share)),
                         "mandatoryReportingExplained": \(explained)\(consentExtra)}}
            """
    }
}

enum Edges {
    static let folder = Paths.fixtures + "/edges"
    static func directory() throws -> Directory { try loadDirectory(folder) }

    static func route(_ c: EdgeCase, _ d: Directory, at: String = "2026-11-28T14:00:00+02:00") throws -> Routed {
        try Routed(json: c.json, directory: d, at: at)
    }

    /// The findings of loading a case that must be refused.
    static func refusal(_ c: EdgeCase, _ d: Directory, at: String? = nil) -> [Diagnostic] {
        let t = at.map { time($0, d) }
        switch CaseLoader.load(bytes: Array(c.json.utf8), name: "case.json", directory: d, at: t) {
        case .success: return []
        case .failure(let f): return f.diagnostics
        }
    }
}

extension Routed {
    init(json: String, directory: Directory, at: String) throws {
        let t = time(at, directory)
        let c = try loadCase(json, directory: directory)
        plan = Router(directory: directory).route(c, at: t)
        self.json = String(decoding: canonicalJSON(plan), as: UTF8.self)
    }
}

extension StepPlan {
    func warning(_ rule: RuleID) -> Warning? { warnings.first { $0.rule == rule } }
    func option(_ service: String) -> ServiceDecision? { options.first { $0.service == service } }
}

/// Issue 8: the protection rules at the edges (time, unknown facts, suicide, age and children, the
/// person's choices, access, capacity). Each test breaks when its rule is removed
/// (scripts/mutation-check.py names them); the scenarios in Fixtures/scenarios/edges-* state the
/// whole outcome of one case per rule.
@Suite("Edge rules (issue 8)")
struct EdgeRuleTests {
    let d: Directory
    init() throws { d = try Edges.directory() }

    // MARK: time

    @Test func aWindowClosingBeforeTheResponseTimeBoundsRespondByAndIsCritical() throws {
        var c = EdgeCase()
        c.concerns = "\"pathways\": [\"gbv\"], \"gbvIncidentType\": \"rape\", \"hoursSinceIncident\": 70, \"safetyRisk\": \"low\""
        let r = try Edges.route(c, d)
        let care = try #require(r.step("clinical-care"))
        let pep = try #require(care.windows.first { $0.id == "hiv-pep" })
        #expect(care.urgency == .emergency)
        #expect(care.respondBy == pep.closesAt)
        #expect(care.respondBy == "2026-11-28T16:00+02:00")
        #expect(care.warning(.timeWindowClosing)?.level == .critical)
        // 10 hours after: PEP closes after the usual 24 h response time; no warning, the usual time.
        let early = try Edges.route(EdgeCase(), d)
        let care2 = try #require(early.step("clinical-care"))
        #expect(care2.respondBy == "2026-11-29T14:00+02:00")
        #expect(care2.warning(.timeWindowClosing) == nil)
    }

    @Test func imminentRiskGivesImmediateUrgencyThatRespondsNowAndSortsFirst() throws {
        var c = EdgeCase()
        c.concerns = "\"pathways\": [\"gbv\"], \"gbvIncidentType\": \"rape\", \"hoursSinceIncident\": 10, \"imminentRiskToLife\": true, \"safetyRisk\": \"low\""
        let r = try Edges.route(c, d)
        let first = try #require(r.plan.steps.first)
        #expect(first.step == "emergency-care")
        #expect(first.urgency == .immediate)
        #expect(first.respondBy == r.plan.at)
        #expect(Urgency.immediate < .emergency)
    }

    @Test func aStepsOwnResponseTimeBoundsRespondBy() throws {
        var c = EdgeCase.child("12", givenBy: "caseworker-best-interests")
        c.concerns = "\"pathways\": [\"child-protection\"], \"separation\": \"unaccompanied\""
        let r = try Edges.route(c, d)
        let ftr = try #require(r.step("family-tracing"))
        #expect(ftr.urgency == .urgent)
        #expect(ftr.respondBy == "2026-11-30T14:00+02:00")  // 48 h, not the urgent 72 h
        #expect(try #require(r.step("case-management")).respondBy == "2026-12-01T14:00+02:00")
    }

    @Test func aSavedCaseRoutedLaterKeepsItsWindows() throws {
        var c = EdgeCase()
        c.concerns = "\"pathways\": [\"gbv\"], \"gbvIncidentType\": \"rape\", \"hoursSinceIncident\": 20, \"safetyRisk\": \"low\""
        let now = try Edges.route(c, d)
        let later = try Edges.route(c, d, at: "2026-11-29T02:00:00+02:00")
        let pepNow = try #require(now.step("clinical-care")?.windows.first { $0.id == "hiv-pep" })
        let pepLater = try #require(later.step("clinical-care")?.windows.first { $0.id == "hiv-pep" })
        #expect(pepNow.closesAt == "2026-11-30T18:00+02:00")
        #expect(pepLater.closesAt == pepNow.closesAt)
        #expect(pepLater.hoursLeft == 40)
        // What is sent is the time since the incident as of the routing time.
        #expect(later.decision("ngo.cmr")?.packet.first { $0.field == .gbvHoursSinceIncident }?.value == "32")
        #expect(!later.plan.warnings.contains { $0.rule == .timeRecordedAt })
        // Without recordedAt the hours are read as of the routing time, and the plan says so.
        c.recordedAt = nil
        let unrecorded = try Edges.route(c, d, at: "2026-11-29T02:00:00+02:00")
        #expect(unrecorded.step("clinical-care")?.windows.first { $0.id == "hiv-pep" }?.closesAt == "2026-12-01T06:00+02:00")
        #expect(unrecorded.plan.warnings.first { $0.rule == .timeRecordedAt }?.level == .info)
    }

    @Test(arguments: [
        ("2026-11-28T14:30+02:00", Diagnostic.Code.caseRecordedAt),  // not to the hour
        ("2026-11-28T14:00:30+02:00", Diagnostic.Code.caseRecordedAt),
        ("2026-11-28T15:00+02:00", Diagnostic.Code.caseRecordedAt),  // after the routing time
    ])
    func recordedAtIsAnHourNotLaterThanTheRoutingTime(_ text: String, _ code: Diagnostic.Code) throws {
        var c = EdgeCase()
        c.recordedAt = text
        let found = Edges.refusal(c, d, at: "2026-11-28T14:00:00+02:00")
        #expect(found.map(\.code) == [code], "\(found)")
        #expect(!found.contains { $0.code == .caseIdentifyingData })
        // A time of recording is not an identifier: the gate accepts a well-formed one.
        c.recordedAt = "2026-11-28T13:00+02:00"
        #expect(Edges.refusal(c, d, at: "2026-11-28T14:00:00+02:00").isEmpty)
    }

    @Test func aDateOfBirthInRecordedAtIsRefusedAsIdentifying() throws {
        var c = EdgeCase()
        c.recordedAt = "1994-03-17"
        #expect(Edges.refusal(c, d).map(\.code) == [.caseIdentifyingData])
    }

    @Test func emergencyContraceptionIsForWomenAndGirlsOfReproductiveAge() throws {
        func ec(_ sex: String, _ age: String) throws -> WindowStatus? {
            var c = EdgeCase()
            c.sex = sex
            c.age = age
            c.concerns = "\"pathways\": [\"gbv\"], \"gbvIncidentType\": \"rape\", \"hoursSinceIncident\": 100, \"safetyRisk\": \"low\""
            c.givenBy = Int(age).map { $0 < 15 } == true ? "caregiver" : "self"
            c.childAssent = true
            return try Edges.route(c, d).step("clinical-care")?.windows.first { $0.id == "emergency-contraception" }
        }
        let man = try Edges.route({ var c = EdgeCase(); c.sex = "male"
            c.concerns = "\"pathways\": [\"gbv\"], \"gbvIncidentType\": \"rape\", \"hoursSinceIncident\": 100, \"safetyRisk\": \"low\""
            return c }(), d)
        #expect(man.step("clinical-care")?.urgency == .urgent)  // only hepatitis B still open
        #expect(try ec("male", "30") == nil)
        #expect(try ec("female", "60") == nil)
        #expect(try #require(try ec("female", "30")).ask == nil)
        #expect(try #require(try ec("other", "30")).ask == ["sex"])
        #expect(try #require(try ec("female", "\"50-60\"")).ask == ["age"])
    }

    @Test func physicalAssaultWithin72HoursOrInjuriesMakeHealthCareUrgent() throws {
        func urgency(_ concerns: String) throws -> Urgency? {
            var c = EdgeCase()
            c.concerns = "\"pathways\": [\"gbv\"], \"safetyRisk\": \"low\", " + concerns
            return try Edges.route(c, d).step("health-care")?.urgency
        }
        #expect(try urgency("\"gbvIncidentType\": \"physical-assault\", \"hoursSinceIncident\": 4") == .urgent)
        #expect(try urgency("\"gbvIncidentType\": \"physical-assault\", \"hoursSinceIncident\": 200") == .routine)
        #expect(try urgency("\"gbvIncidentType\": \"physical-assault\", \"hoursSinceIncident\": 200, \"injuries\": true") == .urgent)
        #expect(try urgency("\"gbvIncidentType\": \"denial-of-resources\", \"injuries\": false") == .routine)
    }

    // MARK: unknown facts

    @Test func anUnknownIncidentTypeNeverHidesClinicalCare() throws {
        var c = EdgeCase()
        c.concerns = "\"pathways\": [\"gbv\"], \"hoursSinceIncident\": 10, \"safetyRisk\": \"low\""
        let r = try Edges.route(c, d)
        let care = try #require(r.step("clinical-care"))
        #expect(care.ask == ["concerns.gbvIncidentType"])
        #expect(care.urgency == .emergency)
        #expect(care.windows.map(\.id) == ["hiv-pep", "emergency-contraception", "hepatitis-b"])
        #expect(!r.plan.skippedSteps.contains { $0.step == "clinical-care" })
        // Once told, it is no longer an ask.
        let told = try Edges.route(EdgeCase(), d)
        #expect(told.step("clinical-care")?.ask == nil)
    }

    @Test func aRoutineStepWithAnUnknownConditionIsListedAsSkippedWithWhatToAsk() throws {
        let f = try FixtureCopy(Edges.folder)
        defer { f.remove() }
        // Without windows, clinical care is a routine step: unknown, it is skipped, never silently.
        try f.edit("pathways/gbv.json") { s in
            let start = s.range(of: "\"windows\": [")!.lowerBound
            let end = s.range(of: "], \"terminal\": true},\n    {\"id\": \"health-care\"")!.lowerBound
            return s.replacingCharacters(in: start..<s.index(end, offsetBy: 3), with: "")
        }
        let dir = try loadDirectory(f.folder)
        var c = EdgeCase()
        c.concerns = "\"pathways\": [\"gbv\"], \"hoursSinceIncident\": 10, \"safetyRisk\": \"low\""
        let r = try Edges.route(c, dir)
        #expect(r.step("clinical-care") == nil)
        let skipped = try #require(r.plan.skippedSteps.first { $0.step == "clinical-care" })
        #expect(skipped.ask == ["concerns.gbvIncidentType"])
        // A step whose condition is false is skipped without an ask.
        #expect(r.plan.skippedSteps.first { $0.step == "emergency-care" }?.ask == nil)
    }

    @Test func aLinkWhoseConditionCannotBeToldIsFollowed() throws {
        let f = try FixtureCopy(Edges.folder)
        defer { f.remove() }
        try f.edit("pathways/gbv.json") {
            $0.replacingOccurrences(of: "{\"from\": \"case-management\", \"to\": \"clinical-care\"}",
                                    with: "{\"from\": \"case-management\", \"to\": \"clinical-care\", \"when\": {\"incidentTypes\": [\"rape\"]}}")
        }
        var c = EdgeCase()
        c.concerns = "\"pathways\": [\"gbv\"], \"hoursSinceIncident\": 10, \"safetyRisk\": \"low\""
        let r = try Edges.route(c, try loadDirectory(f.folder))
        #expect(r.step("clinical-care")?.ask == ["concerns.gbvIncidentType"])
    }

    @Test func anUnknownSafetyRiskShowsTheUrgentShelterStepWithAnAsk() throws {
        var c = EdgeCase()
        c.concerns = "\"pathways\": [\"gbv\"], \"gbvIncidentType\": \"physical-assault\", \"hoursSinceIncident\": 300"
        let r = try Edges.route(c, d)
        #expect(try #require(r.step("shelter")).ask == ["concerns.safetyRisk"])
        c.concerns += ", \"safetyRisk\": \"high\""
        #expect(try #require(Edges.route(c, d).step("shelter")).ask == nil)
    }

    // MARK: suicide

    @Test func suicidalThoughtsWithoutADecisionOnImminentRiskAreACriticalWarning() throws {
        for (facts, warned) in [("\"suicidalThoughts\": true", true), ("\"suicidePlan\": true", true),
                                ("\"suicidalThoughts\": true, \"imminentRiskToLife\": false", false),
                                ("\"suicidalThoughts\": false", false)]
        {
            var c = EdgeCase()
            c.concerns = "\"pathways\": [\"gbv\"], \"gbvIncidentType\": \"psychological-abuse\", \"safetyRisk\": \"low\", " + facts
            let r = try Edges.route(c, d)
            let w = r.plan.warnings.first { $0.rule == .mhpssAssessImminentRisk }
            #expect((w?.level == .critical) == warned, "\(facts)")
            if warned { #expect(r.plan.warnings.first?.level == .critical) }
        }
    }

    @Test func specialisedCareIsReachableWhenSuicidalThoughtsAreRecorded() throws {
        var c = EdgeCase()
        c.concerns = "\"pathways\": [\"gbv\"], \"gbvIncidentType\": \"psychological-abuse\", \"suicidalThoughts\": true, \"safetyRisk\": \"low\""
        let r = try Edges.route(c, d)
        #expect(r.plan.pathways.contains("mhpss"))
        #expect(r.step("specialised")?.urgency == .urgent)
    }

    @Test func emergencyDataUnderTheRiskToLifeExceptionSaysWhatTheRiskIs() throws {
        var c = EdgeCase()
        c.concerns = "\"pathways\": [\"mhpss\"], \"suicidePlan\": true, \"imminentRiskToLife\": true"
        c.referTo = []
        c.share = []
        let r = try Edges.route(c, d)
        let er = try #require(r.decision("gov.emergency"))
        #expect(er.action == .emergencyReferral)
        let packet = Dictionary(uniqueKeysWithValues: er.packet.map { ($0.field, $0.value) })
        #expect(packet[.caseCode] == "EDGE-0100")
        #expect(packet[.riskNature] == "imminent risk to life, suicide plan")
    }

    // MARK: age and children

    @Test func aDisputedAgeIsTreatedAsAChildUntilAssessed() throws {
        var c = EdgeCase()
        c.age = "\"16-19\""
        c.sex = "male"
        c.concerns = "\"pathways\": [\"counter-trafficking\"], \"traffickingIndicators\": [\"act\", \"purpose\"], \"separation\": \"unaccompanied\""
        let r = try Edges.route(c, d)
        #expect(r.plan.consent.child)
        #expect(r.plan.consent.valid)  // the rule of the youngest age in the band: 16, self
        #expect(r.plan.pathways == ["child-protection", "counter-trafficking"])
        #expect(r.plan.warnings.contains { $0.rule == .childAgeDisputed })
        #expect(r.step("return") != nil)  // the child branch: act + purpose, no means needed
        #expect(r.plan.skippedSteps.contains { $0.step == "safety" })  // no adult shelter
        // With the presumption switched off, today's behaviour: consent cannot be judged.
        let f = try FixtureCopy(Edges.folder)
        defer { f.remove() }
        try f.edit("context.json") { $0.replacingOccurrences(of: "\"staleAfterDays\": 180,", with: "\"staleAfterDays\": 180, \"presumeMinority\": false,") }
        let off = try Edges.route(c, try loadDirectory(f.folder))
        #expect(!off.plan.consent.valid)
        #expect(!off.plan.pathways.contains("child-protection"))
        #expect(!off.plan.warnings.contains { $0.rule == .childAgeDisputed })
    }

    @Test func aDisputedAgeTakesTheConsentRuleOfItsYoungestAge() throws {
        // "13-19": a child of 13 until assessed, so the caregiver consents with the child's assent
        // (the band 6-14), never the young person alone (15-17 would let them).
        var byCaregiver = EdgeCase.child("\"13-19\"")
        byCaregiver.sex = "male"
        byCaregiver.concerns = "\"pathways\": [\"counter-trafficking\"], \"traffickingIndicators\": [\"act\"]"
        let r = try Edges.route(byCaregiver, d)
        #expect(r.plan.consent.valid)
        #expect(r.plan.consent.checks.contains { $0.rule == .consentByAge && $0.outcome == .pass })
        var alone = byCaregiver
        alone.givenBy = "self"
        alone.childAssent = nil
        let a = try Edges.route(alone, d)
        #expect(!a.plan.consent.valid)
        #expect(a.plan.consent.checks.contains { $0.rule == .consentByAge && $0.outcome == .fail })
    }

    @Test func aShelterThatIsNotChildSafeIsNeverOfferedToAChild() throws {
        var c = EdgeCase()
        c.age = "16"
        let s = try #require(d.service("gov.shelter"))
        let child = try loadCase(c.json, directory: d)
        let router = Router(directory: d)
        let decision = router.decide(s, urgency: .urgent, child, consent: router.assessConsent(child), at: time(d))
        #expect(decision.action == .excluded)
        #expect(decision.decidingRules == [.childAdultShelter])
        let adult = try loadCase(EdgeCase().json, directory: d)
        #expect(router.decide(s, urgency: .urgent, adult, consent: router.assessConsent(adult), at: time(d)).action == .refer)
    }

    @Test func validateWarnsAboutAShelterThatAdmitsChildrenWithoutSayingItIsSafeForThem() throws {
        let report = Validator.validate(DirectoryLoader().load(folder: Edges.folder), at: time(d))
        let found = report.findings.filter { $0.code == .dataShelterAdmitsChildren }.compactMap(\.id)
        #expect(found == ["gov.shelter"])  // ngo.shelter-women is for adults (minAge 18)
    }

    @Test func childSurvivorsOfGBVHaveOneLeadCaseworkerAndInformationForTheAdult() throws {
        var c = EdgeCase.child("13")
        c.referTo = ["health.cmr"]
        let r = try Edges.route(c, d)
        #expect(r.plan.warnings.contains { $0.rule == .childLeadCaseworker })
        let info = try #require(r.decision("ngo.gbv-cm"))
        #expect(info.action == .inform)
        #expect(r.plan.consent.informationFor == .caregiver)
        // Never the suspected caregiver: the adult who may consent instead.
        c.concerns += ", \"caregiverSuspected\": true"
        #expect(try Edges.route(c, d).plan.consent.informationFor == .trustedAdult)
        // An adult, or a child who consents alone, gets the information herself.
        var adult = EdgeCase()
        adult.referTo = ["health.cmr"]
        #expect(try Edges.route(adult, d).plan.consent.informationFor == nil)
        adult.age = "16"
        #expect(try Edges.route(adult, d).plan.consent.informationFor == nil)
    }

    @Test func thePoliceStepForAChildWarnsThatTheReportingDutyApplies() throws {
        let c = EdgeCase.child("13")
        let police = try #require(Edges.route(c, d).step("police"))
        #expect(police.optional)
        #expect(police.warning(.confidentialityMandatoryReporting) != nil)
        #expect(try #require(Edges.route(EdgeCase(), d).step("police")).warning(.confidentialityMandatoryReporting) == nil)
    }

    @Test func aReportingDutyAppliesOnlyToTheConcernsItNames() throws {
        var c = EdgeCase.child("12", givenBy: "caseworker-best-interests")
        c.explained = false
        c.concerns = "\"pathways\": [\"child-protection\"], \"separation\": \"unaccompanied\""
        let r = try Edges.route(c, d)
        #expect(!r.plan.warnings.contains { $0.rule == .confidentialityMandatoryReporting })
        #expect(r.decision("gov.cp")?.action == .refer)
        c.concerns = "\"pathways\": [\"child-protection\"], \"separation\": \"unaccompanied\", \"caregiverSuspected\": true"
        #expect(try Edges.route(c, d).decision("gov.cp")?.action == .inform)
    }

    @Test func returnForAChildWaitsForABestInterestsDetermination() throws {
        var c = EdgeCase(age: "15", concerns: "\"pathways\": [\"counter-trafficking\"], \"traffickingIndicators\": [\"act\", \"purpose\"], \"separation\": \"separated\"")
        let r = try Edges.route(c, d)
        let ret = try #require(r.decision("ngo.return"))
        #expect(ret.action == .inform)
        #expect(ret.decidingRules == [.childBidRequired])
        c.concerns += ", \"bestInterestsDetermination\": \"done\""
        #expect(try Edges.route(c, d).decision("ngo.return")?.action == .refer)
        // Family tracing for a trafficked child: check first that the family was not involved.
        #expect(r.step("family-tracing")?.warning(.childFtrFamilyCheck)?.level == .critical)
    }

    @Test func aChildFrom15CanAskThatTheCaregiverNotBeContacted() throws {
        var c = EdgeCase()
        c.age = "16"
        c.consentExtra = ", \"caregiverNotToBeContacted\": true"
        let r = try Edges.route(c, d)
        #expect(r.plan.warnings.contains { $0.rule == .childCaregiverNotContacted })
        #expect(r.decision("gov.cp")?.warnings.contains { $0.rule == .childCaregiverNotContacted } == true)
        #expect(r.decision("ngo.cp")?.warnings.contains { $0.rule == .childCaregiverNotContacted } == false)
        c.age = "14"
        c.givenBy = "caregiver"
        c.childAssent = true
        #expect(Edges.refusal(c, d).map(\.code) == [.caseCaregiverNotContacted])
    }

    // MARK: the person's choices

    @Test func anExcludedOrganisationIsNeverOfferedNotEvenAsInformation() throws {
        var c = EdgeCase()
        c.area = "ZE0201"
        c.referTo = []
        c.preferences = "{\"excludeOrganisations\": [\"org.aid\"]}"
        let r = try Edges.route(c, d)
        let aid = try #require(r.decision("aid.gbv-cm"))
        #expect(aid.action == .excluded)
        #expect(aid.decidingRules == [.preferenceExcludedOrganisation])
        #expect(r.plan.gaps.first { $0.step == "case-management" }?.cause == .personsChoice)
        // An organisation that is not in the directory is refused by name of field, never echoed.
        c.preferences = "{\"excludeOrganisations\": [\"org.nowhere\"]}"
        #expect(Edges.refusal(c, d).map(\.code) == [.caseUnknownOrganisation])
    }

    @Test func aReferralOnlyCategoryIsNeverInformationOnly() throws {
        var c = EdgeCase()
        c.concerns = "\"pathways\": [\"psea\"]"
        c.referTo = []
        let r = try Edges.route(c, d)
        #expect(r.decision("psea.channel")?.action == .excluded)
        c.referTo = ["psea.reporting"]
        #expect(try Edges.route(c, d).decision("psea.channel")?.action == .refer)
    }

    @Test func anUnexplainedReportingDutyIsCriticalAndOnlyProvidersCarryingItWait() throws {
        var c = EdgeCase()
        c.age = "16"
        c.explained = false
        let r = try Edges.route(c, d)
        #expect(r.plan.warnings.first { $0.rule == .confidentialityMandatoryReporting }?.level == .critical)
        #expect(r.decision("gov.cp")?.action == .inform)  // carries the duty
        #expect(r.decision("ngo.cp")?.action == .refer)  // does not: care is never delayed for it
        c.explained = true
        #expect(try Edges.route(c, d).plan.warnings.first { $0.rule == .confidentialityMandatoryReporting }?.level == .warning)
    }

    @Test func aConsentThatNamesNothingIsNoReferralConsentYet() throws {
        var c = EdgeCase()
        c.referTo = []
        #expect(try Edges.route(c, d).plan.consent.status == .noReferralConsent)
        #expect(try Edges.route(EdgeCase(), d).plan.consent.status == .valid)
        c.givenBy = "caregiver"
        #expect(try Edges.route(c, d).plan.consent.status == .notValid)
    }

    // MARK: access and capacity

    @Test func anUnmetAccessNeedCallsForAccommodationNotExclusion() throws {
        var c = EdgeCase()
        c.accessNeeds = ["sign-language"]
        let r = try Edges.route(c, d)
        let cmr = try #require(r.decision("ngo.cmr"))
        #expect(cmr.action == .refer)
        #expect(cmr.check(.accessAccommodation)?.outcome == .warn)
        #expect(cmr.warnings.contains { $0.rule == .accessAccommodation })
        #expect(r.plan.gaps.isEmpty)
        // A mobile team meets a wheelchair need; a service that meets the need ranks first.
        c.accessNeeds = ["wheelchair"]
        let w = try Edges.route(c, d)
        #expect(w.decision("aid.gbv-cm")?.check(.accessAccommodation) == nil)
        #expect(w.decision("aid.gbv-cm")?.check(.accessNeeds)?.outcome == .pass)
        // A service that meets the need ranks before a nearer one that would need accommodation.
        let f = try FixtureCopy(Edges.folder)
        defer { f.remove() }
        try f.edit("services.json") {
            $0.replacingOccurrences(of: "\"accessibility\": [], \"features\": [\"lgbtiq-competent\"]",
                                    with: "\"accessibility\": [\"sign-language\"], \"features\": [\"lgbtiq-competent\"]")
        }
        c.accessNeeds = ["sign-language"]
        let ranked = try Edges.route(c, try loadDirectory(f.folder)).step("case-management")
        #expect(ranked?.options.map(\.service) == ["aid.gbv-cm", "ngo.gbv-cm"])
    }

    @Test func anUrgentStepWhoseOptionsAreAllAtCapacityIsAGap() throws {
        var c = EdgeCase(area: "ZE0201", concerns: "\"pathways\": [\"gbv\"], \"gbvIncidentType\": \"psychological-abuse\", \"safetyRisk\": \"high\"")
        let r = try Edges.route(c, d)
        let shelter = try #require(r.step("shelter"))
        #expect(shelter.options.map(\.service) == ["gov.shelter"])
        #expect(shelter.warning(.availabilityAtCapacity)?.level == .critical)
        #expect(r.plan.gaps.first { $0.step == "shelter" }?.cause == .atCapacity)
        // In the north an open shelter exists: no capacity gap.
        c.area = "ZE0101"
        #expect(try Edges.route(c, d).plan.gaps.isEmpty)
    }

    // MARK: pathway content and sex

    @Test func stepsOfTheSameCategoryInSeveralPathwaysAreOneStep() throws {
        var c = EdgeCase.child("13")
        c.concerns = "\"pathways\": [\"gbv\"], \"gbvIncidentType\": \"psychological-abuse\", \"safetyRisk\": \"low\""
        let r = try Edges.route(c, d)
        let mh = r.plan.steps.filter { $0.category == "mhpss.focused" }
        #expect(mh.count == 1)
        #expect(mh.first?.pathways == ["child-protection", "gbv"])
        let health = r.plan.steps.filter { $0.category == "health.general" }
        #expect(health.count == 1)
        // One pathway's steps of one category stay apart.
        #expect(r.plan.steps.filter { $0.category.hasSuffix("case-management") }.count == 2)
    }

    @Test func aPersonOfAnotherSexIsNeverExcludedByAWomenOnlyRuleWithoutAWarning() throws {
        var c = EdgeCase()
        c.sex = "other"
        let r = try Edges.route(c, d)
        let step = try #require(r.step("case-management"))
        #expect(step.excluded.first { $0.service == "ngo.gbv-cm" }?.decidingRules == [.eligibilitySex])
        #expect(step.warning(.eligibilitySex) != nil)
        #expect(try #require(Edges.route(EdgeCase(), d).step("case-management")).warning(.eligibilitySex) == nil)
    }

    @Test func lgbtiqCompetentServicesRankFirstForAPersonOfAnotherSex() throws {
        // A nearer service for everyone, not declared LGBTIQ-competent.
        let f = try FixtureCopy(Edges.folder)
        defer { f.remove() }
        try f.edit("services.json") {
            $0.replacingOccurrences(of: "  ]\n}", with: """
                ,
                    {"id": "ngo.gbv-cm-all", "organisation": "org.ngo", "name": "GBV case management (North-A)", "category": "gbv.case-management", "areas": ["ZE0101"], "modality": ["in-person"], "hours": {"alwaysOpen": true}, "languages": ["en"], "accessibility": ["wheelchair"], "intake": {"selfReferral": true, "requiredFields": ["caseCode"]}, "status": "open", "sensitiveDataQualified": true, "lastVerified": "2026-11-01"}
                  ]
                }
                """)
        }
        let dir = try loadDirectory(f.folder)
        var c = EdgeCase()
        c.sex = "other"
        #expect(try Edges.route(c, dir).step("case-management")?.options.map(\.service) == ["aid.gbv-cm", "ngo.gbv-cm-all"])
        c.sex = "female"
        #expect(try Edges.route(c, dir).step("case-management")?.options.map(\.service) == ["ngo.gbv-cm-all", "ngo.gbv-cm", "aid.gbv-cm"])
    }
}
