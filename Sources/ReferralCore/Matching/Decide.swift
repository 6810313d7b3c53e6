/// The rules, one service at a time. Rule ids are stable (`eligibility.age`,
/// `consent.referral`, …): tests, the JSON output and `referral explain` name them.
///
/// The rules themselves are grouped by concern: Eligibility.swift (who and where the service is
/// for, access and availability), SafetyGates.swift (preferences, confidential addresses, case
/// warnings), Consent.swift (whose consent counts, the consent and reporting gates), Packet.swift
/// (what is sent) and Ranking.swift (the order of the options).
extension Router {

    /// Decides one service for one case: eligibility, access and availability, then the safety
    /// gates. Every rule leaves a check; the action is the most a service can get after all gates.
    public func decide(_ s: Service, urgency: Urgency, _ c: Case, consent: ConsentAssessment, at time: RoutingTime)
        -> ServiceDecision
    {
        decide(s, urgency: urgency, c, consent: consent, at: time, lineage: context.lineage(of: c.document.area),
               duties: applicableDuties(c))
    }

    /// `decide` with the case's area lineage and applicable reporting duties worked out once by
    /// the caller (they do not depend on the service).
    func decide(_ s: Service, urgency: Urgency, _ c: Case, consent: ConsentAssessment, at time: RoutingTime,
                lineage: [String], duties applicable: [ReportingDuty]) -> ServiceDecision
    {
        var d = DecisionDraft()
        let served = checkEligibility(s, c, lineage: lineage, into: &d)
        let interpretation = checkAccess(s, c, into: &d)
        let availability = checkAvailability(s, urgency: urgency, at: time, into: &d)
        let staffRank = checkPreferences(s, c, into: &d)

        // Safety gates. From here on the action can only go down.
        let org = directory.organisations[s.organisation]
        if !d.checks.contains(where: { $0.outcome == .fail }) { consentGate(s, c, consent: consent, into: &d) }
        reportingGate(s, c, organisationName: org?.name ?? s.organisation, applicable: applicable, into: &d)
        let packet = buildPacket(s, c, into: &d)
        let address = confidentialAddress(s, into: &d)

        let preference = RankPreference(
            unavailableNow: urgency < .routine && (availability.openNow == false || s.status == .waitlist),
            distance: min(served ?? lineage.count, 2), interpretation: interpretation,
            waitlist: s.status == .waitlist, staff: staffRank, stale: availability.stale)
        return ServiceDecision(
            service: s.id, serviceName: s.name, organisation: s.organisation, organisationName: org?.name ?? s.organisation,
            category: s.category, action: d.action, rank: nil, checks: d.checks, warnings: d.warnings, packet: packet.sent,
            withheld: packet.withheld,
            access: AccessInfo(
                modality: s.modality, contact: s.focalPoint ?? org?.contact, address: address,
                addressConfidential: s.address?.confidential ?? false, openNow: availability.openNow,
                opensInHours: availability.opensInHours.map { ($0 * 10).rounded() / 10 },
                proximity: Proximity(lineagePosition: served),
                servedArea: served.map { lineage[$0] } ?? "", languages: s.languages, status: s.status, cost: s.cost,
                selfReferral: s.selfReferral, eligibilityNote: s.eligibility.note, website: s.website),
            preference: preference)
    }
}

/// A decision being made: the checks so far, the warnings, and the action the gates allow.
struct DecisionDraft {
    var checks: [RuleCheck] = []
    var warnings: [Warning] = []
    var action: Action = .excluded

    init() { checks.reserveCapacity(16) }  // a decision has 8 to 16 checks: grow the array once

    mutating func check(_ rule: RuleID, _ outcome: RuleCheck.Outcome, _ reason: String) {
        checks.append(RuleCheck(rule, outcome, reason))
    }
}
