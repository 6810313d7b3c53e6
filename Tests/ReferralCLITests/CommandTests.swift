import Foundation
import Testing

// Every command end to end, in-process through `runReferral` (see Support.swift), with stdout,
// stderr and the exit code checked. These use the small engine fixture so they do not change when
// the demo data does.

private let fixture = Repo.fixtureDirectory
private let fixtureCase = Repo.fixtureCase

private func fixtureCaseText() throws -> String {
    try String(contentsOf: Repo.root.appendingPathComponent(fixtureCase), encoding: .utf8)
}


@Suite struct RouteCommandTests {
    @Test func textPlanForAPerson() throws {
        let r = Referral.route(fixtureCase, pathways: fixture)
        #expect(r.code == Exit.ok)
        #expect(r.stderr == "")
        #expect(plain(r.stdout))
        #expect(r.stdout.hasPrefix("*****"))
        #expect(r.stdout.contains("FICTIONAL DEMONSTRATION DATA"))
        #expect(r.stdout.contains("REFERRAL PLAN for case TEST-0001"))
        #expect(r.stdout.contains("time      2026-11-28T14:00+02:00 (given with --at)"))
        // Most urgent step first, with the PEP window and what is shared.
        let emergency = try #require(r.stdout.range(of: "EMERGENCY  Clinical management of rape"))
        let urgent = try #require(r.stdout.range(of: "URGENT  GBV case management"))
        #expect(emergency.lowerBound < urgent.lowerBound)
        #expect(r.stdout.contains("HIV post-exposure prophylaxis: window closes in 41 h"))
        #expect(r.stdout.contains("#1 REFER  Clinical care after rape"))
        #expect(r.stdout.contains("shares    age = 24; gbv.hoursSinceIncident = 31; sex = female"))
        // The shelter's confidential address is never printed.
        #expect(!r.stdout.contains("Hidden Lane"))
        #expect(r.stdout.contains("CONFIDENTIAL: never shown"))
        // Livelihoods, police by the person's choice, and the shelter whose one option is at capacity.
        #expect(r.stdout.contains("GAPS (3"))
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    @Test func briefPlanForAHotlineShowsTheBestOptionPerStep() throws {
        let full = Referral.route(fixtureCase, pathways: fixture)
        let r = Referral.run(["route", fixtureCase, "--pathways", fixture, "--at", Repo.at, "--brief"])
        #expect(r.code == Exit.ok)
        #expect(r.stderr == "")
        #expect(plain(r.stdout))
        #expect(r.stdout.contains("BRIEF PLAN for case TEST-0001"))
        #expect(r.stdout.contains("FICTIONAL DEMONSTRATION DATA"))
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count * 3 < full.stdout.split(separator: "\n").count)
        #expect(lines.allSatisfy { $0.count <= 100 })
        // Most urgent first, with the window that sets the urgency and what the best option shares.
        let emergency = try #require(r.stdout.range(of: "1. EMERGENCY Clinical management of rape"))
        let urgent = try #require(r.stdout.range(of: "URGENT GBV case management"))
        #expect(emergency.lowerBound < urgent.lowerBound)
        #expect(r.stdout.contains("window closes in 41 h"))
        #expect(r.stdout.contains("REFER  Clinical care after rape"))
        #expect(r.stdout.contains("shares age, gbv.hoursSinceIncident, sex"))
        #expect(r.stdout.contains("AT CAPACITY"))
        #expect(!r.stdout.contains("Hidden Lane"))
        #expect(r.stdout.contains("gaps: gbv / safety (at-capacity); gbv / livelihoods (not-eligible); gbv / police (persons-choice)"))
    }

    @Test func jsonIsByteIdenticalAndTheSameFromStandardInput() throws {
        let a = Referral.route(fixtureCase, pathways: fixture, format: "json")
        let b = Referral.route(fixtureCase, pathways: fixture, format: "json")
        #expect(a.code == Exit.ok)
        #expect(a.stderr == "")
        #expect(a.stdout == b.stdout)
        let c = Referral.run(["route", "-", "--pathways", fixture, "--at", Repo.at, "--format", "json"],
                                 stdin: try fixtureCaseText())
        #expect(c.code == Exit.ok)
        #expect(c.stdout == a.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
        #expect(object["caseCode"] as? String == "TEST-0001")
        #expect(object["at"] as? String == "2026-11-28T14:00+02:00")
        #expect(object["fictional"] as? Bool == true)
        #expect(!a.stdout.contains("Hidden Lane"))
    }

