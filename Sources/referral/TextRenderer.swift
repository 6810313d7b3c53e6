import ReferralCore

/// Renders route plans and explanations for a person at a terminal, in 100 columns: what must be
/// read first at the top, then the steps most urgent first, each option with what to do, how to
/// reach it and exactly what will be shared.
struct TextRenderer {
    var style: Style
    var width = 100

    // MARK: route

    func render(_ plan: RoutePlan, timeNote: String) -> String {
        var t = TextBuilder(width: width)
        if plan.fictional { fictionalBanner(&t) }
        t.line(style.bold("REFERRAL PLAN for case \(plan.caseCode)"))
        t.line("  context   \(plan.context)")
        t.line("  time      \(plan.at) (\(timeNote))")
        t.line("  pathways  \(plan.pathways.isEmpty ? "none apply to this case" : plan.pathways.joined(separator: ", "))")
        t.line()

        warningsBlock(&t, plan.warnings)
        consentBlock(&t, plan.consent, options: plan.steps.flatMap(\.options))

        if plan.steps.isEmpty {
            t.line(style.bold("STEPS: none"))
            t.para("  ", "no pathway step applies to this case: check its concerns against 'referral list pathways'")
            t.line()
        } else {
            t.line(style.bold("STEPS (\(plan.steps.count), most urgent first)"))
            t.line()
            for (i, step) in plan.steps.enumerated() { stepBlock(&t, step, number: i + 1, of: plan.steps.count) }
        }

        if !plan.skippedSteps.isEmpty {
            t.line(style.bold("SKIPPED STEPS (they do not apply to this case)"))
            for s in plan.skippedSteps { t.para("  - ", "\(s.pathway) / \(s.step) (\(s.name)): \(s.reason)") }
            t.line()
        }
        if plan.gaps.isEmpty {
            t.line(style.bold("GAPS: none") + " (every step has at least one usable option)")
        } else {
            t.line(style.bold("GAPS (\(plan.gaps.count): steps with no usable service; tell the coordinator)"))
            for g in plan.gaps {
                let lead = "  " + urgencyLabel(g.urgency) + " "
                t.para(lead, "\(g.pathway) / \(g.step): \(g.message)", leadWidth: 2 + g.urgency.rawValue.count + 1)
            }
        }
        if plan.fictional {
            t.line()
            t.para("", style.dim("(fictional demonstration data: do not use these services for real referrals)"))
        }
        return t.text
    }

    /// One screen for a hotline operator: every critical warning, the consent verdict, and per
    /// step its critical warnings (the pathway's critical note first) and only the best option,
    /// with how to reach it and what it shares; then the gaps. Rendered from `BriefPlan`, which
    /// `--brief --format json` prints, so the two always agree.
    func renderBrief(_ plan: RoutePlan, timeNote: String) -> String {
        let b = BriefPlan(plan)
        var t = TextBuilder(width: width)
        if b.fictional { t.line(style.inverse("FICTIONAL DEMONSTRATION DATA: these services do not exist")) }
        t.line(style.bold("BRIEF PLAN for case \(b.caseCode)") + " at \(b.at) (\(timeNote))")
        for w in b.critical { warningLine(&t, w, indent: 0) }
        if b.otherWarnings > 0 {
            t.line("   (\(b.otherWarnings) more warning\(b.otherWarnings == 1 ? "" : "s") in the full plan: drop --brief)")
        }
        let (label, verdict) = consentHeadline(status: b.consentStatus, anyReferral: b.anyReferral,
                                               anyEmergency: b.anyEmergencyReferral, anyOption: b.anyOption, brief: true)
        t.para(label + ": ", verdict)
        for (i, s) in b.steps.enumerated() {
            t.para("\(i + 1). " + urgencyLabel(s.urgency) + " ", s.name + (s.window.map { " (" + $0.message + ")" } ?? ""),
                   leadWidth: "\(i + 1). ".count + s.urgency.rawValue.count + 1, indent: 5)
            if let ask = s.ask { t.para("     ask ", ask.joined(separator: ", ") + ": it decides whether this applies, or how urgently") }
            for w in s.critical { warningLine(&t, w, indent: 5) }
            guard let best = s.best else {
                t.para("     ", style.red("no usable option") + ": see the gaps", leadWidth: 5)
                continue
            }
            let phone = best.access.contact?.phone.map { ", " + $0 } ?? ""
            let state = (best.access.openNow.map { $0 ? "open now" : "CLOSED now" } ?? "hours unknown")
                + (best.access.status == .waitlist ? "; AT CAPACITY (waiting list)" : "")
            t.para("     " + best.action.label + "  ", "\(best.serviceName) (\(best.organisationName))\(phone); \(state)",
                   leadWidth: 5 + best.action.label.count + 2, indent: 7)
            if best.action == .refer || best.action == .emergencyReferral {
                t.para("       shares ", best.shares.isEmpty ? "nothing" : best.shares.map(\.rawValue).joined(separator: ", "))
            }
            for w in best.warnings { warningLine(&t, w, indent: 7) }
            if s.moreOptions > 0 { t.line("       + \(s.moreOptions) more option\(s.moreOptions == 1 ? "" : "s")") }
        }
        if !b.gaps.isEmpty {
            t.para("gaps: ", b.gaps.map { "\($0.pathway) / \($0.step) (\($0.cause.rawValue))" }.joined(separator: "; "), leadWidth: 6)
        }
        return t.text
    }

