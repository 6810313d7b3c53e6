/// What a condition means: evaluated for a case (by the router) or for a whole population (by the
/// coverage check), and described in words (skipped steps, graph labels). Each is one exhaustive
/// switch over `Clause`, so a new clause cannot be half implemented.
extension Condition {

    /// Whether the condition holds for what is known of the subject.
    ///
    /// An age band meets an age bound only if the whole band does: the router never guesses in
    /// favour of a rule when the case is vaguer than the rule.
    func evaluate(_ facts: Facts, _ unknown: UnknownFacts) -> Truth {
        var result = Truth.yes
        for clause in clauses {
            result = result && clause.evaluate(facts, unknown)
            if result == .no { return .no }
        }
        return result
    }

    /// Whether the condition holds for a case (facts the case does not record read as their
    /// defaults; see `UnknownFacts.caseDefaults`).
    public func holds(for c: Case) -> Bool { evaluate(Facts(c), .caseDefaults) == .yes }

    /// The clauses that do not hold for the subject, in words ("incident type is not rape").
    func failures(_ facts: Facts, _ unknown: UnknownFacts) -> [String] {
        clauses.filter { $0.evaluate(facts, unknown) != .yes }.map { $0.describe(.failure(facts, unknown)) }
    }

    /// The facts to ask for the condition to be told: the case fields (`concerns.gbvIncidentType`,
    /// `age`) of the clauses that cannot be told from what the case records, sorted, each once.
    func asks(_ facts: Facts, _ unknown: UnknownFacts) -> [String] {
        var out = Set<String>()
        for c in clauses where c.evaluate(facts, unknown) == .unknown {
            switch c {
            case .anyOf(let alternatives): for a in alternatives { out.formUnion(a.asks(facts, unknown)) }
            case .not(let inner): out.formUnion(inner.asks(facts, unknown))
            default: out.insert(c.field)
            }
        }
        return out.sorted()
    }

    /// The condition in words: `.summary` "incident type is rape and age is 17 or under" (reasons
    /// that name an excluded condition), `.label` "incident rape, age ≤ 17" (graph labels).
    public func describe(_ style: Clause.Style) -> String {
        switch style {
        case .label: clauses.isEmpty ? "always" : clauses.map { $0.describe(.label) }.joined(separator: ", ")
        case .summary, .failure: clauses.isEmpty ? "any case" : clauses.map { $0.describe(.summary) }.joined(separator: " and ")
        }
    }

    /// The concern facts of a case the condition reads (`gbvIncidentType`, `suicidePlan`…), by
    /// their field name in a case's `concerns`: what a form must ask for the condition to be told.
    public var concernFields: Set<String> {
        var out = Set<String>()
        for c in clauses {
            switch c {
            case .incidentTypes: out.insert("gbvIncidentType")
            case .hoursSinceIncidentAtMost: out.insert("hoursSinceIncident")
            case .traffickingIndicators: out.insert("traffickingIndicators")
            case .suicidePlan: out.insert("suicidePlan")
            case .suicidalThoughts: out.insert("suicidalThoughts")
            case .psychosisSigns: out.insert("psychosisSigns")
            case .distressAtLeast: out.insert("distress")
            case .separation: out.insert("separation")
            case .caregiverSuspected: out.insert("caregiverSuspected")
            case .imminentRiskToLife: out.insert("imminentRiskToLife")
            case .injuries: out.insert("injuries")
            case .safetyRisk: out.insert("safetyRisk")
            case .concerns, .ageAtLeast, .ageAtMost, .sexes, .populationGroups, .wantsShelter: break
            case .anyOf(let alternatives): for a in alternatives { out.formUnion(a.concernFields) }
            case .not(let inner): out.formUnion(inner.concernFields)
            }
        }
        return out
    }

    /// The top-level age bounds applied to an age band: the ages of it the condition leaves.
    func narrowing(_ ages: ClosedRange<Int>) -> ClosedRange<Int>? {
        var lo = ages.lowerBound, hi = ages.upperBound
        for c in clauses {
            if case .ageAtLeast(let v) = c { lo = max(lo, v) }
            if case .ageAtMost(let v) = c { hi = min(hi, v) }
        }
        return lo <= hi ? lo...hi : nil
    }
}