    @Test func withoutAtTheClockIsUsedAndSaid() throws {
        let text = Referral.run(["route", fixtureCase, "--pathways", fixture])
        #expect(text.code == Exit.ok)
        // The clock is injected (Referral.now, 12:00 UTC): the plan is routed at that minute.
        #expect(text.stdout.contains("time      2026-11-28T14:00+02:00 (now, from this computer's clock; pass --at to choose)"))
        let json = Referral.run(["route", fixtureCase, "--pathways", fixture, "--format", "json"])
        #expect(json.code == Exit.ok)
        #expect(json.stderr.hasPrefix("referral: note: routed at "))
    }

    @Test func noColourWhenAskedEvenIfAllowed() throws {
        let r = Referral.run(["route", fixtureCase, "--pathways", fixture, "--at", Repo.at, "--no-color"])
        #expect(r.code == Exit.ok)
        #expect(plain(r.stdout))
    }

    @Test func missingCaseFile() throws {
        let r = Referral.route("no-such-case.json", pathways: fixture)
        #expect(r.code == Exit.invalidInput)
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("referral: error: cannot read the case file 'no-such-case.json'"))
    }

    /// Standard input is read with the case limit (1 MiB): `route - < /dev/zero` grew to 2.8 GB.
    @Test func caseAboveTheLimitIsRefused() {
        let r = Referral.run(["route", "-", "--pathways", fixture, "--at", Repo.at],
                             stdin: String(repeating: " ", count: (1 << 20) + 1))
        #expect(r.code == Exit.invalidInput)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("<stdin>: error[file.too-large]"))
    }

    @Test func malformedCaseIsLocated() throws {
        let r = Referral.run(["route", "-", "--pathways", fixture, "--at", Repo.at],
                                 stdin: "{\"formatVersion\": 1,\n  \"caseCode\": }")
        #expect(r.code == Exit.invalidInput)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("referral: error: the case <stdin> cannot be used"))
        #expect(r.stderr.contains("<stdin>:2:15: error[json.syntax]"))
    }

    @Test func identifyingDataIsRefusedAndNeverEchoed() throws {
        var text = try fixtureCaseText()
        text = text.replacingOccurrences(of: "\"age\": 24,", with: "\"age\": 24, \"fullName\": \"Zenobia Quarrington\", \"contact\": \"+44 20 7946 0958\",")
        let r = Referral.run(["route", "-", "--pathways", fixture, "--at", Repo.at], stdin: text)
        #expect(r.code == Exit.invalidInput)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("was refused: it carries identifying data"))
        #expect(r.stderr.contains("error[case.identifying-data]"))
        // Placed by position: the field's name is not shown either.
        #expect(r.stderr.contains("($.#4)"))
        #expect(!r.stderr.contains("fullName"))
        #expect(!r.stderr.contains("Zenobia"))
        #expect(!r.stderr.contains("7946"))
    }

    @Test func unknownVocabularyInACaseSuggestsWithoutEchoing() throws {
        let text = try fixtureCaseText().replacingOccurrences(of: "\"languages\": [\"fr\"]", with: "\"languages\": [\"frr\"]")
        let r = Referral.run(["route", "-", "--pathways", fixture, "--at", Repo.at], stdin: text)
        #expect(r.code == Exit.invalidInput)
        #expect(r.stderr.contains("($.languages[0]): error[case.unknown-language]: unknown language"))
        #expect(r.stderr.contains("did you mean 'fr'?"))
        #expect(!r.stderr.contains("frr"))
    }

    @Test func usageErrors() throws {
        let bad = Referral.run(["route", fixtureCase, "--formt", "json"])
        #expect(bad.code == Exit.usage)
        #expect(bad.stdout == "")
        #expect(bad.stderr.contains("referral: error: unknown option '--formt'"))
        #expect(bad.stderr.contains("did you mean '--format'?"))

        let time = Referral.run(["route", fixtureCase, "--pathways", fixture, "--at", "tomorrow"])
        #expect(time.code == Exit.usage)
        #expect(time.stderr.contains("'tomorrow' is not a time for '--at'"))

        let missing = Referral.run(["route"])
        #expect(missing.code == Exit.usage)
        #expect(missing.stderr.contains("missing CASE"))
    }

    @Test func unknownContextSuggests() throws {
        let r = Referral.run(["route", "Pathways/demo/cases/gbv-adult-rape-within-72h.json", "--context", "demoo",
                                  "--at", Repo.at])
        #expect(r.code == Exit.invalidInput)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("error[file.unknown-context]"))
        #expect(r.stderr.contains("did you mean 'demo'?"))
    }

    @Test func missingPathwayData() throws {
        let r = Referral.route(fixtureCase, pathways: "no-such-folder")
        #expect(r.code == Exit.invalidInput)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("referral: error: cannot find the pathway data in 'no-such-folder'"))
        #expect(r.stderr.contains("error[file.missing]"))
    }
}

