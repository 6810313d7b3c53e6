import Foundation
import Testing
@testable import ReferralCore

/// A case builder over the basic fixture: start from an adult GBV case and change what a test needs.
struct CaseSpec {
    var age: String = "24"
    var sex = "female"
    var area = "ZZ0101"
    var languages = ["fr"]
    var legalStatus = "irregular"
    var pathways = ["gbv"]
    var concerns = "\"gbvIncidentType\": \"rape\", \"hoursSinceIncident\": 31"
    var preferences = "{}"
    var givenBy = "self"
    var childAssent: Bool? = nil
    var referTo: [String] = ["gbv.case-management", "health.cmr", "shelter.safe", "livelihoods"]
    var share = ["caseCode", "age", "sex", "area", "gbv.incidentType", "gbv.hoursSinceIncident"]
    var explained = false

    var json: String {
        func list(_ a: [String]) -> String { "[" + a.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        let extra = concerns.isEmpty ? "" : ", " + concerns
        let assent = childAssent.map { ", \"childAssent\": \($0)" } ?? ""
        return """
            {"formatVersion": 1, "caseCode": "TEST-0002", "age": \(age), "sex": "\(sex)", "area": "\(area)",
             "languages": \(list(languages)), "legalStatus": "\(legalStatus)",
             "concerns": {"pathways": \(list(pathways))\(extra)}, "preferences": \(preferences),
             "consent": {"givenBy": "\(givenBy)"\(assent), "referToCategories": \(list(referTo)), "share": \(list(share)),
                         "mandatoryReportingExplained": \(explained)}}
            """
    }
}

struct Routed {
    let plan: RoutePlan
    let json: String

    init(_ spec: CaseSpec, directory: Directory, at: String = "2026-11-28T14:00:00+02:00") throws {
        let c = try loadCase(spec.json, directory: directory)
        plan = Router(directory: directory).route(c, at: time(at, directory))
        json = String(decoding: canonicalJSON(plan), as: UTF8.self)
    }

    /// The decision for a service in a step (options or excluded).
    func decision(_ service: String, step: String? = nil) -> ServiceDecision? {
        for s in plan.steps where step == nil || s.step == step {
            if let d = (s.options + s.excluded).first(where: { $0.service == service }) { return d }
        }
        return nil
    }

    func step(_ id: String) -> StepPlan? { plan.steps.first { $0.step == id } }
}

extension ServiceDecision {
    func check(_ rule: RuleID) -> RuleCheck? { checks.first { $0.rule == rule } }
    var packetFields: [String] { packet.map(\.field.rawValue) }
}

/// One test (at least) per safety rule of DOMAIN.md; each was checked to fail with its rule removed.
@Suite("Safety rules")
struct SafetyRuleTests {
    let directory: Directory
    init() throws { directory = try loadDirectory() }

    // Rule 1: consent before sharing.

    @Test func noReferralWithoutConsentToThatKindOfService() throws {
        var spec = CaseSpec()
        spec.referTo = ["gbv.case-management"]
        let r = try Routed(spec, directory: directory)
        let cmr = try #require(r.decision("beta.cmr"))
        #expect(cmr.action == .inform)
        #expect(cmr.packet.isEmpty)
        #expect(cmr.check(.consentReferral)?.outcome == .warn)
        let shelter = try #require(r.decision("alpha.shelter"))
        #expect(shelter.action == .excluded)
        #expect(shelter.check(.consentReferral)?.outcome == .fail)
        #expect(try #require(r.decision("alpha.gbv-cm")).action == .refer)
    }

    @Test func consentToAnOrganisationCoversItsServices() throws {
        var spec = CaseSpec()
        spec.referTo = []
        let c = try loadCase(spec.json.replacingOccurrences(of: "\"referToCategories\": []", with: "\"referToOrganisations\": [\"org.beta\"]"),
                             directory: directory)
        let plan = Router(directory: directory).route(c, at: time("2026-11-28T14:00:00+02:00", directory))
        let cmr = try #require(plan.steps.flatMap(\.options).first { $0.service == "beta.cmr" })
        #expect(cmr.action == .refer)
        let cm = try #require(plan.steps.flatMap(\.options).first { $0.service == "alpha.gbv-cm" })
        #expect(cm.action == .inform)
    }