extension Clause {
    /// How a clause is put in words.
    public enum Style {
        /// "incident type is rape or sexual-assault"
        case summary
        /// "incident type is not rape or sexual-assault": why it does not hold for these facts.
        case failure(Facts, UnknownFacts)
        /// "incident rape/sexual-assault": short, for graph labels.
        case label
    }

    /// The case field the clause reads, as a path in a case file (`concerns.gbvIncidentType`):
    /// what to ask when the clause cannot be told.
    var field: String {
        switch self {
        case .concerns: "concerns.pathways"
        case .incidentTypes: "concerns.gbvIncidentType"
        case .ageAtLeast, .ageAtMost: "age"
        case .sexes: "sex"
        case .separation: "concerns.separation"
        case .traffickingIndicators: "concerns.traffickingIndicators"
        case .suicidePlan: "concerns.suicidePlan"
        case .suicidalThoughts: "concerns.suicidalThoughts"
        case .psychosisSigns: "concerns.psychosisSigns"
        case .distressAtLeast: "concerns.distress"
        case .hoursSinceIncidentAtMost: "concerns.hoursSinceIncident"
        case .caregiverSuspected: "concerns.caregiverSuspected"
        case .imminentRiskToLife: "concerns.imminentRiskToLife"
        case .injuries: "concerns.injuries"
        case .safetyRisk: "concerns.safetyRisk"
        case .wantsShelter: "preferences.wantsShelter"
        case .populationGroups: "populationGroups"
        case .anyOf, .not: ""
        }
    }

    func evaluate(_ f: Facts, _ unknown: UnknownFacts) -> Truth {
        let defaults = unknown == .caseDefaults
        /// A fact the subject may not record: its value, the documented default when reading a
        /// case, or nil (unknown). Facts without a default are read as they are (nil: unknown).
        func known<T>(_ value: T?, default d: T) -> T? { value ?? (defaults ? d : nil) }
        switch self {
        case .concerns(let v):
            guard let have = f.concerns else { return .unknown }
            return Truth(v.contains(where: have.contains))
        case .incidentTypes(let v):
            // Not yet said (a hotline call): unknown, so a step for rape is asked about, never skipped.
            guard let t = f.incidentType else { return .unknown }
            return Truth(v.contains(t))
        case .ageAtLeast(let v):
            return f.ages.lowerBound >= v ? .yes : f.ages.upperBound < v ? .no : .unknown
        case .ageAtMost(let v):
            return f.ages.upperBound <= v ? .yes : f.ages.lowerBound > v ? .no : .unknown
        case .sexes(let v):
            guard let s = f.sex else { return .unknown }
            // `other` says the person is not recorded as female or male: a condition on sex
            // without it (emergency contraception) cannot be told: ask.
            return v.contains(s) ? .yes : s == .other ? .unknown : .no
        case .separation(let v):
            guard let s = known(f.separation, default: Separation.none) else { return .unknown }
            return Truth(v.contains(s))
        case .traffickingIndicators(let v):
            guard let have = known(f.traffickingIndicators, default: []) else { return .unknown }
            return Truth(v.allSatisfy(have.contains))
        case .suicidePlan(let v):
            guard let have = known(f.suicidePlan, default: false) else { return .unknown }
            return Truth(have == v)
        case .suicidalThoughts(let v):
            guard let have = known(f.suicidalThoughts, default: false) else { return .unknown }
            return Truth(have == v)
        case .psychosisSigns(let v):
            guard let have = known(f.psychosisSigns, default: false) else { return .unknown }
            return Truth(have == v)
        case .distressAtLeast(let v):
            guard let have = known(f.distress, default: Distress.none) else { return .unknown }
            return Truth(have >= v)
        case .hoursSinceIncidentAtMost(let v):
            // Unknown time since the incident: unknown (the router asks, and an unknown escalation
            // still raises the urgency: never withhold care for a fact not yet said).
            guard let h = f.hoursSinceIncident else { return .unknown }
            return Truth(h <= v)
        case .caregiverSuspected(let v):
            guard let have = known(f.caregiverSuspected, default: false) else { return .unknown }
            return Truth(have == v)
        case .imminentRiskToLife(let v):
            guard let have = known(f.imminentRiskToLife, default: false) else { return .unknown }
            return Truth(have == v)
        case .injuries(let v):
            guard let have = known(f.injuries, default: false) else { return .unknown }
            return Truth(have == v)
        case .safetyRisk(let v):
            // Not assessed yet: unknown (the shelter step asks), never read as low.
            guard let r = f.safetyRisk else { return .unknown }
            return Truth(v.contains(r))
        case .wantsShelter(let v):
            guard let have = known(f.wantsShelter, default: false) else { return .unknown }
            return Truth(have == v)
        case .populationGroups(let v):
            guard let have = f.populationGroups else { return .unknown }
            return Truth(v.contains(where: have.contains))
        case .anyOf(let alternatives):
            var result = Truth.no
            for a in alternatives { result = result || a.evaluate(f, unknown) }
            return result
        case .not(let inner):
            return !inner.evaluate(f, unknown)
        }
    }

