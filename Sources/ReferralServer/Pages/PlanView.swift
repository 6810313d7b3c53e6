import ReferralCore

/// The plan as the case page shows it: the brief plan first (critical warnings; per step the
/// best option, how to reach it, open or closed now, what it shares), then the full plan with
/// every reason in a `<details>` one click away. Data attributes (`data-step`, `data-service`,
/// `data-action`, `data-rank`, `data-rule`) carry the ids, so a test or a script can read the
/// plan from the page.
enum PlanView {
    static func render(_ plan: RoutePlan, contextName: String) -> String {
        let brief = BriefPlan(plan)
        var out = "<section id=\"plan\" data-case=\"\(HTML.e(plan.caseCode))\" data-at=\"\(HTML.e(plan.at))\">\n"
        out += "<h2 id=\"plan-title\" tabindex=\"-1\">Plan for case \(HTML.e(plan.caseCode)) at <span class=\"nowrap\">\(HTML.e(plan.at))</span></h2>\n"
        out += briefSection(brief, plan: plan)
        out += "<details id=\"full-plan\"><summary>Full plan: every option, every reason</summary>\n"
        out += full(plan)
        out += "</details>\n</section>\n"
        return out
    }

    static func briefSection(_ b: BriefPlan, plan: RoutePlan) -> String {
        var out = "<section id=\"brief\" aria-labelledby=\"brief-title\">\n<h3 id=\"brief-title\">Brief plan</h3>\n"
        if !b.critical.isEmpty {
            out += "<div class=\"critical\" role=\"alert\"><strong>Read first: \(b.critical.count) critical warning\(b.critical.count == 1 ? "" : "s")</strong><ul>"
            for w in b.critical { out += "<li data-rule=\"\(HTML.e(w.rule.rawValue))\">\(HTML.e(w.message))</li>" }
            out += "</ul></div>\n"
        }
        if b.otherWarnings > 0 {
            out += "<p class=\"hint\">\(b.otherWarnings) more warning\(b.otherWarnings == 1 ? "" : "s") in the full plan.</p>\n"
        }
        // Under the imminent-risk-to-life exception, emergency referrals go even without consent:
        // the headline must not say "nothing is referred" above them.
        let exception = b.anyEmergencyReferral
            ? " <strong>Except</strong> the emergency referrals below, made under the imminent-risk-to-life exception with the minimum data only." : ""
        if !b.consentValid {
            out += "<p class=\"closed\" data-headline=\"not-valid\"><strong>Consent not valid</strong>: \(exception.isEmpty ? "nothing is referred" : "no referral with consent"); give information only.\(exception)</p>\n"
        } else if b.consentStatus == .noReferralConsent {
            out += "<p class=\"closed\" data-headline=\"no-referral-consent\"><strong>No referral consent yet</strong>: information only; nothing is referred with consent until the person agrees to a kind of service or an organisation.\(exception)</p>\n"
        } else if !b.anyReferral {
            out += "<p class=\"warn\"><strong>Consent valid, but it covers none of these services</strong>: nothing is referred; give information only.</p>\n"
        } else {
            out += "<p><strong>Consent valid</strong>: refer only where the person agreed.</p>\n"
        }
        out += "<ol class=\"brief-steps\">\n"
        for s in b.steps {
            out += "<li data-step=\"\(HTML.e(s.pathway))/\(HTML.e(s.step))\" data-best=\"\(HTML.e(s.best?.service ?? ""))\">"
            out += urgency(s.urgency) + "<strong>\(HTML.e(s.name))</strong>"
            out += " <span class=\"hint nowrap\">respond by \(HTML.e(s.respondBy))</span>"
            // A step reached from several pathways is one step: say which.
            if let merged = plan.steps.first(where: { $0.pathway == s.pathway && $0.step == s.step })?.pathways, merged.count > 1 {
                out += "<br><span class=\"merged\">for " + pathwayList(merged) + "</span>"
            }
            if let ask = s.ask, !ask.isEmpty { out += "<br>" + askLine(ask) }
            if let w = s.window { out += "<br>" + window(w) }
            for w in s.critical { out += "<br><strong class=\"closed\" data-rule=\"\(HTML.e(w.rule.rawValue))\">\(HTML.e(w.message))</strong>" }
            if let o = s.best {
                out += "<br>" + action(o.action) + " \(HTML.e(o.serviceName)) <span class=\"hint\">(\(HTML.e(o.organisationName)))</span>"
                out += "<br>" + HTML.contact(o.access.contact) + "; " + HTML.openState(o.access.openNow, opensIn: o.access.opensInHours)
                if o.access.status == .waitlist { out += "; <span class=\"warn\">at capacity (waiting list)</span>" }
                if o.action == .refer || o.action == .emergencyReferral {
                    out += "<br>shares: " + (o.shares.isEmpty ? "nothing" : o.shares.map { "<code>\($0.rawValue)</code>" }.joined(separator: ", "))
                }
                for w in o.warnings { out += "<br><span class=\"warn\" data-rule=\"\(HTML.e(w.rule.rawValue))\">\(HTML.e(w.message))</span>" }
                if s.moreOptions > 0 { out += "<br><span class=\"hint\">+ \(s.moreOptions) more option\(s.moreOptions == 1 ? "" : "s") in the full plan</span>" }
            } else {
                out += "<br><span class=\"closed\">No usable option</span>: see the gaps."
            }
            out += "</li>\n"
        }
        out += "</ol>\n"
        if !b.gaps.isEmpty {
            out += "<p><strong>Gaps</strong>: " + b.gaps.map { "\(HTML.e($0.pathway)) / \(HTML.e($0.step)) (\($0.cause.rawValue))" }
                .joined(separator: "; ") + "</p>\n"
        }
        return out + "</section>\n"
    }

