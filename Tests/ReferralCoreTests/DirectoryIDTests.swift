import Foundation
import Testing

@testable import ReferralCore

/// Ids in directory files have a documented character set and length: a NUL character or a
/// megabyte-long id was accepted and printed.
@Suite struct DirectoryIDTests {
    static func load(_ file: String, _ edit: (String) -> String) throws -> DirectoryLoader.Result {
        try loadEditedFixture(file, strict: false, edit)
    }

    @Test(arguments: ["alpha\\u0000gbv", String(repeating: "a", count: 1 << 20), "", "has space", "é.accent"])
    func invalidServiceIdIsRefusedAndNeverPrinted(_ id: String) throws {
        let r = try Self.load("services.json") { $0.replacingOccurrences(of: "\"id\": \"alpha.gbv-cm\"", with: "\"id\": \"\(id)\"") }
        let e = try #require(r.errors.first { $0.code == .idInvalid })
        #expect(e.place.path.hasSuffix(".id"))
        #expect(e.message.count < 200)
        #expect(r.directory?.services.contains { $0.id == id } == false)
        let all = r.diagnostics.map(\.rendered).joined()
        #expect(id.count < 8 || !all.contains(id))
        #expect(!all.contains("\u{0}"))
    }

    /// A reference that is no valid id is described, not repeated.
    @Test func invalidReferenceIsNotRepeated() throws {
        let long = String(repeating: "q", count: 100_000)
        let r = try Self.load("services.json") { $0.replacingOccurrences(of: "\"organisation\": \"org.alpha\"", with: "\"organisation\": \"\(long)\"") }
        let e = try #require(r.errors.first { $0.code == .refUnknownOrganisation })
        // The service holding the reference is named (issue 8), the reference is not repeated.
        #expect(e.message == "unknown organisation '(not a valid id: 100000 bytes)' in service 'alpha.gbv-cm'")
        #expect(e.id == nil)
    }

    @Test func theRule() {
        for id in ["org.rwn", "gbv.case-management", "XV0101", "a", "trusted-adult", "ns:id_1", String(repeating: "x", count: 64),
                   "3f2b8c1e-9d4a-4b6e-8f21-0c7d5e9a1b34"] {
            #expect(DirectoryID.isValid(id), "\(id)")
        }
        for id in ["", " ", "a b", "a\u{0}", String(repeating: "x", count: 65), "é", "a/b", "a'b"] {
            #expect(!DirectoryID.isValid(id), "\(id)")
        }
    }
}