    func describe(_ style: Style) -> String {
        func or<T: RawRepresentable>(_ v: [T]) -> String where T.RawValue == String { v.map(\.rawValue).joined(separator: " or ") }
        func slash<T: RawRepresentable>(_ v: [T]) -> String where T.RawValue == String { v.map(\.rawValue).joined(separator: "/") }
        func flag(_ v: Bool, _ yes: String, _ no: String) -> String { v ? yes : no }
        switch (self, style) {
        case (.concerns(let v), .summary): return "concerns include \(v.joined(separator: " or "))"
        case (.concerns(let v), .failure): return "concerns include none of \(v.joined(separator: ", "))"
        case (.concerns(let v), .label): return "concern " + v.joined(separator: "/")
        case (.incidentTypes(let v), .summary): return "incident type is \(or(v))"
        case (.incidentTypes(let v), .failure(let f, _)):
            return f.incidentType == nil ? "the incident type is not recorded yet" : "incident type is not \(or(v))"
        case (.incidentTypes(let v), .label): return "incident " + slash(v)
        case (.ageAtLeast(let v), .summary): return "age is \(v) or over"
        case (.ageAtLeast(let v), .failure(let f, _)):
            return f.ages.upperBound >= v ? "the age band may be under \(v): record the age" : "age is not \(v) or over"
        case (.ageAtLeast(let v), .label): return "age ≥ \(v)"
        case (.ageAtMost(let v), .summary): return "age is \(v) or under"
        case (.ageAtMost(let v), .failure(let f, _)):
            return f.ages.lowerBound <= v ? "the age band may be over \(v): record the age" : "age is not \(v) or under"
        case (.ageAtMost(let v), .label): return "age ≤ \(v)"
        case (.sexes(let v), .summary): return "sex is \(or(v))"
        case (.sexes(let v), .failure(let f, _)):
            return f.sex == .other ? "the sex is recorded as other: ask whether this applies" : "sex is not \(or(v))"
        case (.sexes(let v), .label): return "sex " + slash(v)
        case (.separation(let v), .summary): return "separation is \(or(v))"
        case (.separation(let v), .failure): return "separation is not \(or(v))"
        case (.separation(let v), .label): return "separation " + slash(v)
        case (.traffickingIndicators(let v), .summary): return "trafficking indicators include \(v.map(\.rawValue).joined(separator: ", "))"
        case (.traffickingIndicators(let v), .failure):
            return "trafficking indicators do not include all of \(v.map(\.rawValue).joined(separator: ", "))"
        case (.traffickingIndicators(let v), .label): return "indicators " + v.map(\.rawValue).joined(separator: "+")
        case (.suicidePlan(let v), .summary): return flag(v, "a suicide plan is reported", "no suicide plan is reported")
        case (.suicidePlan(let v), .failure): return flag(v, "no suicide plan reported", "a suicide plan is reported")
        case (.suicidePlan(let v), .label): return flag(v, "suicide plan", "no suicide plan")
        case (.suicidalThoughts(let v), .summary): return flag(v, "suicidal thoughts are reported", "no suicidal thoughts are reported")
        case (.suicidalThoughts(let v), .failure): return flag(v, "no suicidal thoughts reported", "suicidal thoughts are reported")
        case (.suicidalThoughts(let v), .label): return flag(v, "suicidal thoughts", "no suicidal thoughts")
        case (.injuries(let v), .summary): return flag(v, "injuries are recorded", "no injuries are recorded")
        case (.injuries(let v), .failure): return flag(v, "no injuries recorded", "injuries are recorded")
        case (.injuries(let v), .label): return flag(v, "injuries", "no injuries")
        case (.safetyRisk(let v), .summary): return "the safety risk is \(or(v))"
        case (.safetyRisk(let v), .failure(let f, _)):
            return f.safetyRisk == nil ? "the safety risk is not assessed yet" : "the safety risk is not \(or(v))"
        case (.safetyRisk(let v), .label): return "safety risk " + slash(v)
        case (.wantsShelter(let v), .summary): return flag(v, "the person asks for shelter", "the person does not ask for shelter")
        case (.wantsShelter(let v), .failure): return flag(v, "the person does not ask for shelter", "the person asks for shelter")
        case (.wantsShelter(let v), .label): return flag(v, "asks for shelter", "does not ask for shelter")
        case (.psychosisSigns(let v), .summary): return flag(v, "signs of psychosis are reported", "no signs of psychosis are reported")
        case (.psychosisSigns(let v), .failure): return flag(v, "no signs of psychosis reported", "signs of psychosis are reported")
        case (.psychosisSigns(let v), .label): return flag(v, "psychosis signs", "no psychosis signs")
        case (.distressAtLeast(let v), .summary): return "distress is \(v.rawValue) or worse"
        case (.distressAtLeast(let v), .failure): return "distress is below \(v.rawValue)"
        case (.distressAtLeast(let v), .label): return "distress ≥ \(v.rawValue)"
        case (.hoursSinceIncidentAtMost(let v), .summary): return "at most \(formatHours(v)) h since the incident"
        case (.hoursSinceIncidentAtMost(let v), .failure): return "more than \(formatHours(v)) h since the incident"
        case (.hoursSinceIncidentAtMost(let v), .label): return "≤ \(formatHours(v)) h since incident"
        case (.caregiverSuspected(let v), .summary):
            return flag(v, "the caregiver is the suspected perpetrator", "the caregiver is not suspected")
        case (.caregiverSuspected(let v), .failure):
            return flag(v, "the caregiver is not the suspected perpetrator", "the caregiver is the suspected perpetrator")
        case (.caregiverSuspected(let v), .label): return flag(v, "caregiver suspected", "caregiver not suspected")
        case (.imminentRiskToLife(let v), .summary): return flag(v, "an imminent risk to life is reported", "no imminent risk to life")
        case (.imminentRiskToLife(let v), .failure):
            return flag(v, "no imminent risk to life reported", "an imminent risk to life is reported")
        case (.imminentRiskToLife(let v), .label): return flag(v, "risk to life", "no risk to life")
        case (.populationGroups(let v), .summary): return "population groups include \(v.joined(separator: " or "))"
        case (.populationGroups(let v), .failure): return "population groups include none of \(v.joined(separator: ", "))"
        case (.populationGroups(let v), .label): return "group " + v.joined(separator: "/")
        case (.anyOf(let v), .summary): return "(" + v.map { $0.describe(.summary) }.joined(separator: ") or (") + ")"
        case (.anyOf(let v), .failure(let f, let u)):
            return "none of the alternatives holds (" + v.map { $0.failures(f, u).joined(separator: " and ") }
                .joined(separator: "; ") + ")"
        case (.anyOf(let v), .label): return "any of (" + v.map { $0.describe(.label) }.joined(separator: "; ") + ")"
        case (.not(let c), .summary): return "not (\(c.describe(.summary)))"
        case (.not(let c), .failure): return "not for cases where \(c.describe(.summary))"
        case (.not(let c), .label): return "not (" + c.describe(.label) + ")"
        }
    }
}
