/// The steps of a case: which pathways apply, which steps they reach, how urgent each is, when a
/// response is due, and one step per category where several pathways reach the same kind of
/// service.
///
/// Conditions are three-valued (`UnknownFacts.caseDefaults`): a step whose condition cannot be
/// told from what the case records is never dropped silently. Where time matters (the step has a
/// time window, or its urgency is above routine) it is shown with the facts to `ask`; otherwise it
/// is listed as skipped with the facts to ask.

/// A step reached in a pathway walk. A class: the walk, the merge by category and the step's
/// plan pass it around, and a copy of a `Pathway` and a `Step` is some twenty reference counts.
final class ReachedStep {
    let pathway: Pathway
    let step: Step
    /// The facts to ask when the step's condition cannot be told (empty when it holds).
    let ask: [String]

    init(pathway: Pathway, step: Step, ask: [String]) {
        self.pathway = pathway
        self.step = step
        self.ask = ask
    }
}

extension Router {

    /// The facts of a case as the router reads them: an age band that includes a child's age is a
    /// child's until assessed (`rules.presumeMinority`).
    func facts(_ c: Case) -> Facts { Facts(c, ages: rules.presumedChildAges(c.age)) }

    func applicablePathways(_ facts: Facts) -> [Pathway] {
        directory.pathways.filter { $0.appliesWhen.evaluate(facts, .caseDefaults) == .yes }
    }

    /// Breadth-first from the entry steps, following links whose conditions hold or cannot be told
    /// (the step reached is then judged by its own condition). A step whose condition fails is
    /// skipped and not walked through; one whose condition cannot be told is shown with what to
    /// ask where time matters, else skipped with what to ask.
    func walkPathway(_ p: Pathway, _ c: Case, _ facts: Facts) -> (reached: [ReachedStep], skipped: [SkippedStep]) {
        // Steps by position: a flag each (a pathway has a handful of steps; hashing them cost more).
        var seen = [Bool](repeating: false, count: p.steps.count)
        var queue = p.entry
        var reached: [ReachedStep] = []
        var skipped: [SkippedStep] = []
        var head = 0
        for e in queue { seen[e] = true }
        while head < queue.count {
            let i = queue[head]
            head += 1
            let step = p.steps[i]
            var ask: [String] = []
            if let w = step.when {
                let t = w.evaluate(facts, .caseDefaults)
                if t != .yes {
                    let timed = step.windows.contains { ($0.when?.evaluate(facts, .caseDefaults) ?? .yes) != .no }
                    let showWithAsk = t == .unknown && (timed || stepUrgency(step, c, facts).urgency < .routine)
                    if !showWithAsk {
                        skipped.append(SkippedStep(pathway: p.id, step: step.id, name: step.name,
                                                   reason: w.failures(facts, .caseDefaults).joined(separator: "; "),
                                                   ask: t == .unknown ? w.asks(facts, .caseDefaults) : nil))
                        continue
                    }
                    ask = w.asks(facts, .caseDefaults)
                }
            }
            reached.append(ReachedStep(pathway: p, step: step, ask: ask))
            for link in p.links[i] where !seen[link.to] {
                if let w = link.when, w.evaluate(facts, .caseDefaults) == .no { continue }
                seen[link.to] = true
                queue.append(link.to)
            }
        }
        return (reached, skipped)
    }

    /// The step's urgency from its base, its open time windows and its escalations, with the
    /// reasons, and the facts to ask that could raise it. A window or an escalation whose
    /// condition cannot be told raises the urgency all the same (an unknown fact never lowers
    /// care); its reason says what to ask.
    func stepUrgency(_ step: Step, _ c: Case, _ facts: Facts) -> (urgency: Urgency, reasons: [String], ask: [String]) {
        var u = step.urgency
        var reasons = [step.urgency.byThePathway]
        var ask: [String] = []
        func asking(_ fields: [String]) -> String { fields.isEmpty ? "" : " (ask: \(fields.joined(separator: ", ")))" }
        for w in step.windows {
            let applies = w.when?.evaluate(facts, .caseDefaults) ?? .yes
            if applies == .no || w.urgency >= u { continue }
            let windowAsk = applies == .unknown ? w.when?.asks(facts, .caseDefaults) ?? [] : []
            if let h = c.concerns.hoursSinceIncident {
                if h < w.hours {
                    u = w.urgency
                    reasons.append("\(w.name) window still open" + asking(windowAsk))
                }
            } else {
                u = w.urgency
                reasons.append("time since incident unknown: treated as within the \(w.name) window" + asking(windowAsk))
            }
        }
        for e in step.escalate {
            let t = e.when.evaluate(facts, .caseDefaults)
            if t == .no { continue }
            let escalationAsk = t == .unknown ? e.when.asks(facts, .caseDefaults) : []
            ask.append(contentsOf: escalationAsk)
            if e.urgency < u {
                u = e.urgency
                reasons.append(e.reason + asking(escalationAsk))
            }
        }
        return (u, reasons, Array(Set(ask)).sorted())
    }

