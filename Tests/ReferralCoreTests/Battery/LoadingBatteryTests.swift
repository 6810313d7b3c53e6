import Foundation
import Testing

/// The loaders' diagnostics on the broken-input battery are exactly the recorded ones (see
/// `LoadingBattery`). Regenerate with `UPDATE_GOLDEN=1 swift test --filter LoadingBattery` only for
/// an intended change, and read the diff.
@Suite struct LoadingBatteryTests {
    static let golden = Paths.tests.appendingPathComponent("Golden")

    func check(_ name: String, _ output: String) throws {
        let url = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
            try Data(output.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard output != expected else { return }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = output.split(separator: "\n", omittingEmptySubsequences: false)
        let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        // The heading of the battery entry that differs, for a readable failure.
        let heading = a[..<min(i, a.count)].last { $0.hasPrefix("# ") } ?? "?"
        Issue.record("""
            \(name) differs at line \(i + 1) (\(heading)):
              golden: \(i < a.count ? String(a[i]) : "<end>")
              now:    \(i < b.count ? String(b[i]) : "<end>")
            """)
    }

    @Test(arguments: LoadingBattery.directoryFiles)
    func directoryFileGivesTheRecordedDiagnostics(_ file: String) throws {
        let name = file.replacingOccurrences(of: "pathways/", with: "pathway-").replacingOccurrences(of: ".json", with: "")
        try check("loading-battery-\(name).txt", try LoadingBattery.directory(file))
    }

    @Test func corpusAsDirectoryFilesGivesTheRecordedDiagnostics() throws {
        try check("loading-battery-corpus.txt", try LoadingBattery.directoryCorpus())
    }

    @Test func casesGiveTheRecordedDiagnostics() throws {
        try check("loading-battery-cases.txt", try LoadingBattery.cases())
    }
}
