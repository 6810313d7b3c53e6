import Foundation
import ReferralCore

/// The loading measurements of issue 10 and 13, beside the main ones: the same directory
/// minified (one line per file, as exporters write it) and indented (two spaces, as people edit
/// it), CPython's `json.load` of the same files in the same run (a parser in C that does none of
/// our checking: the honest peer), a 5 MB case and a case with 100,000 unknown keys.
enum LoadingBench {
    /// Writes the context folder `folder` again as `dir/minified` and `dir/indented` (in the
    /// parent process, so that the measuring child's peak memory stays the loader's).
    static func writeVariants(of folder: String, in dir: String) throws {
        for (name, transform) in [("minified", minify), ("indented", indent)] as [(String, ([UInt8]) -> [UInt8])] {
            let target = dir + "/" + name
            try FileManager.default.createDirectory(atPath: target + "/pathways", withIntermediateDirectories: true)
            for path in jsonFiles(folder) {
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                try Data(transform(bytes)).write(to: URL(fileURLWithPath: target + String(path.dropFirst(folder.count))))
            }
        }
    }

    /// The measurements, in the measuring child, after the main load (its peak memory is taken).
    static func measure(folder: String, dir: String, repeats: Int) -> [(String, JSONText)] {
        var out: [(String, JSONText)] = []
        for name in ["minified", "indented"] where FileManager.default.fileExists(atPath: dir + "/" + name + "/context.json") {
            var times: [JSONText] = []
            for _ in 0..<max(1, repeats) {
                let t0 = now()
                let r = DirectoryLoader().load(folder: dir + "/" + name)
                times.append(.int(Int(now() - t0)))
                if r.directory == nil { return [("loadVariantFailed", .string(name))] }
            }
            out.append(("load" + name.prefix(1).uppercased() + name.dropFirst() + "Ns", .array(times)))
        }
        if let python = pythonTimes(jsonFiles(folder), repeats: repeats) { out.append(("pythonJsonLoadNs", .array(python))) }
        let (big, unknownKeys) = (bigCase(), unknownKeysCase(100_000))
        out.append(("case5MBBytes", .int(big.count)))
        out.append(("caseUnknownKeysBytes", .int(unknownKeys.count)))
        out.append(("case5MBNs", .array(timed(repeats) { caseOutcome(big, folder) })))
        out.append(("caseUnknownKeysNs", .array(timed(repeats) { caseOutcome(unknownKeys, folder) })))
        return out
    }

    /// `case-load FOLDER CASES`: loads the directory, then every case of the JSON-lines file
    /// `CASES` through `CaseLoader.load`, and prints the time per case. Run under callgrind with
    /// `--toggle-collect='*CaseLoaderO4load*'`, the instructions counted are the case loads' only
    /// (BENCHMARKS.md).
    static func caseLoad(_ args: [String]) -> Int32 {
        guard args.count == 2 else {
            FileHandle.standardError.write(Data("usage: referral-bench case-load FOLDER CASES\n".utf8))
            return 2
        }
        guard let d = DirectoryLoader().load(folder: args[0]).directory,
            let text = try? String(contentsOfFile: args[1], encoding: .utf8)
        else {
            FileHandle.standardError.write(Data("referral-bench: cannot load \(args[0]) or read \(args[1])\n".utf8))
            return 2
        }
        let cases = text.split(separator: "\n").map { Array($0.utf8) }
        var refused = 0
        let t0 = now()
        for (i, c) in cases.enumerated() {
            if case .failure = CaseLoader.load(bytes: c, name: "case-\(i + 1).json", directory: d) { refused += 1 }
        }
        let ns = Double(now() - t0) / Double(max(1, cases.count))
        let bytes = cases.reduce(0) { $0 + $1.count } / max(1, cases.count)
        print("\(cases.count) cases (mean \(bytes) bytes), \(refused) refused: \(String(format: "%.1f", ns / 1000)) µs per case")
        return refused == 0 ? 0 : 1
    }

    static func timed(_ repeats: Int, _ body: () -> Void) -> [JSONText] {
        (0..<max(1, repeats)).map { _ in
            let t0 = now()
            body()
            return .int(Int(now() - t0))
        }
    }

    nonisolated(unsafe) static var directories: [String: Directory] = [:]

    /// Loads `bytes` as a case against the directory in `folder` (loaded once).
    static func caseOutcome(_ bytes: [UInt8], _ folder: String) {
        if directories[folder] == nil { directories[folder] = DirectoryLoader().load(folder: folder).directory }
        guard let d = directories[folder] else { return }
        _ = CaseLoader.load(bytes: bytes, name: "case.json", directory: d)
    }