    /// The consent verdict's label and explanation. It never says "valid" when nothing the person
    /// agreed to can be referred (consent that names nothing yet, consent that covers none of the
    /// options, or no usable option at all), and it says when emergency referrals are made without
    /// consent.
    func consentHeadline(status: ConsentAssessment.Status, anyReferral: Bool, anyEmergency: Bool, anyOption: Bool,
                         brief: Bool) -> (String, String)
    {
        let emergencyOnly = "only emergency referrals are made, without consent (imminent risk to life), with the minimum data; "
            + "the other options are information only"
        if status == .notValid {
            return (style.red(brief ? "CONSENT NOT VALID" : "CONSENT: NOT VALID"),
                    anyEmergency ? emergencyOnly
                        : brief ? "nothing is referred; information only" : "nothing will be referred; options are information only")
        }
        if status == .noReferralConsent {
            return (style.red(brief ? "NO REFERRAL CONSENT YET" : "CONSENT: NO REFERRAL CONSENT YET"),
                    anyEmergency ? emergencyOnly
                        : brief ? "information only" : "information only: nothing will be referred until the person agrees to a kind of service or an organisation")
        }
        if !anyOption {
            return (style.red(brief ? "NOTHING REFERRED" : "CONSENT: valid, NO USABLE OPTION"),
                    "no service can be used here, so nothing will be referred (see the gaps)")
        }
        if !anyReferral {
            return (style.red(brief ? "CONSENT COVERS NO OPTION" : "CONSENT: COVERS NO OPTION"),
                    anyEmergency ? emergencyOnly
                        : "the recorded consent covers none of these options: nothing will be referred; options are information only")
        }
        return (style.bold(brief ? "consent valid" : "CONSENT: valid"),
                brief ? "refer only where the person agreed" : "referrals go only where the person agreed, with what they agreed to share")
    }

    func fictionalBanner(_ t: inout TextBuilder) {
        let message = "*  FICTIONAL DEMONSTRATION DATA: these services and organisations do not exist  *"
        let bar = String(repeating: "*", count: message.count)
        t.line(style.inverse(bar))
        t.line(style.inverse(message))
        t.line(style.inverse(bar))
        t.line()
    }

    /// Critical warnings (the engine's, gaps in emergency or urgent steps included) come first
    /// under a banner; the rest follow.
    func warningsBlock(_ t: inout TextBuilder, _ warnings: [Warning]) {
        let critical = warnings.filter { $0.level == .critical }
        let others = warnings.filter { $0.level != .critical }
        if !critical.isEmpty {
            let banner = "!!! READ FIRST: \(critical.count) CRITICAL WARNING\(critical.count == 1 ? "" : "S") !!!"
            t.line(style.red(banner))
            for w in critical { warningLine(&t, w, indent: 2) }
            t.line()
        }
        if !others.isEmpty {
            t.line(style.bold("WARNINGS AND NOTES"))
            for w in others { warningLine(&t, w, indent: 2) }
            t.line()
        }
    }

    func warningLine(_ t: inout TextBuilder, _ w: Warning, indent: Int) {
        let marker: String
        switch w.level {
        case .critical: marker = "!!"
        case .warning: marker = "! "
        case .info: marker = "i "
        }
        let pad = String(repeating: " ", count: indent)
        let colored = w.level == .critical ? style.red(marker) : w.level == .warning ? style.yellow(marker) : marker
        t.para(pad + colored + " ", "\(w.message) [\(w.rule)]", leadWidth: indent + 3)
    }

