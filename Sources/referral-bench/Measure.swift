import Foundation
import ReferralCore

#if canImport(Glibc)
    import Glibc
#endif

/// The measuring half of the benchmark. It runs in its own process (`referral-bench measure …`)
/// so that the peak memory it reports is the engine's (directory, parse trees, cases, plans)
/// and not the generator's.
struct Measurement {
    /// The checks that make up "eligible" in the SQLite baseline: who and where the service is
    /// for, whether the person can talk to it, and whether it runs at all. Consent, preferences,
    /// access needs and the other gates are the router's extra work and are not compared.
    static let eligibilityRules: Set<RuleID> = [
        .eligibilityArea, .eligibilityAge, .eligibilitySex, .eligibilityPopulationGroup, .eligibilityLegalStatus,
        .accessLanguage, .availabilityStatus,
    ]
    /// A Wednesday morning in the generated context's time zone: weekday timetables matter.
    static let routingTime = "2026-11-25T10:30:00+03:00"

    let folder: String
    let casesFile: String
    let outDir: String
    let repeats: Int

    /// Runs every measurement and writes `router.json`, `baseline-cases.json` and
    /// `router-eligible.json` into `outDir`. Returns false if loading or a sanity check failed.
    func run() -> Bool {
        var report: [(String, JSONText)] = []
        let hwmStart = peakMemoryKB()
        let rssStart = residentMemoryKB()

        // Load + index, strictly, the way `referral` loads a context. The first load also gives
        // the peak memory of a loaded directory.
        let bytes = folderBytes(folder)
        var loads: [UInt64] = []
        var loaded: DirectoryLoader.Result?
        for _ in 0..<max(1, repeats) {
            loaded = nil  // release the previous directory first: the peak is that of one load
            let t0 = now()
            loaded = DirectoryLoader().load(folder: folder)
            loads.append(now() - t0)
        }
        guard let first = loaded, let directory = first.directory else {
            for d in (loaded?.diagnostics ?? []).prefix(20) { FileHandle.standardError.write(Data((d.rendered + "\n").utf8)) }
            FileHandle.standardError.write(Data("referral-bench: the generated context does not load\n".utf8))
            return false
        }
        let hwmAfterLoad = peakMemoryKB()
        // What the loaded directory keeps, once the allocator has returned the parse trees.
        #if os(Linux)
            _ = glibcMallocTrim(0)
        #endif
        let rssAfterLoad = residentMemoryKB()
        // Minified and indented, CPython's json.load, a 5 MB case, 100,000 unknown keys (LoadingBench.swift).
        if !(ProcessInfo.processInfo.environment["REFERRAL_BENCH_SKIP"] ?? "").contains("loading") {
            report += LoadingBench.measure(folder: folder, dir: outDir, repeats: repeats)
        }
        var t0 = now()
        // Where the load time goes: JSON syntax alone, for every file.
        var parses: [UInt64] = []
        let files = jsonFiles(folder).map { [UInt8](FileManager.default.contents(atPath: $0) ?? Data()) }
        for _ in 0..<max(1, repeats) {
            t0 = now()
            for f in files { _ = try? JSONParser.parse(f) }
            parses.append(now() - t0)
        }

        // Cases: each is loaded as `referral route` would (syntax, identifying-data scan, strict
        // decode, references), then routed.
        let lines = ((try? String(contentsOfFile: casesFile, encoding: .utf8)) ?? "").split(separator: "\n")
        var cases: [Case] = []
        t0 = now()
        for (i, line) in lines.enumerated() {
            switch CaseLoader.load(bytes: Array(line.utf8), name: "case-\(i + 1).json", directory: directory) {
            case .success(let c): cases.append(c)
            case .failure(let f):
                FileHandle.standardError.write(Data("referral-bench: generated case \(i + 1) refused: \(f.description)\n".utf8))
                return false
            }
        }
        let caseLoad = now() - t0

        let router = Router(directory: directory)
        guard let at = RoutingTime.parse(Measurement.routingTime, utcOffsetMinutes: directory.context.utcOffsetMinutes) else {
            return false
        }

        // Validation of the whole directory, as a coordinator runs it before a cluster meeting
        // (on the loaded directory: the load is measured above).
        var validations: [UInt64] = []
        var findings = 0
        // REFERRAL_BENCH_SKIP=validate,encode leaves phases out (for profiling under valgrind).
        let skip = Set((ProcessInfo.processInfo.environment["REFERRAL_BENCH_SKIP"] ?? "").split(separator: ",").map(String.init))
        for _ in 0..<(skip.contains("validate") ? 0 : max(1, min(repeats, 3))) {
            t0 = now()
            let v = Validator.validate(first, at: at)
            validations.append(now() - t0)
            findings = v.findings.count
        }
        let hwmAfterValidate = peakMemoryKB()

        // Warm-up pass, which also collects what the SQLite baseline must reproduce.
        var baselineCases: [JSONText] = []
        var eligible: [(String, JSONText)] = []
        var unrouted: [String] = []
        var decisions = 0, steps = 0, options = 0, referrals = 0, gaps = 0
        for c in cases {
            let plan = router.route(c, at: at)
            if plan.caseCode != c.code || plan.pathways.isEmpty || plan.steps.isEmpty { unrouted.append(c.code) }
            var byCategory: [String: Set<String>] = [:]
            for s in plan.steps {
                steps += 1
                options += s.options.count
                decisions += s.options.count + s.excluded.count
                referrals += s.options.filter { $0.action == .refer || $0.action == .emergencyReferral }.count
                var ids = byCategory[s.category] ?? []
                for d in s.options + s.excluded
                where !d.checks.contains(where: { $0.outcome == .fail && Measurement.eligibilityRules.contains($0.rule) }) {
                    ids.insert(d.service)
                }
                byCategory[s.category] = ids
            }
            gaps += plan.gaps.count
            let doc = c.document
            var flat: [(String, JSONText)] = [
                ("caseCode", .string(c.code)), ("area", .string(doc.area)), ("ageMin", .int(c.age.min)),
                ("ageMax", .int(c.age.max)), ("sex", .string(doc.sex.rawValue)), ("languages", .strings(doc.languages.sorted())),
                ("populationGroups", .strings((doc.populationGroups ?? []).sorted())),
                ("categories", .strings(byCategory.keys.sorted())),
            ]
            if let ls = doc.legalStatus { flat.append(("legalStatus", .string(ls))) }
            baselineCases.append(.object(flat))
            eligible.append((c.code, .object(byCategory.sorted { $0.key < $1.key }.map { ($0.key, .strings($0.value.sorted())) })))
        }

        // REFERRAL_BENCH_DUMP=FILE writes every plan (at the benchmark time and on a Sunday night,
        // when most services are closed) as canonical JSON: comparing two dumps shows that an
        // engine optimisation did not change a byte of output.
        if let dump = ProcessInfo.processInfo.environment["REFERRAL_BENCH_DUMP"],
            let night = RoutingTime.parse("2026-11-29T23:10:00+03:00", utcOffsetMinutes: directory.context.utcOffsetMinutes)
        {
            var all = Data()
            for c in cases {
                all.append(canonicalJSON(router.route(c, at: at)))
                all.append(canonicalJSON(router.route(c, at: night)))
            }
            try? all.write(to: URL(fileURLWithPath: dump))
        }

        // Timed passes: one case at a time on one core, as a hotline would call the engine.
        var samples: [UInt64] = []
        samples.reserveCapacity(cases.count * repeats)
        var passes: [UInt64] = []
        var passMedians: [UInt64] = []
        var sink = 0
        for _ in 0..<max(1, repeats) {
            var pass: [UInt64] = []
            pass.reserveCapacity(cases.count)
            let p0 = now()
            for c in cases {
                let a = now()
                let plan = router.route(c, at: at)
                let b = now()
                sink &+= plan.steps.count
                pass.append(b - a)
            }
            passes.append(now() - p0)
            passMedians.append(percentile(pass, 0.5))
            samples.append(contentsOf: pass)
        }
        // The same eligibility filter as the SQLite baseline, in Swift over the engine's own index
        // (`Directory.services(category:covering:)`), without any of the router's consent,
        // explanation or ranking work: what the lookup alone costs. Also a third answer to compare.
        var filterSamples: [UInt64] = []
        var filterMismatches: [String] = []
        let categoriesByCase = cases.map { c in Set(router.route(c, at: at).steps.map(\.category)).sorted() }
        let expectedByCode = Dictionary(eligible, uniquingKeysWith: { a, _ in a })
        for pass in 0..<max(1, repeats) {
            for (c, cats) in zip(cases, categoriesByCase) {
                let a = now()
                let found = eligibleServices(directory, c, categories: cats)
                filterSamples.append(now() - a)
                if pass == 0, case .object(let expected)? = expectedByCode[c.code] {
                    let want = expected.map { ($0.0, Set(($0.1.stringArray) ?? [])) }
                    for (cat, ids) in want where Set(found[cat] ?? []) != ids { filterMismatches.append("\(c.code) \(cat)") }
                }
            }
        }

        // Routing plus the canonical JSON a front end prints (written directly, PlanJSON.swift), and
        // the same with Foundation's JSONEncoder, the writer's reference: both must give the same
        // bytes (also on a Sunday night, when most services are closed). On a subset: JSONEncoder is slow.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let night = RoutingTime.parse("2026-11-29T23:10:00+03:00", utcOffsetMinutes: directory.context.utcOffsetMinutes) ?? at
        var encoded: [UInt64] = []
        var expanded: [UInt64] = []
        var viaEncoder: [UInt64] = []
        var jsonMismatches: [String] = []
        var outBytes = 0
        for (i, c) in cases.prefix(skip.contains("encode") ? 0 : 500).enumerated() {
            // Route, then read every decision of the plan (the router keeps verdicts and expands a
            // step's decisions, with their words, when they are first read): what a caller that
            // shows every option and excluded service pays before writing anything.
            var a = now()
            let plan = router.route(c, at: at)
            for s in plan.steps { sink &+= s.options.count &+ s.excluded.count }
            expanded.append(now() - a)
            a = now()
            let data = canonicalJSON(router.route(c, at: at))
            encoded.append(now() - a)
            outBytes += data.count
            a = now()
            var reference = (try? encoder.encode(router.route(c, at: at))) ?? Data()
            reference.append(0x0A)
            viaEncoder.append(now() - a)
            if data != reference { jsonMismatches.append(c.code) }
            if i < 100, var late = try? encoder.encode(router.route(c, at: night)) {
                late.append(0x0A)
                if canonicalJSON(router.route(c, at: night)) != late { jsonMismatches.append(c.code + " at night") }
            }
        }
        let hwmEnd = peakMemoryKB()

        let m = Double(max(1, cases.count))
        report += [
            ("services", .int(directory.services.count)), ("areas", .int(directory.context.areas.count)),
            ("organisations", .int(directory.organisations.count)), ("bytes", .int(bytes)),
            ("loadNs", .array(loads.map { .int(Int($0)) })),
            ("validateNs", .array(validations.map { .int(Int($0)) })), ("findings", .int(findings)),
            ("peakKBAfterValidate", .int(hwmAfterValidate)), ("parseNs", .array(parses.map { .int(Int($0)) })),
            ("cases", .int(cases.count)), ("caseLoadNsPerCase", .int(Int(Double(caseLoad) / m))),
            ("routeP50Ns", .int(Int(percentile(samples, 0.5)))), ("routeP90Ns", .int(Int(percentile(samples, 0.9)))),
            ("routeP99Ns", .int(Int(percentile(samples, 0.99)))), ("routeMaxNs", .int(Int(samples.max() ?? 0))),
            ("passNs", .array(passes.map { .int(Int($0)) })), ("passP50Ns", .array(passMedians.map { .int(Int($0)) })),
            ("routeEncodeP50Ns", .int(Int(percentile(encoded, 0.5)))), ("routeExpandP50Ns", .int(Int(percentile(expanded, 0.5)))),
            ("routeEncoderP50Ns", .int(Int(percentile(viaEncoder, 0.5)))), ("planJSONMismatches", .strings(jsonMismatches)), ("planBytesMean", .int(outBytes / max(1, encoded.count))),
            ("stepsPerCase", .double(Double(steps) / m)), ("decisionsPerCase", .double(Double(decisions) / m)),
            ("optionsPerCase", .double(Double(options) / m)), ("referralsPerCase", .double(Double(referrals) / m)),
            ("gapsPerCase", .double(Double(gaps) / m)),
            ("filterP50Ns", .int(Int(percentile(filterSamples, 0.5)))), ("filterP99Ns", .int(Int(percentile(filterSamples, 0.99)))),
            ("filterMismatches", .strings(filterMismatches)),
            ("unrouted", .strings(unrouted)), ("peakKBStart", .int(hwmStart)), ("peakKBAfterLoad", .int(hwmAfterLoad)), ("residentKBAfterLoad", .int(rssAfterLoad)),
            ("residentKBStart", .int(rssStart)),
            // Kept per service: what the process holds after the load (and malloc_trim) beyond what it
            // held before, over the services; and the compact service store's own bytes.
            ("keptBytesPerService", .int((rssAfterLoad - rssStart) * 1024 / max(1, directory.services.count))),
            ("storeBytesPerService", .int(directory.keptServiceBytes / max(1, directory.services.count))),
            ("peakKB", .int(hwmEnd)), ("sink", .int(sink)),
        ]
        do {
            try Data(JSONText.object(report).text.utf8).write(to: URL(fileURLWithPath: outDir + "/router.json"))
            try Data(listDocument(key: "cases", baselineCases).utf8).write(to: URL(fileURLWithPath: outDir + "/baseline-cases.json"))
            try Data((JSONText.object(eligible).text + "\n").utf8).write(to: URL(fileURLWithPath: outDir + "/router-eligible.json"))
        } catch {
            FileHandle.standardError.write(Data("referral-bench: cannot write results: \(error)\n".utf8))
            return false
        }
        if !filterMismatches.isEmpty {
            FileHandle.standardError.write(Data("referral-bench: the plain eligibility filter disagrees with the router on \(filterMismatches.prefix(5))\n".utf8))
        }
        if !jsonMismatches.isEmpty {
            FileHandle.standardError.write(Data("referral-bench: the direct plan JSON differs from JSONEncoder's for \(jsonMismatches.prefix(5))\n".utf8))
        }
        return unrouted.isEmpty && filterMismatches.isEmpty && jsonMismatches.isEmpty
    }
}

