/// The populations coverage is checked for, and how conditions and eligibility read for a whole
/// population rather than one case.
///
/// A population is a sex, an age band (child or adult under the context's adult age) and
/// optionally one population group or one legal status. Conditions on facts a population does
/// not fix (incident type, distress…) may hold or not: they never rule a step out.

/// One population, as the facts every member shares.
struct Profile: Hashable {
    var sex: Sex
    var ageMin: Int
    var ageMax: Int
    var group: String?
    var legalStatus: String?

    /// What is known of every member: facts the population does not fix are unknown, so a
    /// condition on them may hold or not (it never rules a step out).
    func facts(ages: ClosedRange<Int>? = nil) -> Facts {
        var f = Facts(ages: ages ?? ageMin...ageMax, sex: sex)
        f.populationGroups = group.map { [$0] }
        f.legalStatus = legalStatus
        return f
    }

    /// Whether the condition holds for every member, no member, or some (`unknown`).
    func truth(of c: Condition) -> Truth { c.evaluate(facts(), .unknown) }

    /// The ages of this population the conditions' top-level age bounds leave, if any.
    func ages(within conditions: [Condition]) -> ClosedRange<Int>? {
        var ages: ClosedRange<Int>? = ageMin...ageMax
        for c in conditions { ages = ages.flatMap(c.narrowing) }
        return ages
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
        let bands: [(String, ClosedRange<Int>)] = [("child", 0...(adult - 1)), ("adult", adult...AgeValue.oldest)]
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