    /// The time windows of a step that apply to the case (a window whose condition fails is not
    /// shown; one whose condition cannot be told is shown with what to ask).
    func windowStatuses(_ step: Step, _ c: Case, _ facts: Facts, at time: RoutingTime) -> [WindowStatus] {
        var out: [WindowStatus] = []
        for w in step.windows {
            let applies = w.when?.evaluate(facts, .caseDefaults) ?? .yes
            if applies == .no { continue }
            let ask = applies == .unknown ? w.when?.asks(facts, .caseDefaults) : nil
            let askText = ask.map { "; ask whether it applies (\($0.joined(separator: ", ")))" } ?? ""
            if let h = c.concerns.hoursSinceIncident {
                let left = w.hours - h
                let closes = time.adding(hours: left).iso8601
                out.append(WindowStatus(
                    id: w.id, name: w.name, open: left > 0, hoursLeft: left, closesAt: closes,
                    message: (left > 0 ? "\(w.name): window closes in \(formatHours(left.rounded(.down))) h (\(closes))"
                        : "\(w.name): window closed \(formatHours((-left).rounded(.up))) h ago; care is still offered, not as an emergency")
                        + askText,
                    note: w.note, ask: ask))
            } else {
                out.append(WindowStatus(
                    id: w.id, name: w.name, open: true, hoursLeft: nil, closesAt: nil,
                    message: "\(w.name): closes \(formatHours(w.hours)) h after the incident; time since incident unknown: ask now"
                        + askText,
                    note: w.note, ask: ask))
            }
        }
        return out
    }

    /// Steps of the same category reached in several pathways, as one step each: the first step
    /// of a category opens a group; a step joins the first group of its category that holds no
    /// step of its own pathway (two steps of one pathway stay apart: case management and safety
    /// planning). Groups keep the order of their first step.
    func mergedByCategory(_ reached: [ReachedStep]) -> [[ReachedStep]] {
        var groups: [[ReachedStep]] = []
        for r in reached {
            if let g = groups.firstIndex(where: {
                $0[0].step.category == r.step.category && !$0.contains { $0.pathway.id == r.pathway.id }
            }) {
                groups[g].append(r)
            } else {
                groups.append([r])
            }
        }
        return groups
    }

