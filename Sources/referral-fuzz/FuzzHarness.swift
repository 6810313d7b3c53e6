import Foundation
import ReferralCore

/// Feeds arbitrary bytes through everything that reads untrusted input: the JSON parser, the
/// strict decoder for every file format, the identifying-data scan, the case loader and, when a
/// case loads, the router. Any crash, hang or sanitizer report is a bug.
enum FuzzHarness {
    /// The directory cases are checked and routed against (the basic test fixture).
    static let directory: Directory? = {
        let folder = ProcessInfo.processInfo.environment["FUZZ_FIXTURE"] ?? "Tests/ReferralCoreTests/Fixtures/basic"
        return DirectoryLoader().load(folder: folder).directory
    }()

    static func run(_ bytes: [UInt8]) {
        let file = SourceFile(name: "fuzz.json", bytes: bytes)
        guard let node = try? JSONParser.parse(bytes) else { return }
        let decoder = StrictDecoder()
        _ = try? decoder.decode(ContextDocument.self, from: node, file: file)
        _ = try? decoder.decode(ServiceDocument.self, from: node, file: file)
        _ = try? decoder.decode(PathwayDocument.self, from: node, file: file)
        _ = try? StrictDecoder(echoValues: false).decode(CaseDocument.self, from: node, file: file)
        if let d = directory, case .success(let c) = CaseLoader.load(bytes: bytes, name: "fuzz.json", directory: d) {
            let at = RoutingTime(epochSeconds: 1_795_000_000, utcOffsetMinutes: d.context.utcOffsetMinutes)
            let plan = Router(directory: d).route(c, at: at)
            _ = canonicalJSON(plan)
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
