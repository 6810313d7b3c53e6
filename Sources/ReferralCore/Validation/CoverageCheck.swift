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
    /// Open or waitlisted services by category, in id order.
    private let byCategory: [String: [Service]]

    init(directory: Directory, populations: PopulationSet, areas: [String]) {
        self.directory = directory
        self.populations = populations
        self.areas = areas
        var by: [String: [Service]] = [:]
        for s in directory.services where s.status != .closed { by[s.category, default: []].append(s) }
        byCategory = by
    }

    /// Whether the service serves `area`: it serves the area, an ancestor, or a part of it (a
    /// district is covered by a service in one of its sub-districts).
    func serves(_ s: Service, _ area: String) -> Bool {
        s.areas.contains { context.area(area, isWithin: $0) || context.area($0, isWithin: area) }
    }

    func hasDuty(_ s: Service, for m: Profile) -> Bool {
        context.rules.mandatoryReporting.contains { d in
            s.mandatoryReporting.contains(d.id) && (d.appliesWhen.map { m.truth(of: $0) != .no } ?? true)
        }
    }

    func status(_ m: Profile, options: [Service], conditions: [ConditionDocument]) -> (CoverageStatus, [Service]) {
        guard Truth.all(conditions.map(m.truth)) != .no, let ages = m.ages(within: conditions) else {
            return (.notApplicable, [])
        }
        var full: [Service] = []
        var partial = false
        for s in options {
            switch m.fit(s, ages: ages) {
            case .full: full.append(s)
            case .partial: partial = true
            case .none: break
            }
        }
        if full.isEmpty { return (partial ? .partial : .gap, []) }
        let free = full.filter { !hasDuty($0, for: m) }
        if free.contains(where: { $0.status == .open }) { return (.covered, full) }
        if !free.isEmpty { return (.waitlistOnly, full) }
        return (.reportingOnly, full)
    }

    mutating func run() -> [StepCoverage] {
        var rows: [StepCoverage] = []
        var languageGaps: [String: [String: Set<String>]] = [:]  // area → language → categories
        let mainLanguages = context.languages.enumerated().filter { $0.element.main == true }
        for p in directory.pathways {
            for s in p.steps {
                let conditions = [p.appliesWhen] + (s.when.map { [$0] } ?? [])
                let candidates = byCategory[s.category] ?? []
                let emergency = PathwayStructure.isEmergency(s)
                var cells: [CoverageCell] = []
                for area in areas {
                    let options = candidates.filter { serves($0, area) }
                    var baseStatus: [Profile: CoverageStatus] = [:]
                    var pops: [PopulationCoverage] = []
                    var groupGaps: [String] = []
                    for entry in populations.entries {
                        var worst: CoverageStatus = .notApplicable
                        var served: Set<String> = []
                        var specificGap = false
                        for m in entry.members {
                            let (st, full) = status(m, options: options, conditions: conditions)
                            worst = max(worst, st)
                            served.formUnion(full.map(\.id))
                            if entry.info.kind == .base {
                                baseStatus[m] = st
                            } else {
                                var b = m
                                b.group = nil
                                b.legalStatus = nil
                                let bs = baseStatus[b] ?? .notApplicable
                                if st == .gap && bs != .gap && bs != .notApplicable { specificGap = true }
                            }
                        }
                        if specificGap { groupGaps.append(entry.info.name) }
                        pops.append(PopulationCoverage(population: entry.info.id, status: worst, options: served.sorted()))
                    }
                    let allHours: Bool? = emergency ? options.contains { $0.hours?.coversWholeWeek == true } : nil
                    let basePops = pops.prefix(populations.entries.filter { $0.info.kind == .base }.count)
                    cells.append(CoverageCell(area: area, status: pops.map(\.status).max() ?? .notApplicable,
                                              baseStatus: basePops.map(\.status).max() ?? .notApplicable, allHours: allHours, services: options.map(\.id), populations: pops))
                    if !candidates.isEmpty {
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
                    .warning, code: "coverage.language", place: SourcePlace(file: context.file, path: "$.languages[\(i)]"),
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
        func add(_ code: String, _ message: String, _ help: String) {
            findings.append(Diagnostic(severity, code: code, place: s.place, id: s.id, message: message, help: help))
        }
        let gaps = list(.gap)
        if !gaps.isEmpty {
            add("coverage.gap",
                "\(step) has no open, eligible service in \(areaText(area)) for \(gaps.count == applicable ? "anyone" : who(gaps))",
                "map a provider of \(s.category) serving this area and population, or agree a referral to a neighbouring area")
        }
        if s.optional { return }
        let partial = list(.partial)
        if !partial.isEmpty {
            var m = "\(step) in \(areaText(area)) has only services restricted by legal status, population group or age for \(who(partial))"
            if !groupGaps.isEmpty { m += ": left without an option: \(groupGaps.joined(separator: ", "))" }
            add("coverage.restricted-only", m,
                "non-discrimination: find a provider that serves everyone, whatever their status, or agree an exception with the provider")
        }
        let waitlist = list(.waitlistOnly)
        if !waitlist.isEmpty {
            add("coverage.waitlist-only",
                "\(step) in \(areaText(area)) has only services at capacity (waiting list) for \(who(waitlist))",
                "agree emergency places with the provider or map another one")
        }
        let reporting = list(.reportingOnly)
        if !reporting.isEmpty {
            let providers = Set(options.filter { !$0.mandatoryReporting.isEmpty }.map(\.id)).sorted()
            add("coverage.reporting-only",
                "\(step) in \(areaText(area)): every option for \(who(reporting)) carries a mandatory-reporting duty (\(providers.joined(separator: ", ")))",
                "people must be told what will be reported before any referral; map an option without the duty if one exists")
        }
        if allHours == false && !options.isEmpty {
            add("coverage.emergency-hours",
                "emergency \(step) has no option open at every hour in \(areaText(area)) (services: \(options.map(\.id).joined(separator: ", ")))",
                "record 24/7 hours (hours.alwaysOpen) if a provider has them, or map an on-call option")
        }
    }
}