    /// A valid case of 5 MB: a list of languages the person speaks, 870,000 long.
    static func bigCase() -> [UInt8] {
        let many = Array(repeating: "\"en\"", count: 870_000).joined(separator: ",")
        return Array(("{\"formatVersion\":1,\"caseCode\":\"BENCH-BIG\",\"age\":30,\"sex\":\"female\",\"area\":\"XB0101\","
            + "\"languages\":[" + many + "],\"concerns\":{\"pathways\":[\"gbv\"]},"
            + "\"consent\":{\"givenBy\":\"self\",\"share\":[\"age\"]}}").utf8)
    }

    /// A case with `n` unknown keys on one line (refused, with capped findings).
    static func unknownKeysCase(_ n: Int) -> [UInt8] {
        let keys = (0..<n).map { "\"x\($0)\":1" }.joined(separator: ",")
        return Array(("{\"formatVersion\":1,\"caseCode\":\"BENCH-KEYS\",\"age\":30,\"sex\":\"female\",\"area\":\"XB0101\","
            + "\"languages\":[\"en\"],\"concerns\":{\"pathways\":[\"gbv\"]},\"consent\":{\"givenBy\":\"self\",\"share\":[]},"
            + keys + "}").utf8)
    }

    /// CPython's `json.load` of `files`, each pass reading every file, in nanoseconds per pass.
    static func pythonTimes(_ files: [String], repeats: Int) -> [JSONText]? {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile) else {
            return nil
        }
        let script = """
            import json, sys, time
            files = sys.argv[2:]
            for _ in range(int(sys.argv[1])):
                t = time.perf_counter_ns()
                for f in files:
                    with open(f, "rb") as h:
                        json.load(h)
                print(time.perf_counter_ns() - t)
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", script, String(max(1, repeats))] + files
        let pipe = Pipe()
        p.standardOutput = pipe
        guard (try? p.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { Int($0).map(JSONText.int) }
    }

    // MARK: the variants

    /// Every byte outside strings that is white space, removed.
    static func minify(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var inString = false, escaped = false
        for c in b {
            if inString {
                out.append(c)
                if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inString = false }
            } else if c == UInt8(ascii: "\"") {
                inString = true
                out.append(c)
            } else if c != 0x20 && c != 0x0A && c != 0x0D && c != 0x09 {
                out.append(c)
            }
        }
        return out
    }

    /// The minified text laid out with one value per line, indented by two spaces per level.
    static func indent(_ b: [UInt8]) -> [UInt8] {
        let m = minify(b)
        var out: [UInt8] = []
        out.reserveCapacity(m.count * 2)
        var depth = 0, inString = false, escaped = false
        func newline() {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: depth * 2))
        }
        for (i, c) in m.enumerated() {
            if inString {
                out.append(c)
                if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch c {
            case UInt8(ascii: "\""):
                inString = true
                out.append(c)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                out.append(c)
                let close = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if i + 1 < m.count, m[i + 1] == close { continue }
                depth += 1
                newline()
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if i > 0, m[i - 1] != UInt8(ascii: "{"), m[i - 1] != UInt8(ascii: "[") {
                    depth -= 1
                    newline()
                }
                out.append(c)
            case UInt8(ascii: ","):
                out.append(c)
                newline()
            case UInt8(ascii: ":"):
                out += [c, 0x20]
            default:
                out.append(c)
            }
        }
        out.append(0x0A)
        return out
    }

    // MARK: the table

    static func renderTable(_ rows: [Row]) -> String {
        var lines = ["| services | JSON MiB | load+index ms | minified ms | indented ms | minified/indented | CPython json.load ms "
            + "| load/json.load | peak MB after load | kept B/service | store B/service | 5 MB case ms | 100k-unknown-keys case ms |",
                     "|" + String(repeating: "---:|", count: 13)]
        for r in rows {
            func m(_ key: String) -> Double? {
                let xs = r.ints(key)
                return xs.isEmpty ? nil : Double(median(xs))
            }
            func cell(_ x: Double?) -> String { x.map { String(format: "%.0f", $0 / 1e6) } ?? "-" }
            let load = m("loadNs"), minified = m("loadMinifiedNs"), indented = m("loadIndentedNs"), python = m("pythonJsonLoadNs")
            let ratio = { (a: Double?, b: Double?) -> String in
                guard let a, let b, b > 0 else { return "-" }
                return String(format: "%.2f", a / b)
            }
            lines.append("| " + ["\(r.size)", String(format: "%.1f", Double(r.bytes) / 1_048_576), cell(load), cell(minified),
                                 cell(indented), ratio(minified, indented), cell(python), ratio(load, python),
                                 String(format: "%.0f", Double(r.int("peakKBAfterLoad")) / 1024), "\(r.int("keptBytesPerService"))",
                                 "\(r.int("storeBytesPerService"))", cell(m("case5MBNs")),
                                 cell(m("caseUnknownKeysNs"))].joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
