import Foundation
import ReferralCore
import Testing

@testable import referral

/// `route --allow-partial` (issue 13, item 4): one coordinator's typo in a pathway file stopped
/// every hotline operator. Opt-in, refused when the error touches the case, shown as a critical
/// warning when used.
@Suite struct AllowPartialTests {
    /// A copy of the basic fixture with `file` edited; returns its folder (removed by the caller).
    static func brokenFixture(_ file: String, _ edit: (String) -> String) throws -> String {
        let dir = NSTemporaryDirectory() + "referral-partial-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: Repo.root.appendingPathComponent(Repo.fixtureDirectory).path, toPath: dir)
        let path = dir + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let broken = edit(text)
        #expect(broken != text)
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        return dir
    }

    static func route(_ dir: String, _ extra: [String]) -> RunResult {
        Referral.run(["route", Repo.fixtureCase, "--pathways", dir, "--at", Repo.at] + extra)
    }

    @Test func anErrorInAnotherPathwayLetsTheCaseThroughWhenAskedAndSaysSo() throws {
        let dir = try Self.brokenFixture("pathways/mhpss.json") { $0.replacingOccurrences(of: "\"urgency\": \"routine\",", with: "\"urgency\": \"routin\",") }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let strict = Self.route(dir, [])
        #expect(strict.code == Exit.invalidInput)
        #expect(strict.stdout == "")
        let text = Self.route(dir, ["--allow-partial"])
        #expect(text.code == Exit.ok, "\(text.stderr)")
        #expect(text.stdout.contains("CRITICAL WARNING"))
        #expect(text.stdout.contains("[data.partial]"))
        let brief = Self.route(dir, ["--allow-partial", "--brief"])
        #expect(brief.stdout.contains("[data.partial]"))
        let json = Self.route(dir, ["--allow-partial", "--format", "json"])
        let plan = try JSONDecoder().decode(RoutePlan.self, from: Data(json.stdout.utf8))
        #expect(plan.warnings.first?.rule == .dataPartial)
        #expect(plan.warnings.first?.level == .critical)
        #expect(plan.warnings.first?.message.contains("mhpss.json") == true)
    }

    @Test(arguments: [
        ("pathways/gbv.json", "\"urgency\": \"urgent\"", "\"urgency\": \"urgnt\""),
        ("services.json", "\"category\": \"health.cmr\"", "\"category\": \"health.cmrr\""),
        ("organisations.json", "\"org.alpha\"", "\"org.alpha\", \"x\": 1"),
        // Child protection applies by age, not by concern: it could apply to any case.
        ("pathways/child-protection.json", "\"urgency\": \"urgent\"", "\"urgency\": \"urgnt\""),
    ])
    func anErrorThatCanTouchTheCaseStillRefuses(_ file: String, _ from: String, _ to: String) throws {
        let dir = try Self.brokenFixture(file) { $0.replacingOccurrences(of: from, with: to) }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = Self.route(dir, ["--allow-partial"])
        #expect(r.code == Exit.invalidInput, "\(file)")
        #expect(r.stdout == "")
        #expect(r.stderr.contains(file.components(separatedBy: "/").last ?? file))
    }
}