    static func full(_ plan: RoutePlan) -> String {
        var out = "<section id=\"full\">\n"
        let status: String
        switch plan.consent.status {
        case .valid: status = "Valid"
        case .noReferralConsent: status = "<strong class=\"closed\">No referral consent yet</strong> (information only)"
        case .notValid: status = "<strong class=\"closed\">Not valid</strong>"
        }
        out += "<h3>Consent</h3>\n<p data-consent=\"\(plan.consent.status.rawValue)\">\(status), given by \(HTML.e(plan.consent.givenBy.rawValue))"
        out += plan.consent.child ? "; the person is a child" : ""
        out += plan.consent.informationFor.map { "; information-only options are for the \(HTML.e($0.rawValue))" } ?? ""
        out += ".</p>\n"
        out += checks(plan.consent.checks)
        if !plan.warnings.isEmpty {
            out += "<h3>Warnings</h3>\n<ul class=\"warnings\">"
            for w in plan.warnings {
                out += "<li data-rule=\"\(HTML.e(w.rule.rawValue))\" data-level=\"\(w.level.rawValue)\"><strong>\(w.level.rawValue)</strong>: \(HTML.e(w.message))</li>"
            }
            out += "</ul>\n"
        }
        out += "<h3>Steps (\(plan.steps.count), most urgent first)</h3>\n"
        for s in plan.steps { out += step(s) }
        if !plan.skippedSteps.isEmpty {
            out += "<h3>Steps that do not apply</h3>\n<ul>"
            for s in plan.skippedSteps {
                out += "<li data-skipped=\"\(HTML.e(s.pathway))/\(HTML.e(s.step))\">\(HTML.e(s.name)): \(HTML.e(s.reason))"
                + (s.ask.map { $0.isEmpty ? "" : "<br>" + askLine($0) } ?? "") + "</li>"
            }
            out += "</ul>\n"
        }
        out += "<h3>Gaps</h3>\n"
        if plan.gaps.isEmpty { out += "<p>None: every step has at least one usable option.</p>\n" }
        out += "<ul class=\"gaps\">"
        for g in plan.gaps {
            out += "<li data-gap=\"\(HTML.e(g.pathway))/\(HTML.e(g.step))\" data-cause=\"\(g.cause.rawValue)\">\(urgency(g.urgency))\(HTML.e(g.message))</li>"
        }
        return out + "</ul>\n</section>\n"
    }

    static func step(_ s: StepPlan) -> String {
        var out = "<section class=\"step\" data-step=\"\(HTML.e(s.pathway))/\(HTML.e(s.step))\" data-urgency=\"\(s.urgency.rawValue)\""
        out += " data-pathways=\"\(HTML.e(s.pathways.joined(separator: " ")))\">\n"
        out += "<h4>\(urgency(s.urgency))\(HTML.e(s.name)) <span class=\"hint\">(\(HTML.e(s.pathway)) / \(HTML.e(s.step)))</span></h4>\n"
        if s.pathways.count > 1 { out += "<p class=\"merged\">One step for the pathways " + pathwayList(s.pathways) + "</p>\n" }
        out += "<p>Respond by <span class=\"nowrap\">\(HTML.e(s.respondBy))</span>; \(HTML.e(s.urgencyReasons.joined(separator: "; ")))</p>\n"
        if let ask = s.ask, !ask.isEmpty { out += "<p class=\"step-ask\">" + askLine(ask) + "</p>\n" }
        for w in s.windows { out += "<p class=\"\(w.open ? "warn" : "hint")\">" + window(w) + "</p>\n" }
        if let n = s.note { out += "<p class=\"hint\">\(HTML.e(n))</p>\n" }
        for w in s.warnings { out += "<p class=\"warn\" data-rule=\"\(HTML.e(w.rule.rawValue))\">\(HTML.e(w.message))</p>\n" }
        out += "<ol class=\"options\">\n"
        for d in s.options { out += decision(d, step: s) }
        out += "</ol>\n"
        if !s.excluded.isEmpty {
            out += "<details><summary>\(s.excluded.count) service\(s.excluded.count == 1 ? "" : "s") in reach that cannot be used</summary><ul class=\"excluded\">\n"
            for d in s.excluded { out += decision(d, step: s) }
            out += "</ul></details>\n"
        }
        return out + "</section>\n"
    }

