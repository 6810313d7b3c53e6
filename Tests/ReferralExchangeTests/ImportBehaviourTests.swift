import Foundation
import ReferralCore
import Testing
@testable import ReferralExchange

/// Safe writes and re-imports: a dry run writes nothing, an existing context is never overwritten
/// without --force, a failed import leaves the folder as it was, and a re-import updates the entries
/// it made instead of adding copies, keeping what the coordinator added by hand.
@Suite("Import: safe writes and re-imports")
struct ImportBehaviourTests {
    func listing(_ s: Sandbox) -> [String: String] {
        var out: [String: String] = [:]
        for f in (try? FileManager.default.contentsOfDirectory(atPath: s.context)) ?? [] { out[f] = s.file(f) ?? "" }
        return out
    }

    @Test func dryRunWritesNothing() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let before = listing(s)
        let r = try s.report(dryRun: true)
        #expect(r.dryRun && r.succeeded)
        #expect(r.counts.imported == 9)
        #expect(listing(s) == before)
    }

    @Test func anExistingContextIsNotOverwrittenWithoutForce() throws {
        let s = try Sandbox()
        defer { s.remove() }
        _ = try s.report()
        let before = listing(s)
        guard case .failure(let f) = s.importing() else {
            Issue.record("a second import without --force succeeded")
            return
        }
        #expect(f.diagnostics.first?.code == .importExists)
        #expect(listing(s) == before)
    }

    @Test func aFailedImportLeavesTheFolderAsItWas() throws {
        let s = try Sandbox(context: Paths.shippedPathways + "/demo/context.json", name: "demo",
                            with: ["organisations.json", "services.json"])
        defer { s.remove() }
        let before = listing(s)
        // A profile naming a category the context does not have: refused before anything is read.
        let bad = s.root + "/bad-profile.json"
        try #"{"formatVersion": 1, "dataset": "x", "columns": {"name": "program_name"}, "categories": {"A": "gbv.case-managment"}}"#
            .write(toFile: bad, atomically: true, encoding: .utf8)
        guard case .failure(let f) = s.importing(profile: bad, force: true) else {
            Issue.record("an import with a broken profile succeeded")
            return
        }
        #expect(f.diagnostics.first?.code == .profileUnknownReference)
        #expect(f.diagnostics.first?.help == "did you mean 'gbv.case-management'?")
        #expect(listing(s) == before)
        // No temporary file is left behind either.
        #expect(!listing(s).keys.contains { $0.hasPrefix(".") })
    }

    @Test func aReimportUpdatesInsteadOfDuplicatingAndKeepsHandEdits() throws {
        let s = try Sandbox()
        defer { s.remove() }
        _ = try s.report()
        // The coordinator completes what no source has: modality, a reporting duty, staff.
        try s.editService("v4w.101") {
            $0.modality = [.inPerson, .phone]
            $0.staffSexes = [.female]
            $0.mandatoryReporting = ["child-abuse"]
        }
        let r = try s.report(force: true)
        #expect(r.counts.servicesNew == 0)
        #expect(r.counts.servicesUpdated == 10)
        #expect(r.counts.organisationsNew == 0 && r.counts.organisationsUpdated == 6)
        let v = try #require(try s.services()["v4w.101"])
        #expect(v.modality == [.inPerson, .phone])
        #expect(v.staffSexes == [.female])
        #expect(v.mandatoryReporting == ["child-abuse"])
        #expect(r.findings("import.kept-existing").contains { $0.target?.field == "modality" && $0.count == 1 })
        #expect(try s.services().count == 10)
    }

    @Test func aConfidentialAddressStaysConfidentialOnReimport() throws {
        let s = try Sandbox()
        defer { s.remove() }
        _ = try s.report()
        try s.editService("v4w.101") { $0.address = AddressDocument(text: nil, confidential: true) }
        let r = try s.report(force: true)
        #expect(try s.services()["v4w.101"]?.address?.confidential == true)
        #expect(try s.services()["v4w.101"]?.address?.text == nil)
        #expect(r.findings("import.kept-existing", row: 2).count == 1)
    }

    @Test func entriesFromElsewhereAreNeverChanged() throws {
        let s = try Sandbox(context: Paths.fixtures + "/valmera/context.json")
        defer { s.remove() }
        // A hand-written service that happens to have the id the import would give record 106,
        // and a hand-written organisation with the name of one in the spreadsheet.
        try s.write("organisations.json", """
            {"formatVersion": 1, "organisations": [
              {"id": "org.mindcare", "name": "Mind Care (fictional)", "type": "ngo"},
              {"id": "org.hope", "name": "Hope Livelihoods (fictional)", "type": "ngo"}]}
            """)
        try s.write("services.json", """
            {"formatVersion": 1, "services": [
              {"id": "v4w.106", "organisation": "org.mindcare", "name": "Hand-written line", "category": "mhpss.specialised",
               "areas": ["XV"], "modality": ["phone"], "languages": ["vl"],
               "intake": {"selfReferral": true, "requiredFields": ["caseCode"]}, "status": "open"}]}
            """)
        let r = try s.report(force: true)
        let taken = r.findings("import.id-taken", row: 7)
        #expect(taken.count == 1 && taken[0].action == .skipped)
        #expect(try s.services()["v4w.106"]?.name == "Hand-written line")
        let matched = r.findings("import.organisation-matched")
        #expect(matched.count == 1 && matched[0].target?.organisation == "org.hope")
        #expect(try s.services()["v4w.105"]?.organisation == "org.hope")
        #expect(try s.organisations().filter { $0.name == "Hope Livelihoods (fictional)" }.count == 1)
        #expect(r.counts.addsUp)
    }

    @Test func aRecordNoLongerInTheSourceIsKeptAndReported() throws {
        let s = try Sandbox()
        defer { s.remove() }
        _ = try s.report()
        // The same dataset without row 2 (record 101).
        let lines = try String(contentsOfFile: Paths.spreadsheet, encoding: .utf8).components(separatedBy: "\r\n")
        let shorter = s.root + "/agencies.csv"
        try ([lines[0]] + lines.dropFirst(2)).joined(separator: "\r\n").write(toFile: shorter, atomically: true, encoding: .utf8)
        let r = try s.report(.csv, shorter, force: true)
        let gone = r.findings("import.record-gone")
        #expect(gone.count == 1 && gone[0].target?.service == "v4w.101" && gone[0].action == .kept)
        #expect(try s.services()["v4w.101"] != nil)
    }

    @Test(arguments: [("error", 0, "import.several-categories"), ("first", 1, "import.several-categories")])
    func severalCategoriesFollowTheProfile(choice: String, services: Int, code: String) throws {
        let s = try Sandbox()
        defer { s.remove() }
        let profile = s.root + "/profile.json"
        try String(contentsOfFile: Paths.profile, encoding: .utf8)
            .replacingOccurrences(of: #""severalCategories": "split""#, with: #""severalCategories": "\#(choice)""#)
            .write(toFile: profile, atomically: true, encoding: .utf8)
        let r = try s.report(profile: profile)
        let f = try #require(r.findings(code, row: 11, column: "E").first)
        #expect(f.action == (choice == "error" ? .skipped : .mapped))
        #expect(try s.services().keys.filter { $0.hasPrefix("v4w.110") }.count == services)
    }

    /// Ids made from long names stay within the directory's 64 characters, unique and stable.
    @Test func longNamesGiveShortStableIds() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let long = String(repeating: "Very Long Organisation Name ", count: 5)
        let csv = s.root + "/long.csv"
        try """
            program_name,agency_name,taxonomy_code,city,status,languages
            \(long)A,\(long),RP-1400,Aldren,Active,Valmeran
            \(long)B,\(long),RP-1400,Aldren,Active,Valmeran

            """.write(toFile: csv, atomically: true, encoding: .utf8)
        let profile = s.root + "/p.json"
        try #"{"formatVersion": 1, "dataset": "long", "columns": {"name": "program_name", "organisation": "agency_name", "category": "taxonomy_code", "area": "city", "status": "status", "languages": "languages"}, "categories": {"RP-1400": "mhpss.focused"}, "languages": {"Valmeran": "vl"}, "defaults": {"modality": ["in-person"]}}"#
            .write(toFile: profile, atomically: true, encoding: .utf8)
        let r = try s.report(.csv, csv, profile: profile)
        #expect(r.counts.imported == 2)
        let ids = try s.services().keys.sorted()
        #expect(ids.count == 2 && ids.allSatisfy { $0.count <= 64 } && ids[0] != ids[1])
        #expect(try s.organisations().allSatisfy { $0.id.count <= 64 })
        #expect(s.load().errors.isEmpty)
        let again = try Sandbox()
        defer { again.remove() }
        _ = try again.report(.csv, csv, profile: profile)
        #expect(try again.services().keys.sorted() == ids)
    }

    @Test func malformedCSVIsRefusedAtItsRowAndColumn() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let broken = s.root + "/broken.csv"
        try "agency_id,program_name\r\n1,ok\r\n2,5\" wide\r\n".write(toFile: broken, atomically: true, encoding: .utf8)
        guard case .failure(let f) = s.importing(.csv, broken) else {
            Issue.record("malformed CSV was accepted")
            return
        }
        let d = try #require(f.diagnostics.first)
        #expect(d.code == .csvStrayQuote)
        #expect(d.place.path == "row 3, column B" && d.place.line == 3)
        #expect(s.file("services.json") == nil)
    }

    @Test func aProfileColumnMissingFromTheFileIsNamed() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let profile = s.root + "/profile.json"
        try String(contentsOfFile: Paths.profile, encoding: .utf8)
            .replacingOccurrences(of: #""hours": "hours""#, with: #""hours": "hourz""#)
            .write(toFile: profile, atomically: true, encoding: .utf8)
        guard case .failure(let f) = s.importing(profile: profile) else {
            Issue.record("accepted")
            return
        }
        let d = try #require(f.diagnostics.first)
        #expect(d.code == .profileUnknownColumn)
        #expect(d.place.path == "$.columns.hours")
        #expect(d.place.line != nil)
        #expect(d.help == "did you mean 'hours'?")
    }
}
