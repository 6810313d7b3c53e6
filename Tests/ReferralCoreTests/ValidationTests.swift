import Foundation
import Testing
@testable import ReferralCore

/// Fixtures for the coordinator checks: `clean` triggers nothing; `structure`, `coverage` and
/// `data-quality` each trigger every check of their family.
enum ValidationFixtures {
    static let root = Paths.fixtures + "/validation"
    static let at = "2026-11-28T14:00:00+02:00"

    static func load(_ name: String) -> DirectoryLoader.Result {
        DirectoryLoader(options: .init(strict: false)).load(folder: root + "/" + name)
    }

    static func report(_ name: String, at: String = at) throws -> ValidationReport {
        let r = load(name)
        let offset = r.directory?.context.utcOffsetMinutes ?? 0
        let t = try #require(RoutingTime.parse(at, utcOffsetMinutes: offset))
        return Validator.validate(r, at: t)
    }
}

extension ValidationReport {
    func findings(_ code: Diagnostic.Code) -> [Diagnostic] { findings.filter { $0.code == code } }
    func findings(_ code: Diagnostic.Code, id: String) -> [Diagnostic] { findings.filter { $0.code == code && $0.id == id } }
    var listing: String { findings.map(\.rendered).joined(separator: "\n") }

    func cell(_ pathway: String, _ step: String, _ area: String) -> CoverageCell? {
        guard let row = coverage.first(where: { $0.pathway == pathway && $0.step == step }),
            let i = areas.firstIndex(where: { $0.pcode == area })
        else { return nil }
        return row.cells[i]
    }
}

extension CoverageCell {
    func status(_ population: String) -> CoverageStatus? { populations.first { $0.population == population }?.status }
}

@Suite("Validation: checks")
struct ValidationCheckTests {
    @Test("a complete directory gives no finding at all")
    func clean() throws {
        let r = try ValidationFixtures.report("clean")
        #expect(r.findings.isEmpty, "unexpected findings:\n\(r.listing)")
        #expect(r.summary.errors == 0 && r.summary.warnings == 0 && r.summary.info == 0)
        #expect(!r.failed(strict: true))
        // 4 steps × 2 districts, and each cell is covered (or does not apply).
        #expect(r.summary.cells == 8)
        #expect(r.summary.cellsNotFullyCovered == 0)
        let cp = try #require(r.cell("child-protection", "cp-case-management", "QQ0102"))
        #expect(cp.status("female-child") == .covered)
        #expect(cp.status("male-adult") == .notApplicable)
        #expect(r.pathways.allSatisfy { $0.cycles.isEmpty && $0.unreachable.isEmpty && $0.deadEnds.isEmpty })
    }