/// Eligible services per category for a case: the SQLite baseline's filter, written in Swift
/// over the engine's index (area and ancestors come from the index itself).
func eligibleServices(_ d: Directory, _ c: Case, categories: [String]) -> [String: [String]] {
    var out: [String: [String]] = [:]
    let doc = c.document
    for cat in categories {
        var ids: [String] = []
        for s in d.services(category: cat, covering: doc.area) where s.status != .closed {
            let e = s.eligibility
            if e.minAge != nil || e.maxAge != nil, !(c.age.min >= (e.minAge ?? 0) && c.age.max <= (e.maxAge ?? 130)) { continue }
            if let sexes = e.sexes, !sexes.contains(doc.sex) { continue }
            if let groups = e.populationGroups, !groups.contains(where: c.populationGroups.contains) { continue }
            if let statuses = e.legalStatuses { guard let ls = doc.legalStatus, statuses.contains(ls) else { continue } }
            if !s.interpretation && !s.languages.contains(where: c.languages.contains) { continue }
            ids.append(s.id)
        }
        out[cat] = ids
    }
    return out
}

extension JSONText {
    var stringArray: [String]? {
        guard case .array(let items) = self else { return nil }
        return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
    }
}

/// Monotonic nanoseconds (`clock_gettime(CLOCK_MONOTONIC)` underneath).
func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Peak resident set size of this process (VmHWM), in kB; 0 where /proc is not available.
func peakMemoryKB() -> Int {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "") ?? 0
    }
    return 0
}

