import Foundation
import ReferralCore
import ReferralExchange

/// `referral-bench import [--sizes 100000] [--repeat 3] [--seed 42] [--out DIR] [--only spreadsheet,hsds-csv,hsds-json]`:
/// how fast `referral import` reads a generated directory of N services, in the three forms a
/// coordinator brings: a spreadsheet (one row per service, free-text hours and languages, through a
/// profile), an HSDS 3.0 CSV data package and HSDS 3.0 JSON (both written by `referral export hsds`
/// from the generated directory). Each import is a dry run into an empty copy of the generated
/// context (everything but the write: read, map, merge, serialise, and the directory loader's check
/// of the result). Medians of `--repeat` runs, in wall time and in the process's CPU time (what an
/// idle core would take: the machine is shared); figures in OUT/import-results.md. See BENCHMARKS.md.
enum ImportBench {
    struct Figures {
        var form: String
        var rows: Int
        var records: Int
        var bytes: Int
        var total: [Double] = []
        /// The process's CPU time for the import: on a shared machine, the time an idle core would take.
        var cpu: [Double] = []
        var phases: [String: [Double]] = [:]
    }

    static func run(_ args: [String]) -> Int32 {
        var sizes = [100_000]
        var repeats = 3
        var seed: UInt64 = 42
        var out = NSTemporaryDirectory() + "referral-bench-import"
        var only: Set<String> = ["spreadsheet", "hsds-csv", "hsds-json"]
        var i = 0
        while i < args.count {
            let v = i + 1 < args.count ? args[i + 1] : ""
            switch args[i] {
            case "--sizes": sizes = v.split(separator: ",").compactMap { Int($0) }
            case "--repeat": repeats = max(1, Int(v) ?? 1)
            case "--seed": seed = UInt64(v) ?? 42
            case "--out": out = v
            case "--only": only = Set(v.split(separator: ",").map(String.init))
            default: fail("import: unknown argument '\(args[i])'")
            }
            i += 2
        }
        var lines = ["| services | form | rows read | MB | total s (median) | rows/s | services/s | read | map+merge | serialise | check (loader) | import without the check, rows/s | CPU s (median) | rows per CPU second |",
                     "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for n in sizes {
            let dir = "\(out)/n\(n)"
            try? FileManager.default.removeItem(atPath: dir)
            let generated = dir + "/generated"
            do { _ = try Generator(services: n, seed: seed).write(to: generated) } catch { fail("cannot write \(generated): \(error)") }
            // The target: the generated context with no organisations or services.
            let target = dir + "/target"
            try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            try? FileManager.default.copyItem(atPath: generated + "/pathways", toPath: target + "/pathways")
            try? FileManager.default.copyItem(atPath: generated + "/context.json", toPath: target + "/context.json")
            var sources: [(String, ImportRequest.Kind, String, String?, Int)] = []
            if only.contains("spreadsheet") {
                let (csv, profile, rows) = spreadsheet(from: generated, into: dir)
                sources.append(("spreadsheet CSV", .csv, csv, profile, rows))
            }
            for (form, format) in [("hsds-csv", ExportRequest.Format.csv), ("hsds-json", .json)] where only.contains(form) {
                let path = dir + "/" + form
                guard case .success = Exporter.run(ExportRequest(context: generated, out: path, format: format, publicOnly: false,
                                                                 force: true))
                else { fail("cannot export the generated directory as \(form)") }
                let rows = format == .csv ? csvRows(path) : n
                sources.append((form == "hsds-csv" ? "HSDS CSV package" : "HSDS JSON", .hsds, path, nil, rows))
            }
            for (form, kind, path, profile, rows) in sources {
                var f = Figures(form: form, rows: rows, records: n, bytes: size(path))
                for _ in 0..<repeats {
                    var phases: [(String, UInt64)] = []
                    let t0 = now(), c0 = cpuNow()
                    let request = ImportRequest(kind: kind, source: path, profile: profile, context: target, dryRun: true,
                                                force: true, today: 20_800)
                    let result = Importer.run(request, clock: { now() }, phases: { phases.append(($0, $1)) })
                    let total = Double(now() - t0) / 1e9
                    let cpu = Double(cpuNow() - c0) / 1e9
                    guard case .success(let report) = result, report.counts.imported == n else {
                        if case .failure(let e) = result { fail("\(form): \(e.message) \(e.diagnostics.prefix(3).map(\.rendered))") }
                        fail("\(form): not every record was imported")
                    }
                    f.total.append(total)
                    f.cpu.append(cpu)
                    for (name, ns) in phases { f.phases[name, default: []].append(Double(ns) / 1e9) }
                }
                let t = median(f.total)
                let ph = { (k: String) in median(f.phases[k] ?? [0]) }
                let withoutCheck = t - ph("check")
                lines.append("| \(n) | \(f.form) | \(f.rows) | \(String(format: "%.1f", Double(f.bytes) / 1e6)) | "
                    + "\(String(format: "%.2f", t)) | \(Int(Double(f.rows) / t)) | \(Int(Double(n) / t)) | "
                    + "\(String(format: "%.2f", ph("read"))) | \(String(format: "%.2f", ph("map"))) | "
                    + "\(String(format: "%.2f", ph("serialise"))) | \(String(format: "%.2f", ph("check"))) | "
                    + "\(Int(Double(f.rows) / withoutCheck)) | \(String(format: "%.2f", median(f.cpu))) | \(Int(Double(f.rows) / median(f.cpu))) |")
                say(lines.last!)
            }
        }
        let table = lines.joined(separator: "\n")
        say("\n" + table)
        try? Data((table + "\n").utf8).write(to: URL(fileURLWithPath: out + "/import-results.md"))
        return 0
    }

