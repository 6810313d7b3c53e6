import Foundation
import ReferralCore
import Testing
@testable import ReferralServer

/// The case page in headless Chromium (Debian `chromium`, installed by .ci/run): the form is
/// filled for a shipped case as a person would, submitted, and the plan read back from the DOM is
/// compared with the CLI's answer for the same case and time. Screenshots of the case page and of
/// a referral form go to REFERRAL_SCREENSHOTS when it is set (for a person to look at).
@Suite("Case page in a headless browser", .serialized)
struct BrowserTests {
    static let chromium: String? = {
        let env = ProcessInfo.processInfo.environment
        if let c = env["CHROMIUM"], FileManager.default.isExecutableFile(atPath: c) { return c }
        return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/local/bin/chromium"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }()

    struct DOMPlan: Decodable {
        struct Step: Decodable {
            var step: String
            var urgency: String
            var options: [[Value]]
            var excluded: [String]
        }
        enum Value: Decodable, Equatable {
            case s(String), i(Int)
            init(from d: Decoder) throws {
                let c = try d.singleValueContainer()
                if let i = try? c.decode(Int.self) { self = .i(i) } else { self = .s(try c.decode(String.self)) }
            }
        }
        var caseCode: String
        var at: String
        var posted: String
        var asks: [String]
        var merged: [String]
        var consentStatus: String
        var critical: [String]
        var warnings: [String]
        var brief: [[String]]
        var steps: [Step]
        var gaps: [String]
        var phonesUnbroken: Bool
        var lang: String
        var dir: String
        var formInputs: [String]
        var textareas: Int
        var focusOnPlan: Bool
        var positiveTabindex: Int
        var referralForm: [String]?
    }

    /// A case with issue 8's fields (recordedAt, sex other, injuries, suicidal thoughts, a best
    /// interests determination, excluded organisations, a safe place asked for, the caregiver not
    /// to be contacted, risk.nature shared): every one entered in the form.
    static let newFieldsCase = Repo.root.appendingPathComponent("Tests/ReferralServerTests/Browser/cases/new-fields-child-16-other.json").path

    @Test("The form filled for a case gives the CLI's plan",
          .enabled(if: chromium != nil, "no chromium: apt-get install -y chromium"),
          arguments: ["gbv-adult-rape-within-72h.json", "cp-child-9-caregiver-suspected-invalid-consent.json",
                      "gbv-hotline-incident-type-unknown.json", "mhpss-imminent-risk-no-consent.json", newFieldsCase])
    func formGivesTheCLIsPlan(_ argument: String) throws {
        let path = argument.hasPrefix("/") ? argument : Repo.cases.appendingPathComponent(argument).path
        let name = URL(fileURLWithPath: path).lastPathComponent
        let s = try LiveServer()
        let shots = ProcessInfo.processInfo.environment["REFERRAL_SCREENSHOTS"]
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Repo.root.appendingPathComponent("Tests/ReferralServerTests/Browser/drive_case_page.py").path,
                       BrowserTests.chromium!, "http://127.0.0.1:\(s.port)/?at=\(Repo.atQuery)",
                       path] + (shots.map { [$0 + "/" + name.replacingOccurrences(of: ".json", with: "")] } ?? [])
        if let shots { try FileManager.default.createDirectory(atPath: shots + "/" + name.replacingOccurrences(of: ".json", with: ""), withIntermediateDirectories: true) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let watchdog = DispatchWorkItem { if p.isRunning { p.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 300, execute: watchdog)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        watchdog.cancel()
        try #require(p.terminationStatus == 0, "the browser driver failed: \(errors)")
        let dom = try JSONDecoder().decode(DOMPlan.self, from: data)

        // The page posted the case document itself (lists compared as sets: the form ticks in its own order).
        #expect(Self.normalised(try JSONSerialization.jsonObject(with: Data(dom.posted.utf8)))
                == Self.normalised(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))))
        let cli = try Binary.run(["route", path, "--at", Repo.at, "--format", "json"])
        let plan = try JSONDecoder().decode(RoutePlan.self, from: Data(cli.out))
        #expect(dom.consentStatus == plan.consent.status.rawValue)
        #expect(dom.merged == plan.steps.map { $0.pathways.joined(separator: " ") })
        #expect(dom.asks == plan.steps.compactMap { $0.ask.flatMap { $0.isEmpty ? nil : $0.joined(separator: " ") } })
        if path == Self.newFieldsCase {
            // Not vacuous: this case has a step to ask about and a merged step, and its recordedAt
            // and excluded organisation reached the engine (no time.recorded-at; the exclusion noted).
            #expect(!dom.asks.isEmpty && dom.merged.contains { $0.contains(" ") })
            #expect(!dom.warnings.contains("time.recorded-at") && dom.warnings.contains("preference.excluded-organisation"))
        }
        #expect(dom.caseCode == plan.caseCode && dom.at == plan.at)
        #expect(dom.warnings == plan.warnings.map(\.rule.rawValue))
        // The engine's critical warnings include the urgent gaps (rule gap.urgent).
        #expect(dom.critical == plan.warnings.filter { $0.level == .critical }.map(\.rule.rawValue))
        #expect(dom.steps.map(\.step) == plan.steps.map { "\($0.pathway)/\($0.step)" })
        #expect(dom.steps.map(\.urgency) == plan.steps.map(\.urgency.rawValue))
        for (d, c) in zip(dom.steps, plan.steps) {
            #expect(d.options == c.options.map { [.s($0.service), .s($0.action.rawValue), .i($0.rank ?? 0)] }, "\(d.step)")
            #expect(d.excluded == c.excluded.map(\.service), "\(d.step)")
        }
        #expect(dom.brief.map { $0[1] } == plan.steps.map { $0.options.first?.service ?? "" })
        #expect(dom.gaps == plan.gaps.map { "\($0.pathway)/\($0.step)" })
        // The page keeps the CLI's promises: no free text, phone numbers whole, lang and dir.
        #expect(dom.formInputs.isEmpty && dom.textareas == 0)
        #expect(dom.phonesUnbroken && dom.lang == "en" && dom.dir == "ltr")
        // Keyboard: focus moves to the plan when it appears; the tab order is the document's.
        #expect(dom.focusOnPlan && dom.positiveTabindex == 0)
        if let form = dom.referralForm, let first = plan.steps.flatMap(\.options).first(where: { $0.action == .refer || $0.action == .emergencyReferral }) {
            #expect(form == first.packet.map(\.field.rawValue))
        }
    }

    /// A JSON value with its lists sorted, as text (for comparing documents whose lists the form
    /// fills in its own order).
    static func normalised(_ v: Any) -> String {
        switch v {
        case let d as [String: Any]: return "{" + d.keys.sorted().map { "\($0):" + normalised(d[$0]!) }.joined(separator: ",") + "}"
        case let a as [Any]: return "[" + a.map(normalised).sorted().joined(separator: ",") + "]"
        default: return "\(v)"
        }
    }
}
