import Foundation
import Testing
@testable import ReferralCore

/// The coordinator report on the shipped Valmera demonstration data finds the eight deliberate
/// imperfections listed in `Pathways/demo/IMPERFECTIONS.md` and nothing else.
@Suite("Validation: shipped data")
struct ValidationShippedTests {
    static let at = "2026-11-28T14:00:00+02:00"

    static func report() throws -> ValidationReport {
        let folder = try DirectoryLoader.contextFolder(in: Paths.shipped).get()
        let load = DirectoryLoader(options: .init(strict: false)).load(folder: folder, displayRoot: Paths.shipped)
        let t = try #require(RoutingTime.parse(at, utcOffsetMinutes: load.directory?.context.utcOffsetMinutes ?? 0))
        return Validator.validate(load, at: t)
    }

    /// Each finding as `code id [area]`, the area being the P-code a coverage message names.
    static func key(_ f: Diagnostic) -> String {
        var k = "\(f.code) \(f.id ?? "-")"
        if f.code.rawValue.hasPrefix("coverage."), let open = f.message.range(of: " (XV"),
            let close = f.message[open.upperBound...].firstIndex(of: ")")
        {
            k += " XV" + f.message[open.upperBound..<close]
        }
        return k
    }

    @Test("the report finds the deliberate imperfections and nothing spurious")
    func imperfections() throws {
        let r = try Self.report()
        let expected: [String] = [
            // 1. no clinical management of rape in Fenwick
            "coverage.gap clinical-care XV0203",
            // 2. no GBV case management for male survivors in Southcoast
            "coverage.gap case-management XV0301", "coverage.gap case-management XV0302",
            "coverage.gap case-management XV0303",
            //    and so none for the safety planning it carries out (a step of its own since issue 8)
            "coverage.gap safety-planning XV0301", "coverage.gap safety-planning XV0302",
            "coverage.gap safety-planning XV0303",
            // 3. a shelter at capacity (other shelters still cover Riverlands, so no coverage gap)
            "data.at-capacity safehaven.women-riverlands",
            // 4. a stale entry
            "data.stale circles.community-southcoast",
            // 5. livelihoods restricted by legal status: the only option in Northmark
            "data.legal-status-restriction hope.livelihoods-northmark",
            "coverage.restricted-only livelihoods XV0101", "coverage.restricted-only livelihoods XV0102",
            "coverage.restricted-only livelihoods XV0103",
            // 6. providers with a mandatory-reporting duty, and where one is the only option
            "data.mandatory-reporting police.family-desk-northmark", "data.mandatory-reporting police.family-desk-riverlands",
            "data.mandatory-reporting police.family-desk-southcoast", "data.mandatory-reporting police.anti-trafficking",
            "data.mandatory-reporting dsw.cp-case-management", "data.mandatory-reporting dsw.alternative-care",
            "coverage.reporting-only alternative-care XV0301", "coverage.reporting-only alternative-care XV0302",
            "coverage.reporting-only alternative-care XV0303",
            // 7. a shelter with a confidential address (it has a focal point)
            "data.confidential-address safehaven.protection-shelter",
            // 8. a closed service still in a pathway's category
            "data.closed-in-pathway mindcare.group-support-riverlands",
        ]
        let found = r.findings.map(Self.key)
        #expect(found.sorted() == expected.sorted(), "report:\n\(r.findings.map(\.rendered).joined(separator: "\n"))")
        #expect(r.summary.errors == 0)
        #expect(!r.failed(strict: false))
        #expect(r.failed(strict: true))

        let gap = try #require(r.findings.first { Self.key($0) == "coverage.gap clinical-care XV0203" })
        #expect(gap.message.hasSuffix("for anyone"))
        #expect(r.cell("gbv", "clinical-care", "XV0203")?.allHours == false)
        let male = try #require(r.cell("gbv", "case-management", "XV0302"))
        #expect(male.status("female-adult") == .covered && male.status("male-adult") == .gap && male.status("male-child") == .gap)
        let lv = try #require(r.findings.first { Self.key($0) == "coverage.restricted-only livelihoods XV0101" })
        #expect(lv.message.contains("Migrant without a residence permit (legal status)"))
        #expect(r.cell("gbv", "livelihoods", "XV0101")?.status("legal-status:irregular-migrant") == .gap)
        #expect(r.cell("gbv", "livelihoods", "XV0101")?.status("legal-status:citizen") == .covered)
        // Fenwick's clinical care is the only emergency step without a 24/7 option.
        let noAllHours = r.coverage.flatMap { row in row.cells.filter { $0.allHours == false }.map { "\(row.pathway)/\(row.step) \($0.area)" } }
        #expect(noAllHours == ["gbv/clinical-care XV0203"])
        #expect(r.pathways.allSatisfy { $0.cycles.isEmpty && $0.unreachable.isEmpty && $0.deadEnds.isEmpty })
    }
}