    @Test("structure: unreachable step, cycle, dead end and a category nobody offers")
    func structure() throws {
        let r = try ValidationFixtures.report("structure")
        let unreachable = r.findings(.structureUnreachable)
        #expect(unreachable.map(\.id) == ["orphan"])
        #expect(unreachable.first?.severity == .error)
        #expect(unreachable.first?.place.path == "$.steps[3]")
        #expect(unreachable.first?.place.file.hasSuffix("broken.json") == true)

        let cycles = r.findings(.structureCycle)
        #expect(cycles.count == 1)
        #expect(cycles.first?.message.contains("follow-up → review → follow-up") == true, "\(r.listing)")
        #expect(cycles.first?.place.path == "$.links[1]")

        #expect(r.findings(.structureDeadEnd).map(\.id) == ["stuck"])
        let noProvider = r.findings(.structureNoProvider)
        #expect(noProvider.map(\.id) == ["livelihoods"])
        #expect(noProvider.first?.severity == .warning)
        // No per-area gap repeats a step that nobody offers anywhere.
        #expect(r.findings(.coverageGap, id: "livelihoods").isEmpty)

        let p = try #require(r.pathways.first)
        #expect(p.cycles == [["follow-up", "review", "follow-up"]])
        #expect(p.unreachable == ["orphan"])
        #expect(p.deadEnds == ["stuck"])
        #expect(p.steps.first { $0.id == "review" }?.depth == 2)
        #expect(r.failed(strict: false))
        // Nothing else is wrong with this fixture.
        #expect(Set(r.findings.map(\.code)) == [.structureUnreachable, .structureCycle, .structureDeadEnd,
                                                .structureNoProvider], "\(r.listing)")
    }

    @Test("coverage: gaps by area and population, emergency hours, waitlists, restrictions, reporting duties, languages")
    func coverage() throws {
        let r = try ValidationFixtures.report("coverage")
        func one(_ code: Diagnostic.Code, _ id: String, area: String) -> Diagnostic? {
            let f = r.findings(code, id: id).filter { $0.message.contains("(\(area))") }
            return f.count == 1 ? f[0] : nil
        }
        // No clinical care at all in the west.
        let cmrGap = try #require(one(.coverageGap, "clinical-care", area: "QQ0102"), "\(r.listing)")
        #expect(cmrGap.message.hasSuffix("for anyone"))
        #expect(cmrGap.severity == .warning)
        #expect(one(.coverageGap, "clinical-care", area: "QQ0101") == nil)
        // Case management in the west is for women and girls only: a gap for boys and men.
        let male = try #require(one(.coverageGap, "case-management", area: "QQ0102"), "\(r.listing)")
        #expect(male.message.hasSuffix("for boys (under 18), men"))
        #expect(r.findings(.coverageWaitlistOnly, id: "safety").first?.message.hasSuffix("for everyone the step applies to") == true)
        #expect(one(.coverageGap, "case-management", area: "QQ0101") == nil)
        let cm = try #require(r.cell("gbv", "case-management", "QQ0102"))
        #expect(cm.status("female-adult") == .covered)
        #expect(cm.status("male-adult") == .gap)
        #expect(cm.status == .gap)

        // The east has clinical care in office hours only.
        #expect(one(.coverageEmergencyHours, "clinical-care", area: "QQ0101") != nil, "\(r.listing)")
        #expect(r.cell("gbv", "clinical-care", "QQ0101")?.allHours == false)
        #expect(r.cell("gbv", "case-management", "QQ0101")?.allHours == nil)

        // The only shelter is at capacity.
        #expect(one(.coverageWaitlistOnly, "safety", area: "QQ0101") != nil)
        #expect(r.cell("gbv", "safety", "QQ0102")?.status == .waitlistOnly)

        // Livelihoods only for citizens: restricted for everyone, nothing for irregular migrants.
        let lv = try #require(one(.coverageRestrictedOnly, "livelihoods", area: "QQ0101"), "\(r.listing)")
        #expect(lv.message.contains("left without an option: Irregular migrant (legal status)"))
        let lvCell = try #require(r.cell("gbv", "livelihoods", "QQ0101"))
        #expect(lvCell.status("legal-status:irregular") == .gap)
        #expect(lvCell.status("legal-status:citizen") == .covered)
        #expect(lvCell.status("female-adult") == .partial)

        // Child protection's only provider must report abuse of children.
        let cp = try #require(one(.coverageReportingOnly, "cp-case-management", area: "QQ0101"), "\(r.listing)")
        #expect(cp.message.contains("every option for everyone the step applies to carries"))
        let cpCell = try #require(r.cell("child-protection", "cp-case-management", "QQ0101"))
        #expect(cpCell.status("female-child") == .reportingOnly && cpCell.status("male-child") == .reportingOnly)
        #expect(cpCell.status("female-adult") == .notApplicable)
        #expect(cp.message.contains("c.cp"))

        // Arabic is a main language nobody speaks; the clinic in the east has interpretation.
        let ar = r.findings(.coverageLanguage, id: "ar")
        #expect(ar.count == 2)
        let east = try #require(ar.first { $0.message.contains("(QQ0101)") })
        #expect(!east.message.contains("Clinical management of rape"))
        #expect(east.message.contains("GBV case management"))
        #expect(r.findings(.coverageLanguage, id: "en").isEmpty)

        // The optional police step is covered, so nothing is said about it.
        #expect(r.findings.filter { $0.id == "police" }.isEmpty)
        #expect(r.summary.errors == 0)
        #expect(!r.failed(strict: false))
        #expect(r.failed(strict: true))
    }

    @Test("data quality: stale, unverified, hours, contact, closed, legal status, capacity, addresses, duties")
    func dataQuality() throws {
        let r = try ValidationFixtures.report("data-quality")
        let expected: [(Diagnostic.Code, String, Severity)] = [
            (.dataStale, "dq.stale", .warning),
            (.dataNeverVerified, "dq.never", .warning),
            (.dataNoHours, "dq.no-hours", .warning),
            (.dataNoContact, "dq.no-contact", .warning),
            (.dataClosedInPathway, "dq.closed", .warning),
            (.dataLegalStatusRestriction, "dq.restricted", .warning),
            (.dataAtCapacity, "dq.waitlist", .info),
            (.dataConfidentialNoFocalPoint, "dq.hidden-no-focal", .warning),
            (.dataConfidentialAddress, "dq.hidden-ok", .info),
            (.dataMandatoryReporting, "dq.reporting", .info),
        ]
        for (code, id, severity) in expected {
            let f = r.findings(code)
            #expect(f.map(\.id) == [id], "\(code): \(r.listing)")
            #expect(f.first?.severity == severity)
            #expect(f.first?.place.file == "data-quality/services.json")
            #expect(f.first?.help != nil)
        }
        #expect(r.findings(.dataStale).first?.message.contains("687 days ago (threshold 180 days)") == true)
        #expect(r.findings(.dataLegalStatusRestriction).first?.message.contains("it leaves out irregular") == true)
        // A closed service is reported once, as closed; its missing hours and date do not matter.
        #expect(r.findings.filter { $0.id == "dq.closed" }.count == 1)
        // The loader's findings are part of the report, with their place.
        let bad = try #require(r.findings(.refUnknownOrganisation).first)
        #expect(bad.severity == .error && bad.place.line != nil)
        #expect(r.failed(strict: false))
    }

    @Test("staleness counts days up to the date given, never the clock")
    func staleness() throws {
        let early = try ValidationFixtures.report("data-quality", at: "2025-03-01T09:00:00+02:00")
        #expect(early.findings(.dataStale).isEmpty)
        let late = try ValidationFixtures.report("clean", at: "2027-09-01T09:00:00+02:00")
        #expect(Set(late.findings(.dataStale).compactMap(\.id)) == ["one.cp", "one.gbv-cm", "two.cmr", "two.police"])
        #expect(late.at == "2027-09-01T09:00+02:00")
    }

    @Test("a directory that cannot be loaded still gives a report with the loader's findings")
    func unloadable() throws {
        let r = try ValidationFixtures.report("no-such-folder")
        #expect(r.context == nil)
        #expect(r.findings.contains { $0.code == .fileMissing })
        #expect(r.failed(strict: false))
        #expect(ReportRenderer.render(r, format: .html).contains("file.missing"))
    }

    @Test("the same input gives byte-identical output, findings in report order")
    func deterministic() throws {
        for name in ["structure", "coverage", "data-quality"] {
            let a = try ValidationFixtures.report(name), b = try ValidationFixtures.report(name)
            for format in ReportFormat.allCases {
                #expect(ReportRenderer.render(a, format: format) == ReportRenderer.render(b, format: format))
            }
            // By severity, then place (issue 13: errors were mixed among warnings).
            #expect(a.findings == Validator.reportOrder(a.findings, unreadable: []))
            #expect(a.findings.map(\.severity) == a.findings.map(\.severity).sorted())
        }
    }

    @Test("a service for one population group leaves the other groups without an option")
    func populationGroupRestriction() throws {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("referral-validation-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: tmp) }
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        // The coverage fixture, with livelihoods for refugees instead of citizens.
        for name in ["clean", "coverage"] {
            try fm.copyItem(atPath: ValidationFixtures.root + "/" + name, toPath: tmp.path + "/" + name)
        }
        let services = tmp.path + "/coverage/services.json"
        let text = try String(contentsOfFile: services, encoding: .utf8)
        let patched = text.replacingOccurrences(of: "\"eligibility\": {\"legalStatuses\": [\"citizen\"]}",
                                                with: "\"eligibility\": {\"populationGroups\": [\"refugee\"]}")
        #expect(patched != text)
        try patched.write(toFile: services, atomically: true, encoding: .utf8)
        let load = DirectoryLoader(options: .init(strict: false)).load(folder: tmp.path + "/coverage")
        let r = Validator.validate(load, at: try #require(RoutingTime.parse(ValidationFixtures.at, utcOffsetMinutes: 120)))
        let cell = try #require(r.cell("gbv", "livelihoods", "QQ0101"))
        #expect(cell.status("group:refugee") == .covered)
        #expect(cell.status("group:host") == .gap)
        #expect(cell.status("legal-status:irregular") == .partial)
        #expect(cell.baseStatus == .partial && cell.status == .gap)
        let f = try #require(r.findings(.coverageRestrictedOnly, id: "livelihoods").first)
        #expect(f.message.hasSuffix("left without an option: Host community"), "\(f.message)")
        #expect(r.findings(.dataLegalStatusRestriction).isEmpty)
    }

    @Test("population conditions are read for whole populations")
    func populationTruth() {
        let girl = Profile(sex: .female, ageMin: 0, ageMax: 17)
        #expect(girl.truth(of: Condition([.ageAtMost(17)])) == .yes)
        let under12 = Condition([.ageAtMost(11)])
        #expect(girl.truth(of: under12) == .unknown)
        #expect(girl.ages(within: [under12]) == 0...11)
        #expect(girl.truth(of: Condition([.ageAtMost(11), .ageAtLeast(18)])) == .no)
        let male = Condition([.sexes([.male])])
        #expect(girl.truth(of: male) == .no)
        #expect(girl.truth(of: Condition([.not(male)])) == .yes)
        // A fact a population does not share (the incident) may hold or not.
        let rape = Condition([.incidentTypes([.rape])])
        #expect(girl.truth(of: rape) == .unknown)
        #expect(girl.truth(of: Condition([.anyOf([male, rape])])) == .unknown)
        #expect(girl.truth(of: Condition([.anyOf([male, Condition([.sexes([.female])])])])) == .yes)
    }
}