#if os(Linux)
    /// glibc's `malloc_trim`, which the Glibc module does not export: returns freed heap pages to
    /// the system so that VmRSS shows what is still in use.
    @_silgen_name("malloc_trim") func glibcMallocTrim(_ pad: Int) -> Int32
#endif

/// Current resident set size (VmRSS), in kB; 0 where /proc is not available.
func residentMemoryKB() -> Int {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in s.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "") ?? 0
    }
    return 0
}

func percentile(_ xs: [UInt64], _ p: Double) -> UInt64 {
    guard !xs.isEmpty else { return 0 }
    let s = xs.sorted()
    return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
}

func median(_ xs: [UInt64]) -> UInt64 { percentile(xs, 0.5) }

func jsonFiles(_ folder: String) -> [String] {
    let fm = FileManager.default
    var out: [String] = []
    for name in ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted() where name.hasSuffix(".json") {
        out.append(folder + "/" + name)
    }
    for name in ((try? fm.contentsOfDirectory(atPath: folder + "/pathways")) ?? []).sorted() where name.hasSuffix(".json") {
        out.append(folder + "/pathways/" + name)
    }
    return out
}

func folderBytes(_ folder: String) -> Int {
    jsonFiles(folder).reduce(0) { $0 + (((try? FileManager.default.attributesOfItem(atPath: $1))?[.size] as? Int) ?? 0) }
}