    /// The consent verdict for `decisions`: a plan's options, or (`explaining`) the decisions on
    /// one service, where a service that cannot be used at all says nothing about consent.
    func consentBlock(_ t: inout TextBuilder, _ consent: ConsentAssessment, options decisions: [ServiceDecision],
                      explaining: Bool = false)
    {
        let child = consent.child ? "; the person is a child" : ""
        let usable = decisions.filter { $0.action != .excluded }
        let (label, verdict) = consentHeadline(
            status: consent.status, anyReferral: usable.contains { $0.action == .refer } || (explaining && usable.isEmpty),
            anyEmergency: usable.contains { $0.action == .emergencyReferral }, anyOption: !usable.isEmpty || explaining,
            brief: false)
        t.para(label + " ", "(given by \(consent.givenBy.rawValue)\(child)): " + verdict, indent: 2)
        for c in consent.checks { checkLine(&t, c, indent: 2) }
        t.line()
    }

    func checkLine(_ t: inout TextBuilder, _ c: RuleCheck, indent: Int) {
        let label: String
        switch c.outcome {
        case .pass: label = style.green("PASS")
        case .fail: label = style.red("FAIL")
        case .warn: label = style.yellow("WARN")
        case .info: label = "INFO"
        }
        let pad = String(repeating: " ", count: indent)
        t.para(pad + label + " ", "\(c.rule): \(c.reason)", leadWidth: indent + 5)
    }

    func urgencyLabel(_ u: Urgency) -> String {
        switch u {
        case .immediate: style.red("IMMEDIATE")
        case .emergency: style.red("EMERGENCY")
        case .urgent: style.yellow("URGENT")
        case .routine: "ROUTINE"
        }
    }

    func stepBlock(_ t: inout TextBuilder, _ s: StepPlan, number: Int, of total: Int) {
        let lead = "[\(number)/\(total)] " + urgencyLabel(s.urgency) + "  "
        let leadWidth = "[\(number)/\(total)] ".count + s.urgency.rawValue.count + 2
        let also = s.pathways.dropFirst().isEmpty ? "" : "; also " + s.pathways.dropFirst().joined(separator: ", ")
        let where_ = "(\(s.pathway) / \(s.step)\(also)\(s.optional ? ", optional: only if the person chooses it" : ""))"
        t.para(lead, style.bold(s.name) + "  " + where_, leadWidth: leadWidth, indent: 6)
        t.line("      respond by  \(s.respondBy)\(s.urgency == .immediate ? " (now)" : "")")
        t.para("      why         ", s.urgencyReasons.joined(separator: "; "))
        if let ask = s.ask {
            t.para("      ask         ", ask.joined(separator: ", ") + ": not recorded yet, and it decides whether this step applies or how urgently")
        }
        for w in s.windows {
            let lead = w.open ? "      window      " : "      closed      "
            t.para(lead, w.message + (w.note.map { " (" + $0 + ")" } ?? ""))
        }
        if let note = s.note { t.para("      note        ", note) }
        for w in s.warnings { warningLine(&t, w, indent: 6) }
        t.line()
        if s.options.isEmpty {
            t.para("      ", style.red("NO USABLE OPTION") + " for this step: see GAPS below", leadWidth: 6)
            t.line()
        }
        for o in s.options { optionBlock(&t, o) }
        if !s.excluded.isEmpty {
            t.line("      not usable here (\(s.excluded.count)):")
            for d in s.excluded {
                let reasons = d.checks.filter { $0.outcome == .fail }.map { "\($0.rule): \($0.reason)" }
                t.para("        - ", "\(d.service) (\(d.organisationName)): " + reasons.joined(separator: " | "))
            }
            t.line()
        }
    }

    func optionBlock(_ t: inout TextBuilder, _ d: ServiceDecision) {
        let action = d.action == .emergencyReferral ? style.red(d.action.label)
            : d.action == .refer ? style.bold(d.action.label) : d.action.label
        let rank = d.rank.map { "#\($0) " } ?? ""
        t.para("      " + rank + action + "  ", "\(d.serviceName), \(d.organisationName) [\(d.service)]",
               leadWidth: 6 + rank.count + d.action.label.count + 2, indent: 10)
        decisionDetails(&t, d, indent: 10)
        t.line()
    }

