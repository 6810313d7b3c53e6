import Foundation
import ReferralCore
import Testing
@testable import ReferralExchange

/// Open Referral's own HSDS 3.0 examples import, with every field that has no place reported.
@Suite("HSDS 3.0: the Open Referral examples")
struct HSDSTests {
    static let exampleProfile = Paths.fixtures + "/hsds-example/profile.json"

    @Test(arguments: ["service_full.json", "csv"])
    func theOpenReferralExampleImports(_ file: String) throws {
        let s = try Sandbox()
        defer { s.remove() }
        let r = try s.report(.hsds, Paths.hsdsExamples + "/" + file, profile: Self.exampleProfile)
        #expect(r.counts.read == 1 && r.counts.imported == 1 && r.counts.addsUp)
        let svc = try #require(try s.services()["orx.ac148810-d857-441c-9679-408f346de14b"])
        #expect(svc.category == "mhpss.focused")
        #expect(svc.areas == ["XV01"])
        #expect(svc.languages == ["ur"])
        #expect(svc.lastVerified == "2005-01-01")
        #expect(svc.eligibility?.minAge == 12 && svc.eligibility?.maxAge == 100)
        #expect(svc.eligibility?.note?.hasPrefix("This service is intended for all people aged 12") == true)
        #expect(svc.website == "http://example.com/counselling")
        #expect(svc.hours == nil)   // its schedule is limited to weeks 41-42: not a weekly timetable
        #expect(svc.address?.text?.contains("1-30 Main Street") == true)
        #expect(svc.address?.latitude == nil)   // 100 is not a latitude
        // Fields with no place in the directory are reported, each once.
        let dropped = Set(r.findings("hsds.field-dropped").compactMap(\.target?.field))
        for f in ["service.accreditations", "service.alternate_name", "organization.legal_status", "schedule.attending_type"] {
            #expect(dropped.contains(f), "\(f) not reported")
        }
        #expect(!r.findings("import.hours-unrepresentable").isEmpty)
        #expect(!r.findings("import.personal-data-dropped").isEmpty)
        #expect(r.findings("import.value-invalid").contains { $0.target?.field == "address.latitude" })
        // The named contact (Ann Persona) is nowhere.
        for format in ImportReportRenderer.Format.allCases {
            #expect(!ImportReportRenderer.render(r, format: format).contains("Persona"))
        }
        #expect(!(s.file("services.json") ?? "").contains("Persona"))
    }

    /// The list form (a page of summary records) carries no languages: the record is read and
    /// skipped with the reason, never given a language it does not have.
    @Test func theListExampleIsReadAndItsMissingLanguageReported() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let r = try s.report(.hsds, Paths.hsdsExamples + "/service_list.json", profile: Self.exampleProfile)
        #expect(r.counts.read == 1 && r.counts.skipped == 1)
        let f = try #require(r.findings("import.required-missing").first)
        #expect(f.target?.field == "languages" && f.place.path == "$.contents[0]")
    }

    @Test func theCSVExampleReportsTablesItDoesNotRead() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let r = try s.report(.hsds, Paths.hsdsExamples + "/csv", profile: Self.exampleProfile)
        let tables = Set(r.findings("hsds.field-dropped").compactMap(\.target?.field))
        #expect(tables.isSuperset(of: ["funding", "metadata", "programs", "organization_identifiers"]))
        #expect(r.findings("hsds.shape").contains { $0.place.file.hasSuffix("datapackage.json") })
    }
}
