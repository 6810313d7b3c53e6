/// Consent: whose consent counts for the case, and the two gates that depend on it for each
/// service (referral only where the person agreed; no referral to a provider with a reporting
/// duty until the person was told what it must report).
extension Router {

    /// Whose consent counts for this case under the context's age table, and whether the
    /// recorded consent is that one. Never the suspected caregiver's.
    public func assessConsent(_ c: Case) -> ConsentAssessment {
        var checks: [RuleCheck] = []
        let consent = c.consent
        let adultAge = context.adultAge
        let child = c.age.max < adultAge
        let k = c.concerns
        if c.age.min < adultAge && c.age.max >= adultAge {
            checks.append(RuleCheck(.consentByAge, .fail,
                                    "the age band \(c.age.description) spans childhood and adulthood: record the age to know whose consent counts"))
            return ConsentAssessment(valid: false, givenBy: consent.givenBy, checks: checks, child: false)
        }
        guard let band = rules.consentByAge.first(where: { $0.minAge <= c.age.min && c.age.max <= $0.maxAge }) else {
            checks.append(RuleCheck(.consentByAge, .fail,
                                    "no single consent rule covers ages \(c.age.description): record the age to know whose consent counts"))
            return ConsentAssessment(valid: false, givenBy: consent.givenBy, checks: checks, child: child)
        }
        var allowed = band.consentFrom
        let caregiverCannot: String? =
            k.caregiverSuspected == true ? "the caregiver is the suspected perpetrator"
            : k.separation == .unaccompanied ? "the child is unaccompanied"
            : k.separation == .separated ? "the child is separated from their usual caregiver" : nil
        if child, let why = caregiverCannot, allowed.contains(.caregiver) {
            allowed.removeAll { $0 == .caregiver }
            for g in rules.whenCaregiverCannotConsent where !allowed.contains(g) { allowed.append(g) }
            checks.append(RuleCheck(.consentCaregiverUnavailable, .info,
                                    "\(why): consent comes from \(allowed.map(\.rawValue).joined(separator: " or ")) instead"))
        }
        let bandText = "ages \(band.minAge)-\(band.maxAge)"
        if consent.givenBy == .caregiver && k.caregiverSuspected == true {
            checks.append(RuleCheck(.consentSuspectedCaregiver, .fail,
                                    "consent from the suspected caregiver never counts: seek it from \(allowed.map(\.rawValue).joined(separator: " or "))"))
        } else if !allowed.contains(consent.givenBy) {
            checks.append(RuleCheck(.consentByAge, .fail,
                                    "for \(bandText) consent comes from \(allowed.map(\.rawValue).joined(separator: " or ")), not \(consent.givenBy.rawValue)"))
        } else {
            checks.append(RuleCheck(.consentByAge, .pass, "for \(bandText) consent from \(consent.givenBy.rawValue) counts"))
        }
        if band.childAssent {
            if consent.childAssent == true {
                checks.append(RuleCheck(.consentChildAssent, .pass, "the child assented"))
            } else {
                checks.append(RuleCheck(.consentChildAssent, .fail,
                                        "for \(bandText) the child's own assent is needed as well: explain in words the child understands and record it"))
            }
        }
        if (consent.referToCategories ?? []).isEmpty && (consent.referToOrganisations ?? []).isEmpty {
            checks.append(RuleCheck(.consentReferral, .info, "the consent names no category or organisation: nothing can be referred"))
        }
        let valid = !checks.contains { $0.outcome == .fail }
        return ConsentAssessment(valid: valid, givenBy: consent.givenBy, checks: checks, child: child)
    }

    /// Reporting duties of the context that apply to this case.
    func applicableDuties(_ facts: Facts) -> [Rules.ReportingDuty] {
        rules.mandatoryReporting.filter { $0.appliesWhen.evaluate(facts, .caseDefaults) == .yes }
    }

    var riskToLifeApplies: Bool { rules.imminentRiskToLife.allowed }

    /// The consent gate: refer where the person agreed, an emergency referral under the
    /// imminent-risk-to-life exception, information only where the service takes people who come
    /// by themselves, otherwise nothing. Evaluated only for a service the case is eligible for.
    func consentGate(_ s: Service, _ c: Case, consent: ConsentAssessment, into d: inout DecisionDraft) {
        let byCategory = (c.consent.referToCategories ?? []).contains(s.category)
        let consentCovers = byCategory || (c.consent.referToOrganisations ?? []).contains(s.organisation)
        let riskToLife = c.concerns.imminentRiskToLife == true && riskToLifeApplies
            && rules.imminentRiskToLife.categories.contains(s.category)
        if consent.valid && consentCovers {
            d.grant(.refer, .consentReferral, .pass, "the person agreed to referral to this \(byCategory ? "kind of service" : "organisation")")
        } else {
            let why = !consent.valid ? "the recorded consent does not count"
                : "the person did not agree to referral to this kind of service or organisation"
            if riskToLife {
                d.grant(.emergencyReferral, .consentRiskToLife, .warn, "\(why), but an imminent risk to life is reported and this context allows an emergency referral with the minimum data")
                d.warnings.append(Warning(.critical, .confidentialityRiskToLife, "emergency referral without consent: only the minimum data is sent; tell the person as soon as it is safe"))
            } else if s.selfReferral {
                d.grant(.inform, .consentReferral, .warn, "\(why): information only, the service accepts people who come by themselves")
            } else {
                d.grant(.excluded, .consentReferral, .fail, "\(why), and the service takes no self-referrals")
            }
        }
    }

    /// Mandatory reporting: always shown; no referral until the consequences were explained.
    func reportingGate(_ s: Service, _ c: Case, organisationName: String, applicable: [Rules.ReportingDuty],
                       into d: inout DecisionDraft)
    {
        let duties = s.mandatoryReporting.isEmpty ? [] : applicable.filter { s.mandatoryReporting.contains($0.id) }
        for duty in duties {
            d.warnings.append(Warning(.warning, .confidentialityMandatoryReporting,
                                      "\(organisationName) must report under '\(duty.name)': \(duty.consequence)"))
        }
        if !duties.isEmpty && d.action == .refer {
            if c.consent.mandatoryReportingExplained == true {
                d.check(.consentMandatoryReporting, .pass, "the person was told what this provider must report")
            } else if s.selfReferral {
                d.check(.consentMandatoryReporting, .fail, ceiling: .inform, "no referral until the person has been told what this provider must report: explain it and record it; information only meanwhile")
            } else {
                d.check(.consentMandatoryReporting, .fail, ceiling: .excluded, "no referral until the person has been told what this provider must report: explain it and record it")
            }
        }
    }
}