    /// How to reach the service, what is shared and withheld, and every check that is not a plain
    /// pass (plain passes are in `referral explain`).
    func decisionDetails(_ t: inout TextBuilder, _ d: ServiceDecision, indent: Int) {
        let pad = String(repeating: " ", count: indent)
        let a = d.access
        t.para(pad + "reach     ", reach(a))
        if let c = a.contact {
            let parts = [c.role, c.phone, c.email].compactMap { $0 }
            if !parts.isEmpty { t.para(pad + "contact   ", parts.joined(separator: ", ")) }
        }
        if a.addressConfidential {
            t.para(pad + "address   ", "CONFIDENTIAL: never shown or shared; the focal point arranges access")
        } else if let address = a.address {
            t.para(pad + "address   ", address)
        }
        if let w = a.website { t.para(pad + "website   ", w) }
        if let note = a.eligibilityNote { t.para(pad + "serves    ", note + " (as the directory says; not checked by the router)") }
        switch d.action {
        case .refer, .emergencyReferral:
            let shared = d.packet.map { "\($0.field.rawValue) = \($0.value)" }
            t.para(pad + "shares    ", shared.isEmpty ? "nothing (the provider needs no field the person agreed to share)"
                : shared.joined(separator: "; "))
        case .inform:
            t.para(pad + "shares    ", "nothing: give the person the contact details; they go or call themselves")
        case .excluded:
            break
        }
        for w in d.withheld { t.para(pad + "withheld  ", "\(w.field.rawValue): \(w.reason)") }
        for c in d.checks where c.outcome != .pass && !coveredElsewhere(c) { checkLine(&t, c, indent: indent) }
        for w in d.warnings { warningLine(&t, w, indent: indent) }
    }

    func coveredElsewhere(_ c: RuleCheck) -> Bool {
        (c.rule == .availabilityHours && c.outcome == .info) || c.rule == .confidentialityAddress
    }

    func reach(_ a: AccessInfo) -> String {
        var parts: [String] = []
        parts.append(a.modality.map { $0 == .inPerson ? "in person" : $0.rawValue }.joined(separator: " or "))
        switch a.openNow {
        case true?: parts.append("open now")
        case false?: parts.append(a.opensInHours.map { "CLOSED now, opens in \(hoursText($0))" } ?? "CLOSED now")
        case nil: parts.append("hours not recorded: call first")
        }
        switch a.status {
        case .open: break
        case .waitlist: parts.append("AT CAPACITY (waiting list)")
        case .closed: parts.append("CLOSED (status)")
        }
        let where_: String
        switch a.proximity {
        case .sameArea: where_ = "in the case's area (\(a.servedArea))"
        case .parentArea: where_ = "serves \(a.servedArea), which contains the case's area"
        case .widerArea, .outOfArea: where_ = "serves \(a.servedArea) (wider area)"
        }
        parts.append(where_)
        if !a.languages.isEmpty { parts.append("languages " + a.languages.joined(separator: ", ")) }
        if let cost = a.cost { parts.append("cost: \(cost)") }
        parts.append(a.selfReferral ? "self-referral accepted" : "referral needed")
        return parts.joined(separator: "; ")
    }

    // MARK: explain

    func render(_ e: ServiceExplanation, service: Service, directory: Directory, timeNote: String) -> String {
        var t = TextBuilder(width: width)
        if directory.context.fictional { fictionalBanner(&t) }
        let org = directory.organisations[service.organisation]?.name ?? service.organisation
        let category = directory.context.categories[service.category]?.name ?? service.category
        t.line(style.bold("WHY OR WHY NOT: \(service.id) for case \(e.caseCode)"))
        t.para("  service   ", "\(service.name), \(org)")
        t.line("  category  \(service.category) (\(category))")
        t.line("  time      \(e.at) (\(timeNote))")
        t.line()
        consentBlock(&t, e.consent, options: e.steps.map(\.decision) + (e.withoutStep.map { [$0] } ?? []), explaining: true)
        if e.steps.isEmpty, let d = e.withoutStep {
            t.para("", "No step of the pathways that apply to this case uses \(service.category); "
                + "the service is judged on its own at routine urgency:")
            t.line()
            decisionBlock(&t, d)
        }
        for s in e.steps {
            t.line(style.bold("In \(s.pathway) / \(s.step)") + " (" + urgencyLabel(s.urgency) + ")")
            decisionBlock(&t, s.decision)
        }
        return t.text
    }

    func decisionBlock(_ t: inout TextBuilder, _ d: ServiceDecision) {
        let action = d.action == .excluded ? style.red(d.action.label) : style.bold(d.action.label)
        t.line("  decision  " + action)
        t.line("  checks, in the order the router applies them:")
        for c in d.checks { checkLine(&t, c, indent: 4) }
        for w in d.warnings { warningLine(&t, w, indent: 4) }
        if d.action != .excluded {
            let shared = d.packet.map { "\($0.field.rawValue) = \($0.value)" }
            t.para("  shares    ", d.action == .inform ? "nothing (information only)"
                : shared.isEmpty ? "nothing" : shared.joined(separator: "; "))
        }
        for w in d.withheld { t.para("  withheld  ", "\(w.field.rawValue): \(w.reason)") }
        t.line()
    }
}
