/// Routes an anonymised case through the pathways of a directory.
///
/// The flow of a case: (1) assess whose consent counts; (2) find the pathways whose `appliesWhen`
/// holds and walk each graph from its entry steps along links whose conditions hold; (3) for each
/// step reached, set its urgency from time windows and escalations; (4) look up the services of
/// the step's category in the case's area and its ancestors (an index, not a scan); (5) decide
/// each service: eligibility and access first, then the safety gates, which can only take away
/// (consent, mandatory reporting, sensitive data, confidential addresses, preferences); (6) rank
/// the options and report gaps.
///
/// The default for every service is "not referred": a referral needs an eligible service, valid
/// consent covering it, and no gate against it.
public struct Router: Sendable {
    public let directory: Directory
    /// What the rules look up in the directory once per router (feature words, risk-to-life categories).
    let tables: RouterTables

    public init(directory: Directory) {
        self.directory = directory
        tables = RouterTables(directory)
    }

    var context: Context { directory.context }
    var rules: Rules { directory.context.rules }

    // MARK: routing

    public func route(_ recorded: Case, at time: RoutingTime) -> RoutePlan {
        let c = recorded.at(time)
        let consent = assessConsent(c)
        let facts = self.facts(c)
        var skipped: [SkippedStep] = []
        var gaps: [Gap] = []
        let pathways = applicablePathways(facts)
        var reached: [ReachedStep] = []
        for p in pathways {
            let walk = walkPathway(p, c, facts)
            skipped.append(contentsOf: walk.skipped)
            reached.append(contentsOf: walk.reached)
        }
        let scope = CaseScope(self, c, facts, consent: consent, at: time)
        let routed = RoutedCase(router: self, c: c, consent: consent, time: time, scope: scope)
        let groups = mergedByCategory(reached)
        // Each step plan is made in place in a buffer and moved once into the plan, most urgent
        // first, then in the order reached (a copy of a step plan is some thirty reference counts).
        let made = UnsafeMutablePointer<StepPlan>.allocate(capacity: groups.count)
        defer { made.deallocate() }
        var urgencies: [Urgency] = []
        urgencies.reserveCapacity(groups.count)
        for (i, group) in groups.enumerated() {
            let plan = planStep(group, c, facts, consent: consent, scope: scope, at: time, routed: routed, gaps: &gaps)
            urgencies.append(plan.urgency)
            (made + i).initialize(to: plan)
        }
        var steps: [StepPlan] = []
        steps.reserveCapacity(groups.count)
        for i in groups.indices.sorted(by: { (urgencies[$0], $0) < (urgencies[$1], $1) }) { steps.append((made + i).move()) }
        gaps.sort { a, b in a.urgency != b.urgency ? a.urgency < b.urgency : (a.pathway, a.step) < (b.pathway, b.step) }
        // Nothing usable where time matters is read first, after the other critical warnings.
        var warnings = caseWarnings(c, consent: consent, pathways: pathways.count)
        let urgentGaps = gaps.filter { $0.urgency < .routine }.map { g in
            Warning(.critical, .gapUrgent, g.cause == .atCapacity
                ? "every option for the \(g.urgency.rawValue) step \(g.pathway) / \(g.step) is at capacity: call ahead, and find an alternative now"
                : "no usable service for the \(g.urgency.rawValue) step \(g.pathway) / \(g.step): find an alternative now")
        }
        warnings.insert(contentsOf: urgentGaps, at: warnings.firstIndex { $0.level != .critical } ?? warnings.count)
        return RoutePlan(
            caseCode: c.code, context: context.id, fictional: context.fictional, at: time.iso8601, consent: consent,
            warnings: warnings, pathways: pathways.map(\.id), steps: steps, skippedSteps: skipped, gaps: gaps)
    }

    /// Why one service is or is not offered to this case, rule by rule, for every applicable
    /// step that uses its category (or on its own when no step does).
    public func explain(serviceID: String, for recorded: Case, at time: RoutingTime) -> ServiceExplanation? {
        guard let s = directory.service(serviceID) else { return nil }
        let c = recorded.at(time)
        let consent = assessConsent(c)
        let facts = self.facts(c)
        var reached: [ReachedStep] = []
        for p in applicablePathways(facts) { reached.append(contentsOf: walkPathway(p, c, facts).reached) }
        var out: [ServiceExplanation.InStep] = []
        for group in mergedByCategory(reached) where group[0].step.category == s.category {
            let urgency = group.map { stepUrgency($0.step, c, facts).urgency }.min() ?? .routine
            out.append(.init(pathway: group[0].pathway.id, step: group[0].step.id, urgency: urgency,
                             decision: decide(s, urgency: urgency, c, consent: consent, at: time)))
        }
        let standalone = out.isEmpty ? decide(s, urgency: .routine, c, consent: consent, at: time) : nil
        return ServiceExplanation(service: s.id, caseCode: c.code, at: time.iso8601, consent: consent, steps: out,
                                  withoutStep: standalone)
    }

    /// Why a step has no usable option, from the families of the rules that excluded the services
    /// in reach: only the person's choices, only consent, or eligibility and access.
    func gapCause(_ excluded: [Verdict]) -> Gap.Cause {
        if excluded.isEmpty { return .noService }
        if excluded.allSatisfy({ $0.failed.intersects(.preference) }) { return .personsChoice }
        if excluded.allSatisfy({ $0.failed.isSubset(of: .consent) }) { return .consent }
        return .notEligible
    }

    func gapMessage(category id: String, options: Int, excluded: [Verdict], cause: Gap.Cause, _ c: Case) -> String {
        let area = "\(context.areaName(c.document.area)) (\(c.document.area))"
        let category = context.categories[id]?.name ?? id
        if cause == .atCapacity {
            return "every \(category) option in reach is at capacity (waiting list): \(options) option(s), none can take the person now"
        }
        if excluded.isEmpty { return "no \(category) service covers \(area)" }
        // How many services each rule excluded, by the rule's ordinal; listed in the order of rule ids.
        var counts = [Int](repeating: 0, count: RuleID.table.count)
        for v in excluded { v.failed.forEachOrdinal { counts[$0] += 1 } }
        let summary = RuleID.tableByID.filter { counts[$0.ordinal] > 0 }.map { "\($0) ×\(counts[$0.ordinal])" }
            .joined(separator: ", ")
        switch cause {
        case .personsChoice:
            return "not referred by the person's choice: \(excluded.count) \(category) service(s) in reach (\(summary))"
        case .consent:
            return "no \(category) service can be used without consent to refer (none accepts self-referral): \(excluded.count) in reach"
        case .noService, .notEligible, .atCapacity:
            break
        }
        return "no usable \(category) service for this person in \(area): \(excluded.count) in reach, none usable (\(summary))"
    }
}

/// The answer to `referral explain`: one service against one case.
public struct ServiceExplanation: Codable, Sendable, Equatable {
    public struct InStep: Codable, Sendable, Equatable {
        public var pathway: String
        public var step: String
        public var urgency: Urgency
        public var decision: ServiceDecision
    }
    public var service: String
    public var caseCode: String
    public var at: String
    public var consent: ConsentAssessment
    /// The decision in each applicable step that uses the service's category.
    public var steps: [InStep]
    /// The decision on its own, when no applicable step uses the service's category.
    public var withoutStep: ServiceDecision?
}
