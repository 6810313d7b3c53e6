/// The person's preferences, confidential addresses, and the warnings about the whole case
/// (risk to life, invalid consent, child rules, reporting duties, preferences).
extension Router {

    /// Preferences that take options away or must be passed on: no police, no forensic evidence,
    /// the staff's sex. Returns the staff preference's rank (0 met, 1 unknown, 2 not met).
    func checkPreferences(_ s: Service, _ c: Case, into d: inout DecisionDraft) -> Int {
        let p = c.preferences
        if context.categories[s.category]?.lawEnforcement == true && p.noPolice == true {
            d.check(.preferenceNoPolice, .fail, "not referred: the person chose no police involvement")
        }
        if s.features.contains("forensic-evidence") && p.noForensicEvidence == true {
            d.check(.preferenceNoForensic, .warn, "offers forensic evidence collection, which the person declines: tell the provider; care does not depend on it")
        }
        var staffRank = 0
        if let want = p.staffSex {
            if let have = s.staffSexes {
                if have.contains(want) {
                    d.check(.preferenceStaffSex, .pass, "\(want.rawValue) staff available")
                } else {
                    staffRank = 2
                    d.check(.preferenceStaffSex, .warn, "no \(want.rawValue) staff recorded: tell the person before referring")
                }
            } else {
                staffRank = 1
                d.check(.preferenceStaffSex, .warn, "staff sex not recorded: ask whether \(want.rawValue) staff are available")
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

    func caseWarnings(_ c: Case, consent: ConsentAssessment) -> [Warning] {
        var w: [Warning] = []
        let k = c.concerns
        let p = c.preferences
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
        if consent.child {
            w.append(Warning(.warning, .childConfidentialityLimits,
                             "explain the limits of confidentiality before anything else: never promise a child secrecy"))
            w.append(Warning(.warning, .childBestInterests,
                             "a best interests assessment (BIA) is part of child protection case management for this child; a pending assessment never delays urgent protection"))
            if let s = k.separation, s != .none {
                w.append(Warning(.warning, .childSeparation,
                                 "\(s.rawValue) child: family tracing and reunification should start within 48 hours; a best interests determination (BID) is needed before any durable solution"))
            }
        }
        for d in applicableDuties(Facts(c)) {
            w.append(Warning(.warning, .confidentialityMandatoryReporting,
                             "\(d.name) applies to this case: providers carrying this duty must report (\(d.consequence)); tell the person before any referral"))
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
