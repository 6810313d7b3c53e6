import Foundation
import ReferralCore
import Testing
@testable import ReferralServer

/// The pages for people, called without a socket.
@Suite("Pages")
struct PageTests {
    func call(_ app: ReferralApp, _ method: String, _ target: String, body: [UInt8] = [], type: String? = nil) -> HTTPResponse {
        var headers: [HTTPRequest.Header] = [.init("host", "test")]
        if let type { headers.append(.init("content-type", type)) }
        return app.handle(HTTPRequest(method: method, target: target, headers: headers, body: body))
    }

    static func formBody(_ fields: [(String, String)]) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return Array(fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&").utf8)
    }

    @Test func theCasePageHasNoFreeTextAndCarriesLangAndDir() throws {
        let r = call(AppTests.app, "GET", "/?at=\(Repo.atQuery)")
        #expect(r.status == 200 && r.header("Content-Type") == "text/html; charset=utf-8")
        let html = r.bodyText
        #expect(html.contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(!html.contains("<textarea") && !html.contains("type=\"text\"") && !html.contains("type=\"search\""))
        // Self-contained: nothing is loaded from elsewhere.
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import"))
        #expect(r.serialized(keepAlive: false).text.contains("Content-Security-Policy: default-src 'none'"))
        #expect(call(AppTests.app, "GET", "/?at=tomorrow").status == 400)
    }

    @Test func thePlanFragmentShowsTheBriefPlanFirst() throws {
        let body = try Repo.caseBytes("gbv-rape-survivor-fenwick-gap.json")
        let r = call(AppTests.app, "POST", "/plan?at=\(Repo.atQuery)", body: body, type: "application/json")
        #expect(r.status == 200)
        let html = r.bodyText
        let brief = try #require(html.range(of: "id=\"brief\""))
        let full = try #require(html.range(of: "id=\"full-plan\""))
        #expect(brief.lowerBound < full.lowerBound)
        #expect(html.contains("data-rule=\"gap.urgent\""))
        #expect(html.contains("<a class=\"tel\" href=\"tel:+00011555010"))
        #expect(call(AppTests.app, "POST", "/plan", body: body, type: "text/plain").status == 415)
    }

