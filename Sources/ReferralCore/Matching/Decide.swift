/// The rules, one service at a time. Rule ids are stable (`eligibility.age`,
/// `consent.referral`, …): tests, the JSON output and `referral explain` name them.
///
/// The rules themselves are grouped by concern: Eligibility.swift (who and where the service is
/// for, access and availability), SafetyGates.swift (preferences, confidential addresses, case
/// warnings), Consent.swift (whose consent counts, the consent and reporting gates), Packet.swift
/// (what is sent) and Ranking.swift (the order of the options).
///
/// One pass of the rules serves two ends. Routing runs it without words (`DecisionDraft.words`
/// false) and keeps a `Verdict`: the action, the rules that decided it and what ranks the
/// service — integers only. The plan expands a verdict into a `ServiceDecision` (every check with
/// its words, the packet, how to reach the service) by running the same pass with words, only
/// when the decision is read (Verdict.swift). The same code decides both, so they cannot differ.
extension Router {

    /// Decides one service for one case: eligibility, access and availability, then the safety
    /// gates. Every rule leaves a check; the action is the most a service can get after all gates.
    public func decide(_ s: Service, urgency: Urgency, _ recorded: Case, consent: ConsentAssessment, at time: RoutingTime)
        -> ServiceDecision
    {
        let c = recorded.at(time)
        let facts = self.facts(c)
        return decide(s, urgency: urgency, c, consent: consent, at: time,
                      scope: CaseScope(self, c, facts, consent: consent, at: time, words: true), category: context.categories[s.category])
    }

    /// `decide` with what does not depend on the service (the case's area lineage, its reporting
    /// duties, sentences every decision shares) worked out once by the caller, and the service's
    /// category (every service of a step has the step's: looked up once per step). The scope must
    /// have its words (`CaseScope.withWords`).
    func decide(_ s: Service, urgency: Urgency, _ c: Case, consent: ConsentAssessment, at time: RoutingTime,
                scope: CaseScope, category: Category?) -> ServiceDecision
    {
        var d = DecisionDraft(words: true)
        let j = judge(s, urgency: urgency, c, consent: consent, at: time, scope: scope, category: category, into: &d)
        let lineage = scope.words!.lineage
        let org = directory.organisations[s.organisation]
        let packet = buildPacket(s, c, scope: scope, into: &d)
        let address = confidentialAddress(s, into: &d)
        return ServiceDecision(
            service: s.id, serviceName: s.name, organisation: s.organisation, organisationName: org?.name ?? s.organisation,
            category: s.category, action: d.action, rank: nil, checks: d.checks, warnings: d.warnings, packet: packet.sent,
            withheld: packet.withheld,
            access: AccessInfo(
                modality: s.modality, contact: s.focalPoint ?? org?.contact, address: address,
                addressConfidential: s.address?.confidential ?? false, openNow: j.openNow,
                opensInHours: j.opensInHours.map { ($0 * 10).rounded() / 10 },
                proximity: Proximity(lineagePosition: j.served),
                servedArea: j.served.map { lineage[$0] } ?? "", languages: s.languages, status: s.status, cost: s.cost,
                selfReferral: s.selfReferral, eligibilityNote: s.eligibility.note, website: s.website),
            preference: j.preference)
    }

    /// The same pass without words: what routing keeps of a decision.
    func verdict(_ s: Service, urgency: Urgency, _ c: Case, consent: ConsentAssessment, at time: RoutingTime,
                 scope: CaseScope, category: Category?) -> Verdict
    {
        var d = DecisionDraft(words: false)
        let j = judge(s, urgency: urgency, c, consent: consent, at: time, scope: scope, category: category, into: &d)
        let action = d.action
        return Verdict(service: Int32(s.index), action: action, decidingRule: d.firstRule(withCeiling: action),
                       failed: d.failed, openNow: j.openNow, waitlist: s.status == .waitlist, preference: j.preference)
    }

    /// What a decision and a verdict share: every rule that can change the action, in order.
    /// Eligibility, access, availability and preferences, then the safety gates, which can only
    /// take away.
    func judge(_ s: Service, urgency: Urgency, _ c: Case, consent: ConsentAssessment, at time: RoutingTime,
               scope: CaseScope, category: Category?, into d: inout DecisionDraft) -> Judgement
    {
        let served = checkEligibility(s, c, consent: consent, scope: scope, category: category, into: &d)
        let access = checkAccess(s, c, scope: scope, into: &d)
        let availability = checkAvailability(s, urgency: urgency, at: time, scope: scope, into: &d)
        let staffRank = checkPreferences(s, scope: scope, category: category, into: &d)

        // Safety gates. From here on the action can only go down.
        // The consent gate, for a service nothing has excluded so far: it grants the most the
        // service can get; the gates after it can only lower that.
        if d.ceiling != .excluded { consentGate(s, c, consent: consent, scope: scope, category: category, into: &d) }
        let duties = s.carriesNoDuty ? [] : scope.duties.filter { $0.id.map(s.carries(duty:)) ?? false }
        childGates(s, c, consent: consent, scope: scope, category: category, duties: duties, into: &d)
        reportingGate(s, c, scope: scope, duties: duties, into: &d)

        let waitlist = s.status == .waitlist
        let preference = RankPreference(
            unavailableNow: urgency < .routine && (availability.openNow == false || waitlist),
            unmetNeeds: access.unmetNeeds,
            notLGBTIQCompetent: scope.sexOther && !s.hasFeature(tables.lgbtiqCompetent),
            distance: min(served ?? scope.lineageIDs.count, 2), interpretation: access.interpretation,
            waitlist: waitlist, staff: staffRank, stale: availability.stale)
        return Judgement(served: served, openNow: availability.openNow, opensInHours: availability.opensInHours,
                         preference: preference)
    }

