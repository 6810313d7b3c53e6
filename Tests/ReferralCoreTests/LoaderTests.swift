import Foundation
import Testing
@testable import ReferralCore

/// Copies the basic fixture to a temporary folder, lets a test edit files, and loads it.
struct FixtureCopy {
    let folder: String

    init(_ source: String = Paths.basic) throws {
        folder = NSTemporaryDirectory() + "referral-test-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: source, toPath: folder)
    }

    func edit(_ file: String, _ change: (String) -> String) throws {
        let path = folder + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = change(text)
        precondition(changed != text, "the edit of \(file) changed nothing")
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func write(_ file: String, _ text: String) throws {
        try text.write(toFile: folder + "/" + file, atomically: true, encoding: .utf8)
    }

    func load(strict: Bool = true) -> DirectoryLoader.Result {
        DirectoryLoader(options: .init(strict: strict)).load(folder: folder)
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

@Suite("Loading a directory")
struct LoaderTests {
    @Test func basicFixtureLoadsWithoutFindings() throws {
        let r = DirectoryLoader().load(folder: Paths.basic)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.rendered))")
        let d = try #require(r.directory)
        #expect(d.services.count == 7)
        #expect(d.pathways.map(\.id) == ["child-protection", "gbv", "mhpss"])
    }

    @Test func malformedJSONNamesFileLineAndColumn() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.edit("services.json") { $0.replacingOccurrences(of: "\"status\": \"waitlist\",", with: "\"status\": \"waitlist\",,") }
        let r = f.load()
        #expect(r.directory == nil)
        let e = try #require(r.errors.first)
        #expect(e.code == .jsonSyntax)
        #expect(e.place.file.hasSuffix("services.json"))
        let expectedLine = try String(contentsOfFile: f.folder + "/services.json", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"waitlist\",,") }! + 1
        #expect(e.place.line == expectedLine)
        #expect(e.rendered.contains("services.json:\(expectedLine):"))
    }

    @Test func unknownCategoryIsNamedAtItsPlaceWithASuggestion() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.edit("services.json") { $0.replacingOccurrences(of: "\"category\": \"health.cmr\"", with: "\"category\": \"health.cm\"") }
        let e = try #require(f.load().errors.first)
        #expect(e.code == .refUnknownCategory)
        #expect(e.id == "health.cm")
        #expect(e.place.path == "$.services[1].category")
        #expect(e.place.line == 12)
        #expect(e.help == "did you mean 'health.cmr'?")
    }

    @Test func duplicateServiceIdsNameBothPlaces() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.edit("services.json") { $0.replacingOccurrences(of: "\"id\": \"beta.mh\"", with: "\"id\": \"alpha.cp\"") }
        let e = try #require(f.load().errors.first { $0.code == .dupService })
        #expect(e.id == "alpha.cp")
        #expect(e.place.path == "$.services[6].id")
        #expect(e.related?.path == "$.services[5].id")
        #expect(e.related?.line != nil)
    }

    @Test func unknownStepInALinkAndUnknownFieldAreBothReported() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.edit("pathways/gbv.json") { $0.replacingOccurrences(of: "\"to\": \"safety\"", with: "\"to\": \"safty\"") }
        try f.edit("organisations.json") { $0.replacingOccurrences(of: "\"type\": \"ngo\"", with: "\"typ\": \"ngo\"") }
        let errors = f.load().errors
        let link = try #require(errors.first { $0.code == .refUnknownStep })
        #expect(link.place.file == "basic/pathways/gbv.json" || link.place.file.hasSuffix("pathways/gbv.json"))
        #expect(link.place.path == "$.links[1].to")
        #expect(link.help == "did you mean 'safety'?")
        let field = try #require(errors.first { $0.code == .jsonUnknownField })
        #expect(field.place.path == "$.organisations[0].typ")
        #expect(field.help == "did you mean 'type'?")
    }

    @Test func lenientModeKeepsTheGoodEntriesAndReportsTheBadOne() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.edit("services.json") { $0.replacingOccurrences(of: "\"organisation\": \"org.beta\", \"name\": \"Cash", with: "\"organisation\": \"org.gamma\", \"name\": \"Cash") }
        #expect(f.load(strict: true).directory == nil)
        let r = f.load(strict: false)
        let d = try #require(r.directory)
        #expect(d.services.count == 6)
        #expect(d.service("beta.livelihoods") == nil)
        #expect(r.errors.map(\.code) == [.refUnknownOrganisation])
    }

    @Test func missingPathwayFileIsNamedInContext() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.edit("context.json") { $0.replacingOccurrences(of: "pathways/mhpss.json", with: "pathways/mhps.json") }
        let e = try #require(f.load().errors.first)
        #expect(e.code == .fileMissing)
        #expect(e.place.path == "$.pathways[2]")
    }

    @Test func pcodeMustExtendItsParent() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.edit("context.json") { $0.replacingOccurrences(of: "{\"pcode\": \"ZZ0201\"", with: "{\"pcode\": \"ZY0201\"") }
        let e = try #require(f.load().errors.first { $0.code == .areaOrphan })
        #expect(e.id == "ZY0201")
    }

    @Test func consentBandsMustCoverEveryAge() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.edit("context.json") { $0.replacingOccurrences(of: "\"minAge\": 15, \"maxAge\": 17", with: "\"minAge\": 16, \"maxAge\": 17") }
        let e = try #require(f.load().errors.first)
        #expect(e.code == .rulesConsentGap)
        #expect(e.message.contains("15 to 15"))
    }

    @Test func wrongFormatVersionIsRefused() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.edit("organisations.json") { $0.replacingOccurrences(of: "\"formatVersion\": 1", with: "\"formatVersion\": 2") }
        let e = try #require(f.load().errors.first)
        #expect(e.code == .formatVersion)
        #expect(e.place.path == "$.formatVersion")
    }

    @Test func contextFolderIsFoundOrExplained() throws {
        guard case .success(let found) = DirectoryLoader.contextFolder(in: Paths.basic) else {
            Issue.record("the basic fixture was not found as a context folder")
            return
        }
        #expect(found == Paths.basic)
        guard case .failure(let f) = DirectoryLoader.contextFolder(in: "/nonexistent/xyz") else {
            Issue.record("a missing folder was accepted")
            return
        }
        #expect(f.diagnostics.first?.code == .fileMissing)
        guard case .failure(let g) = DirectoryLoader.contextFolder(in: Paths.basic + "/pathways") else {
            Issue.record("a folder without context was accepted")
            return
        }
        #expect(g.diagnostics.first?.code == .fileNoContext)
    }
}