    @Test func invalidConsentMeansInformationOnlyEverywhere() throws {
        var spec = CaseSpec()
        spec.givenBy = "caregiver"  // an adult's caregiver cannot consent for her
        let r = try Routed(spec, directory: directory)
        #expect(!r.plan.consent.valid)
        #expect(r.plan.warnings.contains { $0.rule == .consentInvalid && $0.level == .critical })
        let actions = Set(r.plan.steps.flatMap(\.options).map(\.action))
        #expect(!actions.isEmpty)
        #expect(!actions.contains(.refer))
        #expect(r.plan.steps.flatMap(\.options).allSatisfy { $0.packet.isEmpty })
    }

    // Rule 2: minimum necessary data; sensitive fields only to qualified providers.

    @Test func packetIsTheIntersectionOfWhatTheProviderNeedsAndWhatWasAgreed() throws {
        var spec = CaseSpec()
        spec.share = ["age", "sex", "gbv.incidentType", "languages"]
        let r = try Routed(spec, directory: directory)
        let cm = try #require(r.decision("alpha.gbv-cm"))
        #expect(cm.action == .refer)
        #expect(cm.packetFields == ["age", "gbv.incidentType", "sex"])
        #expect(Set(cm.withheld.map(\.field.rawValue)) == ["caseCode", "area"])
        #expect(cm.withheld.allSatisfy { $0.cause == .notAgreed })
        #expect(!cm.packetFields.contains("languages"))
    }

    @Test func sensitiveFieldsGoOnlyToQualifiedProviders() throws {
        var spec = CaseSpec()
        spec.languages = ["en"]
        spec.legalStatus = "citizen"
        let r = try Routed(spec, directory: directory)
        let liv = try #require(r.decision("beta.livelihoods"))
        #expect(liv.action == .refer)
        #expect(!liv.packetFields.contains("gbv.incidentType"))
        #expect(liv.withheld.contains { $0.field == .gbvIncidentType && $0.cause == .sensitive })
        #expect(liv.check(.dataSensitive)?.outcome == .warn)
        // The qualified GBV service does receive it.
        #expect(try #require(r.decision("alpha.gbv-cm")).packetFields.contains("gbv.incidentType"))
    }

    // Rule 3: limits of confidentiality are explicit.

    @Test func confidentialAddressNeverAppearsInOutput() throws {
        for referTo in [["shelter.safe"], []] {
            var spec = CaseSpec()
            spec.referTo = referTo
            spec.languages = ["en"]
            spec.legalStatus = "citizen"
            let r = try Routed(spec, directory: directory)
            #expect(!r.json.contains("Hidden Lane"))
            let shelter = try #require(r.decision("alpha.shelter"))
            #expect(shelter.access.addressConfidential)
            #expect(shelter.access.address == nil)
            // The public address of another service is shown, so the check above can see addresses at all.
            #expect(r.json.contains("Market Square"))
        }
    }

    @Test func mandatoryReportingProviderIsNotReferredUntilConsequencesExplained() throws {
        var spec = CaseSpec()
        spec.age = "16"
        spec.languages = ["en"]
        spec.pathways = ["gbv"]
        spec.referTo = ["cp.case-management", "gbv.case-management"]
        spec.share = ["caseCode", "age", "sex", "area", "child.separation"]
        let before = try Routed(spec, directory: directory)
        let cp = try #require(before.decision("alpha.cp"))
        #expect(cp.action == .inform)
        #expect(cp.check(.consentMandatoryReporting)?.outcome == .fail)
        // The action comes from the checks: consent granted a referral, the reporting gate's
        // ceiling lowered it to information only, and that gate is the reason.
        #expect(cp.check(.consentReferral)?.ceiling == .refer)
        #expect(cp.check(.consentMandatoryReporting)?.ceiling == .inform)
        #expect(cp.decidingRules == [.consentMandatoryReporting])
        #expect(cp.warnings.contains { $0.rule == .confidentialityMandatoryReporting })
        spec.explained = true
        let after = try Routed(spec, directory: directory)
        let cp2 = try #require(after.decision("alpha.cp"))
        #expect(cp2.action == .refer)
        #expect(cp2.decidingRules == [.consentReferral])
        // The warning stays even once explained: it is never applied silently.
        #expect(cp2.warnings.contains { $0.rule == .confidentialityMandatoryReporting })
        #expect(after.plan.warnings.contains { $0.rule == .confidentialityMandatoryReporting })
    }

