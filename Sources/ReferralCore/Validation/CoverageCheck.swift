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
    /// Open or waitlisted services by category id, then by the reporting area they serve (its
    /// position in `areas`), in id order. A service serves an area when it serves the area, an
    /// ancestor, or a part of it (a district is covered by a service in one of its sub-districts).
    /// nil for a category no open service of which serves a reporting area.
    private let byCategoryArea: [[[Int]]?]
    private let services: [Service]
    /// The services' ids, made once (`Service.id` makes its string on each read).
    private let serviceIDs: [String]
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

    /// What decides a service's fit: its eligibility (interned: services with the same one share
    /// its id), status and reporting duties.
    private struct FitKey: Hashable {
        var eligibility: Int
        var status: ServiceStatus
        var duties: [Int32]
        init(_ s: Service) {
            (eligibility, status, duties) = (s.eligibilityID, s.status, Array(s.dutyIDs))
        }
    }

    init(directory: Directory, populations: PopulationSet, areas: [String]) {
        self.directory = directory
        self.populations = populations
        self.areas = areas
        services = directory.services
        serviceIDs = directory.services.map(\.id)
        let ctx = directory.context
        let ids = ctx.ids
        // By area id: the reporting areas (positions in `areas`) under the area (itself included),
        // and the area's own position when it is one.
        var under = [[Int]](repeating: [], count: ids.areas.count)
        var reporting = [Int](repeating: -1, count: ids.areas.count)
        for (r, pcode) in areas.enumerated() {
            for a in ids.lineage(of: pcode) { under[Int(a)].append(r) }
            if let a = ids.areas.id(pcode) { reporting[Int(a)] = r }
        }
        var lists = [[[Int]]?](repeating: nil, count: ids.categories.count)
        // The reporting areas a service serves, each once: `servedBy[r]` is the last service that served r.
        var servedBy = [Int](repeating: -1, count: areas.count)
        var served: [Int] = []
        for i in services.indices where services[i].status != .closed {
            served.removeAll(keepingCapacity: true)
            func serve(_ r: Int) {
                if servedBy[r] != i { servedBy[r] = i; served.append(r) }
            }
            for a in services[i].areaIDs {
                if !under[Int(a)].isEmpty {
                    under[Int(a)].forEach(serve)
                } else if let r = ids.areaTree.lineage(a).lazy.map({ reporting[Int($0)] }).first(where: { $0 >= 0 }) {
                    serve(r)
                }
            }
            guard !served.isEmpty else { continue }
            let c = Int(services[i].categoryID)
            if lists[c] == nil { lists[c] = .init(repeating: [], count: areas.count) }
            for r in served { lists[c]![r].append(i) }
        }
        byCategoryArea = lists
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

    /// How each class of services serves the members of a step, as sets of members (bits,
    /// `words` words each): fully, partly (some members only), fully without a reporting duty that
    /// may apply to them, and the same while open (not at capacity). One flat table for every
    /// class, filled as classes are met; the sets of class c start at `4 * words * c`.
    struct Fits {
        enum Kind: Int { case full, partial, free, freeOpen }
        let words: Int
        private(set) var bits: [UInt64]
        private(set) var known: [Bool]
        init(classes: Int, members: Int) {
            words = (members + 63) / 64
            bits = .init(repeating: 0, count: 4 * words * classes)
            known = .init(repeating: false, count: classes)
        }
        func has(_ c: Int, _ set: Kind, _ g: Int) -> Bool {
            bits[(4 * c + set.rawValue) * words + g / 64] & (1 << UInt64(g % 64)) != 0
        }
        mutating func insert(_ c: Int, _ set: Kind, _ g: Int) { bits[(4 * c + set.rawValue) * words + g / 64] |= 1 << UInt64(g % 64) }
        mutating func markKnown(_ c: Int) { known[c] = true }
        /// Adds the sets of class `c` of `other` to those of class 0 (a union of classes).
        mutating func formUnion(_ c: Int, of other: Fits) {
            for i in 0..<(4 * words) { bits[i] |= other.bits[4 * words * c + i] }
        }
    }

    /// A class's fit for a step: computed once per class of services and step facts, however
    /// many services share the class and areas they serve (a region-wide service is an option in
    /// each of its districts). `facts[g]` is what member g's profile fixes at the ages the step
    /// leaves (nil: the step does not apply to the member), made once per step rather than per service.
    func fit(_ c: Int, _ f: StepFacts, _ facts: [FactIDs?], into fits: inout Fits) {
        let s = services[classMember[c]]
        for g in facts.indices {
            guard let memberFacts = facts[g] else { continue }
            // The router's eligibility (`EligibilityIDs.evaluate`), with the member's facts made once.
            switch s.eligibilityIDs.evaluate(memberFacts).overall {
            case .yes:
                fits.insert(c, .full, g)
                if f.duties[g].isEmpty || !s.mandatoryReporting.contains(where: f.duties[g].contains) {
                    fits.insert(c, .free, g)
                    if s.status == .open { fits.insert(c, .freeOpen, g) }
                }
            case .unknown: fits.insert(c, .partial, g)
            case .no: break
            }
        }
        fits.markKnown(c)
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

    /// Every population's status for one set of options (their classes' fits known), and the
    /// groups left without an option where others of the same sex and age have one.
    func populationCoverage(options: [Int], fits: Fits, _ f: StepFacts) -> ([PopulationCoverage], [String]) {
        var any = Fits(classes: 1, members: 64 * fits.words)
        for o in options { any.formUnion(fitClass[o], of: fits) }
        func status(_ g: Int) -> CoverageStatus {
            guard f.ages[g] != nil else { return .notApplicable }
            if !any.has(0, .full, g) { return any.has(0, .partial, g) ? .partial : .gap }
            if any.has(0, .freeOpen, g) { return .covered }
            return any.has(0, .free, g) ? .waitlistOnly : .reportingOnly
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
                    served.reserveCapacity(options.count)
                    // Options are in service order, each once: those that serve the member, in order.
                    for o in options where fits.has(fitClass[o], .full, g) { served.append(serviceIDs[o]) }
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
        let mainLanguageIDs = mainLanguages.map { context.ids.languages.id($0.element.code) ?? -1 }
        let baseCount = populations.entries.filter { $0.info.kind == .base }.count
        // Steps with the same facts share every class's fit.
        var fitsByFacts: [StepFacts: Fits] = [:]
        for p in directory.pathways {
            for s in p.steps {
                let facts = stepFacts([p.appliesWhen] + (s.when.map { [$0] } ?? []))
                let memberFacts = zip(members, facts.ages).map { m, ages in ages.map { FactIDs(m.facts(ages: $0), context.ids) } }
                var fits = fitsByFacts[facts] ?? Fits(classes: classMember.count, members: members.count)
                let byArea = context.ids.categories.id(s.category).flatMap { byCategoryArea[Int($0)] }
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
                        for o in optionIndices where !fits.known[fitClass[o]] { fit(fitClass[o], facts, memberFacts, into: &fits) }
                        let (pops, groupGaps) = populationCoverage(options: optionIndices, fits: fits, facts)
                        let allHours: Bool? = emergency ? optionIndices.contains { services[$0].hours?.coversWholeWeek == true } : nil
                        let missing = optionIndices.isEmpty || s.optional ? [] : mainLanguages.indices.filter { l in
                            let language = mainLanguageIDs[l]
                            return !optionIndices.contains { services[$0].languageIDs.contains(language) || services[$0].interpretation }
                        }
                        cell = Cell(populations: pops, groupGaps: groupGaps, allHours: allHours, missingLanguages: missing,
                                    findings: anywhere ? findings(s, pops: pops, groupGaps: groupGaps, options: optionIndices,
                                                                  allHours: allHours) : [])
                        memo[optionIndices] = cell
                    }
                    let pops = cell.populations
                    cells.append(CoverageCell(area: area, status: pops.map(\.status).max() ?? .notApplicable,
                                              baseStatus: pops.prefix(baseCount).map(\.status).max() ?? .notApplicable,
                                              allHours: cell.allHours, services: optionIndices.map { serviceIDs[$0] },
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
            let providers = options.filter { !services[$0].dutyIDs.isEmpty }.map { serviceIDs[$0] }.sorted()
            add(.coverageReportingOnly, "\(step) in ",
                ": every option for \(who(reporting)) carries a mandatory-reporting duty (\(providers.joined(separator: ", ")))",
                "people must be told what will be reported before any referral; map an option without the duty if one exists")
        }
        if allHours == false && !options.isEmpty {
            add(.coverageEmergencyHours, "emergency \(step) has no option open at every hour in ",
                " (services: \(options.map { serviceIDs[$0] }.joined(separator: ", ")))",
                "record 24/7 hours (hours.alwaysOpen) if a provider has them, or map an on-call option")
        }
        return out
    }
}
