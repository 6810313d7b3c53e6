import Foundation
import ReferralCore

/// Feeds arbitrary bytes through everything that reads untrusted input: the JSON parser, the
/// strict decoder for every file format, the identifying-data gate and the case loader (with the
/// no-echo property), the router, the directory loader, the HTTP server. Any crash, hang,
/// sanitizer report or failed property is a bug. The modes are in CaseFuzz.swift and
/// HTTPFuzz.swift.
enum FuzzHarness {
    /// The fixture folder (the basic test fixture unless FUZZ_FIXTURE names another).
    static let fixture = ProcessInfo.processInfo.environment["FUZZ_FIXTURE"] ?? "Tests/ReferralCoreTests/Fixtures/basic"

    /// The directory cases are checked and routed against.
    static let directory: Directory? = DirectoryLoader().load(folder: fixture).directory

    /// A private copy of the fixture whose files the harness overwrites with fuzzed input, so the
    /// whole directory loader (references, hours, conditions) and the router run on it too.
    static let scratch: String? = {
        // In memory when the system has a RAM disk: every input is written as a file.
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()
        let dir = base + "referral-fuzz-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        guard (try? FileManager.default.copyItem(atPath: fixture, toPath: dir)) != nil else { return nil }
        return dir
    }()

    static let sampleCase = Array("""
        {"formatVersion":1,"caseCode":"FUZZ-1","age":16,"sex":"female","area":"ZZ0101","languages":["en","fr"],
         "concerns":{"pathways":["gbv","mhpss"],"gbvIncidentType":"rape","hoursSinceIncident":30,"suicidePlan":true},
         "consent":{"givenBy":"self","referToCategories":["gbv.case-management","health.cmr","police"],
                    "share":["age","sex","area","gbv.incidentType"],"mandatoryReportingExplained":true}}
        """.utf8)

    /// Loads the scratch directory with `bytes` as one of its files and routes a fixed case.
    static func loadAndRoute(_ bytes: [UInt8], as file: String) {
        guard let dir = scratch else { return }
        let path = dir + "/" + file
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer {
            // Put the fixture's own file back for the next input.
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.copyItem(atPath: fixture + "/" + file, toPath: path)
        }
        for strict in [true, false] {
            let load = DirectoryLoader(options: .init(strict: strict)).load(folder: dir)
            if !strict {
                // What validate does with it: every check, and the report as text.
                let at = RoutingTime(epochSeconds: 1_795_000_000, utcOffsetMinutes: load.directory?.context.utcOffsetMinutes ?? 0)
                _ = ReportRenderer.render(Validator.validate(load, at: at), format: .text)
            }
            guard let d = load.directory else { continue }
            if case .success(let c) = CaseLoader.load(bytes: sampleCase, name: "case.json", directory: d) {
                let at = RoutingTime(epochSeconds: 1_795_000_000, utcOffsetMinutes: d.context.utcOffsetMinutes)
                _ = canonicalJSON(Router(directory: d).route(c, at: at))
            }
        }
    }

    /// The mode is `FUZZ_MODE` (`case`, the default; `directory-parser`; `http`; `csv`), or the full
    /// directory loader with `FUZZ_DIRECTORY=1`.
    static let mode = ProcessInfo.processInfo.environment["FUZZ_DIRECTORY"] == "1" ? "directory"
        : ProcessInfo.processInfo.environment["FUZZ_MODE"] ?? "case"

    static func run(_ bytes: [UInt8]) {
        switch mode {
        case "http": HTTPFuzz.run(bytes)
        case "csv": CSVFuzz.run(bytes)
        case "directory-parser": DirectoryParserFuzz.run(bytes)
        case "directory":
            // The input is each kind of directory file in turn.
            for file in ["services.json", "pathways/gbv.json", "context.json", "organisations.json"] {
                loadAndRoute(bytes, as: file)
            }
        default: CaseFuzz.run(bytes)
        }
    }
}

#if FUZZING
// libFuzzer entry point. Build and run (see docs/FUZZING.md):
//   swift build --sanitize fuzzer -Xswiftc -DFUZZING --product referral-fuzz
//   SWIFT_BACKTRACE=enable=no .build/debug/referral-fuzz -max_total_time=60 Tests/FuzzCorpus
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
/// Without the fuzzer: replays files (a corpus or saved crashes) through the harness, so a crash
/// found once stays a regression test.
@main
struct Replay {
    static func main() {
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            let files = isDir.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
                : [path]
            for f in files {
                if let data = FileManager.default.contents(atPath: f) {
                    FuzzHarness.run([UInt8](data))
                    count += 1
                }
            }
        }
        print("replayed \(count) input(s) without a crash")
    }
}
#endif
