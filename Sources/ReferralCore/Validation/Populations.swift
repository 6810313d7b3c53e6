/// The populations coverage is checked for, and how conditions and eligibility read for a whole
/// population rather than one case.
///
/// A population is a sex, an age band (child or adult under the context's adult age) and
/// optionally one population group or one legal status. Conditions on facts a population does
/// not fix (incident type, distress…) may hold or not: they never rule a step out.

/// Three-valued truth: a condition holds for everyone in a population, for no one, or for some.
enum Truth {
    case yes, no, maybe

    static func all(_ parts: [Truth]) -> Truth {
        if parts.contains(.no) { return .no }
        return parts.allSatisfy { $0 == .yes } ? .yes : .maybe
    }
}

/// One population, as the facts every member shares.
struct Profile: Hashable {
    var sex: Sex
    var ageMin: Int
    var ageMax: Int
    var group: String?
    var legalStatus: String?

    /// Whether the condition holds for every member, no member, or some.
    func truth(of c: ConditionDocument) -> Truth {
        var parts: [Truth] = []
        if let v = c.ageAtLeast { parts.append(ageMin >= v ? .yes : ageMax < v ? .no : .maybe) }
        if let v = c.ageAtMost { parts.append(ageMax <= v ? .yes : ageMin > v ? .no : .maybe) }
        if let v = c.sexes { parts.append(v.contains(sex) ? .yes : .no) }
        if let v = c.populationGroups {
            if let group { parts.append(v.contains(group) ? .yes : .no) } else { parts.append(.maybe) }
        }
        // Facts a population does not fix.
        if c.concerns != nil || c.incidentTypes != nil || c.separation != nil || c.traffickingIndicators != nil
            || c.suicidePlan != nil || c.psychosisSigns != nil || c.distressAtLeast != nil
            || c.hoursSinceIncidentAtMost != nil || c.caregiverSuspected != nil || c.imminentRiskToLife != nil
        {
            parts.append(.maybe)
        }
        if let any = c.anyOf, !any.isEmpty {
            let r = any.map(truth)
            parts.append(r.contains(.yes) ? .yes : r.allSatisfy { $0 == .no } ? .no : .maybe)
        }
        if let n = c.not {
            switch truth(of: n.value) {
            case .yes: parts.append(.no)
            case .no: parts.append(.yes)
            case .maybe: parts.append(.maybe)
            }
        }
        return Truth.all(parts)
    }

    /// The ages of this population a condition's top-level age bounds leave, if any.
    func ages(within conditions: [ConditionDocument]) -> ClosedRange<Int>? {
        var lo = ageMin, hi = ageMax
        for c in conditions {
            if let v = c.ageAtLeast { lo = max(lo, v) }
            if let v = c.ageAtMost { hi = min(hi, v) }
        }
        return lo <= hi ? lo...hi : nil
    }
}

/// How a service's eligibility meets a population.
enum Fit: Equatable {
    /// Serves every member.
    case full
    /// Serves some members only (restricted by legal status, population group or age).
    case partial
    case none
}

extension Profile {
    func fit(_ s: Service, ages: ClosedRange<Int>) -> Fit {
        let e = s.eligibility
        if let sexes = e.sexes, !sexes.contains(sex) { return .none }
        var partial = false
        let lo = e.minAge ?? 0, hi = e.maxAge ?? Int.max
        if hi < ages.lowerBound || lo > ages.upperBound { return .none }
        if lo > ages.lowerBound || hi < ages.upperBound { partial = true }
        if let groups = e.populationGroups {
            if let group { if !groups.contains(group) { return .none } } else { partial = true }
        }
        if let statuses = e.legalStatuses {
            if let legalStatus { if !statuses.contains(legalStatus) { return .none } } else { partial = true }
        }
        return partial ? .partial : .full
    }
}

/// The populations of a context, in report order: the four sex × age groups, then each
/// population group, then each legal status (both in the order the context lists them).
struct PopulationSet {
    struct Entry {
        var info: ReportPopulation
        /// The sex × age members; one for a base population, four for a group or legal status.
        var members: [Profile]
    }
    var entries: [Entry]
    var base: [Profile] { entries.filter { $0.info.kind == .base }.flatMap(\.members) }

    init(context: Context, groupOrder: [String], legalStatusOrder: [String]) {
        let adult = context.adultAge
        let bands: [(String, ClosedRange<Int>)] = [("child", 0...(adult - 1)), ("adult", adult...130)]
        var base: [(String, String, Profile)] = []
        for sex in [Sex.female, .male] {
            for (band, ages) in bands {
                let name: String
                switch (sex, band) {
                case (.female, "child"): name = "girls (under \(adult))"
                case (.female, _): name = "women"
                case (.male, "child"): name = "boys (under \(adult))"
                default: name = "men"
                }
                base.append(("\(sex.rawValue)-\(band)", name,
                             Profile(sex: sex, ageMin: ages.lowerBound, ageMax: ages.upperBound)))
            }
        }
        var entries = base.map { Entry(info: ReportPopulation(id: $0.0, name: $0.1, kind: .base), members: [$0.2]) }
        for g in groupOrder {
            let members = base.map { var p = $0.2; p.group = g; return p }
            entries.append(Entry(info: ReportPopulation(id: "group:\(g)", name: context.populationGroups[g] ?? g, kind: .group),
                                 members: members))
        }
        for l in legalStatusOrder {
            let members = base.map { var p = $0.2; p.legalStatus = l; return p }
            entries.append(Entry(
                info: ReportPopulation(id: "legal-status:\(l)", name: (context.legalStatuses[l] ?? l) + " (legal status)",
                                       kind: .legalStatus),
                members: members))
        }
        self.entries = entries
    }
}
