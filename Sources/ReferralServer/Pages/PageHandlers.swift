import Foundation
import ReferralCore

/// The pages for people: the case page, the plan fragment it shows, the referral form, the
/// directory search and the coordinator's report with its reload button.
extension ReferralApp {
    func casePage(_ r: HTTPRequest) -> HTTPResponse {
        let ctx = holder.current.directory.context
        let at = r.query("at").flatMap { $0.isEmpty ? nil : $0 }
        if let at, RoutingTime.parse(at, utcOffsetMinutes: 0) == nil {
            return .error(HTTPError(400, "bad-time", "'at' is not a time", help: "for example 2026-11-28T14:00:00+02:00"))
        }
        return .html(CasePage.render(fictional: ctx.fictional, contextName: ctx.name, at: at))
    }

    /// `POST /plan[?at=]`: the case page's answer, as an HTML fragment (the brief plan, then the
    /// full plan). Routed and audited exactly as `POST /api/route`.
    func planFragment(_ r: HTTPRequest) -> HTTPResponse {
        if let e = requireJSON(r) { return .error(e) }
        switch routeCase(r, source: "page") {
        case .answer(let response): return response
        case .plan(let plan, let snap): return .html(PlanView.render(plan, contextName: snap.directory.context.name))
        }
    }

    /// `POST /referral-form` (an HTML form: `case`, `step`, `service`, `at`): the printable form
    /// for one referable option. The case is routed again, not stored.
    func referralForm(_ r: HTTPRequest) -> HTTPResponse {
        guard r.mediaType == "application/x-www-form-urlencoded" else {
            return .error(HTTPError(415, "unsupported-media-type", "send the form as application/x-www-form-urlencoded"))
        }
        guard let fields = HTTPParser.formFields(r.body) else {
            return .error(HTTPError(400, "bad-form", "the form is not valid URL encoding"))
        }
        func field(_ name: String) -> String { fields.first { $0.name == name }?.value ?? "" }
        let snap = holder.current
        let d = snap.directory
        let text = field("at")
        guard let time = CaseRouting.time(text.isEmpty ? nil : text, now: clock(), context: d.context) else {
            return .error(HTTPError(400, "bad-time", "'at' is not a time"))
        }
        let plan: RoutePlan
        switch CaseRouting.route(bytes: Array(field("case").utf8), name: ReferralApp.caseName, directory: d, at: time) {
        case .failure(let refusal): return ReferralApp.refused(refusal)
        case .success(let p): plan = p
        }
        guard let step = plan.steps.first(where: { "\($0.pathway)/\($0.step)" == field("step") }),
            let option = step.options.first(where: { $0.service == field("service") })
        else {
            return .error(HTTPError(404, "no-such-option", "this case has no option '\(field("service"))' in step '\(field("step"))'"))
        }
        guard option.action == .refer || option.action == .emergencyReferral else {
            return .error(HTTPError(409, "not-referable", "this option is information only: nothing may be sent to it",
                                    help: "give the person the contact details instead"))
        }
        return .html(ReferralFormPage.render(plan, step: step, decision: option, directory: d))
    }

    func searchPage(_ r: HTTPRequest) -> HTTPResponse {
        let d = holder.current.directory
        guard r.query.contains(where: { !$0.value.isEmpty }) else {
            return .html(SearchPage.render(d, query: ServiceSearch(), answer: nil, error: nil))
        }
        switch search(r, d) {
        case .failure(let e): return .html(SearchPage.render(d, query: ServiceSearch(), answer: nil, error: e), status: e.status)
        case .success(let (q, time)): return .html(SearchPage.render(d, query: q, answer: q.run(d, at: time), error: nil))
        }
    }

    /// `GET /validate`: the same offline HTML report as `referral validate --format html`, on the
    /// files as they are now, with a banner: what is in service, the last reload, a reload button.
    func validatePage(_ r: HTTPRequest) -> HTTPResponse {
        let snap = holder.current
        let time: RoutingTime
        switch routingTime(r, snap.directory) {
        case .success(let t): time = t
        case .failure(let e): return .error(e)
        }
        let report = holder.validationReport(at: time)
        var html = ReportRenderer.render(report, format: .html)
        var banner = "<form method=\"post\" action=\"/reload\" class=\"reload\" style=\"border:1px solid #bbb;padding:8px 12px;border-radius:6px;margin:0 0 12px\">"
        banner += "<p><a href=\"/\">Case page</a> · <a href=\"/search\">Find a service</a></p>"
        banner += "<p>In service: data version <code>\(HTML.e(snap.dataVersion))</code>, loaded \(HTML.e(utcText(snap.loadedAt))) "
        banner += "(\(snap.directory.services.count) services). <button type=\"submit\">Reload the data now</button></p>"
        if let last = holder.lastReload, !last.reloaded {
            banner += "<div class=\"errors\" role=\"alert\" style=\"border:2px solid #b00020;padding:6px 10px\"><p><strong>The edited data has \(last.errors.count) error\(last.errors.count == 1 ? "" : "s")</strong> "
            banner += "(tried \(HTML.e(utcText(last.at)))): the last good data stays in service until they are fixed.</p><ul>"
            for e in last.errors.prefix(50) { banner += "<li><code>\(HTML.e(e.place.description))</code> \(HTML.e(e.message))\(e.help.map { ": " + HTML.e($0) } ?? "")</li>" }
            banner += "</ul></div>"
        } else if let last = holder.lastReload {
            banner += "<p>Last reload \(HTML.e(utcText(last.at))): \(last.unchanged ? "nothing had changed" : "the new data is in service").</p>"
        }
        banner += "</form>\n"
        if let at = html.range(of: "<body>\n") { html.insert(contentsOf: banner, at: at.upperBound) }
        return .html(html)
    }

    /// `POST /reload` (the button): reloads, then back to the report, which shows the outcome.
    func reloadForm(_ r: HTTPRequest) -> HTTPResponse {
        holder.reload(now: clock())
        return .redirect("/validate")
    }
}
