import Foundation
import ReferralCore
import Testing
@testable import ReferralExchange

/// Open Referral's own HSDS 3.0 examples import, with every field that has no place reported;
/// and this tool's export imports back, with no profile, into a directory that routes every shipped
/// case to the same bytes.
@Suite("HSDS 3.0: the Open Referral examples, and the export round trip")
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

    /// A service the directory loader refuses is left out with the loader's reason, the others are
    /// imported, and the counts still add up.
    @Test func aServiceTheLoaderRefusesIsSkippedWithItsReason() throws {
        let s = try Sandbox()
        defer { s.remove() }
        func service(_ id: String, _ name: String) -> String {
            let attrs = [("id", id), ("category", "mhpss.focused"), ("areas", "XV01"), ("modality", "phone"),
                         ("intake.selfReferral", "true"), ("intake.requiredFields", "caseCode"), ("status", "open")]
                .map { #"{"value": "\#($0.1)", "taxonomy_term": {"code": "referral-router:\#($0.0)"}}"# }.joined(separator: ", ")
            return #"{"id": "\#(id)-x", "name": "\#(name)", "languages": [{"code": "vl"}], "organization": {"id": "o1", "name": "Org (fictional)"}, "attributes": [\#(attrs)]}"#
        }
        let path = s.root + "/feed.json"
        try "[\(service("good.line", "Good line")), \(service("bad id!", "Bad line"))]".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try s.report(.hsds, path, profile: nil)
        #expect(r.counts.read == 2 && r.counts.imported == 1 && r.counts.skipped == 1 && r.counts.addsUp)
        let refused = try #require(r.findings.first { $0.action == .skipped })
        #expect(refused.target?.service == "bad id!")
        #expect(refused.place.path == "$[1]")
        #expect(try s.services().keys.sorted() == ["good.line"])
        #expect(s.load().errors.isEmpty)
    }

    @Test func theCSVExampleReportsTablesItDoesNotRead() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let r = try s.report(.hsds, Paths.hsdsExamples + "/csv", profile: Self.exampleProfile)
        let tables = Set(r.findings("hsds.field-dropped").compactMap(\.target?.field))
        #expect(tables.isSuperset(of: ["funding", "metadata", "programs", "organization_identifiers"]))
        #expect(r.findings("hsds.shape").contains { $0.place.file.hasSuffix("datapackage.json") })
    }

    /// Exports the shipped demo, imports it into an empty copy of the demo context with no profile.
    static func roundTrip(_ format: ExportRequest.Format, publicOnly: Bool = false) throws -> (Sandbox, ImportReport, String) {
        let s = try Sandbox(context: Paths.shippedPathways + "/demo/context.json", name: "demo")
        let out = s.root + "/export"
        _ = try Exporter.run(ExportRequest(context: Paths.shippedPathways + "/demo", out: out, format: format,
                                           publicOnly: publicOnly, force: false)).get()
        return (s, try s.report(.hsds, out, profile: nil), out)
    }

    @Test(arguments: [ExportRequest.Format.json, .csv])
    func roundTripRoutesEveryShippedCaseToTheSameBytes(_ format: ExportRequest.Format) throws {
        let (s, r, _) = try Self.roundTrip(format)
        defer { s.remove() }
        #expect(r.counts.read == 53 && r.counts.imported == 53)
        // The only finding: the confidential address's text is not kept.
        #expect(r.findings.map(\.code.rawValue) == ["import.confidential-address"])
        let original = try #require(DirectoryLoader().load(folder: Paths.shippedPathways + "/demo").directory)
        let copy = try #require(s.load().directory)
        let cases = Paths.shippedPathways + "/demo/cases"
        let names = try FileManager.default.contentsOfDirectory(atPath: cases).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.count >= 21)
        for name in names {
            let bytes = [UInt8](FileManager.default.contents(atPath: cases + "/" + name)!)
            let a = try CaseLoader.load(bytes: bytes, name: name, directory: original).get()
            let b = try CaseLoader.load(bytes: bytes, name: name, directory: copy).get()
            for at in ["2026-11-28T14:00:00+02:00", "2026-11-26T03:30:00+02:00"] {
                let ta = RoutingTime.parse(at, utcOffsetMinutes: original.context.utcOffsetMinutes)!
                #expect(canonicalJSON(Router(directory: original).route(a, at: ta)) == canonicalJSON(Router(directory: copy).route(b, at: ta)),
                        "\(name) at \(at) via \(format)")
            }
        }
    }

    @Test(arguments: [ExportRequest.Format.json, .csv])
    func exportsAreDeterministicWithUUID5Ids(_ format: ExportRequest.Format) throws {
        let dir = NSTemporaryDirectory() + "export-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try Exporter.run(ExportRequest(context: Paths.shippedPathways + "/demo", out: dir + "/a", format: format,
                                               publicOnly: false, force: false)).get()
        _ = try Exporter.run(ExportRequest(context: Paths.shippedPathways + "/demo", out: dir + "/b", format: format,
                                           publicOnly: false, force: false)).get()
        for f in a.files {
            let name = URL(fileURLWithPath: f).lastPathComponent
            #expect(FileManager.default.contents(atPath: f) == FileManager.default.contents(atPath: dir + "/b/" + name), "\(name)")
        }
        let services = try String(contentsOfFile: dir + "/a/" + (format == .json ? "services.json" : "services.csv"), encoding: .utf8)
        let expected = UUID5(namespace: HSDSExporter.namespace, name: "demo-valmera/service/moh.cmr-northmark").description
        #expect(services.contains(expected))
        #expect(expected.dropFirst(14).first == "5")
        // A second export to the same folder needs --force.
        guard case .failure = Exporter.run(ExportRequest(context: Paths.shippedPathways + "/demo", out: dir + "/a", format: format,
                                                         publicOnly: false, force: false))
        else {
            Issue.record("an export overwrote an earlier one without force")
            return
        }
    }

    /// `--public` never contains a confidential address or its coordinates; the service itself
    /// stays, marked confidential, and imports back as confidential.
    @Test(arguments: [ExportRequest.Format.json, .csv])
    func publicExportsHoldNoConfidentialAddress(_ format: ExportRequest.Format) throws {
        let (s, r, out) = try Self.roundTrip(format, publicOnly: true)
        defer { s.remove() }
        let everything = try FileManager.default.contentsOfDirectory(atPath: out)
            .map { try String(contentsOfFile: out + "/" + $0, encoding: .utf8) }.joined()
        #expect(!everything.contains("Harbour House") && !everything.contains("Lantern Walk"))
        #expect(everything.contains("Northmark Regional Hospital, Hospital Road"))   // public addresses stay
        #expect(try s.services()["safehaven.protection-shelter"]?.address?.confidential == true)
        #expect(r.findings.isEmpty)
        // Without --public the text is there (for a partner under a data-sharing agreement).
        let dir = NSTemporaryDirectory() + "export-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let full = try Exporter.run(ExportRequest(context: Paths.shippedPathways + "/demo", out: dir, format: format,
                                                  publicOnly: false, force: false)).get()
        #expect(full.confidentialAddressesIncluded == 1)
    }
}
