import Foundation

/// Builds pathways (steps, links, conditions, windows) from their documents.
///
/// Part of `DirectoryBuilder` (see DirectoryLoader.swift): documents in, validated model out, every
/// problem reported with its place.
extension DirectoryBuilder {
    mutating func buildPathways(_ docs: [(PathwayDocument, Locator)], context: Context) -> [Pathway] {
        var out: [Pathway] = []
        var ids: [String: Locator] = [:]
        let pathwayIDs = Set(docs.map(\.0.id))
        for (p, l) in docs {
            guard checkID(p.id, l["id"], what: "pathway") else { continue }
            if let first = ids[p.id] {
                error(.dupPathway, l["id"], id: p.id, "pathway id '\(p.id)' is used twice", related: first["id"].place)
                continue
            }
            ids[p.id] = l
            let before = errorCount
            checkCondition(p.appliesWhen, l["appliesWhen"], context: context, pathways: pathwayIDs)
            var stepIndex: [String: Int] = [:]
            var steps: [Step] = []
            for (i, s) in p.steps.enumerated() {
                let sl = l["steps"][i]
                guard checkID(s.id, sl["id"], what: "step") else { continue }
                if let first = stepIndex[s.id] {
                    error(.dupStep, sl["id"], id: s.id, "step id '\(s.id)' is used twice in pathway '\(p.id)'",
                          related: l["steps"][first]["id"].place)
                    continue
                }
                if context.categories[s.category] == nil {
                    unknown(.refUnknownCategory, sl["category"], s.category, "category", context.categories.keys)
                }
                if let w = s.when { checkCondition(w, sl["when"], context: context, pathways: pathwayIDs) }
                for (j, e) in (s.escalate ?? []).enumerated() {
                    checkCondition(e.when, sl["escalate"][j]["when"], context: context, pathways: pathwayIDs)
                }
                for (j, w) in (s.windows ?? []).enumerated() {
                    if !(w.hours > 0 && w.hours <= RoutingTime.maxHours) {
                        error(.stepWindow, sl["windows"][j]["hours"], id: w.id, "a time window must be between 0 and 1000000 hours")
                    }
                    if let c = w.when { checkCondition(c, sl["windows"][j]["when"], context: context, pathways: pathwayIDs) }
                }
                if let h = s.respondWithinHours, !(h >= 0 && h <= RoutingTime.maxHours) {
                    error(.stepRespondWithin, sl["respondWithinHours"], id: s.id, "respondWithinHours must be between 0 and 1000000")
                }
                stepIndex[s.id] = steps.count
                steps.append(Step(
                    id: s.id, name: s.name, category: s.category, when: s.when.map(Condition.init), urgency: s.urgency,
                    respondWithinHours: s.respondWithinHours,
                    windows: (s.windows ?? []).map {
                        Step.Window(id: $0.id, name: $0.name, hours: $0.hours, urgency: $0.urgency,
                                    when: $0.when.map(Condition.init), note: $0.note)
                    },
                    escalate: (s.escalate ?? []).map {
                        Step.Escalation(when: Condition($0.when), urgency: $0.urgency, reason: $0.reason)
                    },
                    terminal: s.terminal ?? false, optional: s.optional ?? false, note: s.note, criticalNote: s.criticalNote,
                    place: sl.place))
            }
            var entry: [Int] = []
            for (i, e) in p.entry.enumerated() {
                if let idx = stepIndex[e] { entry.append(idx) } else {
                    unknown(.refUnknownStep, l["entry"][i], e, "step", stepIndex.keys)
                }
            }
            if p.entry.isEmpty { error(.pathwayNoEntry, l["entry"], id: p.id, "a pathway needs at least one entry step") }
            var links = [[Pathway.Link]](repeating: [], count: steps.count)
            for (i, k) in p.links.enumerated() {
                let kl = l["links"][i]
                let from = stepIndex[k.from]
                let to = stepIndex[k.to]
                if from == nil { unknown(.refUnknownStep, kl["from"], k.from, "step", stepIndex.keys) }
                if to == nil { unknown(.refUnknownStep, kl["to"], k.to, "step", stepIndex.keys) }
                if let w = k.when { checkCondition(w, kl["when"], context: context, pathways: pathwayIDs) }
                if let from, let to { links[from].append(Pathway.Link(to: to, when: k.when.map(Condition.init), place: kl.place)) }
            }
            if errorCount != before { continue }
            out.append(Pathway(id: p.id, name: p.name, appliesWhen: Condition(p.appliesWhen), steps: steps, entry: entry,
                               links: links, file: l.file.name))
        }
        return out
    }

    mutating func checkCondition(_ c: ConditionDocument, _ l: Locator, context: Context, pathways: Set<String>) {
        for (i, concern) in (c.concerns ?? []).enumerated() where !pathways.contains(concern) {
            unknown(.refUnknownPathway, l["concerns"][i], concern, "pathway", pathways,
                    help: "concerns name pathway ids")
        }
        for (i, g) in (c.populationGroups ?? []).enumerated() where context.populationGroups[g] == nil {
            unknown(.refUnknownGroup, l["populationGroups"][i], g, "population group", context.populationGroups.keys)
        }
        for (i, sub) in (c.anyOf ?? []).enumerated() {
            checkCondition(sub, l["anyOf"][i], context: context, pathways: pathways)
        }
        if let n = c.not { checkCondition(n.value, l["not"], context: context, pathways: pathways) }
    }
}

extension Condition {
    /// The clauses of a condition document, in the order the format lists its fields (the order
    /// reasons name them in). An empty `anyOf` says nothing and is left out.
    init(_ d: ConditionDocument) {
        var c: [Clause] = []
        if let v = d.concerns { c.append(.concerns(v)) }
        if let v = d.incidentTypes { c.append(.incidentTypes(v)) }
        if let v = d.ageAtLeast { c.append(.ageAtLeast(v)) }
        if let v = d.ageAtMost { c.append(.ageAtMost(v)) }
        if let v = d.sexes { c.append(.sexes(v)) }
        if let v = d.separation { c.append(.separation(v)) }
        if let v = d.traffickingIndicators { c.append(.traffickingIndicators(v)) }
        if let v = d.suicidePlan { c.append(.suicidePlan(v)) }
        if let v = d.suicidalThoughts { c.append(.suicidalThoughts(v)) }
        if let v = d.psychosisSigns { c.append(.psychosisSigns(v)) }
        if let v = d.distressAtLeast { c.append(.distressAtLeast(v)) }
        if let v = d.hoursSinceIncidentAtMost { c.append(.hoursSinceIncidentAtMost(v)) }
        if let v = d.caregiverSuspected { c.append(.caregiverSuspected(v)) }
        if let v = d.imminentRiskToLife { c.append(.imminentRiskToLife(v)) }
        if let v = d.injuries { c.append(.injuries(v)) }
        if let v = d.safetyRisk { c.append(.safetyRisk(v)) }
        if let v = d.wantsShelter { c.append(.wantsShelter(v)) }
        if let v = d.populationGroups { c.append(.populationGroups(v)) }
        if let v = d.anyOf, !v.isEmpty { c.append(.anyOf(v.map(Condition.init))) }
        if let v = d.not { c.append(.not(Condition(v.value))) }
        self.init(c)
    }
}
