import Foundation
import ReferralCore

/// referral-bench: generates fictional national directories of 1k–100k services, measures the
/// engine on them (load + index, routing latency, peak memory) and runs the SQLite baseline
/// (`Benchmarks/sqlite_baseline.py`) on the same data and cases. See BENCHMARKS.md.
///
///     swift run -c release --scratch-path .build-bench referral-bench [--sizes 1000,10000,100000]
///         [--cases 2000] [--repeat 5] [--seed 42] [--out DIR] [--no-baseline] [--quick]
///
/// `--quick` (for CI) is `--sizes 200 --cases 50 --repeat 1`; it checks that every case is routed
/// and that the router and SQLite agree on the eligible services of every case and category,
/// and exits 1 on any mismatch. No timing is ever asserted.
///
/// Exit codes: 0 success, 1 a sanity check or the cross-check failed, 2 bad arguments or an
/// environment problem (python3 missing, files not writable).

let usage = """
    usage: referral-bench [--sizes 1000,10000,100000] [--cases M] [--repeat R] [--seed S] [--out DIR]
                          [--baseline PATH] [--no-baseline] [--quick]
    """

func fail(_ message: String, code: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data("referral-bench: \(message)\n".utf8))
    exit(code)
}

func say(_ s: String) {
    FileHandle.standardOutput.write(Data((s + "\n").utf8))
}

var args = Array(CommandLine.arguments.dropFirst())

// Import speed (ImportBench.swift): `referral-bench import [--sizes N] [--repeat R] …`.
if args.first == "import" { exit(ImportBench.run(Array(args.dropFirst()))) }

// Case load alone, for callgrind (LoadingBench.swift): `referral-bench case-load FOLDER CASES`.
if args.first == "case-load" { exit(LoadingBench.caseLoad(Array(args.dropFirst()))) }

// The measuring child: `referral-bench measure FOLDER CASES OUTDIR REPEATS`.
if args.first == "measure" {
    guard args.count == 5, let r = Int(args[4]) else { fail("measure FOLDER CASES OUTDIR REPEATS") }
    exit(Measurement(folder: args[1], casesFile: args[2], outDir: args[3], repeats: r).run() ? 0 : 1)
}

var sizes = [1000, 10000, 100_000]
var caseCount = 2000
var repeats = 5
var seed: UInt64 = 42
var out = NSTemporaryDirectory() + "referral-bench"
var baselineScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Benchmarks/sqlite_baseline.py").path
var runBaseline = true
var quick = false
var i = 0
while i < args.count {
    let flag = args[i]
    var next: String?
    if flag.hasPrefix("--"), !["--no-baseline", "--quick", "--help"].contains(flag) {
        i += 1
        guard i < args.count else { fail("\(flag) needs a value\n\(usage)") }
        next = args[i]
    }
    func value() -> String { next ?? "" }
    switch flag {
    case "--sizes":
        let v = value().split(separator: ",").map { Int($0) }
        guard !v.isEmpty, v.allSatisfy({ ($0 ?? 0) >= 20 }) else { fail("--sizes takes numbers of at least 20, like 1000,10000") }
        sizes = v.map { $0! }
    case "--cases": guard let v = Int(value()), v > 0 else { fail("--cases takes a positive number") }; caseCount = v
    case "--repeat": guard let v = Int(value()), v > 0 else { fail("--repeat takes a positive number") }; repeats = v
    case "--seed": guard let v = UInt64(value()) else { fail("--seed takes a number") }; seed = v
    case "--out": out = value()
    case "--baseline": baselineScript = value()
    case "--no-baseline": runBaseline = false
    case "--quick":
        quick = true
        sizes = [200]
        caseCount = 50
        repeats = 1
    case "-h", "--help":
        say(usage)
        exit(0)
    default: fail("unknown argument '\(flag)'\n\(usage)")
    }
    i += 1
}
if caseCount > 999_999 { fail("--cases is at most 999999 (case codes keep fewer than seven digits)") }

