/// Answers a coordinator's question "is our pathway complete, and where are the gaps?" for one
/// loaded context at one date.
///
/// Every check runs and every finding is kept: the loader's (syntax, references, duplicates),
/// the structure of each pathway graph, coverage per step × area × population, and the data
/// quality of each service. Nothing here reads the clock: the date is a parameter.
public enum Validator {

    /// Validates a loaded context at `time` (the staleness check counts days up to it).
    ///
    /// - Parameters:
    ///   - load: what `DirectoryLoader` returned; its findings are part of the report. Load with
    ///     `strict: false` to keep a usable directory despite a malformed entry.
    ///   - time: "now" for the checks; only its local day is used.
    /// - Returns: the report, findings in `reportOrder`: what made a file unreadable first, then by
    ///   severity and place. Nothing is inferred from an unreadable file's absence.
    public static func validate(_ load: DirectoryLoader.Result, at time: RoutingTime) -> ValidationReport {
        var findings = load.diagnostics + notComputed(load.unreadable)
        guard let d = load.directory else {
            return ValidationReport(context: nil, at: time.iso8601, summary: summary(findings, nil, rows: []),
                                    findings: reportOrder(findings, unreadable: load.unreadable), areas: [],
                                    populations: [], pathways: [], coverage: [])
        }
        // Without the services, every step would look unprovided and every cell a gap.
        let servicesUnknown = load.unreadable.contains { $0.kind == .services }
        let ctx = d.context

        // Structure.
        let pathways = d.pathways.map(PathwayStructure.analyse)
        var offered: Set<String> = []
        var closedOnly: Set<String> = []
        // Field by field: copying each whole service would cost more than the check.
        for i in d.services.indices {
            if d.services[i].status == .closed { closedOnly.insert(d.services[i].category) } else { offered.insert(d.services[i].category) }
        }
        for (p, summary) in zip(d.pathways, pathways) {
            findings += structureFindings(p, summary)
            for s in p.steps where !offered.contains(s.category) && !servicesUnknown {
                let closed = closedOnly.contains(s.category) ? " (only closed ones)" : ""
                findings.append(Diagnostic(
                    s.optional ? .info : .warning, code: .structureNoProvider, place: s.place, id: s.id,
                    message: "no open service of category \(s.category) exists anywhere\(closed): step '\(s.name)' leaves everyone without an option",
                    help: "map a provider of \(s.category) in services.json, or remove the step if the pathway does not need it"))
            }
        }

        // Coverage.
        let areas = ctx.areas.values.filter { $0.level == ctx.reportingLevel }.map(\.pcode).sorted()
        findings += areasOutsideCoverage(ctx)
        let populations = PopulationSet(context: ctx, groupOrder: ctx.populationGroups.keys.sorted(),
                                        legalStatusOrder: ctx.legalStatuses.keys.sorted())
        var rows: [StepCoverage] = []
        if !servicesUnknown {
            var coverage = CoverageCheck(directory: d, populations: populations, areas: areas)
            rows = coverage.run()
            findings += coverage.findings
        }

        // Data quality.
        DataQualityCheck.run(d, today: time.localDay, into: &findings)

        return ValidationReport(
            context: ReportContext(id: ctx.id, name: ctx.name, fictional: ctx.fictional, reportingLevel: ctx.reportingLevel,
                                   staleAfterDays: ctx.rules.staleAfterDays),
            at: time.iso8601, summary: summary(findings, d, rows: rows),
            findings: reportOrder(findings, unreadable: load.unreadable),
            areas: areas.map { ReportArea(pcode: $0, name: ctx.areaName($0), parent: ctx.areas[$0]?.parent) },
            populations: populations.entries.map(\.info), pathways: pathways, coverage: rows)
    }

    static func structureFindings(_ p: Pathway, _ s: PathwaySummary) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for id in s.unreachable {
            guard let i = p.stepIndex(id) else { continue }
            out.append(Diagnostic(
                .error, code: .structureUnreachable, place: p.steps[i].place, id: id,
                message: "step '\(id)' of pathway '\(p.id)' cannot be reached from its entry steps (\(s.entry.joined(separator: ", ")))",
                help: "add a link to it from another step, list it in entry, or remove it"))
        }
        for cycle in s.cycles {
            guard let a = p.stepIndex(cycle[0]), let b = p.stepIndex(cycle[1]),
                let link = p.links[a].first(where: { $0.to == b })
            else { continue }
            out.append(Diagnostic(
                .error, code: .structureCycle, place: link.place, id: cycle[0],
                message: "pathway '\(p.id)' loops: \(cycle.joined(separator: " → "))",
                help: "remove one of these links: a referral pathway must always move on"))
        }
        for id in s.deadEnds {
            guard let i = p.stepIndex(id) else { continue }
            out.append(Diagnostic(
                .error, code: .structureDeadEnd, place: p.steps[i].place, id: id,
                message: "step '\(id)' of pathway '\(p.id)' is not terminal but links to no next step",
                help: "link it to the next step, or mark it \"terminal\": true if the pathway may end there"))
        }
        return out
    }

    static func summary(_ findings: [Diagnostic], _ d: Directory?, rows: [StepCoverage]) -> ValidationSummary {
        var codes: [Diagnostic.Code: Int] = [:]
        var bySeverity: [Severity: Int] = [:]
        // Findings of one code come in runs (a check's findings are made together): count runs.
        var i = 0
        while i < findings.count {
            let (code, severity) = (findings[i].code, findings[i].severity)
            var n = 1
            while i + n < findings.count, findings[i + n].code == code, findings[i + n].severity == severity { n += 1 }
            codes[code, default: 0] += n
            bySeverity[severity, default: 0] += n
            i += n
        }
        var (cells, gaps, notCovered) = (0, 0, 0)
        for row in rows {
            for c in row.cells {
                cells += 1
                if c.status == .gap { gaps += 1 }
                if c.status > .covered { notCovered += 1 }
            }
        }
        return ValidationSummary(
            errors: bySeverity[.error] ?? 0, warnings: bySeverity[.warning] ?? 0, info: bySeverity[.info] ?? 0,
            byCode: codes.sorted { $0.key < $1.key }.map { CodeCount(code: $0.key, count: $0.value) },
            services: d?.services.count ?? 0, pathways: d?.pathways.count ?? 0,
            areas: d.map { ctx in ctx.context.areas.values.filter { $0.level == ctx.context.reportingLevel }.count } ?? 0,
            cells: cells, cellsWithGaps: gaps, cellsNotFullyCovered: notCovered)
    }
}