    @Test func mandatoryReportingDutyOnlyWhereItApplies() throws {
        // The child-abuse duty applies to children only: an adult's police referral carries no such warning.
        var spec = CaseSpec()
        spec.languages = ["en"]
        spec.referTo = ["police"]
        spec.share = ["age", "sex", "area"]
        let r = try Routed(spec, directory: directory)
        let police = try #require(r.decision("police.north"))
        #expect(police.action == .refer)
        #expect(police.warnings.isEmpty)
    }

    @Test func imminentRiskToLifeAllowsEmergencyReferralWithMinimumDataAndAWarning() throws {
        var spec = CaseSpec()
        spec.pathways = ["mhpss"]
        spec.concerns = "\"suicidePlan\": true, \"imminentRiskToLife\": true"
        spec.referTo = []
        spec.share = []
        let r = try Routed(spec, directory: directory)
        let mh = try #require(r.decision("beta.mh"))
        #expect(mh.action == .emergencyReferral)
        #expect(mh.packetFields == ["age", "area", "sex"])
        #expect(mh.warnings.contains { $0.level == .critical })
        #expect(r.plan.warnings.first?.rule == .confidentialityRiskToLife)
        #expect(r.plan.warnings.first?.level == .critical)
        #expect(r.step("specialised")?.urgency == .emergency)
    }

    @Test func riskToLifeExceptionIsNotUsedWhereTheContextDoesNotAllowIt() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.edit("context.json") { $0.replacingOccurrences(of: "\"allowed\": true", with: "\"allowed\": false") }
        let dir = try loadDirectory(f.folder)
        var spec = CaseSpec()
        spec.pathways = ["mhpss"]
        spec.concerns = "\"suicidePlan\": true, \"imminentRiskToLife\": true"
        spec.referTo = []
        let r = try Routed(spec, directory: dir)
        #expect(try #require(r.decision("beta.mh")).action == .excluded)
        #expect(r.plan.warnings.contains { $0.rule == .confidentialityRiskToLife && $0.message.contains("does not allow") })
    }

    // Children: whose consent counts, never the suspected caregiver's; best interests.

    @Test(arguments: [
        // age, givenBy, assent, caregiverSuspected, separation, valid, failing rule
        ("9", "caregiver", true, true, "none", false, RuleID.consentSuspectedCaregiver),
        ("9", "trusted-adult", true, true, "none", true, nil),
        ("9", "trusted-adult", false, true, "none", false, .consentChildAssent),
        ("9", "caregiver", true, false, "none", true, nil),
        ("9", "trusted-adult", true, false, "none", false, .consentByAge),
        ("9", "caregiver", true, false, "unaccompanied", false, .consentByAge),
        ("9", "caseworker-best-interests", true, false, "unaccompanied", true, nil),
        ("4", "caregiver", false, false, "none", true, nil),
        ("16", "self", false, false, "none", true, nil),
        ("16", "caregiver", false, false, "none", false, .consentByAge),
        // An age in dispute is a child's until assessed (rules.presumeMinority): the rule of 16, self.
        ("\"16-19\"", "self", false, false, "none", true, nil),
        ("\"16-19\"", "caregiver", false, false, "none", false, .consentByAge),
    ])
    func childConsentFollowsTheAgeTable(_ age: String, _ givenBy: String, _ assent: Bool, _ suspected: Bool,
                                        _ separation: String, _ valid: Bool, _ failing: RuleID?) throws
    {
        var spec = CaseSpec()
        spec.age = age
        spec.givenBy = givenBy
        spec.childAssent = assent
        spec.concerns = "\"caregiverSuspected\": \(suspected), \"separation\": \"\(separation)\""
        spec.pathways = ["gbv"]
        let r = try Routed(spec, directory: directory)
        #expect(r.plan.consent.valid == valid, "\(r.plan.consent.checks)")
        if let failing {
            #expect(r.plan.consent.checks.contains { $0.rule == failing && $0.outcome == .fail })
        }
        if !valid {
            #expect(!r.plan.steps.flatMap(\.options).contains { $0.action == .refer })
        }
    }