    /// What the rules found besides the checks: where the service serves, whether it is open, and
    /// what ranks it.
    struct Judgement {
        let served: Int?
        let openNow: Bool?
        let opensInHours: Double?
        let preference: RankPreference
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
///
/// Without `words` (routing) a check keeps only what the verdict needs — the ceiling, the failed
/// rules and the first rule of each ceiling — and its sentence is never built (an autoclosure).
struct DecisionDraft {
    /// Whether checks and warnings keep their words (a `ServiceDecision`) or not (a `Verdict`).
    let words: Bool
    private(set) var checks: [RuleCheck] = []
    private(set) var warnings: [Warning] = []
    /// What the consent gate granted; nil until it ran (it runs only for an eligible service).
    private var granted: Action?
    /// The least of the ceilings of the checks so far.
    private(set) var ceiling: Action = .refer
    /// The rules whose check failed.
    private(set) var failed = RuleSet()
    /// The first rule checked with each ceiling, by `Action.order`.
    private var firstByCeiling: (RuleID?, RuleID?, RuleID?, RuleID?) = (nil, nil, nil, nil)

    init(words: Bool) {
        self.words = words
        if words { checks.reserveCapacity(16) }  // a decision has 8 to 16 checks: grow the array once
    }

    /// The action: what was granted, lowered to every ceiling; `excluded` when nothing was granted.
    var action: Action { granted.map { $0.lowered(to: ceiling) } ?? .excluded }

    /// Records a check, its words kept as parameters (built only with `words`). A failed check
    /// without an explicit ceiling excludes the service.
    mutating func check(_ rule: RuleID, _ outcome: RuleCheck.Outcome, ceiling: Action? = nil,
                        _ sentence: @autoclosure () -> Sentence)
    {
        let limit = ceiling ?? (outcome == .fail ? .excluded : nil)
        if let limit {
            self.ceiling = self.ceiling.lowered(to: limit)
            switch limit {
            case .emergencyReferral: if firstByCeiling.0 == nil { firstByCeiling.0 = rule }
            case .refer: if firstByCeiling.1 == nil { firstByCeiling.1 = rule }
            case .inform: if firstByCeiling.2 == nil { firstByCeiling.2 = rule }
            case .excluded: if firstByCeiling.3 == nil { firstByCeiling.3 = rule }
            }
        }
        if outcome == .fail { failed.insert(rule) }
        if words { checks.append(RuleCheck(rule, outcome, ceiling: limit, sentence())) }
    }

    /// Records a check with fixed words (a literal, or a sentence built once per case).
    mutating func check(_ rule: RuleID, _ outcome: RuleCheck.Outcome, ceiling: Action? = nil,
                        _ text: @autoclosure () -> String)
    {
        check(rule, outcome, ceiling: ceiling, Sentence.text(text()))
    }

    /// Records the consent gate's check, which grants `action` (and is its ceiling).
    mutating func grant(_ action: Action, _ rule: RuleID, _ outcome: RuleCheck.Outcome, _ sentence: @autoclosure () -> Sentence) {
        granted = action
        check(rule, outcome, ceiling: action, sentence())
    }

    /// Records a warning for the service (only with `words`: no rule reads a decision's warnings).
    mutating func warn(_ level: Warning.Level, _ rule: RuleID, _ sentence: @autoclosure () -> Sentence) {
        if words { warnings.append(Warning(level, rule, sentence())) }
    }

    mutating func warn(_ level: Warning.Level, _ rule: RuleID, _ text: @autoclosure () -> String) {
        if words { warnings.append(Warning(level, rule, .text(text()))) }
    }

    /// The first rule checked with this ceiling: the first deciding rule when it is the action
    /// (`ServiceDecision.decidingRules.first`).
    func firstRule(withCeiling a: Action) -> RuleID? {
        switch a {
        case .emergencyReferral: firstByCeiling.0
        case .refer: firstByCeiling.1
        case .inform: firstByCeiling.2
        case .excluded: firstByCeiling.3
        }
    }
}
