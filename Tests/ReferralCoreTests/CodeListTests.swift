import Foundation
import Testing

@testable import ReferralCore

/// The documented lists of codes are the code's own lists: a code added or renamed in the engine
/// without its line in docs/OUTPUT.md (or the reverse) fails here.
@Suite struct CodeListTests {
    static let outputDoc: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/OUTPUT.md"), encoding: .utf8)) ?? ""
    }()

    /// The `| `code` | meaning |` rows of the section headed `heading`.
    static func table(_ heading: String) -> [(String, String)] {
        guard let start = outputDoc.range(of: "\n" + heading + "\n") else { return [] }
        var rows: [(String, String)] = []
        for line in outputDoc[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { break }
            guard line.hasPrefix("| `") else { continue }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2 else { continue }
            rows.append((cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), cells[1]))
        }
        return rows
    }

    @Test("docs/OUTPUT.md lists every diagnostic code, in order, with its meaning")
    func diagnosticCodesDocumented() {
        let documented = Self.table("## Diagnostic codes")
        #expect(documented.map(\.0) == Diagnostic.Code.all.map(\.rawValue))
        #expect(documented.map(\.1) == Diagnostic.Code.all.map(\.documentation))
    }

    @Test("diagnostic codes are unique and round-trip through their string")
    func diagnosticCodesRoundTrip() {
        let all = Diagnostic.Code.all
        #expect(Set(all.map(\.rawValue)).count == all.count)
        for c in all { #expect(Diagnostic.Code(rawValue: c.rawValue) == c) }
        #expect(Diagnostic.Code(rawValue: "no.such-code") == nil)
    }

    @Test("docs/OUTPUT.md lists every rule id, in order, with its meaning")
    func ruleIDsDocumented() {
        let documented = Self.table("## Rule ids")
        #expect(documented.map(\.0) == RuleID.all.map(\.rawValue))
        #expect(documented.map(\.1) == RuleID.all.map(\.documentation))
    }

    @Test("rule ids are unique, round-trip through their string, and their family is their prefix")
    func ruleIDsRoundTrip() {
        let all = RuleID.all
        #expect(Set(all.map(\.rawValue)).count == all.count)
        for r in all {
            #expect(RuleID(rawValue: r.rawValue) == r)
            #expect(r.rawValue.hasPrefix(r.family.rawValue + "."))
        }
        #expect(RuleID(rawValue: "no.such-rule") == nil)
    }
}