@Suite struct ExplainCommandTests {
    @Test func everyRuleWithItsOutcome() throws {
        let r = Referral.run(["explain", "beta.cmr", "--case", fixtureCase, "--pathways", fixture, "--at", Repo.at])
        #expect(r.code == Exit.ok)
        #expect(r.stderr == "")
        #expect(r.stdout.contains("WHY OR WHY NOT: beta.cmr for case TEST-0001"))
        #expect(r.stdout.contains("In gbv / clinical-care (EMERGENCY)"))
        #expect(r.stdout.contains("decision  REFER"))
        #expect(r.stdout.contains("PASS eligibility.area"))
        #expect(r.stdout.contains("WARN preference.staff-sex"))
    }

    @Test func excludedServiceSaysWhy() throws {
        let r = Referral.run(["explain", "police.north", "--case", fixtureCase, "--pathways", fixture, "--at", Repo.at])
        #expect(r.code == Exit.ok)
        #expect(r.stdout.contains("decision  NOT USABLE"))
        #expect(r.stdout.contains("FAIL preference.no-police"))
    }

    @Test func json() throws {
        let a = Referral.run(["explain", "beta.cmr", "--case", fixtureCase, "--pathways", fixture, "--at", Repo.at,
                                  "--format", "json"])
        #expect(a.code == Exit.ok)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
        #expect(object["service"] as? String == "beta.cmr")
        let b = Referral.run(["explain", "beta.cmr", "--case", fixtureCase, "--pathways", fixture, "--at", Repo.at,
                                  "--format", "json"])
        #expect(a.stdout == b.stdout)
    }

    @Test func serviceOutsideTheCasePathwaysIsJudgedOnItsOwn() throws {
        let r = Referral.run(["explain", "beta.mh", "--case", fixtureCase, "--pathways", fixture, "--at", Repo.at])
        #expect(r.code == Exit.ok)
        #expect(r.stdout.contains("No step of the pathways that apply to this case uses mhpss.specialised"))
        #expect(r.stdout.contains("decision  "))
    }

    @Test func unknownServiceSuggests() throws {
        let r = Referral.run(["explain", "beta.cmrr", "--case", fixtureCase, "--pathways", fixture])
        #expect(r.code == Exit.invalidInput)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("referral: error: unknown service 'beta.cmrr'"))
        #expect(r.stderr.contains("did you mean 'beta.cmr' ("))
    }

    @Test func caseIsRequired() throws {
        let r = Referral.run(["explain", "beta.cmr", "--pathways", fixture])
        #expect(r.code == Exit.usage)
        #expect(r.stderr.contains("missing --case CASE"))
    }
}

@Suite struct ListCommandTests {
    @Test func servicesCoveringAnAreaIncludeWiderOnes() throws {
        let r = Referral.run(["list", "services", "--area", "ZZ0102", "--pathways", fixture, "--format", "json"])
        #expect(r.code == Exit.ok)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let ids = list.compactMap { $0["id"] as? String }
        #expect(ids.contains("alpha.gbv-cm"))  // serves ZZ01, the parent
        #expect(ids.contains("police.north"))  // serves ZZ, the country
        #expect(!ids.contains("beta.cmr"))  // serves ZZ0101 only
        #expect(ids == ids.sorted())
    }

    @Test func byCategoryInText() throws {
        let r = Referral.run(["list", "services", "--category", "health.cmr", "--pathways", fixture])
        #expect(r.code == Exit.ok)
        #expect(r.stdout.hasPrefix("1 service in Basic test context (FICTIONAL), category health.cmr"))
        #expect(r.stdout.contains("beta.cmr: Clinical care after rape"))
    }

    @Test func confidentialAddressesAreNeverPrinted() throws {
        for format in ["text", "json"] {
            let r = Referral.run(["list", "services", "--pathways", fixture, "--format", format])
            #expect(r.code == Exit.ok)
            #expect(!r.stdout.contains("Hidden Lane"))
            #expect(r.stdout.contains("Market Square"))
        }
    }

    @Test func pathways() throws {
        let r = Referral.run(["list", "pathways", "--pathways", fixture])
        #expect(r.code == Exit.ok)
        #expect(r.stdout.contains("gbv: Gender-based violence (basic/pathways/gbv.json)"))
        #expect(r.stdout.contains("case-management (GBV case management) [gbv.case-management; urgent] -> clinical-care"))
    }

