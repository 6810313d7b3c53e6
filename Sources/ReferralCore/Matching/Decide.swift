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
    public func decide(_ s: Service, urgency: Urgency, _ recorded: Case, consent: ConsentAssessment, at time: RoutingTime)
        -> ServiceDecision
    {
        let c = recorded.at(time)
        let facts = self.facts(c)
        return decide(s, urgency: urgency, c, facts, consent: consent, at: time, scope: CaseScope(self, c, facts, consent: consent),
                      category: context.categories[s.category])
    }

    /// `decide` with what does not depend on the service (the case's area lineage, its reporting
    /// duties, sentences every decision shares) worked out once by the caller, and the service's
    /// category (every service of a step has the step's: looked up once per step).
    func decide(_ s: Service, urgency: Urgency, _ c: Case, _ facts: Facts, consent: ConsentAssessment, at time: RoutingTime,
                scope: CaseScope, category: Category?) -> ServiceDecision
    {
        let lineage = scope.lineage
        var d = DecisionDraft()
        let served = checkEligibility(s, c, facts, consent: consent, scope: scope, category: category, into: &d)
        let access = checkAccess(s, c, scope: scope, into: &d)
        let availability = checkAvailability(s, urgency: urgency, at: time, into: &d)
        let staffRank = checkPreferences(s, scope: scope, category: category, into: &d)

        // Safety gates. From here on the action can only go down.
        let org = directory.organisations[s.organisation]
        // The consent gate, for a service nothing has excluded so far: it grants the most the
        // service can get; the gates after it can only lower that.
        if d.ceiling != .excluded { consentGate(s, c, consent: consent, scope: scope, category: category, into: &d) }
        // `mandatoryReporting` is built from the store on each read: once, and only for a service with duties.
        let carried = s.dutyIDs.isEmpty ? [] : s.mandatoryReporting
        let duties = carried.isEmpty ? [] : scope.duties.filter { carried.contains($0.duty.id) }
        childGates(s, c, consent: consent, category: category, duties: duties, into: &d)
        reportingGate(s, c, organisationName: org?.name ?? s.organisation, duties: duties, into: &d)
        let packet = buildPacket(s, c, scope: scope, into: &d)
        let address = confidentialAddress(s, into: &d)

        let preference = RankPreference(
            unavailableNow: urgency < .routine && (availability.openNow == false || s.status == .waitlist),
            unmetNeeds: access.unmetNeeds,
            notLGBTIQCompetent: scope.sexOther && !s.features.contains("lgbtiq-competent"),
            distance: min(served ?? lineage.count, 2), interpretation: access.interpretation,
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

/// What every decision for one case shares, worked out once per case: the case's area and its
/// ancestors (nearest first) with the sentence of each, the reporting duties that apply, the
/// consent gate's sentences (they depend on the consent, not on the service), the access needs
/// with their sentences, and the case's values the rules read for every service.
struct CaseScope {
    let lineage: [String]
    /// The same areas as interned ids (looked up once per case, not once per decision).
    let lineageIDs: ArraySlice<Int32>
    /// `eligibility.area`'s sentence by position in `lineage` ("serves <name> (<code>), which
    /// includes the case's area"), and when the service serves none of them.
    let servesArea: [Sentence]
    let servesNoArea: Sentence
    let duties: [Duty]
    /// The consent gate's sentences when the consent does not cover a referral.
    let emergencyReason: Sentence
    let referralOnlyReason: Sentence
    let informReason: Sentence
    let noSelfReferralReason: Sentence
    /// The case's age as printed (`eligibility.age`'s sentence when it fails).
    let caseAge: String
    /// The person's access needs, sorted by id, with the sentences of `access.needs`.
    let accessNeeds: [Need]
    /// The languages the person speaks, as recorded (a handful: an array beats hashing).
    let languages: [String]
    let preferences: PreferencesDocument
    let remoteOnly: Bool
    let sexOther: Bool
    /// The case's values of the fields providers ask for, each worked out the first time asked.
    let fields = FieldValues()

    /// A reporting duty that applies to the case, with the end of the warning every provider
    /// carrying it gets: "<organisation> must report under '<duty>': <consequence>".
    struct Duty {
        let duty: Rules.ReportingDuty
        let mustReport: String
    }

    /// An access need of the person and the sentences of the checks and warning about it.
    struct Need {
        let id: String
        let metBy: [Modality]
        let available: Sentence
        let notAvailable: Sentence
        let accommodation: Sentence
    }

    init(_ router: Router, _ c: Case, _ facts: Facts, consent: ConsentAssessment) {
        let context = router.context
        let area = c.document.area
        lineage = context.lineage(of: area)
        lineageIDs = context.ids.lineage(of: lineage.first ?? "")
        servesArea = lineage.map { .servesArea(name: context.areaName($0), code: $0, includesCase: true) }
        servesNoArea = .servesArea(name: context.areaName(area), code: area, includesCase: false)
        duties = router.applicableDuties(facts).map { Duty(duty: $0, mustReport: " must report under '\($0.name)': \($0.consequence)") }
        emergencyReason = .consentNotCovered(valid: consent.valid, .emergency)
        referralOnlyReason = .consentNotCovered(valid: consent.valid, .referralOnly)
        informReason = .consentNotCovered(valid: consent.valid, .inform(for: consent.informationFor))
        noSelfReferralReason = .consentNotCovered(valid: consent.valid, .noSelfReferral)
        caseAge = c.age.description
        accessNeeds = c.accessNeeds.sorted().map { id in
            let need = context.accessNeed(id)
            return Need(id: id, metBy: need.metBy, available: .needAvailable(id),
                        notAvailable: .needNotAvailable(id, accommodation: need.accommodation),
                        accommodation: .accommodation(need.name, accommodation: need.accommodation))
        }
        languages = c.document.languages
        preferences = c.preferences
        remoteOnly = preferences.remoteOnly == true
        sexOther = c.document.sex == .other
    }

    /// The values of a case's shareable fields (`Case.value(of:)`), each worked out once: every
    /// referral of the case sends some of the same few.
    final class FieldValues {
        private var known = [String??](repeating: nil, count: CaseField.allCases.count)

        func value(of f: CaseField, _ c: Case) -> String? {
            let i = f.position
            if let v = known[i] { return v }
            let v = c.value(of: f)
            known[i] = .some(v)
            return v
        }
    }

    /// The fields, sorted, each once (the list as it is when it already is: the usual case).
    static func sortedOnce(_ fields: [CaseField]) -> [CaseField] {
        var ordered = true
        for i in fields.indices.dropFirst() where fields[i - 1].sortRank >= fields[i].sortRank {
            ordered = false
            break
        }
        if ordered { return fields }
        var out: [CaseField] = []
        for f in fields.sorted(by: { $0.sortRank < $1.sortRank }) where out.last != f { out.append(f) }
        return out
    }

}

/// A decision being made: the checks so far, each with its ceiling, and the warnings.
///
/// The action is derived from the checks (Cedar's authorizer: the decision is a function of the
/// rules that held, and the reasons are exactly the rules that decided it). The consent gate
/// grants the most the service can get ("refer if consented"); every other check can only lower
/// it, with a ceiling (`excluded` for a failed eligibility or access rule, `inform` for a
/// reporting duty not yet explained…). So restrictions can only take options away, by
/// construction; and without a grant the service is not referred.
struct DecisionDraft {
    private(set) var checks: [RuleCheck] = []
    var warnings: [Warning] = []
    /// What the consent gate granted; nil until it ran (it runs only for an eligible service).
    private var granted: Action?
    /// The least of the ceilings of the checks so far.
    private(set) var ceiling: Action = .refer

    init() { checks.reserveCapacity(16) }  // a decision has 8 to 16 checks: grow the array once

    /// The action: what was granted, lowered to every ceiling; `excluded` when nothing was granted.
    var action: Action { granted.map { $0.lowered(to: ceiling) } ?? .excluded }

    /// Records a check, its words kept as parameters. A failed check without an explicit ceiling
    /// excludes the service.
    mutating func check(_ rule: RuleID, _ outcome: RuleCheck.Outcome, ceiling: Action? = nil, _ sentence: Sentence) {
        let limit = ceiling ?? (outcome == .fail ? .excluded : nil)
        if let limit { self.ceiling = self.ceiling.lowered(to: limit) }
        checks.append(RuleCheck(rule, outcome, ceiling: limit, sentence))
    }

    /// Records a check with fixed words (a literal, or a sentence built once per case).
    mutating func check(_ rule: RuleID, _ outcome: RuleCheck.Outcome, ceiling: Action? = nil, _ text: String) {
        check(rule, outcome, ceiling: ceiling, .text(text))
    }

    /// Records the consent gate's check, which grants `action` (and is its ceiling).
    mutating func grant(_ action: Action, _ rule: RuleID, _ outcome: RuleCheck.Outcome, _ sentence: Sentence) {
        granted = action
        check(rule, outcome, ceiling: action, sentence)
    }
}