/// The HTML report in a real browser. Chromium comes from Debian (`apt-get install -y chromium`);
/// without it the test is skipped with that message. Set CHROMIUM to use another binary.
@Suite("Validation: HTML in a headless browser")
struct ValidationBrowserTests {
    static let chromium: String? = {
        let env = ProcessInfo.processInfo.environment
        if let c = env["CHROMIUM"], FileManager.default.isExecutableFile(atPath: c) { return c }
        let dirs = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/snap/bin"]
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"] {
            for d in dirs where FileManager.default.isExecutableFile(atPath: d + "/" + name) { return d + "/" + name }
        }
        return nil
    }()

    /// Runs the browser with a private profile; gives stdout. Killed after 120 s.
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("referral-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium!)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                       "--disable-background-networking", "--user-data-dir=\(profile.path)"] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let watchdog = DispatchWorkItem { if p.isRunning { p.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        watchdog.cancel()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func writeReport() throws -> (ValidationReport, URL) {
        let r = try ValidationShippedTests.report()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("referral-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("report.html")
        try Data(ReportRenderer.render(r, format: .html).utf8).write(to: file)
        return (r, file)
    }

    @Test("Chromium renders the coverage matrix and the pathway graphs",
          .enabled(if: chromium != nil, "no chromium binary found: install it with `apt-get update && apt-get install -y chromium`"))
    func renderedDOM() throws {
        let (r, file) = try Self.writeReport()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let (status, dom) = try Self.run(["--dump-dom", file.absoluteString])
        #expect(status == 0)
        #expect(dom.contains("<h1>Validation report: Valmera demonstration context"))
        // One matrix per pathway, one row per area, one cell per step × area.
        #expect(dom.components(separatedBy: "<table class=\"matrix\"").count - 1 == r.pathways.count)
        let cells = dom.components(separatedBy: "<td class=\"s-").count - 1
        #expect(cells == r.coverage.count * r.areas.count)
        #expect(dom.contains("data-area=\"XV0203\" data-step=\"clinical-care\""))
        #expect(dom.range(of: "<td class=\"s-gap no-24-7\" data-area=\"XV0203\" data-step=\"clinical-care\"") != nil)
        // One inline SVG per pathway, a box per step.
        #expect(dom.components(separatedBy: "<svg").count - 1 == r.pathways.count)
        #expect(dom.components(separatedBy: "<g class=\"step\"").count - 1 == r.pathways.map(\.steps.count).reduce(0, +))
        #expect(dom.components(separatedBy: "<tr class=\"finding\">").count - 1 == r.findings.count)
    }

    @Test("Chromium takes a screenshot of the report",
          .enabled(if: chromium != nil, "no chromium binary found: install it with `apt-get update && apt-get install -y chromium`"))
    func screenshot() throws {
        let (_, file) = try Self.writeReport()
        let png = file.deletingLastPathComponent().appendingPathComponent("report.png")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let (status, _) = try Self.run(["--hide-scrollbars", "--window-size=1400,2600", "--screenshot=\(png.path)",
                                        file.absoluteString])
        #expect(status == 0)
        let data = try #require(FileManager.default.contents(atPath: png.path), "no screenshot written")
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(data.count > 20_000)
    }
}