    @Test func childCasesFlagBestInterestsAndConfidentialityLimits() throws {
        var spec = CaseSpec()
        spec.age = "10"
        spec.givenBy = "caregiver"
        spec.childAssent = true
        let child = try Routed(spec, directory: directory)
        #expect(child.plan.consent.child)
        #expect(child.plan.warnings.contains { $0.rule == .childBestInterests })
        #expect(child.plan.warnings.contains { $0.rule == .childConfidentialityLimits })
        #expect(child.plan.pathways.contains("child-protection"))
        let adult = try Routed(CaseSpec(), directory: directory)
        #expect(!adult.plan.warnings.contains { $0.rule.family == .child })
    }

    @Test func separatedChildGetsFamilyTracingWarning() throws {
        var spec = CaseSpec()
        spec.age = "12"
        spec.givenBy = "caseworker-best-interests"
        spec.childAssent = true
        spec.concerns = "\"separation\": \"unaccompanied\""
        let r = try Routed(spec, directory: directory)
        #expect(r.plan.consent.valid)
        #expect(r.plan.warnings.contains { $0.rule == .childSeparation && $0.message.contains("48 hours") })
    }

    // Rule 4: survivor's choice.

    @Test func noPoliceMeansThePoliceStepIsNotReferredAndTheResultSaysSo() throws {
        var spec = CaseSpec()
        spec.languages = ["en"]
        spec.referTo = ["police", "gbv.case-management"]
        spec.preferences = "{\"noPolice\": true}"
        let r = try Routed(spec, directory: directory)
        let police = try #require(r.decision("police.north"))
        #expect(police.action == .excluded)
        #expect(police.check(.preferenceNoPolice)?.outcome == .fail)
        #expect(r.step("police")?.excluded.contains { $0.service == "police.north" } == true)
        #expect(r.plan.warnings.contains { $0.rule == .preferenceNoPolice })
        // The empty police step is the person's choice, not a gap in services.
        #expect(r.plan.gaps.first { $0.step == "police" }?.cause == .personsChoice)
        spec.preferences = "{}"
        #expect(try #require(Routed(spec, directory: directory).decision("police.north")).action == .refer)
    }

    @Test func remoteOnlyPreferenceExcludesInPersonOnlyServices() throws {
        var spec = CaseSpec()
        spec.preferences = "{\"remoteOnly\": true}"
        let r = try Routed(spec, directory: directory)
        #expect(try #require(r.decision("beta.cmr")).check(.preferenceRemoteOnly)?.outcome == .fail)
        #expect(try #require(r.decision("alpha.gbv-cm")).check(.preferenceRemoteOnly)?.outcome == .pass)
    }

    @Test func staffSexPreferenceIsHonouredOrItsAbsenceExplained() throws {
        var spec = CaseSpec()
        spec.preferences = "{\"staffSex\": \"female\"}"
        let r = try Routed(spec, directory: directory)
        #expect(try #require(r.decision("alpha.gbv-cm")).check(.preferenceStaffSex)?.outcome == .pass)
        #expect(try #require(r.decision("beta.cmr")).check(.preferenceStaffSex)?.outcome == .warn)
    }

    @Test func forensicRefusalIsPassedOnNotHidden() throws {
        var spec = CaseSpec()
        spec.preferences = "{\"noForensicEvidence\": true}"
        let r = try Routed(spec, directory: directory)
        let cmr = try #require(r.decision("beta.cmr"))
        #expect(cmr.action == .refer)
        #expect(cmr.check(.preferenceNoForensic)?.outcome == .warn)
    }

    // Rule 5: non-discrimination is visible.

    @Test func legalStatusRestrictionIsNamedAsANonDiscriminationGap() throws {
        let r = try Routed(CaseSpec(), directory: directory)
        let liv = try #require(r.decision("beta.livelihoods"))
        #expect(liv.action == .excluded)
        #expect(liv.check(.eligibilityLegalStatus)?.reason.contains("non-discrimination") == true)
        #expect(r.plan.gaps.first { $0.step == "livelihoods" }?.cause == .notEligible)
    }

    @Test func gapWithNoServiceInReachIsTold() throws {
        var spec = CaseSpec()
        spec.area = "ZZ0201"
        let r = try Routed(spec, directory: directory)
        let gap = try #require(r.plan.gaps.first { $0.step == "clinical-care" })
        #expect(gap.cause == .noService)
        #expect(gap.message.contains("South-Central (ZZ0201)"))
        // Nothing usable where time matters is a critical warning of the plan, read first.
        let urgent = r.plan.warnings.filter { $0.rule == .gapUrgent }
        #expect(urgent.count == r.plan.gaps.filter { $0.urgency < .routine }.count)
        #expect(urgent.contains { $0.level == .critical && $0.message.contains("gbv / clinical-care") })
    }

