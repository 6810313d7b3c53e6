/// The plan for a hotline under time pressure: the critical warnings, and for each step only the
/// best option, how to reach it, whether it is open now and which fields it shares.
///
/// A selection from a `RoutePlan`, never a second decision: every value comes from the plan.
/// `referral route --brief --format json` and `POST /api/route?brief=1` print it; the server's
/// case page shows it first.
public struct BriefPlan: Codable, Sendable, Equatable {
    public var caseCode: String
    public var context: String
    public var fictional: Bool
    public var at: String
    /// The recorded consent counts: referrals go only where the person agreed.
    public var consentValid: Bool
    /// `valid`, `no-referral-consent` (it counts but names nothing yet) or `not-valid`.
    public var consentStatus: ConsentAssessment.Status
    /// At least one option of the plan is a referral the person agreed to (with valid consent
    /// that covers nothing here, the plan must not read as "valid").
    public var anyReferral: Bool
    /// At least one option is an emergency referral without consent (imminent risk to life).
    public var anyEmergencyReferral: Bool
    /// At least one step has a usable option (a referral or information the person can act on).
    public var anyOption: Bool
    /// Critical warnings, the emergency or urgent steps left without any usable option (rule
    /// `gap.urgent`) among them.
    public var critical: [Warning]
    /// How many other warnings the full plan carries.
    public var otherWarnings: Int
    public var steps: [BriefStep]
    public var gaps: [Gap]

    public init(_ plan: RoutePlan) {
        caseCode = plan.caseCode
        context = plan.context
        fictional = plan.fictional
        at = plan.at
        consentValid = plan.consent.valid
        consentStatus = plan.consent.status
        anyReferral = plan.steps.contains { $0.options.contains { $0.action == .refer } }
        anyEmergencyReferral = plan.steps.contains { $0.options.contains { $0.action == .emergencyReferral } }
        anyOption = plan.steps.contains { !$0.options.isEmpty }
        // The engine's critical warnings include the emergency or urgent steps left without an
        // option (rule gap.urgent).
        critical = plan.warnings.filter { $0.level == .critical }
        otherWarnings = plan.warnings.filter { $0.level != .critical }.count
        steps = plan.steps.map(BriefStep.init)
        gaps = plan.gaps
    }
}

public struct BriefStep: Codable, Sendable, Equatable {
    public var pathway: String
    public var step: String
    public var name: String
    public var urgency: Urgency
    public var respondBy: String
    /// The open window that closes first (the one that sets the urgency), if any.
    public var window: WindowStatus?
    /// The facts to ask when whether the step applies, or how urgent it is, cannot be told.
    public var ask: [String]?
    /// The step's critical warnings: its critical note (what must be said or done on a call), any
    /// other (no option open now for an urgent step, …), then those of its options (an emergency
    /// referral without consent), each once, even for an option the brief does not show.
    public var critical: [Warning]
    /// The first-ranked option; nil when the step is a gap.
    public var best: BriefOption?
    /// How many more options the full plan lists for this step.
    public var moreOptions: Int

    init(_ s: StepPlan) {
        pathway = s.pathway
        step = s.step
        name = s.name
        urgency = s.urgency
        respondBy = s.respondBy
        window = s.windows.filter(\.open).min { ($0.hoursLeft ?? 0) < ($1.hoursLeft ?? 0) }
        ask = s.ask
        critical = s.warnings.filter { $0.level == .critical }
        for w in s.options.flatMap(\.warnings) where w.level == .critical && !critical.contains(w) { critical.append(w) }
        best = s.options.first.map(BriefOption.init)
        moreOptions = max(0, s.options.count - 1)
    }
}

/// One option as the brief shows it: what to do, how to reach it, and the names (never the
/// values) of the fields a referral sends.
public struct BriefOption: Codable, Sendable, Equatable {
    public var service: String
    public var serviceName: String
    public var organisationName: String
    public var action: Action
    public var access: AccessInfo
    public var shares: [CaseField]
    /// The option's warnings above the level of information, but critical (the step carries those).
    public var warnings: [Warning]

    init(_ d: ServiceDecision) {
        service = d.service
        serviceName = d.serviceName
        organisationName = d.organisationName
        action = d.action
        access = d.access
        shares = d.action == .refer || d.action == .emergencyReferral ? d.packet.map(\.field) : []
        warnings = d.warnings.filter { $0.level == .warning }
    }
}
