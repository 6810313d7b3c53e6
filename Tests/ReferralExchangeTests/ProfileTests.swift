import Foundation
import ReferralCore
import Testing
@testable import ReferralExchange

/// The import profile is checked like every other file: strictly, every problem at its line,
/// column and JSON path, against the context it maps onto.
@Suite("Import profiles: strict, located errors")
struct ProfileTests {
    static let context: Context = DirectoryLoader(options: .init(strict: false)).load(folder: Paths.shippedPathways + "/demo")
        .directory!.context

    func load(_ text: String) -> Result<ImportProfile, LoadFailure> {
        let path = NSTemporaryDirectory() + "profile-\(UUID().uuidString).json"
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return ImportProfile.load(path: path, context: Self.context)
    }

    @Test func theFixtureProfileLoads() throws {
        let p = try ImportProfile.load(path: Paths.profile, context: Self.context).get()
        #expect(p.dataset == "valmera-4w-2026" && p.idPrefix == "v4w")
        #expect(p.columns.first { $0.field == .hours }?.names == ["hours"])
        #expect(p.categoryPrefixes.first?.0 == "bh-18")
    }

    @Test(arguments: [
        (#"{"formatVersion": 1, "dataset": "x", "colums": {}}"#, "json.unknown-field", "$.colums", 1, "did you mean 'columns'?"),
        (#"{"formatVersion": 1, "dataset": "x",}"#, "json.syntax", "$", 1, nil),
        (#"{"formatVersion": 1, "dataset": "x", "categories": {"A": "gbv.case-managment"}}"#, "profile.unknown-reference",
         "$.categories.A", 1, "did you mean 'gbv.case-management'?"),
        (#"{"formatVersion": 1, "dataset": "x",\n "areas": {"North": "XV01", "north ": "XV02"}}"#, "profile.ambiguous-key",
         #"$.areas["north "]"#, 2, "keep one of them"),
        (#"{"formatVersion": 1, "dataset": "x", "csv": {"delimiter": ";;"}}"#, "profile.invalid", "$.csv.delimiter", 1, nil),
        (#"{"formatVersion": 1, "dataset": "x", "ageGroups": {"Youth": {"minAge": 24, "maxAge": 14}}}"#, "profile.invalid",
         "$.ageGroups.Youth", 1, nil),
        (#"{"formatVersion": 1, "dataset": "x", "languages": {"Valmeran": "vm"}}"#, "profile.unknown-reference",
         "$.languages.Valmeran", 1, nil),
        (#"{"formatVersion": 1, "dataset": "x", "statuses": {"Active": "opne"}}"#, "json.unknown-value", "$.statuses.Active", 1,
         nil),
        (#"{"formatVersion": 1, "dataset": "x", "defaults": {"modality": ["boat"]}}"#, "json.unknown-value",
         "$.defaults.modality[0]", 1, nil),
        (#"{"formatVersion": 1, "dataset": " "}"#, "profile.invalid", "$.dataset", 1, nil),
        (#"{"formatVersion": 1, "dataset": "x", "columns": {"name": "n"}, "ignoreColumns": ["n"]}"#, "profile.invalid",
         "$.ignoreColumns[0]", 1, nil),
        (#"{"formatVersion": 1, "dataset": "x", "defaults": {"byCategory": {"police": {"mandatoryReporting": ["x"]}}}}"#,
         "profile.unknown-reference", "$.defaults.byCategory.police.mandatoryReporting[0]", 1, nil),
    ] as [(String, String, String, Int, String?)])
    func aBadProfileIsRefusedAtItsPlace(text: String, code: String, path: String, line: Int, help: String?) throws {
        guard case .failure(let f) = load(text.replacingOccurrences(of: "\\n", with: "\n")) else {
            Issue.record("accepted: \(text)")
            return
        }
        let d = try #require(f.diagnostics.first)
        #expect(d.code.rawValue == code, "\(d.rendered)")
        #expect(d.place.path == path, "\(d.rendered)")
        #expect(d.place.line == line)
        #expect(d.place.column != nil)
        if let help { #expect(d.help == help) }
    }

    @Test func prefixesAreLongestFirstAndExactCodesWin() throws {
        let p = try load(#"{"formatVersion": 1, "dataset": "x", "categories": {"BD*": "police", "BD-18*": "shelter.safe", "BD-1800": "legal.aid"}}"#).get()
        #expect(p.categoryPrefixes.map(\.0) == ["bd-18", "bd"])
        #expect(p.categoryExact["bd-1800"] == "legal.aid")
    }
}
