import Foundation
import Testing

@testable import ReferralCore
@testable import referral_bench

/// The plan's direct JSON writer against `JSONEncoder` over referral-bench's generated national
/// directories (several seeds and sizes, cases at four times of the week): the same plans the
/// benchmark times, byte for byte. ReferralCoreTests/PlanJSONTests covers the shipped cases, the
/// scenarios and a plan with every field set.
@Suite("Plan JSON over generated directories")
struct PlanJSONGeneratedTests {
    @Test("the direct writer gives JSONEncoder's bytes for referral-bench's directories and cases",
          arguments: [(UInt64(42), 240), (7, 400), (2026, 120)])
    func generated(seed: UInt64, services: Int) throws {
        let folder = NSTemporaryDirectory() + "referral-plan-json-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let generator = Generator(services: services, seed: seed)
        _ = try generator.write(to: folder)
        let loaded = DirectoryLoader().load(folder: folder)
        let dir = try #require(loaded.directory, "\(loaded.diagnostics.prefix(3).map(\.rendered))")
        let router = Router(directory: dir)
        let times = [Measurement.routingTime, "2026-11-29T23:10:00+03:00", "2026-11-28T06:45:00+03:00", "2026-12-01T17:59:00+03:00"]
            .map { RoutingTime.parse($0, utcOffsetMinutes: dir.context.utcOffsetMinutes)! }
        var compared = 0
        for (i, text) in generator.casesJSON(count: 60).enumerated() {
            guard case .success(let c) = CaseLoader.load(bytes: Array(text.utf8), name: "case-\(i).json", directory: dir) else {
                Issue.record("generated case \(i) is refused")
                continue
            }
            let plan = router.route(c, at: times[i % times.count])
            #expect(plan.json() == encodedJSON(plan), "seed \(seed), case \(i)")
            compared += 1
        }
        #expect(compared == 60)
    }
}
