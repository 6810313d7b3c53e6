/// Coverage: for each pathway step × reporting area × population, is there an open, eligible
/// service? Emergency steps need an option open at every hour; main languages need a service
/// that works in them (or offers interpretation) in every area.
struct CoverageCheck {
    let directory: Directory
    let populations: PopulationSet
    /// P-codes at the reporting level, sorted.
    let areas: [String]
    var findings: [Diagnostic] = []

    private var context: Context { directory.context }
    /// Open or waitlisted services by category, then by the reporting area they serve, in id
    /// order. A service serves an area when it serves the area, an ancestor, or a part of it (a
    /// district is covered by a service in one of its sub-districts).
    private let byCategoryArea: [String: [String: [Int]]]
    private let services: [Service]
    /// Every member of every population, in report order (entry, then member).
    private let members: [Profile]
    /// Population names by id, and the ids of the sex × age populations (for the findings).
    private let populationNames: [String: String]
    private let baseIDs: Set<String>

    init(directory: Directory, populations: PopulationSet, areas: [String]) {
        self.directory = directory
        self.populations = populations
        self.areas = areas
        services = directory.services
        let ctx = directory.context
        // Reporting areas under each area (itself included), found once.
        var under: [String: [String]] = [:]
        for r in areas { for a in ctx.lineage(of: r) { under[a, default: []].append(r) } }
        let reporting = Set(areas)
        var by: [String: [String: [Int]]] = [:]
        for (i, s) in directory.services.enumerated() where s.status != .closed {
            var served: Set<String> = []
            for a in s.areas {
                if let rs = under[a] {
                    served.formUnion(rs)
                } else if let r = ctx.lineage(of: a).first(where: reporting.contains) {
                    served.insert(r)
                }
            }
            for r in served { by[s.category, default: [:]][r, default: []].append(i) }
        }
        byCategoryArea = by
        members = populations.entries.flatMap(\.members)
        populationNames = Dictionary(uniqueKeysWithValues: populations.entries.map { ($0.info.id, $0.info.name) })
        baseIDs = Set(populations.entries.filter { $0.info.kind == .base }.map(\.info.id))
    }

    /// For one step: the ages of each member of each population it applies to (nil: it does
    /// not apply), and the reporting duties that may apply to each (by duty id). Members are
    /// numbered in report order: entry, then member.
    struct StepFacts: Hashable {
        var ages: [ClosedRange<Int>?]
        var duties: [Set<String>]
    }

    func stepFacts(_ conditions: [Condition]) -> StepFacts {
        StepFacts(
            ages: members.map { m in conditions.contains { m.truth(of: $0) == .no } ? nil : m.ages(within: conditions) },
            duties: members.map { m in
                Set(context.rules.mandatoryReporting.filter { m.truth(of: $0.appliesWhen) != .no }.map(\.id))
            })
    }

    /// How one service serves the members of a step, as sets of members (bits, `words` words
    /// each, one after the other): fully, partly (some members only), fully without a reporting
    /// duty that may apply to them, and the same while open (not at capacity).
    struct Fit {
        var bits: [UInt64]
        let words: Int
        init(words: Int) {
            self.words = words
            bits = .init(repeating: 0, count: 4 * words)
        }
        enum Kind: Int { case full, partial, free, freeOpen }
        func has(_ set: Kind, _ g: Int) -> Bool { bits[set.rawValue * words + g / 64] & (1 << UInt64(g % 64)) != 0 }
        mutating func insert(_ set: Kind, _ g: Int) { bits[set.rawValue * words + g / 64] |= 1 << UInt64(g % 64) }
        mutating func formUnion(_ o: Fit) { for i in bits.indices { bits[i] |= o.bits[i] } }
    }

    /// A service's fit for a step: computed once per service and step facts, however many areas
    /// the service serves (a region-wide service is an option in each of its districts).
    /// `facts[g]` is what member g's profile fixes at the ages the step leaves (nil: the step does
    /// not apply to the member), made once per step rather than per service.
    func fit(_ i: Int, _ f: StepFacts, _ facts: [Facts?]) -> Fit {
        let s = services[i]
        var fit = Fit(words: (f.ages.count + 63) / 64)
        for g in facts.indices {
            guard let memberFacts = facts[g] else { continue }
            // The same as `Profile.fit(_:ages:)`, with the facts made once.
            switch s.eligibility.evaluate(memberFacts).overall {
            case .yes:
                fit.insert(.full, g)
                if f.duties[g].isEmpty || !s.mandatoryReporting.contains(where: f.duties[g].contains) {
                    fit.insert(.free, g)
                    if s.status == .open { fit.insert(.freeOpen, g) }
                }
            case .unknown: fit.insert(.partial, g)
            case .no: break
            }
        }
        return fit
    }