    static func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }

    /// CPU time of the process so far, in nanoseconds (the import runs on one thread).
    static func cpuNow() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    static func size(_ path: String) -> Int {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return 0 }
        if !isDir.boolValue { return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).reduce(0) { $0 + size(path + "/" + $1) }
    }

    /// Every data row of every CSV table in a folder.
    static func csvRows(_ folder: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".csv") }.reduce(0) {
            $0 + max(0, ((try? String(contentsOfFile: folder + "/" + $1, encoding: .utf8)) ?? "").split(separator: "\r\n").count - 1)
        }
    }

    /// The generated directory as a coordinators' spreadsheet: one row per service, hours and
    /// languages as free text, areas by name, and the profile that reads it.
    static func spreadsheet(from folder: String, into dir: String) -> (String, String, Int) {
        guard case .success(let docs) = DirectoryDocuments.read(folder: folder),
            let context = DirectoryLoader(options: .init(strict: false)).load(folder: folder).directory?.context
        else { fail("cannot read the generated directory") }
        let orgNames = Dictionary(docs.organisations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let header = ["id", "organisation", "name", "sector", "areas", "address", "phone", "email", "hours", "languages",
                      "eligibility", "min_age", "max_age", "gender", "status", "last_verified", "cost"]
        var rows: [[String]] = []
        rows.reserveCapacity(docs.services.count)
        for s in docs.services {
            var hours = ""
            if s.hours?.alwaysOpen == true {
                hours = "24/7"
            } else if let w = s.hours?.weekly {
                let names = ["mon": "Mon", "tue": "Tue", "wed": "Wed", "thu": "Thu", "fri": "Fri", "sat": "Sat", "sun": "Sun"]
                hours = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].compactMap { d in
                    w[d].map { names[d]! + " " + $0.joined(separator: ", ") }
                }.joined(separator: "; ")
            }
            rows.append([
                s.id, orgNames[s.organisation] ?? s.organisation, s.name, s.category,
                s.areas.joined(separator: "; "),
                s.address?.confidential == true ? "Confidential" : (s.address?.text ?? ""),
                s.focalPoint?.phone ?? "", s.focalPoint?.email ?? "", hours,
                s.languages.map { code in context.languages.first { $0.code == code }?.name ?? code }.joined(separator: ", "),
                s.eligibility?.note ?? "", s.eligibility?.minAge.map(String.init) ?? "", s.eligibility?.maxAge.map(String.init) ?? "",
                s.eligibility?.sexes?.map(\.rawValue).joined(separator: ", ") ?? "", s.status.rawValue, s.lastVerified ?? "",
                s.cost ?? "",
            ])
        }
        let csv = dir + "/spreadsheet.csv"
        let profile = dir + "/spreadsheet-profile.json"
        try? Data(CSVWriter.write(header: header, rows: rows).utf8).write(to: URL(fileURLWithPath: csv))
        let json = """
            {"formatVersion": 1, "dataset": "bench-sheet", "idPrefix": "sheet",
             "columns": {"recordId": "id", "organisation": "organisation", "name": "name", "category": "sector", "area": "areas",
                         "address": "address", "phone": "phone", "email": "email", "hours": "hours", "languages": "languages",
                         "eligibility": "eligibility", "minAge": "min_age", "maxAge": "max_age", "sex": "gender",
                         "status": "status", "lastVerified": "last_verified", "cost": "cost"},
             "confidential": {"categories": []},
             "defaults": {"modality": ["in-person"], "requiredFields": ["caseCode", "age", "sex"]}}
            """
        try? Data(json.utf8).write(to: URL(fileURLWithPath: profile))
        return (csv, profile, rows.count)
    }
}
