import Foundation
import Testing

@testable import ReferralCore

/// A broken file does not cascade (issue 13, item 4): `validate` reports it first, says coverage
/// was not computed for what it would have held, and draws no finding from its absence.
@Suite struct NoCascadeTests {
    /// A copy of the basic fixture with `file` rewritten by `edit`, validated leniently.
    static func report(breaking file: String, _ edit: (String) -> String) throws -> ValidationReport {
        let load = try loadEditedFixture(file, strict: false, edit)
        let offset = load.directory?.context.utcOffsetMinutes ?? 0
        return Validator.validate(load, at: try #require(RoutingTime.parse("2026-11-28T14:00:00+02:00", utcOffsetMinutes: offset)))
    }

    /// One syntax error in services.json made every cell of every pathway a gap, with the real
    /// error listed last.
    @Test func brokenServicesFileIsReportedFirstWithoutGaps() throws {
        let r = try Self.report(breaking: "services.json") { $0.replacingOccurrences(of: "\"services\":", with: "\"services\"") }
        let first = try #require(r.findings.first)
        #expect(first.code == .jsonSyntax)
        #expect(first.place.file.hasSuffix("services.json"))
        let note = r.findings(.coverageNotComputed)
        #expect(note.count == 1)
        #expect(note.first?.place.file.hasSuffix("services.json") == true)
        #expect(r.findings(.coverageGap).isEmpty)
        #expect(r.findings(.structureNoProvider).isEmpty)
        #expect(r.findings(.coverageEmergencyHours).isEmpty)
        #expect(r.coverage.isEmpty)
        #expect(r.summary.errors == 1)
    }

    @Test func brokenPathwayFileLeavesTheOthersCovered() throws {
        let r = try Self.report(breaking: "pathways/mhpss.json") { $0.replacingOccurrences(of: "\"formatVersion\": 1", with: "\"formatVersion\": 1,,") }
        #expect(r.findings.first?.code == .jsonSyntax)
        let note = try #require(r.findings(.coverageNotComputed).first)
        #expect(note.place.file.hasSuffix("pathways/mhpss.json"))
        #expect(!r.coverage.isEmpty)
        #expect(r.coverage.allSatisfy { $0.pathway != "mhpss" })
    }

    /// Without organisations.json every service's organisation would be "unknown".
    @Test func brokenOrganisationsFileDoesNotMakeEveryReferenceUnknown() throws {
        let r = try Self.report(breaking: "organisations.json") { "{" + $0 }
        #expect(r.findings.first?.code == .jsonSyntax)
        #expect(r.findings(.refUnknownOrganisation).isEmpty)
        #expect(r.findings(.coverageNotComputed).count == 1)
        #expect(!r.coverage.isEmpty)
    }

    /// Findings come by severity, then place (they came by place, errors mixed among warnings).
    @Test func findingsAreSortedBySeverityThenPlace() throws {
        let r = try Self.report(breaking: "services.json") {
            $0.replacingOccurrences(of: "\"category\": \"health.cmr\"", with: "\"category\": \"health.cmrr\"")
        }
        let severities = r.findings.map(\.severity)
        #expect(severities.contains(.error) && severities.contains(.warning))
        #expect(severities == severities.sorted())
        for sev in [Severity.error, .warning, .info] {
            let places = r.findings.filter { $0.severity == sev }.map(\.place)
            #expect(places == places.sorted())
        }
    }

    /// The unreadable file's error comes first even when another file's error sorts before it by
    /// place (a pathway file's name sorts before services.json; the error was listed after it).
    @Test func unreadableFileComesBeforeErrorsThatSortEarlier() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.edit("pathways/gbv.json") { $0.replacingOccurrences(of: "\"category\": \"shelter.safe\"", with: "\"category\": \"shelter.saf\"") }
        try f.edit("services.json") { $0.replacingOccurrences(of: "\"services\":", with: "\"services\"") }
        let load = f.load(strict: false)
        let r = Validator.validate(load, at: try #require(RoutingTime.parse("2026-11-28T14:00:00+02:00", utcOffsetMinutes: 0)))
        let errors = r.findings.filter { $0.severity == .error }
        #expect(errors.count >= 2)
        #expect(errors.contains { $0.place.file.hasSuffix("pathways/gbv.json") })
        #expect(errors.first?.code == .jsonSyntax)
        #expect(errors.first?.place.file.hasSuffix("services.json") == true)
    }
}