    /// Every population's status for one set of options (with their fits), and the groups left
    /// without an option where others of the same sex and age have one.
    func populationCoverage(options: [Int], fits: [Fit], _ f: StepFacts) -> ([PopulationCoverage], [String]) {
        var any = Fit(words: (f.ages.count + 63) / 64)
        for x in fits { any.formUnion(x) }
        func status(_ g: Int) -> CoverageStatus {
            guard f.ages[g] != nil else { return .notApplicable }
            if !any.has(.full, g) { return any.has(.partial, g) ? .partial : .gap }
            if any.has(.freeOpen, g) { return .covered }
            return any.has(.free, g) ? .waitlistOnly : .reportingOnly
        }
        // Member k of a group or legal-status population is base population k with that group.
        var baseStatus: [CoverageStatus] = []
        var pops: [PopulationCoverage] = []
        var groupGaps: [String] = []
        var g = 0
        for entry in populations.entries {
            var worst: CoverageStatus = .notApplicable
            var served: Set<Int> = []
            var specificGap = false
            for mi in entry.members.indices {
                let st = status(g)
                worst = max(worst, st)
                if entry.info.kind == .base {
                    baseStatus.append(st)
                    for (o, x) in zip(options, fits) where x.has(.full, g) { served.insert(o) }
                } else if mi < baseStatus.count {
                    let bs = baseStatus[mi]
                    if st == .gap && bs != .gap && bs != .notApplicable { specificGap = true }
                }
                g += 1
            }
            if specificGap { groupGaps.append(entry.info.name) }
            // Options are listed for the sex × age populations only: a group's options are theirs
            // minus the restricted ones, and listing them again would multiply the report's size.
            pops.append(PopulationCoverage(population: entry.info.id, status: worst,
                                           options: entry.info.kind == .base ? served.sorted().map { services[$0].id } : nil))
        }
        return (pops, groupGaps)
    }

    mutating func run() -> [StepCoverage] {
        var rows: [StepCoverage] = []
        var languageGaps: [String: [String: Set<String>]] = [:]  // area → language → categories
        let mainLanguages = context.languages.enumerated().filter { $0.element.main == true }
        let baseCount = populations.entries.filter { $0.info.kind == .base }.count
        // Steps with the same facts share every service's fit.
        var fitsByFacts: [StepFacts: [Int: Fit]] = [:]
        for p in directory.pathways {
            for s in p.steps {
                let facts = stepFacts([p.appliesWhen] + (s.when.map { [$0] } ?? []))
                let memberFacts = zip(members, facts.ages).map { m, ages in ages.map { m.facts(ages: $0) } }
                var fits = fitsByFacts[facts] ?? [:]
                let byArea = byCategoryArea[s.category] ?? [:]
                let anywhere = !byArea.isEmpty
                let emergency = PathwayStructure.isEmergency(s)
                // Areas served by the same services have the same coverage: compute it once.
                var memo: [[Int]: ([PopulationCoverage], [String])] = [:]
                var cells: [CoverageCell] = []
                for area in areas {
                    let optionIndices = byArea[area] ?? []
                    let options = optionIndices.map { services[$0] }
                    let (pops, groupGaps): ([PopulationCoverage], [String])
                    if let known = memo[optionIndices] {
                        (pops, groupGaps) = known
                    } else {
                        let optionFits = optionIndices.map { o in
                            if let known = fits[o] { return known }
                            let f = fit(o, facts, memberFacts)
                            fits[o] = f
                            return f
                        }
                        (pops, groupGaps) = populationCoverage(options: optionIndices, fits: optionFits, facts)
                        memo[optionIndices] = (pops, groupGaps)
                    }
                    let allHours: Bool? = emergency ? options.contains { $0.hours?.coversWholeWeek == true } : nil
                    cells.append(CoverageCell(area: area, status: pops.map(\.status).max() ?? .notApplicable,
                                              baseStatus: pops.prefix(baseCount).map(\.status).max() ?? .notApplicable,
                                              allHours: allHours, services: options.map(\.id), populations: pops))
                    if anywhere {
                        report(p, s, area: area, pops: pops, groupGaps: groupGaps, options: options, allHours: allHours)
                    }
                    if !options.isEmpty && !s.optional {
                        for (_, lang) in mainLanguages
                        where !options.contains(where: { $0.languages.contains(lang.code) || $0.interpretation }) {
                            languageGaps[area, default: [:]][lang.code, default: []].insert(s.category)
                        }
                    }
                }
                fitsByFacts[facts] = fits
                rows.append(StepCoverage(pathway: p.id, step: s.id, stepName: s.name, category: s.category,
                                         emergency: emergency, optional: s.optional, cells: cells))
            }
        }
        for area in areas {
            for (i, lang) in mainLanguages {
                guard let cats = languageGaps[area]?[lang.code], !cats.isEmpty else { continue }
                let names = cats.sorted().map { context.categories[$0]?.name ?? $0 }
                findings.append(Diagnostic(
                    .warning, code: .coverageLanguage, place: SourcePlace(file: context.file, path: "$.languages[\(i)]"),
                    id: lang.code,
                    message: "no open service in \(areaText(area)) works in \(lang.name) or offers interpretation for: \(names.joined(separator: ", "))",
                    help: "\(lang.name) is a main language of the context: find a provider or interpreters for these services in this area"))
            }
        }
        return rows
    }

