import Foundation
import Testing

@testable import ReferralCore

/// The area hierarchy is checked (issue 13, item 5): a district whose declared level contradicted
/// its parent dropped out of the coverage matrix with 0 errors.
@Suite struct AreaHierarchyTests {
    @Test func levelThatContradictsTheParentIsAnError() throws {
        let r = try loadEditedFixture("context.json") {
            $0.replacingOccurrences(of: "{\"pcode\": \"ZZ0101\", \"name\": \"North-East\", \"level\": 2}",
                                    with: "{\"pcode\": \"ZZ0101\", \"name\": \"North-East\", \"level\": 1}")
        }
        #expect(r.directory == nil)
        let e = try #require(r.errors.first { $0.code == .areaLevel })
        #expect(e.id == "ZZ0101")
        #expect(e.place.path == "$.areas[2].level")
        #expect(e.message.contains("ZZ01 (level 1)"))
        #expect(!r.errors.contains { $0.code == .areaOrphan })
    }

    /// Skipping a level is a missing area: the orphan error says which.
    @Test func skippedLevelIsAnOrphan() throws {
        let r = try loadEditedFixture("context.json") {
            $0.replacingOccurrences(of: "{\"pcode\": \"ZZ0201\", \"name\": \"South-Central\", \"level\": 2}",
                                    with: "{\"pcode\": \"ZZ0201\", \"name\": \"South-Central\", \"level\": 2}, {\"pcode\": \"ZZ020101\", \"name\": \"Deep\", \"level\": 4}")
        }
        #expect(r.errors.contains { $0.code == .areaOrphan && $0.id == "ZZ020101" })
        #expect(!r.errors.contains { $0.code == .areaLevel })
    }

    /// Every area is in the coverage matrix or reported.
    @Test func areaOutsideTheMatrixIsReported() throws {
        let load = try loadEditedFixture("context.json", strict: false) {
            $0.replacingOccurrences(of: "{\"pcode\": \"ZZ02\", \"name\": \"South\", \"level\": 1},",
                                    with: "{\"pcode\": \"ZZ02\", \"name\": \"South\", \"level\": 1}, {\"pcode\": \"ZZ03\", \"name\": \"East\", \"level\": 1}, {\"pcode\": \"ZZ010101\", \"name\": \"Village\", \"level\": 3},")
        }
        let d = try #require(load.directory)
        let report = Validator.validate(load, at: RoutingTime(epochSeconds: 1_795_000_000, utcOffsetMinutes: d.context.utcOffsetMinutes))
        let outside = report.findings.filter { $0.code == .coverageAreaOutside }
        #expect(outside.map(\.id) == ["ZZ03"])
        #expect(outside.first?.severity == .warning)
        // The village lies in a district of the reporting level: it is covered through it.
        #expect(report.areas.map(\.pcode) == ["ZZ0101", "ZZ0102", "ZZ0201"])
    }

    @Test func nearestEnclosingAreaIsTheLongestPrefix() {
        let areas = ["ZZ": 0, "ZZ01": 1, "ZZ0101": 2]
        #expect(nearestEnclosingArea("ZZ010199", in: areas) == "ZZ0101")
        #expect(nearestEnclosingArea("ZZ0101", in: areas) == "ZZ01")
        #expect(nearestEnclosingArea("ZZ", in: areas) == nil)
        #expect(nearestEnclosingArea("Q", in: areas) == nil)
    }
}
