import ReferralCore

/// The printable referral form for one option, in the shape of the inter-agency referral form:
/// the case code, exactly the packet (and what was withheld and why), the consent statement,
/// the receiving focal point, urgency and deadline. Nothing else about the case: no field that is
/// not in the packet appears, not even on screen.
enum ReferralFormPage {
    static func render(_ plan: RoutePlan, step: StepPlan, decision d: ServiceDecision, directory: Directory) -> String {
        let ctx = directory.context
        let emergency = d.action == .emergencyReferral
        var b = "<article class=\"referral-form\" data-service=\"\(HTML.e(d.service))\" data-step=\"\(HTML.e(step.pathway))/\(HTML.e(step.step))\">\n"
        b += "<h1>\(emergency ? "Emergency referral" : "Referral form")</h1>\n"
        b += "<p class=\"hint\">\(HTML.e(ctx.name)) · inter-agency referral · prepared by Referral Router</p>\n"
        b += "<p class=\"noprint\"><button type=\"button\" onclick=\"window.print()\">Print</button></p>\n"
        b += "<table class=\"form\">\n"
        b += row("Case code", "<strong>\(HTML.e(plan.caseCode))</strong>")
        b += row("Date and time of referral", "<span class=\"nowrap\">\(HTML.e(plan.at))</span>")
        b += row("Urgency", PlanView.urgency(step.urgency) + HTML.e(step.urgencyReasons.joined(separator: "; ")))
        b += row("Respond by", "<strong class=\"nowrap\">\(HTML.e(step.respondBy))</strong>")
        for w in step.windows where w.open { b += row("Time window", PlanView.window(w)) }
        b += row("Pathway step", "\(HTML.e(step.name)) (\(HTML.e(step.pathway)) / \(HTML.e(step.step)))"
                 + (step.pathways.count > 1 ? "; one step for the pathways " + PlanView.pathwayList(step.pathways) : ""))
        b += "</table>\n"

        b += "<h2>Receiving organisation</h2>\n<table class=\"form\">\n"
        b += row("Service", "\(HTML.e(d.serviceName)) <span class=\"hint\">[\(HTML.e(d.service))]</span>")
        b += row("Organisation", HTML.e(d.organisationName))
        b += row("Focal point", HTML.contact(d.access.contact))
        if d.access.addressConfidential {
            b += row("Address", "confidential: arrange it with the focal point")
        } else if let a = d.access.address {
            b += row("Address", HTML.e(a))
        }
        b += row("Reach", HTML.e(d.access.modality.map(\.rawValue).joined(separator: ", ")) + "; "
                 + HTML.openState(d.access.openNow, opensIn: d.access.opensInHours))
        b += "</table>\n"

        b += "<h2>Information shared</h2>\n"
        if d.packet.isEmpty {
            b += "<p>Nothing.</p>\n"
        } else {
            b += "<table class=\"packet\"><thead><tr><th>field</th><th>value</th></tr></thead><tbody>\n"
            for f in d.packet {
                b += "<tr data-field=\"\(HTML.e(f.field.rawValue))\"><td><code>\(HTML.e(f.field.rawValue))</code></td><td>\(HTML.e(f.value))</td></tr>\n"
            }
            b += "</tbody></table>\n"
        }
        if !d.withheld.isEmpty {
            b += "<h3>Withheld, and why</h3>\n<table class=\"withheld\"><thead><tr><th>field</th><th>reason</th></tr></thead><tbody>\n"
            for w in d.withheld {
                b += "<tr data-field=\"\(HTML.e(w.field.rawValue))\"><td><code>\(HTML.e(w.field.rawValue))</code></td><td>\(HTML.e(w.reason))</td></tr>\n"
            }
            b += "</tbody></table>\n"
        }

        b += "<h2>Consent</h2>\n<p class=\"consent\">\(HTML.e(consentStatement(plan, d, ctx)))</p>\n"
        let duties = d.warnings.filter { $0.rule == .confidentialityMandatoryReporting }
        for w in duties { b += "<p class=\"warn\" data-rule=\"\(HTML.e(w.rule.rawValue))\"><strong>Duty to report</strong>: \(HTML.e(w.message))</p>\n" }
        for w in d.warnings where w.rule != .confidentialityMandatoryReporting && w.level != .info {
            b += "<p class=\"warn\" data-rule=\"\(HTML.e(w.rule.rawValue))\">\(HTML.e(w.message))</p>\n"
        }

        b += "<h2>Referring and receiving</h2>\n<table class=\"form sign\">\n"
        b += row("Referred by (role, organisation)", "&nbsp;")
        b += row("Signature", "&nbsp;")
        b += row("Received by (role), date", "&nbsp;")
        b += row("Feedback to the referring agency by", "<span class=\"nowrap\">\(HTML.e(step.respondBy))</span>")
        b += "</table>\n</article>\n"
        let css = "<style>table.form th{width:32%}table.sign td{height:2.4em}@media print{h2{break-after:avoid}table{break-inside:avoid}}</style>\n"
        return HTML.page(title: "Referral form \(plan.caseCode) to \(d.serviceName)", fictional: plan.fictional, current: "",
                         body: css + b)
    }

    static func row(_ label: String, _ value: String) -> String { "<tr><th scope=\"row\">\(HTML.e(label))</th><td>\(value)</td></tr>\n" }

    /// Who consented, to what, and what they were told; for an emergency referral, the exception
    /// it was made under.
    static func consentStatement(_ plan: RoutePlan, _ d: ServiceDecision, _ ctx: Context) -> String {
        if d.action == .emergencyReferral {
            return "Made without the person's consent under the imminent-risk-to-life exception this context allows: only the minimum "
                + "data above is shared. Tell the person what was shared, and with whom, as soon as it is safe."
        }
        let byCategory = d.checks.first { $0.rule == .consentReferral }?.reason ?? "the person agreed to this referral"
        var s = "Consent given by \(plan.consent.givenBy.rawValue)"
        s += plan.consent.child ? " for a child (who counts under the context's consent rules)" : ""
        s += ": \(byCategory). The person agreed to share the information above; nothing else is sent."
        if d.checks.contains(where: { $0.rule == .consentMandatoryReporting && $0.outcome == .pass }) {
            s += " The person was told what this provider must report, and to whom."
        }
        return s
    }
}