    /// Plans one step (or several pathways' steps of one category, merged): urgency and response
    /// time, windows, every service of the category in reach decided and ranked, and the step's
    /// warnings; a step without a usable option adds its gap to `gaps`.
    func planStep(_ group: [ReachedStep], _ c: Case, _ facts: Facts, consent: ConsentAssessment, scope: CaseScope,
                  at time: RoutingTime, routed: RoutedCase, gaps: inout [Gap]) -> StepPlan
    {
        let judged = group.map { (member: $0, urgency: stepUrgency($0.step, c, facts)) }
        // The most urgent member names the step; the first one on a tie.
        let primary = judged.min { $0.urgency.urgency < $1.urgency.urgency }!
        let urgency = primary.urgency.urgency
        // The base urgency of the step that names it, then every reason that raised one.
        var reasons = [primary.urgency.reasons[0]]
        var windows: [WindowStatus] = []
        var ask = Set<String>()
        for j in judged {
            for r in j.urgency.reasons.dropFirst() where !reasons.contains(r) { reasons.append(r) }
            for w in windowStatuses(j.member.step, c, facts, at: time) where !windows.contains(where: { $0.id == w.id }) {
                windows.append(w)
            }
            ask.formUnion(j.urgency.ask)
        }
        // The step applies for certain when one member's condition holds.
        if group.allSatisfy({ !$0.ask.isEmpty }) { for m in group { ask.formUnion(m.ask) } }

        // Respond by the earliest of the urgency's response time, the step's own, and the close of
        // the first window still open (a deadline before the usual response time bounds it).
        let standard = Double(rules.responseHours.hours(urgency))
        var within = standard
        for m in group { if let h = m.step.respondWithinHours { within = min(within, h) } }
        var critical: [Warning] = []
        for m in group {
            if let note = m.step.criticalNote, !critical.contains(where: { $0.message == note }) {
                critical.append(Warning(.critical, .stepCriticalNote, note))
            }
        }
        for w in windows where w.open {
            guard let left = w.hoursLeft else { continue }
            within = min(within, left)
            if left < standard {
                critical.append(Warning(.critical, .timeWindowClosing,
                                        "\(w.name) window closes in \(left < 1 ? "less than 1" : formatHours(left.rounded(.down))) h (\(w.closesAt ?? "")), before the usual \(formatHours(standard)) h response: act now"))
            }
        }

        let step = primary.member.step
        let category = context.categories[step.category]
        let indices = context.ids.categories.id(step.category).map {
            directory.serviceIndices(category: $0, lineage: scope.lineageIDs)
        } ?? []
        let services = directory.services
        let (options, excluded) = ranked(indices.map {
            verdict(services[$0], urgency: urgency, c, consent: consent, at: time, scope: scope, category: category)
        })

        var warnings: [Warning] = []
        if consent.child, category?.familyTracing == true, !(c.concerns.traffickingIndicators ?? []).isEmpty {
            critical.append(Warning(.critical, .childFtrFamilyCheck,
                                    "a trafficked child: before tracing the family, check with the child and the case file that the family was not involved in the trafficking; if it may have been, do not contact it"))
        }
        if urgency < .routine, !options.isEmpty, !options.contains(where: { $0.openNow != false }) {
            critical.append(Warning(.critical, .availabilityHours,
                                    "no option for this \(urgency.rawValue) step is open now: find the next opening or an emergency alternative"))
        }
        let optional = group.allSatisfy { $0.step.optional }
        if optional, consent.child,
            let duty = scope.duties.first(where: { d in d.id.map { id in indices.contains { services[$0].carries(duty: id) } } ?? false })?.duty
        {
            // A child's "only if you choose" is not the whole truth where the providers must report.
            warnings.append(Warning(c.consent.mandatoryReportingExplained == true ? .warning : .critical,
                                    .confidentialityMandatoryReporting,
                                    "for a child this step is not only the child's choice: providers here must report under '\(duty.name)' (\(duty.consequence)), whatever the child decides; explain this before any contact"))
        }
        if c.document.sex == .other, excluded.contains(where: { $0.failed.contains(.eligibilitySex) }) {
            warnings.append(Warning(.warning, .eligibilitySex,
                                    "services here for women only or men only left out a person recorded as 'other': ask them directly, and prefer LGBTIQ-competent services (ranked first)"))
        }
        if !options.isEmpty, !options.contains(where: { $0.action == .refer || $0.action == .emergencyReferral }) {
            let who = consent.informationFor.map { "the \($0.rawValue) to act on with the child" } ?? "the person to act on"
            // Named by the rule that holds every option back (a pending BID, an unexplained duty),
            // else by consent: the step's warning says why, as the options' checks do.
            let holding = options.map { $0.decidingRule ?? .consentReferral }
            let rule = holding.allSatisfy { $0 == holding[0] } ? holding[0] : .consentReferral
            warnings.append(Warning(.warning, rule,
                                    "no referral can be sent for this step: the options are information for \(who)"))
        }
        // No usable option is a gap; a step where time matters whose options are all at capacity
        // (waiting list) is a gap of its own.
        let allAtCapacity = urgency < .routine && !options.isEmpty && options.allSatisfy(\.waitlist)
        if options.isEmpty || allAtCapacity {
            let cause = options.isEmpty ? gapCause(excluded) : .atCapacity
            gaps.append(Gap(pathway: primary.member.pathway.id, step: step.id, category: step.category, area: c.document.area,
                            urgency: urgency, cause: cause,
                            message: gapMessage(category: step.category, options: options.count, excluded: excluded, cause: cause, c)))
            if cause == .atCapacity {
                warnings.append(Warning(.critical, .availabilityAtCapacity,
                                        "every option for this \(urgency.rawValue) step is at capacity (waiting list): call ahead, and find an alternative now"))
            }
        }
        var notes: [String] = []
        for m in group { if let n = m.step.note, !notes.contains(n) { notes.append(n) } }
        var pathways = [primary.member.pathway.id]
        for m in group where !pathways.contains(m.pathway.id) { pathways.append(m.pathway.id) }
        return StepPlan(
            pathway: primary.member.pathway.id, step: step.id, name: step.name, category: step.category,
            pathways: pathways, urgency: urgency, urgencyReasons: reasons, respondBy: time.adding(hours: within).iso8601,
            ask: ask.isEmpty ? nil : ask.sorted(), windows: windows, optional: optional,
            note: notes.isEmpty ? nil : notes.joined(separator: " "), warnings: critical + warnings,
            decisions: StepDecisions(.init(routed: routed, urgency: urgency, category: category, options: options,
                                           excluded: excluded)))
    }
}

extension Urgency {
    /// "<urgency> by the pathway", the first of a step's urgency reasons (a literal: no text built
    /// per step).
    var byThePathway: String {
        switch self {
        case .immediate: "immediate by the pathway"
        case .emergency: "emergency by the pathway"
        case .urgent: "urgent by the pathway"
        case .routine: "routine by the pathway"
        }
    }
}
