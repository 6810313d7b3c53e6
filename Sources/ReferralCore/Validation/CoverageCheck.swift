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
    }

    /// Whether a step applies to each member of each population, and for which ages.
    typealias Applicability = [[ClosedRange<Int>?]]

    func applicability(_ conditions: [Condition]) -> Applicability {
        populations.entries.map { e in
            e.members.map { m in conditions.contains { m.truth(of: $0) == .no } ? nil : m.ages(within: conditions) }
        }
    }

    /// The reporting duties that may apply to each member of each population (by duty id).
    private var duties: [[Set<String>]] {
        populations.entries.map { e in
            e.members.map { m in
                Set(context.rules.mandatoryReporting.filter { m.truth(of: $0.appliesWhen) != .no }.map(\.id))
            }
        }
    }

    func status(_ m: Profile, ages: ClosedRange<Int>?, duties: Set<String>, options: [Int]) -> (CoverageStatus, [Int]) {
        guard let ages else { return (.notApplicable, []) }
        var full: [Int] = []
        var partial = false
        for i in options {
            switch m.fit(services[i], ages: ages) {
            case .yes: full.append(i)
            case .unknown: partial = true
            case .no: break
            }
        }
        if full.isEmpty { return (partial ? .partial : .gap, []) }
        let free = duties.isEmpty ? full : full.filter { !services[$0].mandatoryReporting.contains(where: duties.contains) }
        if free.contains(where: { services[$0].status == .open }) { return (.covered, full) }
        if !free.isEmpty { return (.waitlistOnly, full) }
        return (.reportingOnly, full)
    }

    /// Every population's status for one set of options, and the groups left without an
    /// option where others of the same sex and age have one.
    func populationCoverage(options: [Int], applicability: Applicability, duties: [[Set<String>]])
        -> ([PopulationCoverage], [String])
    {
        // Member k of a group or legal-status population is base population k with that group.
        var baseStatus: [CoverageStatus] = []
        var pops: [PopulationCoverage] = []
        var groupGaps: [String] = []
        for (ei, entry) in populations.entries.enumerated() {
            var worst: CoverageStatus = .notApplicable
            var served: Set<Int> = []
            var specificGap = false
            for (mi, m) in entry.members.enumerated() {
                let (st, full) = status(m, ages: applicability[ei][mi], duties: duties[ei][mi], options: options)
                worst = max(worst, st)
                served.formUnion(full)
                if entry.info.kind == .base {
                    baseStatus.append(st)
                } else if mi < baseStatus.count {
                    let bs = baseStatus[mi]
                    if st == .gap && bs != .gap && bs != .notApplicable { specificGap = true }
                }
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
        let duties = self.duties
        for p in directory.pathways {
            for s in p.steps {
                let applicable = applicability([p.appliesWhen] + (s.when.map { [$0] } ?? []))
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
                        (pops, groupGaps) = populationCoverage(options: optionIndices, applicability: applicable, duties: duties)
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
        let names = Dictionary(uniqueKeysWithValues: populations.entries.map { ($0.info.id, $0.info.name) })
        let baseIDs = Set(populations.entries.filter { $0.info.kind == .base }.map(\.info.id))
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
