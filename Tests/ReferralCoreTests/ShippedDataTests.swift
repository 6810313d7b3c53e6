import Foundation
import Testing
@testable import ReferralCore

/// The shipped `Pathways/` folder: the generic pathways, the fictional Valmera context and its
/// example cases. These tests load it exactly as the `referral` command does, route every example
/// case, and prove that the deliberate imperfections (see `Pathways/demo/IMPERFECTIONS.md`) and
/// every safety rule really show up in the router's output.
@Suite("Shipped data")
struct ShippedDataTests {
    static let at = "2026-11-28T14:00:00+02:00"

    static var demoFolder: String { Paths.shipped + "/demo" }
    static var casesFolder: String { demoFolder + "/cases" }

    /// The example case files, sorted (evaluated when the tests are discovered).
    static let caseFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: casesFolder)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    /// Loaded once for the whole suite (the tests only read it).
    static let shared = Result { () throws -> Directory in
        try loadDirectory(try DirectoryLoader.contextFolder(in: Paths.shipped).get())
    }

    func directory() throws -> Directory { try Self.shared.get() }

    func loadCaseFile(_ file: String, _ dir: Directory) throws -> Case {
        let data = try #require(FileManager.default.contents(atPath: Self.casesFolder + "/" + file), "cannot read \(file)")
        switch CaseLoader.load(bytes: [UInt8](data), name: file, directory: dir) {
        case .success(let c): return c
        case .failure(let f): throw FixtureError(description: f.description)
        }
    }

    func route(_ file: String, _ dir: Directory) throws -> RoutePlan {
        let c = try loadCaseFile(file + (file.hasSuffix(".json") ? "" : ".json"), dir)
        let t = try #require(RoutingTime.parse(Self.at, utcOffsetMinutes: dir.context.utcOffsetMinutes))
        return Router(directory: dir).route(c, at: t)
    }

    func step(_ plan: RoutePlan, _ pathway: String, _ step: String) throws -> StepPlan {
        try #require(plan.steps.first { $0.pathway == pathway && $0.step == step },
                     "step \(pathway)/\(step) not reached for \(plan.caseCode)")
    }

    /// The decision on a service in a step, whether offered or excluded.
    func decision(_ s: StepPlan, _ service: String) throws -> ServiceDecision {
        try #require((s.options + s.excluded).first { $0.service == service }, "\(service) not considered in \(s.step)")
    }

    func outcome(_ d: ServiceDecision, _ rule: RuleID) -> [RuleCheck.Outcome] {
        d.checks.filter { $0.rule == rule }.map(\.outcome)
    }

    // MARK: loading

    @Test func loadsStrictlyWithoutFindings() throws {
        let folder = try DirectoryLoader.contextFolder(in: Paths.shipped).get()
        #expect(folder.hasSuffix("/demo"))
        let r = DirectoryLoader().load(folder: folder)
        #expect(r.diagnostics.map(\.rendered) == [])
        let dir = try #require(r.directory)
        #expect(dir.context.fictional)
        #expect(dir.context.name.contains("FICTIONAL"))
        #expect(dir.pathways.map(\.id) == ["child-protection", "counter-trafficking", "gbv", "mhpss", "psea"])
    }

    @Test func meetsTheSizeTheIssueAsksFor() throws {
        let dir = try directory()
        let areas = dir.context.areas.values
        #expect(areas.filter { $0.level == 1 }.count >= 3)
        #expect(areas.filter { $0.level == 2 }.count >= 8)
        #expect(dir.services.count >= 40)
        #expect(dir.organisations.count >= 12)
        #expect(Set(dir.services.map(\.organisation)) == Set(dir.organisations.keys), "every organisation runs a service")
        let families = Set(dir.services.map { String($0.category.split(separator: ".")[0]) })
        for f in ["gbv", "cp", "ct", "mhpss", "health", "legal", "shelter", "police", "livelihoods"] {
            #expect(families.contains(f), "no \(f) service")
        }
        #expect(Self.caseFiles.count >= 18)
    }

    @Test func everythingIsVisiblyFictional() throws {
        let dir = try directory()
        for o in dir.organisations.values {
            #expect(o.name.contains("(fictional)"), "\(o.id)")
            #expect(o.contact?.phone?.hasPrefix("+000 ") ?? true, "\(o.id)")
            #expect(o.contact?.email?.hasSuffix("example.org") ?? true, "\(o.id)")
        }
        for s in dir.services {
            #expect(s.focalPoint?.phone?.hasPrefix("+000 ") ?? true, "\(s.id)")
            #expect(s.focalPoint?.email?.hasSuffix("example.org") ?? true, "\(s.id)")
            if let a = s.address { #expect(a.text?.contains("(fictional)") ?? a.confidential, "\(s.id)") }
        }
        #expect(dir.context.areas.keys.allSatisfy { $0.hasPrefix("XV") })
    }

    // MARK: pathways

    @Test func pathwayGraphsAreAcyclicAndEndInTerminalSteps() throws {
        let dir = try directory()
        for p in dir.pathways {
            // Depth-first search for a cycle.
            var state = [Int](repeating: 0, count: p.steps.count)  // 0 new, 1 on stack, 2 done
            func visit(_ i: Int) -> Bool {
                if state[i] == 1 { return false }
                if state[i] == 2 { return true }
                state[i] = 1
                for l in p.links[i] where !visit(l.to) { return false }
                state[i] = 2
                return true
            }
            for e in p.entry { #expect(visit(e), "cycle in \(p.id)") }
            for (i, s) in p.steps.enumerated() {
                #expect(state[i] == 2, "\(p.id)/\(s.id) is unreachable from the entry steps")
                if !s.terminal { #expect(!p.links[i].isEmpty, "\(p.id)/\(s.id) is a dead end") }
                if p.links[i].isEmpty { #expect(s.terminal, "\(p.id)/\(s.id) has no next step but is not terminal") }
            }
        }
    }

    @Test func everyStepCategoryIsOfferedSomewhere() throws {
        let dir = try directory()
        for p in dir.pathways {
            for s in p.steps {
                #expect(dir.services.contains { $0.category == s.category && $0.status != .closed },
                        "no open service for \(p.id)/\(s.id) (\(s.category))")
            }
        }
    }

    @Test func gbvPathwayFollowsTheGuidance() throws {
        let dir = try directory()
        let gbv = try #require(dir.pathway("gbv"))
        let cmr = try #require(gbv.steps.first { $0.category == "health.cmr" })
        let windows = Dictionary(uniqueKeysWithValues: cmr.windows.map { ($0.id, $0) })
        #expect(windows["hiv-pep"]?.hours == 72)
        #expect(windows["hiv-pep"]?.urgency == .emergency)
        #expect(windows["emergency-contraception"]?.hours == 120)
        #expect(windows["emergency-contraception"]?.urgency == .emergency)
        #expect(windows["hepatitis-b"]?.hours == 2160)
        #expect(windows["hepatitis-b"]?.urgency == .urgent)
        #expect(cmr.criticalNote?.contains("Forensic evidence is collected only with") == true)
        let police = try #require(gbv.steps.first { $0.category == "police" })
        #expect(police.optional)
        #expect(dir.context.categories["police"]?.lawEnforcement == true)
        // Police appear nowhere except as an optional step.
        for p in dir.pathways {
            for s in p.steps where dir.context.categories[s.category]?.lawEnforcement == true {
                #expect(s.optional, "\(p.id)/\(s.id) pushes law enforcement")
            }
        }
    }

    // MARK: every example case

    @Test(arguments: caseFiles)
    func exampleCaseRoutes(file: String) throws {
        let dir = try directory()
        let plan = try route(file, dir)
        #expect(plan.fictional)
        #expect(plan.caseCode.hasPrefix("DEMO-"))
        #expect(!plan.steps.isEmpty)
        // Same input, same bytes.
        #expect(canonicalJSON(plan) == canonicalJSON(try route(file, dir)))
        // A confidential address never appears in the output, whatever the case.
        let json = String(decoding: canonicalJSON(plan), as: UTF8.self)
        for s in dir.services {
            if let a = s.address, a.confidential, let text = a.text { #expect(!json.contains(text), "\(s.id)'s address leaked") }
        }
    }

    @Test func examplesCoverEveryPathway() throws {
        let dir = try directory()
        var seen = Set<String>()
        for f in Self.caseFiles { seen.formUnion(try route(f, dir).pathways) }
        #expect(seen == Set(dir.pathways.map(\.id)))
    }

    @Test func exampleCasesCarryNoFreeText() throws {
        // The loader refuses identifying data; this checks the files stay within the code vocabulary.
        for f in Self.caseFiles {
            let data = try #require(FileManager.default.contents(atPath: Self.casesFolder + "/" + f))
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("@"), "\(f)")
            #expect(text.contains("\"DEMO-"), "\(f)")
        }
    }

    // MARK: the deliberate imperfections

    @Test func imperfection1NoClinicalCareForRapeInFenwick() throws {
        let dir = try directory()
        #expect(dir.services(category: "health.cmr", covering: "XV0203").isEmpty)
        for district in ["XV0101", "XV0102", "XV0103", "XV0201", "XV0202", "XV0301", "XV0302", "XV0303"] {
            #expect(dir.services(category: "health.cmr", covering: district).contains { $0.hours?.alwaysOpen == true },
                    "\(district) should have a 24/7 clinical-care option")
        }
        let plan = try route("gbv-rape-survivor-fenwick-gap", dir)
        let gap = try #require(plan.gaps.first { $0.category == "health.cmr" })
        #expect(gap.area == "XV0203")
        #expect(gap.urgency == .emergency)
        #expect(try step(plan, "gbv", "clinical-care").options.isEmpty)
    }

    @Test func imperfection2NoGBVCaseManagementForMenInSouthcoast() throws {
        let dir = try directory()
        for district in ["XV0301", "XV0302", "XV0303"] {
            let cm = dir.services(category: "gbv.case-management", covering: district)
            #expect(!cm.isEmpty)
            #expect(cm.allSatisfy { $0.eligibility.sexes == [.female] }, "\(district)")
        }
        for region in ["XV01", "XV02"] {
            #expect(dir.services(category: "gbv.case-management", covering: region + "01")
                .contains { $0.eligibility.sexes?.contains(.male) ?? true })
        }
        let plan = try route("gbv-male-survivor-southcoast-gap", dir)
        let cm = try step(plan, "gbv", "case-management")
        #expect(cm.options.isEmpty)
        #expect(!cm.excluded.isEmpty && cm.excluded.allSatisfy { outcome($0, .eligibilitySex) == [.fail] })
        #expect(plan.gaps.contains { $0.category == "gbv.case-management" && $0.area == "XV0302" })
    }

    @Test func imperfection3ShelterAtCapacity() throws {
        let dir = try directory()
        let s = try #require(dir.service("safehaven.women-riverlands"))
        #expect(s.category == "shelter.safe" && s.status == .waitlist)
        let plan = try route("gbv-adult-rape-after-72h-no-forensic", dir)
        let d = try decision(try step(plan, "gbv", "safety"), s.id)
        #expect(outcome(d, .availabilityStatus) == [.warn])
        #expect(d.access.status == .waitlist)
    }

    @Test func imperfection4StaleEntry() throws {
        let dir = try directory()
        let t = try #require(RoutingTime.parse(Self.at, utcOffsetMinutes: dir.context.utcOffsetMinutes))
        let stale = dir.services.filter { ($0.lastVerifiedDay ?? 0) < t.localDay - dir.context.rules.staleAfterDays }
        #expect(stale.map(\.id) == ["circles.community-southcoast"])
        #expect(dir.services.allSatisfy { $0.lastVerified != nil })
        let plan = try route("mhpss-imminent-risk-no-consent", dir)
        let d = try decision(try step(plan, "mhpss", "community"), "circles.community-southcoast")
        #expect(outcome(d, .dataVerified) == [.warn])
    }

    @Test func imperfection5LegalStatusRestriction() throws {
        let dir = try directory()
        let restricted = dir.services.filter { $0.eligibility.legalStatuses != nil }
        #expect(restricted.map(\.id) == ["hope.livelihoods-northmark"])
        #expect(restricted.first?.eligibility.legalStatuses == ["citizen", "refugee"])
        let plan = try route("gbv-irregular-migrant-livelihoods", dir)
        let s = try step(plan, "gbv", "livelihoods")
        let d = try decision(s, "hope.livelihoods-northmark")
        #expect(d.action == .excluded)
        #expect(outcome(d, .eligibilityLegalStatus) == [.fail])
        #expect(plan.gaps.contains { $0.category == "livelihoods" })
    }

    @Test func imperfection6ProvidersWithAReportingDuty() throws {
        let dir = try directory()
        let carriers = dir.services.filter { $0.mandatoryReporting.contains("child-abuse") }
        #expect(carriers.contains { $0.category == "police" })
        #expect(carriers.contains { $0.category == "cp.case-management" })
        // Not explained yet: the statutory CP service is information only, with the rule failing.
        let notExplained = try route("cp-girl-16-self-consent-reporting-not-explained", dir)
        let d1 = try decision(try step(notExplained, "child-protection", "case-management"), "dsw.cp-case-management")
        #expect(d1.action == .inform)
        #expect(outcome(d1, .consentMandatoryReporting) == [.fail])
        #expect(d1.warnings.contains { $0.rule == .confidentialityMandatoryReporting })
        let police = try decision(try step(notExplained, "gbv", "police"), "police.family-desk-riverlands")
        #expect(police.action == .inform)
        #expect(outcome(police, .consentMandatoryReporting) == [.fail])
        // Explained: the referral goes ahead, and the warning is still shown.
        let explained = try route("cp-child-9-trusted-adult-consent", dir)
        let d2 = try decision(try step(explained, "child-protection", "case-management"), "dsw.cp-case-management")
        #expect(d2.action == .refer)
        #expect(outcome(d2, .consentMandatoryReporting) == [.pass])
        #expect(d2.warnings.contains { $0.rule == .confidentialityMandatoryReporting })
    }

    @Test func imperfection7ConfidentialShelterAddress() throws {
        let dir = try directory()
        let confidential = dir.services.filter { $0.address?.confidential == true }
        #expect(confidential.map(\.id) == ["safehaven.protection-shelter"])
        let text = try #require(confidential.first?.address?.text)
        let plan = try route("ct-adult-act-means-purpose", dir)
        let d = try decision(try step(plan, "counter-trafficking", "safety"), "safehaven.protection-shelter")
        #expect(d.action == .refer)
        #expect(d.access.address == nil)
        #expect(d.access.addressConfidential)
        #expect(outcome(d, .confidentialityAddress) == [.info])
        #expect(!String(decoding: canonicalJSON(plan), as: UTF8.self).contains(text))
        // A public address, by contrast, is shown.
        let gbv = try route("gbv-adult-rape-within-72h", dir)
        let hospital = try decision(try step(gbv, "gbv", "clinical-care"), "moh.cmr-northmark")
        #expect(hospital.access.address?.contains("Northmark Regional Hospital") == true)
    }

    @Test func imperfection8ClosedService() throws {
        let dir = try directory()
        #expect(dir.services.filter { $0.status == .closed }.map(\.id) == ["mindcare.group-support-riverlands"])
        let plan = try route("mhpss-routine-mild-distress", dir)
        let s = try step(plan, "mhpss", "focused")
        let d = try decision(s, "mindcare.group-support-riverlands")
        #expect(d.action == .excluded)
        #expect(outcome(d, .availabilityStatus) == [.fail])
        #expect(!s.options.isEmpty, "Riverlands still has other focused support")
    }

    @Test func imperfectionsFileNamesRealIDs() throws {
        let dir = try directory()
        let data = try #require(FileManager.default.contents(atPath: Self.demoFolder + "/IMPERFECTIONS.md"))
        let text = String(decoding: data, as: UTF8.self)
        // Every `code` span that looks like a service id or a P-code must exist.
        let spans = text.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        var checked = 0
        for s in spans {
            if s.hasPrefix("XV"), s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                #expect(dir.context.areas[s] != nil, "unknown area \(s)")
                checked += 1
            } else if let dot = s.firstIndex(of: "."), dir.organisations["org." + s[..<dot]] != nil {
                #expect(dir.service(s) != nil, "unknown service \(s)")
                checked += 1
            }
        }
        #expect(checked >= 10)
        for n in 1...8 { #expect(text.contains("\n## \(n). "), "imperfection \(n) is not described") }
    }

    // MARK: consent

    @Test func hotlineWithoutConsentGivesInformationOnly() throws {
        let plan = try route("gbv-hotline-no-consent", try directory())
        let options = plan.steps.flatMap(\.options)
        #expect(!options.isEmpty)
        #expect(options.allSatisfy { $0.action == .inform })
        #expect(options.allSatisfy { $0.packet.isEmpty })
        #expect(plan.steps.allSatisfy { $0.warnings.contains { $0.rule == .consentReferral } || $0.options.isEmpty })
    }

    @Test func consentToSomeCategoriesOnly() throws {
        let plan = try route("gbv-consent-case-management-only", try directory())
        for s in plan.steps {
            for o in s.options {
                #expect(o.action == (o.category == "gbv.case-management" ? .refer : .inform), "\(o.service)")
            }
        }
        #expect(try step(plan, "gbv", "case-management").options.contains { $0.action == .refer })
    }

    @Test func suspectedCaregiverConsentNeverCounts() throws {
        let plan = try route("cp-child-9-caregiver-suspected-invalid-consent", try directory())
        #expect(!plan.consent.valid)
        #expect(plan.consent.checks.contains { $0.rule == .consentSuspectedCaregiver && $0.outcome == .fail })
        #expect(plan.warnings.contains { $0.rule == .childSuspectedCaregiver && $0.level == .critical })
        #expect(!plan.steps.flatMap(\.options).contains { $0.action == .refer })
    }

    @Test func trustedAdultConsentWithAssentCounts() throws {
        let plan = try route("cp-child-9-trusted-adult-consent", try directory())
        #expect(plan.consent.valid)
        #expect(plan.consent.child)
        #expect(plan.consent.checks.contains { $0.rule == .consentChildAssent && $0.outcome == .pass })
        #expect(plan.consent.checks.contains { $0.rule == .consentCaregiverUnavailable })
        #expect(try step(plan, "child-protection", "alternative-care").options.contains { $0.action == .refer })
    }

    @Test func sixteenYearOldConsentsHerself() throws {
        let plan = try route("cp-girl-16-self-consent-reporting-not-explained", try directory())
        #expect(plan.consent.valid)
        #expect(plan.consent.givenBy == .self)
        #expect(plan.consent.child)
        #expect(Set(plan.pathways) == ["gbv", "child-protection"])
        #expect(try step(plan, "gbv", "clinical-care").urgency == .emergency)
    }

    @Test func unaccompaniedChildGetsTracingAndCare() throws {
        let plan = try route("cp-unaccompanied-child-14", try directory())
        #expect(plan.consent.valid)
        #expect(plan.warnings.contains { $0.rule == .childSeparation })
        #expect(try step(plan, "child-protection", "family-tracing").options.contains { $0.action == .refer })
        #expect(try step(plan, "child-protection", "alternative-care").options.contains { $0.action == .refer })
        #expect(try step(plan, "child-protection", "family-tracing").note?.contains("48 hours") == true)
        #expect(plan.gaps.isEmpty)
    }

    // MARK: data sharing and risk to life

    @Test func sensitiveFieldsAreHeldBackFromAnUnqualifiedProvider() throws {
        let plan = try route("gbv-adult-rape-within-72h", try directory())
        let d = try decision(try step(plan, "gbv", "legal-aid"), "probono.legal-advice")
        #expect(d.action == .refer)
        #expect(d.withheld.contains { $0.field == .gbvIncidentType && $0.cause == .sensitive })
        #expect(!d.packet.contains { $0.field == .gbvIncidentType })
        // The qualified clinic receives it.
        let clinic = try decision(try step(plan, "gbv", "legal-aid"), "legalclinic.legal-aid")
        #expect(clinic.packet.contains { $0.field == .gbvIncidentType })
    }

    @Test func imminentRiskToLifeWithoutConsentIsAnEmergencyReferralWithMinimumData() throws {
        let plan = try route("mhpss-imminent-risk-no-consent", try directory())
        #expect(plan.warnings.contains { $0.rule == .confidentialityRiskToLife && $0.level == .critical })
        let specialised = try step(plan, "mhpss", "specialised")
        // An imminent risk to life: respond now (issue 8), first in the plan.
        #expect(specialised.urgency == .immediate)
        #expect(plan.steps.first?.urgency == .immediate)
        let emergency = specialised.options.filter { $0.action == .emergencyReferral }
        #expect(!emergency.isEmpty)
        // The minimum data names the risk and a code for follow-up (context minimumFields).
        for o in emergency { #expect(o.packet.map(\.field) == [.age, .area, .caseCode, .riskNature, .sex]) }
        #expect(try step(plan, "mhpss", "emergency-care").options.contains { $0.action == .emergencyReferral })
        // Outside the exception's categories nothing is sent.
        #expect(try step(plan, "mhpss", "focused").options.allSatisfy { $0.action == .inform })
    }

    // MARK: preferences and access

    @Test func noPolicePreferenceIsHonoured() throws {
        let plan = try route("gbv-no-police-female-staff", try directory())
        let police = try step(plan, "gbv", "police")
        #expect(police.optional)
        #expect(police.options.isEmpty)
        #expect(!police.excluded.isEmpty && police.excluded.allSatisfy { outcome($0, .preferenceNoPolice) == [.fail] })
        #expect(plan.warnings.contains { $0.rule == .preferenceNoPolice })
    }

    @Test func femaleStaffPreferenceIsCheckedForEveryOption() throws {
        let plan = try route("gbv-no-police-female-staff", try directory())
        let options = plan.steps.flatMap(\.options)
        #expect(options.allSatisfy { !outcome($0, .preferenceStaffSex).isEmpty })
        let legal = try decision(try step(plan, "gbv", "legal-aid"), "probono.legal-advice")
        #expect(outcome(legal, .preferenceStaffSex) == [.warn])
        let cm = try decision(try step(plan, "gbv", "case-management"), "rwn.gbv-northmark")
        #expect(outcome(cm, .preferenceStaffSex) == [.pass])
    }

    @Test func noForensicEvidencePreferenceIsPassedOn() throws {
        let plan = try route("gbv-adult-rape-after-72h-no-forensic", try directory())
        #expect(plan.warnings.contains { $0.rule == .preferenceNoForensic })
        let d = try decision(try step(plan, "gbv", "clinical-care"), "moh.cmr-dunmere")
        #expect(d.action == .refer)
        #expect(outcome(d, .preferenceNoForensic) == [.warn])
    }

    @Test func remoteOnlyPreferenceLeavesOnlyRemoteOptions() throws {
        let plan = try route("gbv-remote-only", try directory())
        let options = plan.steps.flatMap(\.options)
        #expect(!options.isEmpty)
        #expect(options.allSatisfy { $0.access.modality.contains { $0.isRemote } })
        #expect(try step(plan, "gbv", "case-management").options.contains { $0.action == .refer })
    }

    @Test func interpretationMakesServicesUsable() throws {
        let plan = try route("gbv-interpretation-needed", try directory())
        let options = plan.steps.flatMap(\.options)
        #expect(options.contains { $0.checks.contains { $0.rule == .accessLanguage && $0.reason.hasPrefix("interpretation") } })
        let legal = try decision(try step(plan, "gbv", "legal-aid"), "legalclinic.legal-aid-southcoast")
        #expect(outcome(legal, .accessLanguage) == [.fail])
        #expect(plan.gaps.isEmpty)
    }

    @Test func wheelchairAccessIsChecked() throws {
        let plan = try route("mhpss-routine-wheelchair", try directory())
        let focused = try step(plan, "mhpss", "focused")
        // No step-free access, but a phone line: the wheelchair need is met by the modality.
        let counselling = try decision(focused, "mindcare.counselling-northmark")
        #expect(outcome(counselling, .accessNeeds) == [.pass])
        #expect(counselling.action != .excluded)
        #expect(!focused.options.isEmpty)
        #expect(plan.gaps.isEmpty)
    }

    // MARK: time windows and urgency

    @Test func pepWindowOpenAfter20Hours() throws {
        let plan = try route("gbv-adult-rape-within-72h", try directory())
        let cmr = try step(plan, "gbv", "clinical-care")
        #expect(cmr.urgency == .emergency)
        #expect(plan.steps.first?.step == "clinical-care")
        #expect(cmr.windows.first { $0.id == "hiv-pep" }?.open == true)
        #expect(cmr.windows.first { $0.id == "hiv-pep" }?.hoursLeft == 52)
        #expect(cmr.options.first?.access.openNow == true)
    }

    @Test func pepWindowClosedAfter100Hours() throws {
        let plan = try route("gbv-adult-rape-after-72h-no-forensic", try directory())
        let cmr = try step(plan, "gbv", "clinical-care")
        #expect(cmr.windows.first { $0.id == "hiv-pep" }?.open == false)
        #expect(cmr.windows.first { $0.id == "emergency-contraception" }?.open == true)
        #expect(cmr.urgency == .emergency, "emergency contraception is still possible")
        let late = try route("gbv-male-survivor-southcoast-gap", try directory())
        #expect(try step(late, "gbv", "clinical-care").urgency == .urgent, "only the hepatitis B window is open at 400 h")
    }

    // MARK: trafficking and MHPSS

    @Test func adultTraffickingCaseGetsDirectAssistance() throws {
        let plan = try route("ct-adult-act-means-purpose", try directory())
        for s in ["identification", "safety", "health-care", "psychosocial", "legal-assistance", "durable-solution"] {
            #expect(try step(plan, "counter-trafficking", s).options.contains { $0.action == .refer }, "\(s)")
        }
        let police = try step(plan, "counter-trafficking", "law-enforcement")
        #expect(police.optional)
        #expect(!police.options.contains { $0.action == .refer }, "no consent to law enforcement was given")
    }

    @Test func childTraffickingNeedsNoMeans() throws {
        let dir = try directory()
        let child = try route("ct-child-15-act-purpose", dir)
        #expect(Set(child.pathways) == ["counter-trafficking", "child-protection"])
        // Act + purpose is enough for a child: return is reached, but waits for the BID (pending).
        let ret = try step(child, "counter-trafficking", "durable-solution")
        #expect(!ret.options.isEmpty && ret.options.allSatisfy { $0.action == .inform })
        #expect(ret.options.allSatisfy { $0.decidingRules == [.childBidRequired] })
        // The adult shelter is never for a child: alternative care through child protection instead.
        #expect(child.skippedSteps.contains { $0.pathway == "counter-trafficking" && $0.step == "safety" })
        #expect(try step(child, "child-protection", "alternative-care").ask == ["concerns.safetyRisk"])
        // Family tracing for a trafficked child: check that the family was not involved first.
        let ftr = try step(child, "child-protection", "family-tracing")
        #expect(ftr.warnings.contains { $0.rule == .childFtrFamilyCheck && $0.level == .critical })
        // The same indicators for an adult are reasonable grounds, not an identification: safety and
        // health before formal identification, but no return or police cooperation yet.
        let adult = try route("ct-adult-screening-only", dir)
        #expect(Set(adult.steps.map(\.step)) == ["identification", "safety", "health-care", "psychosocial", "legal-assistance"])
        #expect(try step(adult, "counter-trafficking", "safety").urgency == .urgent)
        #expect(Set(adult.skippedSteps.map(\.step)) == ["law-enforcement", "durable-solution"])
    }

    @Test func suicidePlanIsAnEmergency() throws {
        let plan = try route("mhpss-suicide-plan", try directory())
        let s = try step(plan, "mhpss", "specialised")
        #expect(s.urgency == .emergency)
        #expect(plan.steps.first?.step == "specialised")
        #expect(s.options.contains { $0.action == .refer && $0.access.openNow == true })
        let d = try #require(s.options.first { $0.action == .refer })
        #expect(d.packet.contains { $0.field == .mhpssRisk })
    }

    @Test func routineMHPSSCaseStaysRoutine() throws {
        let plan = try route("mhpss-routine-mild-distress", try directory())
        #expect(plan.steps.allSatisfy { $0.urgency == .routine })
        #expect(plan.skippedSteps.contains { $0.step == "specialised" })
        #expect(plan.gaps.isEmpty)
    }

    // MARK: protection rules at the edges (issue 8) on the shipped data

    @Test func demoContextUsesTheEdgeRules() throws {
        let dir = try directory()
        let ctx = dir.context
        #expect(ctx.categories["shelter.safe"]?.shelter == true)
        #expect(ctx.categories["cp.ftr"]?.familyTracing == true)
        #expect(ctx.categories["ct.return-reintegration"]?.durableSolution == true)
        #expect(ctx.categories["psea.reporting"]?.referralOnly == true)
        #expect(ctx.categories.values.filter(\.shelter).map(\.id) == ["shelter.safe"])
        #expect(ctx.accessNeed("sign-language").accommodation.contains("sign-language interpretation"))
        #expect(Set(ctx.accessNeed("wheelchair").metBy) == [.phone, .remote, .mobile])
        #expect(ctx.rules.sensitiveFields.contains(.legalStatus))
        #expect(ctx.rules.sensitiveFields.contains(.riskNature))
        #expect(ctx.rules.presumeMinority)
        #expect(ctx.rules.responseHours.immediate == 0)
        #expect(Set(ctx.rules.imminentRiskToLife.minimumFields) == [.caseCode, .age, .sex, .area, .riskNature])
        // Adult shelters only: every shelter says so (no validate warning about children).
        for s in dir.services where ctx.categories[s.category]?.shelter == true {
            #expect((s.eligibility.minAge ?? 0) >= ctx.adultAge || s.features.contains("child-safe"), "\(s.id)")
        }
        #expect(dir.services.contains { $0.features.contains("lgbtiq-competent") && $0.category == "gbv.case-management" })
    }

    @Test func shippedPathwaysCarryTheEdgeContent() throws {
        let dir = try directory()
        let gbv = try #require(dir.pathway("gbv"))
        let cmr = try #require(gbv.steps.first { $0.id == "clinical-care" })
        let ec = try #require(cmr.windows.first { $0.id == "emergency-contraception" })
        #expect(ec.when != nil && ec.note?.contains("120 h") == true)
        #expect(gbv.steps.first { $0.id == "health-care" }?.escalate.count == 2)
        // Safety planning is a caseworker task in every GBV case; shelter is a step of its own.
        let planning = try #require(gbv.steps.first { $0.id == "safety-planning" })
        #expect(planning.when == nil && planning.category == "gbv.case-management")
        #expect(gbv.steps.first { $0.id == "safety" }?.when != nil)
        let cp = try #require(dir.pathway("child-protection"))
        #expect(cp.steps.first { $0.id == "family-tracing" }?.respondWithinHours == 48)
        for p in dir.pathways {
            for s in p.steps where s.category == "health.emergency" { #expect(s.urgency == .immediate, "\(p.id)/\(s.id)") }
        }
        #expect(dir.pathway("psea")?.steps.allSatisfy(\.optional) == true)
    }

    @Test func ecWindowIsForWomenAndGirlsOnly() throws {
        let dir = try directory()
        // A man 400 h after a sexual assault: no EC window shown, urgency from hepatitis B only.
        let man = try step(try route("gbv-male-survivor-southcoast-gap", dir), "gbv", "clinical-care")
        #expect(!man.windows.contains { $0.id == "emergency-contraception" })
        let woman = try step(try route("gbv-adult-rape-after-72h-no-forensic", dir), "gbv", "clinical-care")
        #expect(woman.windows.first { $0.id == "emergency-contraception" }?.note != nil)
    }

    @Test func recordedAtKeepsTheWindowsOfASavedCase() throws {
        // Recorded at 12:00 with 8 h since the incident, routed at 14:00: 10 h, 62 h of PEP left.
        let plan = try route("gbv-deaf-survivor-rape-10h", try directory())
        #expect(!plan.warnings.contains { $0.rule == .timeRecordedAt })
        #expect(try step(plan, "gbv", "clinical-care").windows.first { $0.id == "hiv-pep" }?.hoursLeft == 62)
        // Without recordedAt the plan says the hours are as of the routing time.
        let other = try route("gbv-rape-survivor-fenwick-gap", try directory())
        #expect(other.warnings.contains { $0.rule == .timeRecordedAt })
    }

    @Test func hotlineCallWithTheIncidentTypeNotSaid() throws {
        let plan = try route("gbv-hotline-incident-type-unknown", try directory())
        let cmr = try step(plan, "gbv", "clinical-care")
        #expect(cmr.ask == ["concerns.gbvIncidentType"])
        #expect(cmr.urgency == .emergency)
        #expect(cmr.windows.first { $0.id == "hiv-pep" }?.open == true)
        #expect(plan.steps.first?.step == "clinical-care")
        #expect(try step(plan, "gbv", "health-care").ask == ["concerns.gbvIncidentType"])
        #expect(try step(plan, "gbv", "safety").ask == ["concerns.safetyRisk"])
        #expect(plan.consent.status == .noReferralConsent)
    }

    @Test func physicalAssaultWithin72HoursMakesHealthCareUrgent() throws {
        let plan = try route("gbv-hotline-no-consent", try directory())
        let health = try step(plan, "gbv", "health-care")
        #expect(health.urgency == .urgent)
        #expect(health.urgencyReasons.count == 2)
    }

    @Test func ageDisputedTraffickingCaseIsAChildUntilAssessed() throws {
        let plan = try route("ct-age-disputed-16-19", try directory())
        #expect(plan.warnings.contains { $0.rule == .childAgeDisputed })
        #expect(Set(plan.pathways) == ["child-protection", "counter-trafficking"])
        #expect(plan.consent.child && plan.consent.valid)
        #expect(plan.warnings.contains { $0.rule == .childLeadCaseworker })
        // Act + purpose is enough for a child: no trafficking step is skipped but the adult shelter.
        #expect(plan.skippedSteps.filter { $0.pathway == "counter-trafficking" }.map(\.step) == ["safety"])
        #expect(try step(plan, "child-protection", "alternative-care").options.contains { $0.action == .refer })
        #expect(try step(plan, "child-protection", "family-tracing").warnings.contains { $0.rule == .childFtrFamilyCheck })
        let ret = try step(plan, "counter-trafficking", "durable-solution")
        #expect(ret.options.allSatisfy { $0.action == .inform && $0.decidingRules == [.childBidRequired] })
        // The step says why nothing is referred: the BID, not consent (the person agreed).
        #expect(ret.warnings.contains { $0.rule == .childBidRequired } && !ret.warnings.contains { $0.rule == .consentReferral })
    }

    @Test func aStepHeldBackByAnUnexplainedDutyNamesTheDuty() throws {
        let plan = try route("cp-girl-16-self-consent-reporting-not-explained", try directory())
        let police = try step(plan, "gbv", "police")
        #expect(police.options.allSatisfy { $0.decidingRules == [.consentMandatoryReporting] })
        #expect(police.warnings.contains { $0.rule == .consentMandatoryReporting && $0.level == .warning })
        // Without any consent the step is held back by consent, as before.
        let hotline = try route("gbv-hotline-no-consent", try directory())
        #expect(try step(hotline, "gbv", "police").warnings.contains { $0.rule == .consentReferral })
    }

    @Test func familyTracingRespondsWithin48Hours() throws {
        let plan = try route("cp-unaccompanied-child-14", try directory())
        let ftr = try step(plan, "child-protection", "family-tracing")
        #expect(ftr.respondBy == "2026-11-30T14:00+02:00")
        // An unaccompanied child without a GBV or trafficking concern: the abuse duty does not apply.
        #expect(!plan.warnings.contains { $0.rule == .confidentialityMandatoryReporting })
    }

    @Test func suicidalThoughtsWithoutADecisionOnImminence() throws {
        let plan = try route("mhpss-suicidal-thoughts-undecided", try directory())
        #expect(plan.warnings.contains { $0.rule == .mhpssAssessImminentRisk && $0.level == .critical })
        #expect(plan.pathways.contains("mhpss"), "suicidal thoughts reach the MHPSS pathway from a GBV case")
        let specialised = try step(plan, "mhpss", "specialised")
        #expect(specialised.urgency == .urgent)
        #expect(specialised.options.contains { $0.action == .refer })
        let plan2 = try route("mhpss-suicide-plan", try directory())
        #expect(plan2.warnings.contains { $0.rule == .mhpssAssessImminentRisk })
        let decided = try route("mhpss-imminent-risk-no-consent", try directory())
        #expect(!decided.warnings.contains { $0.rule == .mhpssAssessImminentRisk })
    }

    @Test func deafSurvivorGetsClinicalCareWithAnAccommodation() throws {
        let plan = try route("gbv-deaf-survivor-rape-10h", try directory())
        let cmr = try step(plan, "gbv", "clinical-care")
        #expect(cmr.urgency == .emergency)
        let d = try decision(cmr, "moh.cmr-eastford")
        #expect(d.action == .refer)
        #expect(outcome(d, .accessAccommodation) == [.warn])
        #expect(outcome(d, .accessNeeds).allSatisfy { $0 != .fail })
        // A service that meets the need ranks before one that does not.
        let pss = try step(plan, "gbv", "mhpss")
        #expect(pss.options.first?.service == "hotline.pfa")
    }

    @Test func perpetratorsOrganisationIsNeverOffered() throws {
        let plan = try route("gbv-psea-excluded-organisation", try directory())
        #expect(plan.warnings.contains { $0.rule == .preferenceExcludedOrganisation })
        #expect(!plan.steps.flatMap(\.options).contains { $0.organisation == "org.hope" })
        let gap = try #require(plan.gaps.first { $0.step == "livelihoods" })
        #expect(gap.cause == .personsChoice)
        // The PSEA channel: a referral with consent, never information only.
        let psea = try step(plan, "psea", "reporting")
        #expect(!psea.options.isEmpty && psea.options.allSatisfy { $0.action == .refer })
        let hotline = try route("gbv-hotline-incident-type-unknown", try directory())
        #expect(!hotline.pathways.contains("psea"))
    }

    @Test func adultShelterIsNeverOfferedToAChild() throws {
        let dir = try directory()
        for file in ["cp-child-9-trusted-adult-consent", "cp-girl-16-self-consent-reporting-not-explained"] {
            let plan = try route(file, dir)
            #expect(plan.skippedSteps.contains { $0.pathway == "gbv" && $0.step == "safety" }, "\(file)")
            #expect(!plan.steps.contains { $0.category == "shelter.safe" }, "\(file)")
            #expect(plan.steps.contains { $0.step == "alternative-care" }, "\(file)")
        }
    }
}