    /// Issue 8's plan features on the page: the facts to ask, a step merged from several pathways,
    /// the consent headline when consent names nothing, and `immediate` with its "(now)".
    @Test func thePlanShowsAskMergedStepsAndTheConsentHeadline() throws {
        let path = Repo.root.appendingPathComponent("Tests/ReferralServerTests/Browser/cases/new-fields-child-16-other.json")
        let body = try [UInt8](Data(contentsOf: path))
        let r = call(AppTests.app, "POST", "/plan?at=\(Repo.atQuery)", body: body, type: "application/json")
        #expect(r.status == 200)
        let html = r.bodyText
        // What the page must show comes from the engine's own plan for the same case (the shipped
        // data changes; this test follows it), and the case is chosen so that there is some.
        let api = call(AppTests.app, "POST", "/api/route?at=\(Repo.atQuery)", body: body, type: "application/json")
        let plan = try JSONDecoder().decode(RoutePlan.self, from: Data(api.body))
        let asked = plan.steps.filter { !($0.ask ?? []).isEmpty }
        let merged = plan.steps.filter { $0.pathways.count > 1 }
        #expect(!asked.isEmpty && !merged.isEmpty)   // no incident type; psychosocial support in three pathways
        for s in asked {
            let ask = "<span class=\"ask\" data-ask=\"\(s.ask!.joined(separator: " "))\"><strong>Ask now</strong>"
            #expect(html.contains("<p class=\"step-ask\">" + ask), "\(s.pathway)/\(s.step)")
            // …and in the brief, on the step's line.
            let brief = try #require(html.range(of: "<li data-step=\"\(s.pathway)/\(s.step)\""))
            #expect(html[brief.upperBound...].prefix(800).contains(ask), "\(s.pathway)/\(s.step)")
        }
        for s in plan.skippedSteps where !(s.ask ?? []).isEmpty {
            let item = try #require(html.range(of: "<li data-skipped=\"\(s.pathway)/\(s.step)\">"))
            #expect(html[item.upperBound...].prefix(600).contains("data-ask=\"\(s.ask!.joined(separator: " "))\""))
        }
        for s in merged {
            #expect(html.contains("data-step=\"\(s.pathway)/\(s.step)\" data-urgency=\"\(s.urgency.rawValue)\" data-pathways=\"\(s.pathways.joined(separator: " "))\""))
        }
        #expect(html.contains("One step for the pathways <strong>"))
        #expect(PlanView.pathwayList(["child-protection", "gbv", "mhpss"])
                == "<strong>child-protection</strong>, <strong>gbv</strong> and <strong>mhpss</strong>")
        #expect(html.contains("data-consent=\"valid\""))
        #expect(html.contains("data-rule=\"mhpss.assess-imminent-risk\""))   // suicidal thoughts, imminence not decided
        #expect(html.contains("data-rule=\"preference.excluded-organisation\""))
        // Consent that names nothing: "no referral consent yet", in the brief and the full plan.
        var doc = try JSONSerialization.jsonObject(with: Data(body)) as! [String: Any]
        var consent = doc["consent"] as! [String: Any]
        consent["referToCategories"] = nil
        doc["consent"] = consent
        let none = call(AppTests.app, "POST", "/plan?at=\(Repo.atQuery)", body: [UInt8](try JSONSerialization.data(withJSONObject: doc)),
                        type: "application/json")
        #expect(none.status == 200)
        #expect(none.bodyText.contains("<strong>No referral consent yet</strong>: information only"))
        #expect(!none.bodyText.contains("imminent-risk-to-life exception with the minimum data only"))
        // With an imminent risk to life and no consent, emergency referrals go: the headline says so.
        let risk = call(AppTests.app, "POST", "/plan?at=\(Repo.atQuery)", body: try Repo.caseBytes("mhpss-imminent-risk-no-consent.json"),
                        type: "application/json").bodyText
        #expect(risk.contains("data-action=\"emergency-referral\""))
        #expect(risk.contains("data-headline=\"no-referral-consent\"")
                && risk.contains("<strong>Except</strong> the emergency referrals below, made under the imminent-risk-to-life exception"))
        #expect(none.bodyText.contains("data-consent=\"no-referral-consent\""))
        #expect(PlanView.urgency(.immediate) == "<span class=\"urgency u-immediate\">IMMEDIATE (now)</span>")
        #expect(HTML.css.contains(".u-immediate{"))
    }

    @Test func theCasePageAsksIssue8sFields() throws {
        let script = CasePage.script
        for name in ["recordedAtDay", "recordedAtHour", "excludeOrganisations", "caregiverNotToBeContacted", "wantsShelter",
                     "bestInterestsDetermination", "suicidalThoughts", "injuries", "safetyRisk"] {
            #expect(script.contains(name), "\(name)")
        }
        // Excluded organisations come from the directory's list, never typed.
        #expect(script.contains("boxes('excludeOrganisations', 'Never send to these organisations', ctx.organisations.map("))
    }

    @Test func theReferralFormHoldsExactlyThePacket() throws {
        let caseText = String(decoding: try Repo.caseBytes("gbv-adult-rape-within-72h.json"), as: UTF8.self)
        let r = call(AppTests.app, "POST", "/referral-form", body: Self.formBody([
            ("case", caseText), ("step", "gbv/clinical-care"), ("service", "moh.cmr-northmark"), ("at", Repo.at),
        ]), type: "application/x-www-form-urlencoded")
        #expect(r.status == 200)
        let html = r.bodyText
        let fields = html.components(separatedBy: "<tr data-field=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(fields == ["age", "caseCode", "gbv.hoursSinceIncident", "languages", "sex"])
        #expect(html.contains("DEMO-GBV-001") && html.contains("Respond by") && html.contains("@media print"))
        // Nothing else about the case: the area and the incident type were not in this packet.
        #expect(!html.contains("XV0101") && !html.contains(">rape<"))
        // An information-only option has no referral form.
        let police = call(AppTests.app, "POST", "/referral-form", body: Self.formBody([
            ("case", caseText), ("step", "gbv/police"), ("service", "police.family-desk-northmark"), ("at", Repo.at),
        ]), type: "application/x-www-form-urlencoded")
        #expect(police.status == 409)
    }

    @Test func theSearchPageMarksNeighbouringAreas() {
        let r = call(AppTests.app, "GET", "/search?category=health.cmr&area=XV0203")
        #expect(r.status == 200)
        #expect(r.bodyText.contains("NEIGHBOURING AREA") && r.bodyText.contains("Nothing serves Fenwick"))
        #expect(call(AppTests.app, "GET", "/search").bodyText.contains("<select name=\"category\">"))
        #expect(call(AppTests.app, "GET", "/search?area=XV99").status == 400)
    }

    @Test func aBrokenEditKeepsTheLastGoodDirectoryAndShowsTheErrors() throws {
        let root = try Repo.copyOfPathways()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let app = ReferralApp(holder: try DirectoryHolder(root: root, now: Date()))
        let before = app.holder.current.dataVersion
        let services = URL(fileURLWithPath: root + "/demo/services.json")
        let good = try Data(contentsOf: services)
        try Data(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"health.cmr\"", with: "\"health.cmrr\"").utf8)
            .write(to: services)
        let reload = call(app, "POST", "/api/reload")
        #expect(reload.status == 422 && reload.bodyText.contains("health.cmrr"))
        #expect(app.holder.current.dataVersion == before)
        // Still routing on the last good data.
        let body = try Repo.caseBytes("gbv-adult-rape-within-72h.json")
        #expect(call(app, "POST", "/api/route?at=\(Repo.atQuery)", body: body, type: "application/json").status == 200)
        let page = call(app, "GET", "/validate")
        #expect(page.bodyText.contains("the last good data stays in service"))
        #expect(page.bodyText.contains("<button type=\"submit\">Reload the data now</button>"))
        // Fixed: the button reloads and the new data is in service.
        try good.write(to: services)
        let button = call(app, "POST", "/reload", type: "application/x-www-form-urlencoded")
        #expect(button.status == 303 && button.header("Location") == "/validate")
        #expect(app.holder.lastReload?.reloaded == true)
        // A change on disk is found by the watcher's check, and only then.
        #expect(app.holder.reload(now: Date(), onlyIfChanged: true) == nil)
        try Data((String(decoding: good, as: UTF8.self) + "\n").utf8).write(to: services)
        #expect(app.holder.reload(now: Date(), onlyIfChanged: true)?.reloaded == true)
        #expect(app.holder.current.dataVersion != before)
    }
}
