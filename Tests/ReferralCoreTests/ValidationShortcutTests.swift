import Foundation
import Testing
@testable import ReferralCore

/// The shortcuts `validate` takes at national scale give the report the direct way gives: the
/// findings sorted by precomputed keys, coverage decided once per class of services that are
/// decided alike, and the coverage statuses' order.
@Suite("Validation: shortcuts")
struct ValidationShortcutTests {
    /// Findings with every kind of tie: one place for many, places without a line, several files,
    /// and findings equal in everything `sortedForReport` compares (they differ in help only).
    static func findings(seed: UInt64) -> [Diagnostic] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let files = ["b/services.json", "a/context.json", "b/pathways/gbv.json", "services.json"]
        let codes: [Diagnostic.Code] = [.coverageGap, .dataStale, .dataNoHours, .jsonSyntax, .coverageLanguage, .structureCycle]
        return (0..<600).map { i in
            let line = next(4) == 0 ? nil : next(6) + 1
            let place = SourcePlace(file: files[next(files.count)], path: ["$", "$.services[1]", "$.services[1].status", "$.steps[0]"][next(4)],
                                    line: line, column: line == nil ? nil : next(3) + 1)
            return Diagnostic(Severity.allCases[next(3)], code: codes[next(codes.count)], place: place,
                              id: next(3) == 0 ? nil : ["x", "y", "a.b"][next(3)],
                              message: ["m", "n", "step 'a' in Z (Z1)"][next(3)], help: "help \(i)")
        }
    }

    @Test(arguments: [1, 2, 3, 42] as [UInt64])
    func thePlaceOrderIsTheOrderOfSortedForReport(_ seed: UInt64) {
        let list = Self.findings(seed: seed)
        #expect(Validator.placeOrder(list).map { list[$0] } == Diagnostic.sortedForReport(list))
    }

    @Test func coverageStatusesAreOrderedAsListed() {
        #expect(CoverageStatus.allCases.map(\.order) == Array(CoverageStatus.allCases.indices))
        #expect(CoverageStatus.allCases.sorted() == CoverageStatus.allCases)
    }

    /// Two services with the same eligibility share a class of fit; what else decides the fit
    /// (status, reporting duties) keeps them apart: the one in Upper-West is at capacity or
    /// carries a duty, and only that district says so.
    @Test(arguments: [("\"status\": \"waitlist\"", CoverageStatus.waitlistOnly),
                      ("\"status\": \"open\", \"mandatoryReporting\": [\"child-abuse\"]", .reportingOnly)])
    func servicesWithTheSameEligibilityAreStillTakenOneByOne(_ west: String, _ expected: CoverageStatus) throws {
        let f = try FixtureCopy(ValidationFixtures.root + "/clean")
        defer { f.remove() }
        try f.edit("services.json") {
            $0.replacingOccurrences(of: "\"areas\": [\"QQ0101\", \"QQ0102\"]", with: "\"areas\": [\"QQ0101\"]")
                .replacingOccurrences(of: "  ]\n}", with: """
                    ,
                        {
                          "id": "one.cp-west", "organisation": "org.one", "name": "Child protection case management (west)",
                          "category": "cp.case-management", "areas": ["QQ0102"], "modality": ["in-person"],
                          "hours": {"weekly": {"tue": ["09:00-17:00"]}}, "languages": ["en"], "eligibility": {"maxAge": 17},
                          "intake": {"selfReferral": true, "requiredFields": ["caseCode", "age"]},
                          \(west), "sensitiveDataQualified": true, "lastVerified": "2026-11-01"
                        }
                      ]
                    }
                    """)
        }
        let load = f.load(strict: false)
        let d = try #require(load.directory)
        let r = Validator.validate(load, at: try #require(RoutingTime.parse(ValidationFixtures.at, utcOffsetMinutes: d.context.utcOffsetMinutes)))
        #expect(r.cell("child-protection", "cp-case-management", "QQ0101")?.status("female-child") == .covered)
        #expect(r.cell("child-protection", "cp-case-management", "QQ0102")?.status("female-child") == expected)
        #expect(r.cell("child-protection", "cp-case-management", "QQ0102")?.services == ["one.cp-west"])
    }
}