    // Rule 6: meaningful access.

    @Test func languageWithoutInterpretationExcludes() throws {
        var spec = CaseSpec()
        spec.languages = ["ar"]
        let r = try Routed(spec, directory: directory)
        #expect(try #require(r.decision("alpha.gbv-cm")).check(.accessLanguage)?.outcome == .fail)
        #expect(try #require(r.decision("beta.cmr")).check(.accessLanguage)?.outcome == .pass)
    }

    @Test func urgentStepShowsClosedNowAndRanksOpenServicesFirst() throws {
        // Saturday 14:00: the weekday-only GBV service is closed.
        let r = try Routed(CaseSpec(), directory: directory)
        let cm = try #require(r.decision("alpha.gbv-cm"))
        #expect(cm.access.openNow == false)
        #expect(cm.check(.availabilityHours)?.outcome == .warn)
        #expect(r.step("case-management")?.warnings.contains { $0.rule == .availabilityHours } == true)
        let monday = try Routed(CaseSpec(), directory: directory, at: "2026-11-30T09:00:00+02:00")
        #expect(monday.decision("alpha.gbv-cm")?.access.openNow == true)
    }

    // Time windows and urgency.

    @Test func windowsGiveDeadlinesAndRaiseUrgency() throws {
        let r = try Routed(CaseSpec(), directory: directory)
        let care = try #require(r.step("clinical-care"))
        #expect(care.urgency == .emergency)
        #expect(r.plan.steps.first?.step == "clinical-care")
        let pep = try #require(care.windows.first { $0.id == "hiv-pep" })
        #expect(pep.open)
        #expect(pep.hoursLeft == 41)
        #expect(pep.closesAt == "2026-11-30T07:00+02:00")
        #expect(pep.message.contains("closes in 41 h"))
        var late = CaseSpec()
        late.concerns = "\"gbvIncidentType\": \"rape\", \"hoursSinceIncident\": 130"
        let l = try Routed(late, directory: directory)
        let lateCare = try #require(l.step("clinical-care"))
        #expect(lateCare.urgency == .routine)
        #expect(lateCare.windows.allSatisfy { !$0.open })
        #expect(lateCare.windows.first?.message.contains("still offered") == true)
    }

    @Test func unknownTimeSinceIncidentIsTreatedAsWithinTheWindow() throws {
        var spec = CaseSpec()
        spec.concerns = "\"gbvIncidentType\": \"rape\""
        let r = try Routed(spec, directory: directory)
        #expect(r.step("clinical-care")?.urgency == .emergency)
        #expect(r.step("clinical-care")?.windows.first?.message.contains("ask now") == true)
    }

    @Test func stepConditionsSkipStepsThatDoNotApply() throws {
        var spec = CaseSpec()
        spec.concerns = "\"gbvIncidentType\": \"physical-assault\""
        let r = try Routed(spec, directory: directory)
        #expect(r.step("clinical-care") == nil)
        #expect(r.plan.skippedSteps.contains { $0.step == "clinical-care" && $0.reason.contains("incident type") })
    }

    @Test func excludedConditionIsNamedInTheReason() throws {
        let cond = Condition([.not(Condition([.incidentTypes([.rape, .sexualAssault])]))])
        let c = try loadCase(CaseSpec().json, directory: directory)
        #expect(!cond.holds(for: c))
        #expect(cond.failures(Facts(c), .caseDefaults) == ["not for cases where incident type is rape or sexual-assault"])
    }

    @Test func suicidePlanEscalatesToEmergency() throws {
        var spec = CaseSpec()
        spec.pathways = ["mhpss"]
        spec.concerns = "\"suicidePlan\": false"
        #expect(try Routed(spec, directory: directory).step("specialised")?.urgency == .routine)
        spec.concerns = "\"suicidePlan\": true"
        let r = try Routed(spec, directory: directory)
        #expect(r.step("specialised")?.urgency == .emergency)
        #expect(r.step("specialised")?.respondBy == "2026-11-29T14:00+02:00")
    }

    // Rule 7: accountability — every decision has reasons; stale data is flagged.