    static func decision(_ d: ServiceDecision, step s: StepPlan) -> String {
        let a = d.access
        var out = "<li class=\"\(d.action == .excluded ? "excluded" : "option")\" data-service=\"\(HTML.e(d.service))\" data-action=\"\(d.action.rawValue)\""
        out += d.rank.map { " data-rank=\"\($0)\"" } ?? ""
        out += ">" + action(d.action) + " <strong>\(HTML.e(d.serviceName))</strong>, \(HTML.e(d.organisationName)) <span class=\"hint\">[\(HTML.e(d.service))]</span><br>\n"
        if d.action != .excluded {
            out += "Reach: \(a.modality.map(\.rawValue).joined(separator: ", ")); \(HTML.openState(a.openNow, opensIn: a.opensInHours)); "
            out += "languages \(HTML.e(a.languages.joined(separator: ", ")))\(a.cost.map { "; cost: \(HTML.e($0))" } ?? "")\(a.selfReferral ? "; self-referral accepted" : "")<br>\n"
            out += "Contact: \(HTML.contact(a.contact))<br>\n"
            if a.addressConfidential { out += "Address: confidential (ask the focal point)<br>\n" } else if let ad = a.address { out += "Address: \(HTML.e(ad))<br>\n" }
        }
        if !d.packet.isEmpty {
            out += "Shares: " + d.packet.map { "<code>\($0.field.rawValue)</code>" }.joined(separator: ", ") + "<br>\n"
        }
        if !d.withheld.isEmpty {
            out += "Withheld: " + d.withheld.map { "<code>\($0.field.rawValue)</code> (\(HTML.e($0.reason)))" }.joined(separator: "; ") + "<br>\n"
        }
        for w in d.warnings { out += "<span class=\"warn\" data-rule=\"\(HTML.e(w.rule.rawValue))\">\(HTML.e(w.message))</span><br>\n" }
        if d.action == .refer || d.action == .emergencyReferral {
            out += "<form class=\"refform noprint\" method=\"post\" action=\"/referral-form\" target=\"_blank\">"
            out += "<input type=\"hidden\" name=\"step\" value=\"\(HTML.e(s.pathway))/\(HTML.e(s.step))\">"
            out += "<input type=\"hidden\" name=\"service\" value=\"\(HTML.e(d.service))\">"
            out += "<input type=\"hidden\" name=\"case\" value=\"\"><input type=\"hidden\" name=\"at\" value=\"\">"
            out += "<button type=\"submit\" class=\"secondary\">Referral form</button></form>\n"
        }
        out += "<details><summary>Why (\(d.checks.count) rules)</summary>" + checks(d.checks) + "</details>"
        return out + "</li>\n"
    }

    static func checks(_ list: [RuleCheck]) -> String {
        var out = "<table class=\"checks\"><thead><tr><th>rule</th><th>outcome</th><th>reason</th></tr></thead><tbody>"
        for c in list {
            out += "<tr data-rule=\"\(HTML.e(c.rule.rawValue))\"><td><code>\(HTML.e(c.rule.rawValue))</code></td><td class=\"o-\(c.outcome.rawValue)\">\(c.outcome.rawValue)</td><td>\(HTML.e(c.reason))</td></tr>"
        }
        return out + "</tbody></table>\n"
    }

    static func urgency(_ u: Urgency) -> String {
        "<span class=\"urgency u-\(u.rawValue)\">\(u.rawValue.uppercased())\(u == .immediate ? " (now)" : "")</span>"
    }

    /// The facts to ask before the step can be judged (case fields, as the format names them).
    static func askLine(_ fields: [String]) -> String {
        "<span class=\"ask\" data-ask=\"\(HTML.e(fields.joined(separator: " ")))\"><strong>Ask now</strong>: "
            + fields.map { "<code>\(HTML.e($0))</code>" }.joined(separator: ", ") + "</span>"
    }

    /// A time window: its message, the pathway's note on it, and what to ask when it may not apply.
    static func window(_ w: WindowStatus) -> String {
        var out = "<span class=\"\(w.open ? "warn" : "hint")\" data-window=\"\(HTML.e(w.id))\">\(HTML.e(w.message))</span>"
        if let n = w.note { out += " <span class=\"hint window-note\">(\(HTML.e(n)))</span>" }
        if let ask = w.ask, !ask.isEmpty { out += " " + askLine(ask) }
        return out
    }

    /// `a`, `a and b`, `a, b and c`.
    static func pathwayList(_ ids: [String]) -> String {
        let names = ids.map { "<strong>\(HTML.e($0))</strong>" }
        return names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    static func action(_ a: Action) -> String {
        let label: String
        switch a {
        case .refer: label = "REFER"
        case .emergencyReferral: label = "EMERGENCY REFERRAL"
        case .inform: label = "INFORM ONLY"
        case .excluded: label = "NOT USABLE"
        }
        return "<span class=\"action a-\(a.rawValue)\">\(label)</span>"
    }
}
