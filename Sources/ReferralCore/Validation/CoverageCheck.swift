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
    /// Open or waitlisted services by category, then by the reporting area they serve (its
    /// position in `areas`), in id order. A service serves an area when it serves the area, an
    /// ancestor, or a part of it (a district is covered by a service in one of its sub-districts).
    /// A category no open service of which serves a reporting area is not listed.
    private let byCategoryArea: [String: [[Int]]]
    private let services: [Service]
    /// Every member of every population, in report order (entry, then member).
    private let members: [Profile]
    /// Each population's name and whether it is a sex × age population, in report order (for the findings).
    private let populationNames: [String]
    private let isBase: [Bool]
    /// Services decided alike for every population (the same eligibility rules, status and
    /// reporting duties) share a class, numbered by first appearance: a step's fits are computed
    /// once per class (a national directory has a few hundred for 100,000 services).
    private let fitClass: [Int]
    /// A service of each class.
    private let classMember: [Int]
    /// The reporting areas' texts for the findings, `Name (PCODE)`, in `areas` order.
    private let areaTexts: [String]

    /// What decides a service's fit: `Eligibility.evaluate` reads the rules (never the note),
    /// `fit` the status and the duties.
    private struct FitKey: Hashable {
        var minAge: Int?, maxAge: Int?
        var sexes: [Sex]?, populationGroups: [String]?, legalStatuses: [String]?
        var status: ServiceStatus
        var mandatoryReporting: [String]
        init(_ s: Service) {
            let e = s.eligibility
            (minAge, maxAge, sexes, populationGroups, legalStatuses) = (e.minAge, e.maxAge, e.sexes, e.populationGroups, e.legalStatuses)
            (status, mandatoryReporting) = (s.status, s.mandatoryReporting)
        }
    }

    init(directory: Directory, populations: PopulationSet, areas: [String]) {
        self.directory = directory
        self.populations = populations
        self.areas = areas
        services = directory.services
        let ctx = directory.context
        // Reporting areas (positions in `areas`) under each area (itself included), found once.
        var under: [String: [Int]] = [:]
        for (r, pcode) in areas.enumerated() { for a in ctx.lineage(of: pcode) { under[a, default: []].append(r) } }
        let reporting = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($1, $0) })
        var categories: [String: Int] = [:]
        var lists: [[[Int]]] = []
        // The reporting areas a service serves, each once: `servedBy[r]` is the last service that served r.
        var servedBy = [Int](repeating: -1, count: areas.count)
        var served: [Int] = []
        for (i, s) in directory.services.enumerated() where s.status != .closed {
            served.removeAll(keepingCapacity: true)
            func serve(_ r: Int) {
                if servedBy[r] != i { servedBy[r] = i; served.append(r) }
            }
            for a in s.areas {
                if let rs = under[a] {
                    rs.forEach(serve)
                } else if let r = ctx.lineage(of: a).lazy.compactMap({ reporting[$0] }).first {
                    serve(r)
                }
            }
            guard !served.isEmpty else { continue }
            let c: Int
            if let known = categories[s.category] {
                c = known
            } else {
                c = lists.count
                categories[s.category] = c
                lists.append(.init(repeating: [], count: areas.count))
            }
            for r in served { lists[c][r].append(i) }
        }
        byCategoryArea = categories.mapValues { lists[$0] }
        members = populations.entries.flatMap(\.members)
        populationNames = populations.entries.map(\.info.name)
        isBase = populations.entries.map { $0.info.kind == .base }
        var classes: [FitKey: Int] = [:]
        var classMember: [Int] = []
        fitClass = directory.services.indices.map { i in
            let key = FitKey(directory.services[i])
            if let c = classes[key] { return c }
            classes[key] = classMember.count
            classMember.append(i)
            return classMember.count - 1
        }
        self.classMember = classMember
        areaTexts = areas.map { "\(ctx.areaName($0)) (\($0))" }
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

    /// A service's fit for a step: computed once per class of services and step facts, however
    /// many services share the class and areas they serve (a region-wide service is an option in
    /// each of its districts). `facts[g]` is what member g's profile fixes at the ages the step
    /// leaves (nil: the step does not apply to the member), made once per step rather than per service.
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

    /// What one set of options gives a step in every area it is the set of: the populations'
    /// statuses, the groups left out, the hours, the main languages missing and the findings
    /// (their sentences with the area left out). Areas with the same options share it.
    struct Cell {
        var populations: [PopulationCoverage]
        var groupGaps: [String]
        var allHours: Bool?
        /// Positions in `mainLanguages` of the main languages no option works in (nor interprets).
        var missingLanguages: [Int]
        var findings: [Finding]
    }

    /// A coverage finding of a step without its area: the message is `before`, the area's text, `after`.
    struct Finding {
        var code: Diagnostic.Code
        var before: String
        var after: String
        var help: String
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
            var served: [String] = []
            var specificGap = false
            for mi in entry.members.indices {
                let st = status(g)
                worst = max(worst, st)
                if entry.info.kind == .base {
                    baseStatus.append(st)
                    // Options are in service order, each once: those that serve the member, in order.
                    for (o, x) in zip(options, fits) where x.has(.full, g) { served.append(services[o].id) }
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
                                           options: entry.info.kind == .base ? served : nil))
        }
        return (pops, groupGaps)
    }

    mutating func run() -> [StepCoverage] {
        var rows: [StepCoverage] = []
        var languageGaps: [String: [String: Set<String>]] = [:]  // area → language → categories
        let mainLanguages = context.languages.enumerated().filter { $0.element.main == true }
        let baseCount = populations.entries.filter { $0.info.kind == .base }.count
        // Steps with the same facts share every class's fit.
        var fitsByFacts: [StepFacts: [Fit?]] = [:]
        for p in directory.pathways {
            for s in p.steps {
                let facts = stepFacts([p.appliesWhen] + (s.when.map { [$0] } ?? []))
                let memberFacts = zip(members, facts.ages).map { m, ages in ages.map { m.facts(ages: $0) } }
                var fits = fitsByFacts[facts] ?? [Fit?](repeating: nil, count: classMember.count)
                let byArea = byCategoryArea[s.category]
                let anywhere = byArea != nil
                let emergency = PathwayStructure.isEmergency(s)
                let severity: Severity = s.optional ? .info : .warning
                // Areas served by the same services have the same coverage: compute it once.
                var memo: [[Int]: Cell] = [:]
                var cells: [CoverageCell] = []
                for (ai, area) in areas.enumerated() {
                    let optionIndices = byArea?[ai] ?? []
                    let cell: Cell
                    if let known = memo[optionIndices] {
                        cell = known
                    } else {
                        let optionFits = optionIndices.map { o in
                            let c = fitClass[o]
                            if let known = fits[c] { return known }
                            let f = fit(classMember[c], facts, memberFacts)
                            fits[c] = f
                            return f
                        }
                        let (pops, groupGaps) = populationCoverage(options: optionIndices, fits: optionFits, facts)
                        let allHours: Bool? = emergency ? optionIndices.contains { services[$0].hours?.coversWholeWeek == true } : nil
                        let missing = optionIndices.isEmpty || s.optional ? [] : mainLanguages.indices.filter { l in
                            let code = mainLanguages[l].element.code
                            return !optionIndices.contains { services[$0].languages.contains(code) || services[$0].interpretation }
                        }
                        cell = Cell(populations: pops, groupGaps: groupGaps, allHours: allHours, missingLanguages: missing,
                                    findings: anywhere ? findings(s, pops: pops, groupGaps: groupGaps, options: optionIndices,
                                                                  allHours: allHours) : [])
                        memo[optionIndices] = cell
                    }
                    let pops = cell.populations
                    cells.append(CoverageCell(area: area, status: pops.map(\.status).max() ?? .notApplicable,
                                              baseStatus: pops.prefix(baseCount).map(\.status).max() ?? .notApplicable,
                                              allHours: cell.allHours, services: optionIndices.map { services[$0].id },
                                              populations: pops))
                    for f in cell.findings {
                        findings.append(Diagnostic(severity, code: f.code, place: s.place, id: s.id,
                                                   message: f.before + areaTexts[ai] + f.after, help: f.help))
                    }
                    for l in cell.missingLanguages {
                        languageGaps[area, default: [:]][mainLanguages[l].element.code, default: []].insert(s.category)
                    }
                }
                fitsByFacts[facts] = fits
                rows.append(StepCoverage(pathway: p.id, step: s.id, stepName: s.name, category: s.category,
                                         emergency: emergency, optional: s.optional, cells: cells))
            }
        }
        for (ai, area) in areas.enumerated() {
            for (i, lang) in mainLanguages {
                guard let cats = languageGaps[area]?[lang.code], !cats.isEmpty else { continue }
                let names = cats.sorted().map { context.categories[$0]?.name ?? $0 }
                findings.append(Diagnostic(
                    .warning, code: .coverageLanguage, place: SourcePlace(file: context.file, path: "$.languages[\(i)]"),
                    id: lang.code,
                    message: "no open service in \(areaTexts[ai]) works in \(lang.name) or offers interpretation for: \(names.joined(separator: ", "))",
                    help: "\(lang.name) is a main language of the context: find a provider or interpreters for these services in this area"))
            }
        }
        return rows
    }

    /// The findings of a step for one set of options, with the area left out of their sentences
    /// (made once per set, whatever the number of areas it is the set of).
    private func findings(_ s: Step, pops: [PopulationCoverage], groupGaps: [String], options: [Int],
                          allHours: Bool?) -> [Finding]
    {
        var out: [Finding] = []
        // Optional steps (police, for example) are the person's choice: only a gap is worth a note.
        let (names, isBase) = (populationNames, self.isBase)
        let applicable = pops.indices.filter { isBase[$0] && pops[$0].status != .notApplicable }.count
        func list(_ st: CoverageStatus) -> [String] {
            pops.indices.filter { isBase[$0] && pops[$0].status == st }.map { names[$0] }
        }
        func who(_ l: [String]) -> String {
            l.count == applicable ? "everyone the step applies to" : l.joined(separator: ", ")
        }
        let step = "step '\(s.name)' (\(s.category))"
        func add(_ code: Diagnostic.Code, _ before: String, _ after: String, _ help: String) {
            out.append(Finding(code: code, before: before, after: after, help: help))
        }
        let gaps = list(.gap)
        if !gaps.isEmpty {
            add(.coverageGap, "\(step) has no open, eligible service in ",
                " for \(gaps.count == applicable ? "anyone" : who(gaps))",
                "map a provider of \(s.category) serving this area and population, or agree a referral to a neighbouring area")
        }
        if s.optional { return out }
        let partial = list(.partial)
        if !partial.isEmpty {
            var m = " has only services restricted by legal status, population group or age for \(who(partial))"
            if !groupGaps.isEmpty { m += ": left without an option: \(groupGaps.joined(separator: ", "))" }
            add(.coverageRestrictedOnly, "\(step) in ", m,
                "non-discrimination: find a provider that serves everyone, whatever their status, or agree an exception with the provider")
        }
        let waitlist = list(.waitlistOnly)
        if !waitlist.isEmpty {
            add(.coverageWaitlistOnly, "\(step) in ", " has only services at capacity (waiting list) for \(who(waitlist))",
                "agree emergency places with the provider or map another one")
        }
        let reporting = list(.reportingOnly)
        if !reporting.isEmpty {
            // Each option once (a directory's service ids are unique): no set needed.
            let providers = options.filter { !services[$0].mandatoryReporting.isEmpty }.map { services[$0].id }.sorted()
            add(.coverageReportingOnly, "\(step) in ",
                ": every option for \(who(reporting)) carries a mandatory-reporting duty (\(providers.joined(separator: ", ")))",
                "people must be told what will be reported before any referral; map an option without the duty if one exists")
        }
        if allHours == false && !options.isEmpty {
            add(.coverageEmergencyHours, "emergency \(step) has no option open at every hour in ",
                " (services: \(options.map { services[$0].id }.joined(separator: ", ")))",
                "record 24/7 hours (hours.alwaysOpen) if a provider has them, or map an on-call option")
        }
        return out
    }
}
