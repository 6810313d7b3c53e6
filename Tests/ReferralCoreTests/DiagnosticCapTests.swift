import Foundation
import Testing
@testable import ReferralCore

@Suite("Findings capped per file and kind")
struct DiagnosticCapTests {
    func finding(_ file: String, _ code: Diagnostic.Code, line: Int) -> Diagnostic {
        Diagnostic(.error, code: code, place: SourcePlace(file: file, path: "$", line: line, column: 1), message: "m\(line)")
    }

    @Test func keepsTheFirstOfEachKindPerFileAndCountsTheRest() {
        var list: [Diagnostic] = []
        for i in 1...32_000 { list.append(finding("a.json", .jsonUnknownField, line: i)) }
        for i in 1...3 { list.append(finding("a.json", .refUnknownArea, line: i)) }
        for i in 1...12 { list.append(finding("b.json", .jsonUnknownField, line: i)) }
        let out = DiagnosticCap.capped(list)
        #expect(out.filter { $0.place.file == "a.json" && $0.code == .jsonUnknownField }.count == 11)
        #expect(out.filter { $0.code == .refUnknownArea }.count == 3)
        let summaries = out.filter { $0.message.hasPrefix("…") }
        #expect(summaries.map(\.message) == ["… and 31,990 more of the same kind", "… and 2 more of the same kind"])
        // The summary sorts right after the last finding shown of its kind.
        #expect(summaries[0].place.line == 10)
    }

    @Test func aFindingOverTheCapIsNeverBuilt() {
        var cap = DiagnosticCap(limit: 2)
        var list: [Diagnostic] = []
        var built = 0
        for i in 1...5 {
            cap.add(.error, code: .jsonUnknownField, file: "a.json", to: &list) {
                built += 1
                return finding("a.json", .jsonUnknownField, line: i)
            }
        }
        #expect(built == 2)
        #expect(cap.hiddenErrors == 3)
    }

    @Test func thousandsAreGrouped() {
        #expect(DiagnosticCap.grouped(7) == "7")
        #expect(DiagnosticCap.grouped(31_990) == "31,990")
        #expect(DiagnosticCap.grouped(1_234_567) == "1,234,567")
    }

    /// A directory with the same mistake in 2,000 services: ten findings and a count, and in
    /// lenient mode every one of those services is still left out.
    @Test func aDirectoryWithThousandsOfTheSameMistakeIsReportedBriefly() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        let service = """
            {"id": "s%d", "organisation": "org.alpha", "name": "S", "category": "livelihoods", "areas": ["ZZ"], \
            "modality": ["phone"], "languages": ["en"], "intake": {"selfReferral": true, "requiredFields": []}, \
            "status": "open", "colour": "blue"}
            """
        let items = (0..<2_000).map { service.replacingOccurrences(of: "%d", with: String($0)) }
        try f.write("services.json", "{\"formatVersion\": 1, \"services\": [\n" + items.joined(separator: ",\n") + "\n]}")
        let strict = f.load()
        let unknown = strict.diagnostics.filter { $0.code == .jsonUnknownField }
        #expect(unknown.count == 11)
        #expect(unknown.last?.message == "… and 1,990 more of the same kind")
        let lenient = f.load(strict: false)
        #expect(lenient.directory?.services.isEmpty == true)
    }
}
