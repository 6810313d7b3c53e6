import Foundation
import Testing

// `referral import` and `referral export` end to end: exit codes, where the report and notes go,
// and the export → import → route round trip through the binary, compared byte for byte.

private let spreadsheet = "Tests/ReferralExchangeTests/Fixtures/spreadsheet/agencies.csv"
private let profile = "Tests/ReferralExchangeTests/Fixtures/spreadsheet/profile.json"

/// A scratch Pathways folder: the shipped generic pathways and one context.json.
private func scratch(context: String) throws -> (root: URL, context: String) {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("referral-exchange-cli-\(UUID().uuidString)")
    try fm.createDirectory(at: root.appendingPathComponent("ctx"), withIntermediateDirectories: true)
    try fm.copyItem(at: Repo.root.appendingPathComponent("Pathways/pathways"), to: root.appendingPathComponent("pathways"))
    try fm.copyItem(at: Repo.root.appendingPathComponent(context), to: root.appendingPathComponent("ctx/context.json"))
    return (root, root.appendingPathComponent("ctx").path)
}

@Suite struct ImportExportCommandTests {
    @Test func importWritesAndReportsAndExitsOneWhenRecordsWereSkipped() throws {
        let (root, ctx) = try scratch(context: "Tests/ReferralExchangeTests/Fixtures/valmera/context.json")
        defer { try? FileManager.default.removeItem(at: root) }
        let dry = try Referral.run(["import", "csv", spreadsheet, "--profile", profile, "--out", ctx, "--dry-run"])
        #expect(dry.code == Exit.findings)
        #expect(dry.stderr == "referral: note: dry run: nothing was written\n")
        #expect(dry.stdout.hasPrefix("IMPORT REPORT (DRY RUN: nothing was written)\n"))
        #expect(dry.stdout.contains("records       17 read = 9 imported + 1 merged + 7 skipped"))
        #expect(!FileManager.default.fileExists(atPath: ctx + "/services.json"))
        let json = try Referral.run(["import", "csv", spreadsheet, "--profile", profile, "--out", ctx, "--format", "json"])
        #expect(json.code == Exit.findings)
        #expect(json.stdout.contains("\"code\" : \"import.hours-unparsed\""))
        #expect(FileManager.default.fileExists(atPath: ctx + "/services.json"))
        let v = try Referral.run(["validate", ctx, "--at", Repo.at])
        #expect(v.code == Exit.ok, "\(v.stdout)")
        // Again without --force: refused, nothing changed, exit 3.
        let again = try Referral.run(["import", "csv", spreadsheet, "--profile", profile, "--out", ctx])
        #expect(again.code == Exit.invalidInput)
        #expect(again.stdout == "")
        #expect(again.stderr.contains("error[import.exists]"))
    }

    /// Free-text eligibility reaches the caseworker: the route and list outputs show it, marked as
    /// the directory's words that the router does not check.
    @Test func theEligibilityNoteIsShownToCaseworkers() throws {
        let (root, ctx) = try scratch(context: "Pathways/demo/context.json")
        defer { try? FileManager.default.removeItem(at: root) }
        let i = Referral.run(["import", "csv", "Pathways/examples/4w-services.csv", "--profile", "Pathways/examples/4w-profile.json",
                              "--out", ctx])
        #expect(i.code == Exit.findings)   // one record is 'Active, but do not refer'
        let r = Referral.route("Pathways/demo/cases/gbv-rape-survivor-fenwick-gap.json", pathways: ctx)
        #expect(r.code == Exit.ok)
        #expect(r.stdout.contains("[4w.501]"))
        #expect(r.stdout.contains("serves    Women and girls; men by appointment (as the directory says; not checked by the"))
        let json = Referral.route("Pathways/demo/cases/gbv-rape-survivor-fenwick-gap.json", pathways: ctx, format: "json")
        #expect(json.stdout.contains("\"eligibilityNote\" : \"Women and girls; men by appointment\""))
        let list = Referral.run(["list", "services", "--pathways", ctx, "--category", "health.cmr", "--area", "XV0203"])
        #expect(list.stdout.contains("serves   Women and girls; men by appointment"))
    }

    @Test func usageErrors() throws {
        let r = try Referral.run(["import", "xls", spreadsheet, "--out", "Pathways/demo"])
        #expect(r.code == Exit.usage)
        #expect(r.stderr.contains("'xls' is not an import format"))
        let missing = try Referral.run(["import", "csv", spreadsheet])
        #expect(missing.code == Exit.usage)
        #expect(missing.stderr.contains("missing --out"))
        let noProfile = try Referral.run(["import", "csv", spreadsheet, "--out", "Pathways/demo", "--dry-run"])
        #expect(noProfile.code == Exit.invalidInput)
        #expect(noProfile.stderr.contains("a CSV import needs a profile"))
        let help = try Referral.run(["help"])
        #expect(help.stdout.contains("  import ") && help.stdout.contains("  export "))
    }

    /// Export then import, through the binary, in both formats: every shipped case routes to the
    /// same text and JSON as with the shipped directory.
    @Test(arguments: ["json", "csv"])
    func roundTripRoutesEveryShippedCaseToTheSameOutput(_ format: String) throws {
        let (root, ctx) = try scratch(context: "Pathways/demo/context.json")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("export").path
        let e = try Referral.run(["export", "hsds", "Pathways/demo", "--out", out, "--format", format])
        #expect(e.code == Exit.ok)
        #expect(e.stderr.contains("holds 1 confidential address"))
        let i = try Referral.run(["import", "hsds", out, "--out", ctx])
        #expect(i.code == Exit.ok, "\(i.stderr)")
        for name in Repo.shippedCaseNames() {
            let path = "Pathways/demo/cases/" + name
            for f in ["text", "json"] {
                let a = try Referral.route(path, format: f)
                let b = try Referral.route(path, pathways: ctx, format: f)
                #expect(a.code == Exit.ok && a.stdout == b.stdout, "\(name) \(f) via \(format)")
            }
        }
    }
}
