import Testing

@testable import ReferralCore

/// Tables the router keeps beside the model's types (Matching/Packet.swift): they must follow the
/// types they describe, or a packet's fields would be read or sorted wrongly.
@Suite("Router internals")
struct RouterInternalsTests {
    @Test("a case field's position is its place in allCases, and its sort rank orders as < does")
    func caseFieldTables() {
        let all = CaseField.allCases
        for (i, f) in all.enumerated() { #expect(f.position == i, "\(f)") }
        for a in all {
            for b in all { #expect((a.sortRank < b.sortRank) == (a < b), "\(a) \(b)") }
        }
        #expect(CaseScope.sortedOnce([.sex, .age, .sex, .area]) == [.age, .area, .sex])
        #expect(CaseScope.sortedOnce([.age, .area]) == [.age, .area])
    }
}
