/// The person's preferences, confidential addresses, and the warnings about the whole case
/// (risk to life, invalid consent, child rules, reporting duties, preferences).
extension Router {

    /// Preferences that take options away or must be passed on: an organisation the person named,
    /// no police, no forensic evidence, the staff's sex. Returns the staff preference's rank (0
    /// met, 1 unknown, 2 not met).
    func checkPreferences(_ s: Service, scope: CaseScope, category: Category?, into d: inout DecisionDraft) -> Int {
        let p = scope.preferences
        if scope.excludedOrganisationIDs.contains(s.organisationID) {
            // The perpetrator works there (sexual exploitation and abuse by staff): never offered,
            // not even as information.
            d.check(.preferenceExcludedOrganisation, .fail, "an organisation the person asked never to be sent to: never offered")
        }
        if category?.lawEnforcement == true && p.noPolice == true {
            d.check(.preferenceNoPolice, .fail, "not referred: the person chose no police involvement")
        }
        if p.noForensicEvidence == true && s.hasFeature(tables.forensicEvidence) {
            d.check(.preferenceNoForensic, .warn, "offers forensic evidence collection, which the person declines: tell the provider; care does not depend on it")
        }
        var staffRank = 0
        if let want = p.staffSex, let position = scope.staffSexPosition {
            if let has = s.hasStaff(ofSex: position) {
                if has {
                    d.check(.preferenceStaffSex, .pass, .staff(want, .available))
                } else {
                    staffRank = 2
                    d.check(.preferenceStaffSex, .warn, .staff(want, .notAvailable))
                }
            } else {
                staffRank = 1
                d.check(.preferenceStaffSex, .warn, .staff(want, .notRecorded))
            }
        }
        return staffRank
    }

    /// Confidential addresses are never printed: returns the address that may be shown, if any.
    func confidentialAddress(_ s: Service, into d: inout DecisionDraft) -> String? {
        guard let a = s.address else { return nil }
        if a.confidential {
            d.check(.confidentialityAddress, .info, "confidential address: never shown; the focal point arranges access")
            return nil
        }
        return a.text
    }

    /// The warnings about the whole case, most severe first; `pathways`: how many apply.
    func caseWarnings(_ c: Case, consent: ConsentAssessment, pathways: Int) -> [Warning] {
        var w: [Warning] = []
        let k = c.concerns
        let p = c.preferences
        if (k.suicidePlan == true || k.suicidalThoughts == true) && k.imminentRiskToLife == nil {
            // mhGAP: thoughts or a plan call for an immediate assessment of imminent risk.
            w.append(Warning(.critical, .mhpssAssessImminentRisk,
                             "suicidal thoughts or a plan are recorded, but not whether the risk to life is imminent: assess imminent risk now, do not leave the person alone meanwhile, and record imminentRiskToLife"))
        }
        if k.imminentRiskToLife == true {
            if riskToLifeApplies {
                let fields = rules.imminentRiskToLife.minimumFields.map(\.rawValue).joined(separator: ", ")
                let cats = rules.imminentRiskToLife.categories.joined(separator: ", ")
                w.append(Warning(.critical, .confidentialityRiskToLife,
                                 "imminent risk to life: the exception to consent applies to \(cats); only \(fields) will be sent; tell the person what was shared as soon as it is safe"))
            } else {
                w.append(Warning(.critical, .confidentialityRiskToLife,
                                 "imminent risk to life reported, but this context does not allow referral without consent: seek consent now and use emergency services the person agrees to"))
            }
        }
        if !consent.valid {
            let why = consent.checks.filter { $0.outcome == .fail }.map(\.reason).joined(separator: "; ")
            w.append(Warning(.critical, .consentInvalid, "the recorded consent does not count (\(why)): nothing will be referred; services are shown as information only"))
        }
        if k.caregiverSuspected == true {
            w.append(Warning(.critical, .childSuspectedCaregiver,
                             "the caregiver is the suspected perpetrator: do not seek their consent and share nothing with them"))
        }
        if let ages = rules.presumedChildAges(c.age) {
            w.append(Warning(.warning, .childAgeDisputed,
                             "age in dispute (\(c.age.description)): treated as a child until the age is assessed (presumption of minority): child protection applies, and the consent rule for age \(ages.lowerBound); arrange an age assessment"))
        }
        if consent.child {
            w.append(Warning(.warning, .childConfidentialityLimits,
                             "explain the limits of confidentiality before anything else: never promise a child secrecy"))
            w.append(Warning(.warning, .childBestInterests,
                             "a best interests assessment (BIA) is part of child protection case management for this child; a pending assessment never delays urgent protection"))
            if let s = k.separation, s != .none {
                w.append(Warning(.warning, .childSeparation,
                                 "\(s.rawValue) child: family tracing and reunification should start within 48 hours; a best interests determination (BID) is needed before any durable solution"))
            }
            if pathways > 1 {
                w.append(Warning(.warning, .childLeadCaseworker,
                                 "one lead caseworker for this child: child protection case management leads, and the other services work through it (no parallel case)"))
            }
            if c.consent.caregiverNotToBeContacted == true {
                w.append(Warning(.warning, .childCaregiverNotContacted,
                                 "the child asked that the caregiver not be contacted: the wish carries weight; share nothing with the caregiver without the child's agreement, and warn the child where a statutory service or a provider with a reporting duty may contact them"))
            }
        }
        for d in applicableDuties(facts(c)) {
            if c.consent.mandatoryReportingExplained == true {
                w.append(Warning(.warning, .confidentialityMandatoryReporting,
                                 "\(d.name) applies to this case: providers carrying this duty must report (\(d.consequence)); the person was told"))
            } else {
                // Say exactly what the router does: care is never delayed for the explanation.
                w.append(Warning(.critical, .confidentialityMandatoryReporting,
                                 "\(d.name) applies to this case and has not been explained: providers carrying this duty (they must report: \(d.consequence)) are not referred until you explain it to the person and record it; they are shown as information only or not at all. Other providers are referred as usual: care is never delayed for it"))
            }
        }
        if c.recordedAt == nil, k.hoursSinceIncident != nil {
            w.append(Warning(.info, .timeRecordedAt,
                             "the case does not say when it was recorded (recordedAt): hours since the incident are read as of the routing time; routed again later, its time windows would be too late"))
        }
        if let named = p.excludeOrganisations, !named.isEmpty {
            w.append(Warning(.info, .preferenceExcludedOrganisation,
                             "never offered, as the person asked: \(named.sorted().joined(separator: ", "))"))
        }
        if p.noPolice == true {
            w.append(Warning(.info, .preferenceNoPolice,
                             "the person chose no police involvement: police services are listed but not referred; the person can change their mind"))
        }
        if p.noForensicEvidence == true {
            w.append(Warning(.info, .preferenceNoForensic,
                             "the person declines forensic evidence collection: providers are told, and care does not depend on it"))
        }
        return w.sorted { $0.level < $1.level }
    }
}
