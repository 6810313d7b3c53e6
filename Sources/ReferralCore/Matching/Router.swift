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
    public init(directory: Directory) { self.directory = directory }

    var context: Context { directory.context }
    var rules: Rules { directory.context.rules }

    // MARK: routing

    public func route(_ c: Case, at time: RoutingTime) -> RoutePlan {
        let consent = assessConsent(c)
        let facts = Facts(c)
        var steps: [(order: Int, plan: StepPlan)] = []
        var skipped: [SkippedStep] = []
        var gaps: [Gap] = []
        let pathways = applicablePathways(facts)
        for p in pathways {
            let walk = walkPathway(p, facts)
            skipped.append(contentsOf: walk.skipped)
            for stepIndex in walk.reached {
                let plan = planStep(p.steps[stepIndex], pathway: p, c, facts, consent: consent, at: time)
                if plan.options.isEmpty {
                    let cause = gapCause(plan)
                    gaps.append(Gap(pathway: p.id, step: plan.step, category: plan.category, area: c.document.area,
                                    urgency: plan.urgency, cause: cause, message: gapMessage(plan, cause: cause, c)))
                }
                steps.append((steps.count, plan))
            }
        }
        steps.sort { a, b in a.plan.urgency != b.plan.urgency ? a.plan.urgency < b.plan.urgency : a.order < b.order }
        gaps.sort { a, b in a.urgency != b.urgency ? a.urgency < b.urgency : (a.pathway, a.step) < (b.pathway, b.step) }
        // Nothing usable where time matters is read first, after the other critical warnings.
        var warnings = caseWarnings(c, consent: consent)
        let urgentGaps = gaps.filter { $0.urgency < .routine }.map { g in
            Warning(.critical, .gapUrgent,
                    "no usable service for the \(g.urgency.rawValue) step \(g.pathway) / \(g.step): find an alternative now")
        }
        warnings.insert(contentsOf: urgentGaps, at: warnings.firstIndex { $0.level != .critical } ?? warnings.count)
        return RoutePlan(
            caseCode: c.code, context: context.id, fictional: context.fictional, at: time.iso8601, consent: consent,
            warnings: warnings, pathways: pathways.map(\.id), steps: steps.map(\.plan), skippedSteps: skipped, gaps: gaps)
    }

    /// Why one service is or is not offered to this case, rule by rule, for every applicable
    /// step that uses its category (or on its own when no step does).
    public func explain(serviceID: String, for c: Case, at time: RoutingTime) -> ServiceExplanation? {
        guard let s = directory.service(serviceID) else { return nil }
        let consent = assessConsent(c)
        let facts = Facts(c)
        var out: [ServiceExplanation.InStep] = []
        for p in applicablePathways(facts) {
            for i in walkPathway(p, facts).reached where p.steps[i].category == s.category {
                let (urgency, _) = stepUrgency(p.steps[i], c, facts)
                out.append(.init(pathway: p.id, step: p.steps[i].id, urgency: urgency,
                                 decision: decide(s, urgency: urgency, c, consent: consent, at: time)))
            }
        }
        let standalone = out.isEmpty ? decide(s, urgency: .routine, c, consent: consent, at: time) : nil
        return ServiceExplanation(service: s.id, caseCode: c.code, at: time.iso8601, consent: consent, steps: out,
                                  withoutStep: standalone)
    }

    func applicablePathways(_ facts: Facts) -> [Pathway] {
        directory.pathways.filter { $0.appliesWhen.evaluate(facts, .caseDefaults) == .yes }
    }

    /// Breadth-first from the entry steps, following links whose conditions hold. A step whose own
    /// condition fails is reported as skipped and not walked through.
    func walkPathway(_ p: Pathway, _ facts: Facts) -> (reached: [Int], skipped: [SkippedStep]) {
        var seen = Set<Int>()
        var queue = p.entry
        var reached: [Int] = []
        var skipped: [SkippedStep] = []
        var head = 0
        for e in queue { seen.insert(e) }
        while head < queue.count {
            let i = queue[head]
            head += 1
            let step = p.steps[i]
            if let w = step.when, w.evaluate(facts, .caseDefaults) != .yes {
                skipped.append(SkippedStep(pathway: p.id, step: step.id, name: step.name,
                                           reason: w.failures(facts, .caseDefaults).joined(separator: "; ")))
                continue
            }
            reached.append(i)
            for link in p.links[i] where !seen.contains(link.to) {
                if let w = link.when, w.evaluate(facts, .caseDefaults) != .yes { continue }
                seen.insert(link.to)
                queue.append(link.to)
            }
        }
        return (reached, skipped)
    }

    func stepUrgency(_ step: Step, _ c: Case, _ facts: Facts) -> (Urgency, [String]) {
        var u = step.urgency
        var reasons = ["\(step.urgency.rawValue) by the pathway"]
        for w in step.windows {
            if let h = c.concerns.hoursSinceIncident {
                if h < w.hours, w.urgency < u {
                    u = w.urgency
                    reasons.append("\(w.name) window still open")
                }
            } else if w.urgency < u {
                u = w.urgency
                reasons.append("time since incident unknown: treated as within the \(w.name) window")
            }
        }
        for e in step.escalate where e.when.evaluate(facts, .caseDefaults) == .yes && e.urgency < u {
            u = e.urgency
            reasons.append(e.reason)
        }
        return (u, reasons)
    }

    func planStep(_ step: Step, pathway p: Pathway, _ c: Case, _ facts: Facts, consent: ConsentAssessment,
                  at time: RoutingTime) -> StepPlan
    {
        let (urgency, reasons) = stepUrgency(step, c, facts)
        var windows: [WindowStatus] = []
        for w in step.windows {
            if let h = c.concerns.hoursSinceIncident {
                let left = w.hours - h
                let closes = time.adding(hours: left).iso8601
                windows.append(WindowStatus(
                    id: w.id, name: w.name, open: left > 0, hoursLeft: left, closesAt: closes,
                    message: left > 0 ? "\(w.name): window closes in \(formatHours(left.rounded(.down))) h (\(closes))"
                        : "\(w.name): window closed \(formatHours((-left).rounded(.up))) h ago; care is still offered, not as an emergency"))
            } else {
                windows.append(WindowStatus(
                    id: w.id, name: w.name, open: true, hoursLeft: nil, closesAt: nil,
                    message: "\(w.name): closes \(formatHours(w.hours)) h after the incident; time since incident unknown: ask now"))
            }
        }
        // The case's lineage and reporting duties are the same for every service of the step.
        let lineage = context.lineage(of: c.document.area)
        let duties = applicableDuties(facts)
        let unsorted = directory.serviceIndices(category: step.category, lineage: lineage).map {
            decide(directory.services[$0], urgency: urgency, c, facts, consent: consent, at: time, lineage: lineage,
                   duties: duties)
        }
        let decisions = ranked(unsorted)
        var options = decisions.filter { $0.action != .excluded }
        for i in options.indices { options[i].rank = i + 1 }
        let excluded = decisions.filter { $0.action == .excluded }
        var warnings: [Warning] = []
        if urgency < .routine, !options.isEmpty, !options.contains(where: { $0.access.openNow != false }) {
            warnings.append(Warning(.critical, .availabilityHours,
                                    "no option for this \(urgency.rawValue) step is open now: find the next opening or an emergency alternative"))
        }
        if !options.isEmpty, !options.contains(where: { $0.action == .refer || $0.action == .emergencyReferral }) {
            warnings.append(Warning(.warning, .consentReferral,
                                    "no referral can be sent for this step: the options are information for the person to act on"))
        }
        // What the pathway marks as critical for a call comes first among the step's warnings.
        if let note = step.criticalNote { warnings.insert(Warning(.critical, .stepCriticalNote, note), at: 0) }
        return StepPlan(
            pathway: p.id, step: step.id, name: step.name, category: step.category, urgency: urgency,
            urgencyReasons: reasons, respondBy: time.adding(hours: Double(rules.responseHours.hours(urgency))).iso8601,
            windows: windows, optional: step.optional, note: step.note, warnings: warnings, options: options,
            excluded: excluded)
    }

    /// Why a step has no usable option, from the families of the rules that excluded the services
    /// in reach: only the person's choices, only consent, or eligibility and access.
    func gapCause(_ plan: StepPlan) -> Gap.Cause {
        if plan.excluded.isEmpty { return .noService }
        let failing = plan.excluded.map { d in d.checks.filter { $0.outcome == .fail }.map(\.rule.family) }
        if failing.allSatisfy({ $0.contains(.preference) }) { return .personsChoice }
        if failing.allSatisfy({ $0.allSatisfy { $0 == .consent } }) { return .consent }
        return .notEligible
    }

    func gapMessage(_ plan: StepPlan, cause: Gap.Cause, _ c: Case) -> String {
        let area = "\(context.areaName(c.document.area)) (\(c.document.area))"
        let category = context.categories[plan.category]?.name ?? plan.category
        if plan.excluded.isEmpty { return "no \(category) service covers \(area)" }
        var reasons: [RuleID: Int] = [:]
        for d in plan.excluded {
            for check in d.checks where check.outcome == .fail { reasons[check.rule, default: 0] += 1 }
        }
        let summary = reasons.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
        switch cause {
        case .personsChoice:
            return "not referred by the person's choice: \(plan.excluded.count) \(category) service(s) in reach (\(summary))"
        case .consent:
            return "no \(category) service can be used without consent to refer (none accepts self-referral): \(plan.excluded.count) in reach"
        case .noService, .notEligible:
            break
        }
        return "no usable \(category) service for this person in \(area): \(plan.excluded.count) in reach, none usable (\(summary))"
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