#if DEBUG
    if !quick { say("note: this is a debug build; timings mean little. Use swift run -c release (see BENCHMARKS.md).") }
#endif

/// Runs a program and waits; returns its exit status.
func run(_ executable: String, _ arguments: [String]) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    do { try p.run() } catch { fail("cannot run \(executable): \(error)") }
    p.waitUntilExit()
    return p.terminationStatus
}

func readJSON(_ path: String) -> [String: Any] {
    guard let d = FileManager.default.contents(atPath: path),
        let o = try? JSONSerialization.jsonObject(with: d) as? [String: Any]
    else { fail("cannot read \(path)") }
    return o
}

func findPython() -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let p = "\(dir)/python3"
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
}

let python = runBaseline ? findPython() : nil
if runBaseline && python == nil { fail("python3 not found on PATH (needed for the SQLite baseline; or pass --no-baseline)") }
if runBaseline && !FileManager.default.fileExists(atPath: baselineScript) {
    fail("no baseline script at \(baselineScript) (pass --baseline PATH)")
}
let selfPath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]

var rows: [Row] = []
var mismatches = 0
for n in sizes {
    let dir = "\(out)/n\(n)"
    let folder = dir + "/context"
    try? FileManager.default.removeItem(atPath: dir)
    let g = Generator(services: n, seed: seed)
    let t0 = now()
    let bytes: Int
    do {
        bytes = try g.write(to: folder)
        try LoadingBench.writeVariants(of: folder, in: dir)
        try Data(g.casesJSON(count: caseCount).joined().utf8).write(to: URL(fileURLWithPath: dir + "/cases.jsonl"))
    } catch { fail("cannot write \(dir): \(error)") }
    say("n=\(n): generated \(g.districts) districts in \(g.regions) regions, \(bytes / 1024) KiB of JSON, \(caseCount) cases "
        + "in \(String(format: "%.1f", Double(now() - t0) / 1e9)) s → \(folder)")

    if run(selfPath, ["measure", folder, dir + "/cases.jsonl", dir, String(repeats)]) != 0 {
        fail("n=\(n): measuring failed (see above)", code: 1)
    }
    let router = readJSON(dir + "/router.json")
    var sqlite: [String: Any]?
    if let python {
        let status = run(python, [baselineScript, "--context", folder, "--cases", dir + "/baseline-cases.json",
                                  "--out", dir + "/sqlite.json", "--eligible", dir + "/sqlite-eligible.json",
                                  "--repeat", String(repeats)])
        if status != 0 { fail("n=\(n): the SQLite baseline failed (exit \(status))", code: 1) }
        sqlite = readJSON(dir + "/sqlite.json")
        let a = readJSON(dir + "/router-eligible.json")
        let b = readJSON(dir + "/sqlite-eligible.json")
        let diff = compareEligible(router: a, sqlite: b)
        for line in diff.prefix(10) { FileHandle.standardError.write(Data("  mismatch: \(line)\n".utf8)) }
        mismatches += diff.count
        say("n=\(n): router and SQLite " + (diff.isEmpty ? "agree on the eligible services of all \(a.count) cases"
            : "DISAGREE on \(diff.count) case/category pairs"))
    }
    let row = Row(size: n, bytes: bytes, router: router, sqlite: sqlite)
    rows.append(row)
    if (router["unrouted"] as? [Any])?.isEmpty == false { mismatches += 1 }
}

let table = renderTable(rows) + "\n\nLoading (LoadingBench.swift):\n\n" + LoadingBench.renderTable(rows)
say("")
say(table)
try? Data((table + "\n").utf8).write(to: URL(fileURLWithPath: out + "/results.md"))
say("\nraw figures: \(out)/n*/router.json and sqlite.json; table: \(out)/results.md")
if mismatches > 0 { fail("\(mismatches) mismatch(es) between the router and the SQLite baseline", code: 1) }
