/// Consent: whose consent counts for the case, and the two gates that depend on it for each
/// service (referral only where the person agreed; no referral to a provider with a reporting
/// duty until the person was told what it must report).
extension Router {

    /// Whose consent counts for this case under the context's age table, and whether the
    /// recorded consent is that one. Never the suspected caregiver's. An age in dispute is a
    /// child's (`rules.presumeMinority`): the rule for the youngest age of the band, the most
    /// protective, applies.
    public func assessConsent(_ c: Case) -> ConsentAssessment {
        var checks: [RuleCheck] = []
        let consent = c.consent
        let adultAge = context.adultAge
        let presumed = rules.presumedChildAges(c.age)
        let ages = presumed ?? c.age.min...c.age.max
        let child = ages.upperBound < adultAge
        let k = c.concerns
        func result(_ allowed: [ConsentGiver]) -> ConsentAssessment {
            let valid = !checks.contains { $0.outcome == .fail }
            let namesNothing = (consent.referToCategories ?? []).isEmpty && (consent.referToOrganisations ?? []).isEmpty
            // Information only for a child goes to the adult whose consent counts (never the suspected caregiver).
            let adult = valid ? consent.givenBy : allowed.first { $0 != .self }
            return ConsentAssessment(valid: valid, status: !valid ? .notValid : namesNothing ? .noReferralConsent : .valid,
                                     givenBy: consent.givenBy, checks: checks, child: child,
                                     informationFor: child && adult != .self ? adult : nil)
        }
        if ages.lowerBound < adultAge && ages.upperBound >= adultAge {
            checks.append(RuleCheck(.consentByAge, .fail,
                                    "the age band \(c.age.description) spans childhood and adulthood: record the age to know whose consent counts"))
            return result([])
        }
        let fits: (Rules.ConsentBand) -> Bool = presumed == nil
            ? { $0.minAge <= ages.lowerBound && ages.upperBound <= $0.maxAge }
            : { $0.minAge <= ages.lowerBound && ages.lowerBound <= $0.maxAge }
        guard let band = rules.consentByAge.first(where: fits) else {
            checks.append(RuleCheck(.consentByAge, .fail,
                                    "no single consent rule covers ages \(c.age.description): record the age to know whose consent counts"))
            return result([])
        }
        if presumed != nil {
            checks.append(RuleCheck(.childAgeDisputed, .info,
                                    "age in dispute (\(c.age.description)): a child until assessed; the consent rule for age \(ages.lowerBound), the youngest, applies"))
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
            checks.append(RuleCheck(.consentReferral, .info, "the consent names no category or organisation: no referral consent yet, information only"))
        }
        return result(allowed)
    }

    /// Reporting duties of the context that apply to this case.
    func applicableDuties(_ facts: Facts) -> [Rules.ReportingDuty] {
        rules.mandatoryReporting.filter { $0.appliesWhen.evaluate(facts, .caseDefaults) == .yes }
    }

    var riskToLifeApplies: Bool { rules.imminentRiskToLife.allowed }

    /// The consent gate: refer where the person agreed, an emergency referral under the
    /// imminent-risk-to-life exception, information only where the service takes people who come
    /// by themselves, otherwise nothing. Evaluated only for a service the case is eligible for.
    func consentGate(_ s: Service, _ c: Case, consent: ConsentAssessment, scope: CaseScope, category: Category?,
                     into d: inout DecisionDraft)
    {
        let byCategory = scope.consentCategoryIDs.contains(s.categoryID)
        let consentCovers = byCategory || scope.consentOrganisationIDs.contains(s.organisationID)
        let riskToLife = c.concerns.imminentRiskToLife == true && riskToLifeApplies
            && tables.riskToLifeCategories.contains(s.categoryID)
        if consent.valid && consentCovers {
            d.grant(.refer, .consentReferral, .pass,
                    .text(byCategory ? "the person agreed to referral to this kind of service" : "the person agreed to referral to this organisation"))
        } else {
            // The sentences depend on the consent only: built once per case (CaseScope).
            if riskToLife {
                d.grant(.emergencyReferral, .consentRiskToLife, .warn, scope.emergencyReason)
                d.warn(.critical, .confidentialityRiskToLife, "emergency referral without consent: only the minimum data is sent; tell the person as soon as it is safe")
            } else if category?.referralOnly == true {
                d.grant(.excluded, .consentReferral, .fail, scope.referralOnlyReason)
            } else if s.selfReferral {
                d.grant(.inform, .consentReferral, .warn, scope.informReason)
            } else {
                d.grant(.excluded, .consentReferral, .fail, scope.noSelfReferralReason)
            }
        }
    }

    /// A child's durable solution waits for a best interests determination; a child's wish that
    /// the caregiver not be contacted is flagged where a provider may contact them anyway.
    func childGates(_ s: Service, _ c: Case, consent: ConsentAssessment, scope: CaseScope, category: Category?,
                    duties: [CaseScope.Duty], into d: inout DecisionDraft)
    {
        guard consent.child else { return }
        if category?.durableSolution == true, c.concerns.bestInterestsDetermination != .done {
            d.check(.childBidRequired, .fail, ceiling: .inform, c.concerns.bestInterestsDetermination == .pending
                ? "a durable solution for a child waits for a best interests determination (BID), still pending: no referral meanwhile; a pending BID never delays urgent protection"
                : "a durable solution for a child waits for a best interests determination (BID), not recorded as done: no referral meanwhile; a pending BID never delays urgent protection")
        }
        if c.consent.caregiverNotToBeContacted == true, !duties.isEmpty || s.hasFeature(tables.statutory) {
            d.warn(.warning, .childCaregiverNotContacted, duties.isEmpty
                ? "the child asked that the caregiver not be contacted, and this statutory service may contact them: tell the child and agree with the provider before any referral"
                : "the child asked that the caregiver not be contacted, and this provider, which must report, may contact them: tell the child and agree with the provider before any referral")
        }
    }

    /// Mandatory reporting: always shown; no referral until the consequences were explained.
    func reportingGate(_ s: Service, _ c: Case, scope: CaseScope, duties: [CaseScope.Duty], into d: inout DecisionDraft) {
        for duty in duties {
            // " must report under '<duty>': <consequence>", built once per case (CaseScope.Words).
            d.warn(.warning, .confidentialityMandatoryReporting,
                   .joined(directory.organisations[s.organisation]?.name ?? s.organisation, scope.words!.mustReport[duty.position]))
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