    func areaText(_ a: String) -> String { "\(context.areaName(a)) (\(a))" }

    private mutating func report(_ p: Pathway, _ s: Step, area: String, pops: [PopulationCoverage], groupGaps: [String],
                                 options: [Service], allHours: Bool?)
    {
        // Optional steps (police, for example) are the person's choice: only a gap is worth a note.
        let severity: Severity = s.optional ? .info : .warning
        let (names, baseIDs) = (populationNames, self.baseIDs)
        let applicable = pops.filter { baseIDs.contains($0.population) && $0.status != .notApplicable }.count
        func list(_ st: CoverageStatus) -> [String] {
            pops.filter { baseIDs.contains($0.population) && $0.status == st }.map { names[$0.population] ?? $0.population }
        }
        func who(_ l: [String]) -> String {
            l.count == applicable ? "everyone the step applies to" : l.joined(separator: ", ")
        }
        let step = "step '\(s.name)' (\(s.category))"
        func add(_ code: Diagnostic.Code, _ message: String, _ help: String) {
            findings.append(Diagnostic(severity, code: code, place: s.place, id: s.id, message: message, help: help))
        }
        let gaps = list(.gap)
        if !gaps.isEmpty {
            add(.coverageGap,
                "\(step) has no open, eligible service in \(areaText(area)) for \(gaps.count == applicable ? "anyone" : who(gaps))",
                "map a provider of \(s.category) serving this area and population, or agree a referral to a neighbouring area")
        }
        if s.optional { return }
        let partial = list(.partial)
        if !partial.isEmpty {
            var m = "\(step) in \(areaText(area)) has only services restricted by legal status, population group or age for \(who(partial))"
            if !groupGaps.isEmpty { m += ": left without an option: \(groupGaps.joined(separator: ", "))" }
            add(.coverageRestrictedOnly, m,
                "non-discrimination: find a provider that serves everyone, whatever their status, or agree an exception with the provider")
        }
        let waitlist = list(.waitlistOnly)
        if !waitlist.isEmpty {
            add(.coverageWaitlistOnly,
                "\(step) in \(areaText(area)) has only services at capacity (waiting list) for \(who(waitlist))",
                "agree emergency places with the provider or map another one")
        }
        let reporting = list(.reportingOnly)
        if !reporting.isEmpty {
            let providers = Set(options.filter { !$0.mandatoryReporting.isEmpty }.map(\.id)).sorted()
            add(.coverageReportingOnly,
                "\(step) in \(areaText(area)): every option for \(who(reporting)) carries a mandatory-reporting duty (\(providers.joined(separator: ", ")))",
                "people must be told what will be reported before any referral; map an option without the duty if one exists")
        }
        if allHours == false && !options.isEmpty {
            add(.coverageEmergencyHours,
                "emergency \(step) has no option open at every hour in \(areaText(area)) (services: \(options.map(\.id).joined(separator: ", ")))",
                "record 24/7 hours (hours.alwaysOpen) if a provider has them, or map an on-call option")
        }
    }
}