    @Test func everyDecisionCarriesReasonsAndStaleEntriesAreFlagged() throws {
        let r = try Routed(CaseSpec(), directory: directory)
        for d in r.plan.steps.flatMap({ $0.options + $0.excluded }) {
            #expect(!d.checks.isEmpty)
            if d.action == .excluded { #expect(d.checks.contains { $0.outcome == .fail }) }
        }
        #expect(r.decision("beta.livelihoods")?.check(.dataVerified)?.outcome == .warn)
        #expect(r.decision("beta.cmr")?.check(.dataVerified)?.outcome == .pass)
    }

    @Test func sameInputGivesByteIdenticalOutput() throws {
        let a = try Routed(CaseSpec(), directory: directory).json
        let b = try Routed(CaseSpec(), directory: try loadDirectory()).json
        #expect(a == b)
    }

    @Test func rankingPrefersTheSameDistrictThenLanguageThenId() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.edit("services.json") {
            $0.replacingOccurrences(of: "    {\n      \"id\": \"beta.cmr\"", with: """
                    {"id": "z.cm-local", "organisation": "org.beta", "name": "Local GBV desk", "category": "gbv.case-management",
                     "areas": ["ZZ0101"], "modality": ["in-person"], "languages": ["fr"], "hours": {"alwaysOpen": true},
                     "intake": {"selfReferral": true, "requiredFields": ["age"]}, "status": "open", "lastVerified": "2026-11-01"},
                    {"id": "a.cm-national", "organisation": "org.beta", "name": "National GBV line", "category": "gbv.case-management",
                     "areas": ["ZZ"], "modality": ["phone"], "languages": ["en"], "interpretation": true, "hours": {"alwaysOpen": true},
                     "intake": {"selfReferral": true, "requiredFields": ["age"]}, "status": "open", "lastVerified": "2026-11-01"},
                    {
                      "id": "beta.cmr"
                """)
        }
        let dir = try loadDirectory(f.folder)
        var spec = CaseSpec()
        spec.preferences = "{}"
        let r = try Routed(spec, directory: dir, at: "2026-11-30T09:00:00+02:00")
        let order = try #require(r.step("case-management")).options.map(\.service)
        #expect(order == ["z.cm-local", "alpha.gbv-cm", "a.cm-national"])
        #expect(try #require(r.step("case-management")).options.map(\.rank) == [1, 2, 3])
    }

    @Test func inAnUrgentStepAFreeServiceFurtherAwayRanksBeforeAFullOneNearby() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.edit("services.json") {
            $0.replacingOccurrences(of: "    {\n      \"id\": \"beta.cmr\"", with: """
                    {"id": "a.shelter-national", "organisation": "org.beta", "name": "National shelter", "category": "shelter.safe",
                     "areas": ["ZZ"], "modality": ["in-person"], "languages": ["fr"], "hours": {"alwaysOpen": true},
                     "intake": {"selfReferral": false, "requiredFields": ["age"]}, "status": "open", "lastVerified": "2026-11-01"},
                    {
                      "id": "beta.cmr"
                """)
        }
        let r = try Routed(CaseSpec(), directory: try loadDirectory(f.folder))
        let safety = try #require(r.step("safety"))
        #expect(safety.urgency == .urgent)
        // The regional shelter is nearer but at capacity (waiting list).
        #expect(safety.options.map(\.service) == ["a.shelter-national", "alpha.shelter"])
    }

    @Test func explainGivesEveryRuleForOneService() throws {
        let c = try loadCase(CaseSpec().json, directory: directory)
        let e = try #require(Router(directory: directory).explain(serviceID: "alpha.shelter", for: c, at: time(directory)))
        #expect(e.steps.count == 1)
        let d = try #require(e.steps.first?.decision)
        #expect(d.check(.eligibilityArea)?.outcome == .pass)
        #expect(d.check(.availabilityStatus)?.outcome == .warn)
        #expect(d.check(.confidentialityAddress) != nil)
        let outside = try #require(Router(directory: directory).explain(serviceID: "alpha.cp", for: c, at: time(directory)))
        #expect(outside.steps.isEmpty)
        #expect(outside.withoutStep?.check(.eligibilityAge)?.outcome == .fail)
    }
}

func time(_ directory: Directory) -> RoutingTime { time("2026-11-28T14:00:00+02:00", directory) }
