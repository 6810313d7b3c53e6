import Foundation
import Testing
@testable import ReferralCore

/// The directory fields an import fills in: description, website, source, eligibility.note and
/// coordinates. They are kept and shown; none of them decides anything.
@Suite("Directory fields: description, website, source, eligibility note, coordinates")
struct DirectoryFieldsTests {
    /// The first service of the basic fixture (alpha.gbv-cm) with `extra` JSON members added.
    func withFirstService(_ extra: String, eligibility: String = "{\"sexes\": [\"female\"]}") throws -> FixtureCopy {
        let f = try FixtureCopy()
        try f.edit("services.json") {
            $0.replacingOccurrences(
                of: "\"eligibility\": {\"sexes\": [\"female\"]}, \"staffSexes\": [\"female\"],",
                with: "\"eligibility\": \(eligibility), \"staffSexes\": [\"female\"], \(extra),")
        }
        return f
    }

    @Test func newFieldsLoadIntoTheModel() throws {
        let f = try withFirstService("""
            "description": "Case management for survivors", "website": "https://alpha.example.org/gbv",
            "source": {"dataset": "city-211", "recordId": "4711", "place": "services.csv row 14"}
            """, eligibility: "{\"sexes\": [\"female\"], \"note\": \"Women 18+ who are survivors of domestic violence\"}")
        defer { f.remove() }
        try f.edit("organisations.json") {
            $0.replacingOccurrences(of: "\"type\": \"government\"}", with: "\"type\": \"government\", \"website\": \"https://beta.example.org\", \"description\": \"A health post\", \"source\": {\"dataset\": \"city-211\", \"recordId\": \"12\"}}")
        }
        let r = f.load()
        #expect(r.errors.isEmpty, "\(r.errors.map(\.rendered))")
        let d = try #require(r.directory)
        let s = try #require(d.service("alpha.gbv-cm"))
        #expect(s.description == "Case management for survivors")
        #expect(s.website == "https://alpha.example.org/gbv")
        #expect(s.source == Source(dataset: "city-211", recordId: "4711", place: "services.csv row 14"))
        #expect(s.eligibility.note == "Women 18+ who are survivors of domestic violence")
        let org = try #require(d.organisations["org.beta"])
        #expect(org.website == "https://beta.example.org")
        #expect(org.source?.recordId == "12")
    }

    /// The note is shown to the caseworker and never decides: the same service with and without a
    /// note that contradicts its eligibility gets exactly the same checks and action.
    @Test func eligibilityNoteIsShownAndNeverDecides() throws {
        let plain = try loadDirectory()
        let f = try withFirstService("\"website\": \"https://alpha.example.org\"",
                                     eligibility: "{\"sexes\": [\"female\"], \"note\": \"Men only, ages 60+\"}")
        defer { f.remove() }
        let noted = try #require(f.load().directory)
        let a = try #require(try Routed(CaseSpec(), directory: plain).decision("alpha.gbv-cm"))
        let b = try #require(try Routed(CaseSpec(), directory: noted).decision("alpha.gbv-cm"))
        #expect(a.action == .refer)
        #expect(b.action == a.action)
        #expect(b.checks == a.checks)
        #expect(b.rank == a.rank)
        #expect(b.access.eligibilityNote == "Men only, ages 60+")
        #expect(b.access.website == "https://alpha.example.org")
        #expect(a.access.eligibilityNote == nil)
        // Absent fields stay out of the JSON, so existing outputs do not change.
        let json = String(decoding: canonicalJSON(a), as: UTF8.self)
        #expect(!json.contains("eligibilityNote") && !json.contains("website"))
    }

    @Test(arguments: [
        ("\"website\": \"alpha.example.org\"", "entry.website", "$.services[0].website"),
        ("\"website\": \"https://alpha example.org\"", "entry.website", "$.services[0].website"),
        ("\"source\": {\"dataset\": \"city-211\", \"recordId\": \" \"}", "entry.source", "$.services[0].source.recordId"),
        ("\"source\": {\"dataset\": \"\", \"recordId\": \"9\"}", "entry.source", "$.services[0].source.dataset"),
        ("\"address\": {\"confidential\": true, \"latitude\": 1.5, \"longitude\": 2.5}", "service.confidential-coordinates",
         "$.services[0].address"),
        ("\"address\": {\"confidential\": false}", "service.address", "$.services[0].address"),
        ("\"address\": {\"text\": \"1 Main St\", \"confidential\": false, \"latitude\": 1.5}", "service.coordinates",
         "$.services[0].address"),
        ("\"address\": {\"text\": \"1 Main St\", \"confidential\": false, \"latitude\": 91, \"longitude\": 2}",
         "service.coordinates", "$.services[0].address"),
    ])
    func badFieldIsAnErrorAtItsPlace(extra: String, code: String, path: String) throws {
        let f = try withFirstService(extra)
        defer { f.remove() }
        let r = f.load()
        #expect(r.directory == nil)
        let e = try #require(r.errors.first)
        #expect(r.errors.count == 1, "\(r.errors.map(\.rendered))")
        #expect(e.code.rawValue == code)
        #expect(e.place.path == path)
        #expect(e.id == "alpha.gbv-cm")
        #expect(e.place.line != nil)
    }

    @Test func emptyEligibilityNoteIsAnError() throws {
        let f = try withFirstService("\"cost\": \"free\"", eligibility: "{\"note\": \"  \"}")
        defer { f.remove() }
        let e = try #require(f.load().errors.first)
        #expect(e.code == .serviceEligibilityNote)
        #expect(e.place.path == "$.services[0].eligibility.note")
    }

    @Test func confidentialAddressNeedsNoTextAndIsNeverShown() throws {
        let f = try withFirstService("\"address\": {\"confidential\": true}")
        defer { f.remove() }
        let d = try #require(f.load().directory)
        let dec = try #require(try Routed(CaseSpec(), directory: d).decision("alpha.gbv-cm"))
        #expect(dec.access.addressConfidential)
        #expect(dec.access.address == nil)
    }
}
