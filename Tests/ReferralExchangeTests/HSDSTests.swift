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

    /// Every field of Open Referral's own compiled-service example is either mapped (the table of
    /// docs/IMPORT.md §6) or reported as dropped: nothing disappears silently.
    @Test func everyFieldOfTheExampleIsMappedOrReported() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let r = try s.report(.hsds, Paths.hsdsExamples + "/service_full.json", profile: Self.exampleProfile)
        let dropped = Set(r.findings("hsds.field-dropped").compactMap(\.target?.field))
        let mapped: Set<String> = [
            "id", "name", "description", "url", "email", "phones", "contacts", "status", "eligibility_description", "minimum_age",
            "maximum_age", "assured_date", "fees_description", "cost_options", "interpretation_services", "application_process",
            "alert", "required_documents", "languages", "schedules", "service_areas", "service_at_locations", "attributes",
            "organization",
        ]
        let data = try Data(contentsOf: URL(fileURLWithPath: Paths.hsdsExamples + "/service_full.json"))
        let example = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in example.keys.sorted() where !mapped.contains(key) {
            #expect(dropped.contains("service." + key), "service.\(key) neither mapped nor reported")
        }
        #expect(dropped.contains("service.wait_time") && dropped.contains("service.licenses"))
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

    /// Exports the shipped demo (or another demo folder), imports it into an empty copy of the demo
    /// context with no profile.
    static func roundTrip(_ format: ExportRequest.Format, publicOnly: Bool = false,
                          from folder: String = Paths.shippedPathways + "/demo") throws -> (Sandbox, ImportReport, String) {
        let s = try Sandbox(context: Paths.shippedPathways + "/demo/context.json", name: "demo")
        let out = s.root + "/export"
        _ = try Exporter.run(ExportRequest(context: folder, out: out, format: format,
                                           publicOnly: publicOnly, force: false)).get()
        return (s, try s.report(.hsds, out, profile: nil), out)
    }

    /// The documents as the directory's own Codable form (every property, sorted keys), with the one
    /// thing no import keeps taken out: the text of a confidential address. Encoding (not
    /// `DocumentJSON`) so that a field added to a document later is compared without anyone
    /// remembering to list it here.
    static func comparable(services: [ServiceDocument], organisations: [OrganisationDocument]) throws -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        var out: [String: String] = [:]
        for var s in services {
            if s.address?.confidential == true { s.address?.text = nil }
            out["service " + s.id] = String(decoding: try encoder.encode(s), as: UTF8.self)
        }
        for o in organisations { out["organisation " + o.id] = String(decoding: try encoder.encode(o), as: UTF8.self) }
        return out
    }

    static func documents(_ folder: String) throws -> [String: String] {
        switch DirectoryDocuments.read(folder: folder) {
        case .success(let e): return try comparable(services: e.services, organisations: e.organisations)
        case .failure(let f): throw f
        }
    }

    /// Every field of every shipped service and organisation comes back as it was (not only the
    /// fields some shipped case happens to exercise): features (`child-safe`, `lgbtiq-competent`),
    /// eligibility ages, staff, reporting duties, hours, sources… The shipped data changes (issue 8
    /// adds shelter ages and features), so this reads whatever is shipped today.
    @Test(arguments: [ExportRequest.Format.json, .csv])
    func roundTripKeepsEveryFieldOfTheShippedDirectory(_ format: ExportRequest.Format) throws {
        let (s, _, _) = try Self.roundTrip(format)
        defer { s.remove() }
        let original = try Self.documents(Paths.shippedPathways + "/demo")
        let copy = try Self.documents(s.context)
        #expect(original.keys.sorted() == copy.keys.sorted())
        for (k, v) in original.sorted(by: { $0.key < $1.key }) { #expect(copy[k] == v, "\(k) via \(format)") }
    }

    /// Optional properties left nil in a document (recursing into its `…Document` parts).
    static func unsetFields(_ value: Any, _ path: String = "") -> [String] {
        var out: [String] = []
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            var inner = child.value
            let m = Mirror(reflecting: inner)
            if m.displayStyle == .optional {
                guard let some = m.children.first else {
                    out.append(path + label)
                    continue
                }
                inner = some.value
            }
            if String(describing: type(of: inner)).hasSuffix("Document") { out += unsetFields(inner, path + label + ".") }
        }
        return out
    }

    /// A service with every field the directory has set (the router reads them: features for
    /// shelters and sex `other`, ages, staff, duties, qualification…) survives export and import,
    /// JSON and CSV. The test fails when a field is added to ServiceDocument and not set here, so the
    /// round trip is re-checked for every new field.
    @Test(arguments: [ExportRequest.Format.json, .csv])
    func aServiceWithEveryFieldSetSurvivesTheRoundTrip(_ format: ExportRequest.Format) throws {
        let full = try Sandbox(context: Paths.shippedPathways + "/demo/context.json", name: "demo",
                               with: ["organisations.json", "services.json"])
        defer { full.remove() }
        let id = "safehaven.protection-shelter"
        try full.editService(id) { s in
            s.modality = [.inPerson, .phone]
            s.hours = HoursDocument(alwaysOpen: nil, weekly: ["mon": ["08:00-12:00", "13:00-17:30"], "sat": ["22:00-06:00"]])
            s.interpretation = true
            s.eligibility = EligibilityDocument(minAge: 18, maxAge: 64, sexes: [.female, .other], populationGroups: ["idp", "refugee"],
                                                legalStatuses: ["asylum-seeker", "refugee"], note: "Fictional: women, and people of other sexes")
            s.accessibility = ["sign-language", "wheelchair"]
            s.staffSexes = [.female]
            s.features = ["child-safe", "lgbtiq-competent"]
            s.intake = IntakeDocument(selfReferral: true, requiredFields: [.caseCode, .age, .sex])
            s.status = .waitlist
            s.mandatoryReporting = ["child-abuse"]
            s.sensitiveDataQualified = true
            s.address = AddressDocument(text: "1 Fictional Lane, Northmark", confidential: false, latitude: 1.25, longitude: -2.5)
            s.focalPoint = ContactDocument(role: "shelter admissions", phone: "+000 14 555 0199", email: "admissions@example.org")
            s.lastVerified = "2026-11-01"
            s.interventionType = .responsive
            s.cost = "Free"
            s.description = "A fictional shelter with every field set"
            s.website = "https://shelter.example.org"
            s.source = SourceDocument(dataset: "fictional-4w", recordId: "77", place: "row 9", inferred: ["areas"])
        }
        let edited = try #require(try full.services()[id])
        // alwaysOpen and weekly exclude each other; weeklyRanges is the loader's cache, not a field.
        #expect(Self.unsetFields(edited).filter { !["hours.alwaysOpen", "hours.weeklyRanges"].contains($0) } == [],
                "set every new service field in this test so that the round trip checks it")
        let (s, r, _) = try Self.roundTrip(format, from: full.context)
        defer { s.remove() }
        #expect(r.counts.imported == r.counts.read)
        let original = try Self.documents(full.context)
        let copy = try Self.documents(s.context)
        #expect(copy["service " + id] == original["service " + id], "via \(format)")
        #expect(try s.services()[id]?.features == ["child-safe", "lgbtiq-competent"])
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