    @Test func pathwayFilesAreShownTidy() throws {
        let r = Referral.run(["list", "pathways", "--format", "json"])
        #expect(r.code == Exit.ok)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let files = list.compactMap { $0["file"] as? String }
        #expect(!files.isEmpty)
        #expect(files.allSatisfy { !$0.contains("..") && $0.hasPrefix("Pathways/") })
    }

    @Test func unknownNamesSuggest() throws {
        let kind = Referral.run(["list", "servics", "--pathways", fixture])
        #expect(kind.code == Exit.usage)
        #expect(kind.stderr.contains("did you mean 'services'?"))
        let category = Referral.run(["list", "services", "--category", "healt.cmr", "--pathways", fixture])
        #expect(category.code == Exit.invalidInput)
        #expect(category.stderr.contains("referral: error: unknown category 'healt.cmr'"))
        #expect(category.stderr.contains("did you mean 'health.cmr' ("))
        let area = Referral.run(["list", "services", "--area", "ZZ011", "--pathways", fixture])
        #expect(area.code == Exit.invalidInput)
        #expect(area.stderr.contains("unknown area 'ZZ011'"))
    }
}

@Suite struct ValidateCommandTests {
    @Test func cleanData() throws {
        let r = Referral.run(["validate", fixture])
        #expect(r.code == Exit.ok)
        #expect(r.stdout.contains("0 errors"))
    }

    @Test func errorsAreLocatedAndExitWithFindings() throws {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("referral-validate-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: tmp) }
        try fm.copyItem(at: Repo.root.appendingPathComponent(fixture), to: tmp)
        let services = tmp.appendingPathComponent("services.json")
        let text = try String(contentsOf: services, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "\"category\": \"health.cmr\"", with: "\"category\": \"health.cmrr\"")
        #expect(broken != text)
        try broken.write(to: services, atomically: true, encoding: .utf8)

        let r = Referral.run(["validate", tmp.path])
        #expect(r.code == Exit.findings)
        #expect(r.stdout.contains("services.json:"))
        #expect(r.stdout.contains("error[ref.unknown-category]"))
        #expect(r.stdout.contains("did you mean 'health.cmr'?"))
    }

    @Test func missingFolder() throws {
        let r = Referral.run(["validate", "no-such-folder"])
        #expect(r.code == Exit.invalidInput)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("error[file.missing]"))
    }
}

@Suite struct HelpAndDispatchTests {
    @Test func mainHelp() throws {
        for args in [["--help"], ["-h"], ["help"]] {
            let r = Referral.run(args)
            #expect(r.code == Exit.ok)
            #expect(r.stdout.contains("Usage: referral COMMAND"))
            for name in ["route", "explain", "list", "validate"] { #expect(r.stdout.contains("  \(name) ")) }
            #expect(r.stdout.contains("Exit codes:"))
            #expect(r.stdout.contains("  3  invalid input"))
        }
    }

    @Test(arguments: ["route", "explain", "list", "validate", "graph"])
    func commandHelp(_ name: String) throws {
        let a = Referral.run([name, "--help"])
        #expect(a.code == Exit.ok)
        #expect(a.stderr == "")
        #expect(a.stdout.contains("Usage: referral \(name)"))
        #expect(a.stdout.contains("Exit codes:"))
        let b = Referral.run(["help", name])
        #expect(b.stdout == a.stdout)
    }

    /// The examples in `referral --help` work as written, from the repository root.
    @Test func mainHelpExamplesWork() throws {
        let help = Referral.run(["--help"]).stdout
        let examples = help.split(separator: "\n").filter { $0.hasPrefix("  referral ") }
        #expect(examples.count >= 4)
        for line in examples {
            let args = line.split(separator: " ").dropFirst().map(String.init)
            let r = Referral.run(args)
            #expect(r.code == Exit.ok, "'\(line)' failed: \(r.stderr)")
            #expect(!r.stdout.isEmpty)
        }
    }

    @Test func version() throws {
        let r = Referral.run(["--version"])
        #expect(r.code == Exit.ok)
        #expect(r.stdout.hasPrefix("referral "))
    }

    @Test func noOrUnknownCommand() throws {
        let none = Referral.run([])
        #expect(none.code == Exit.usage)
        #expect(none.stdout == "")
        #expect(none.stderr.contains("referral: error: no command given"))
        let typo = Referral.run(["rout", "x.json"])
        #expect(typo.code == Exit.usage)
        #expect(typo.stderr.contains("unknown command 'rout'"))
        #expect(typo.stderr.contains("did you mean 'route'?"))
    }
}
