extension ConditionDocument {
    /// Whether the case meets the condition, and a readable account of the parts that failed.
    ///
    /// An age band meets an age bound only if the whole band does: the router never guesses in
    /// favour of a rule when the case is vaguer than the rule.
    public func evaluate(_ c: Case) -> (holds: Bool, failed: [String]) {
        var failed: [String] = []
        let k = c.concerns
        if let v = concerns, !v.contains(where: c.pathways.contains) {
            failed.append("concerns include none of \(v.joined(separator: ", "))")
        }
        if let v = incidentTypes {
            if let t = k.gbvIncidentType, v.contains(t) {} else {
                failed.append("incident type is not \(v.map(\.rawValue).joined(separator: " or "))")
            }
        }
        if let v = ageAtLeast, c.age.min < v { failed.append("age is not \(v) or over") }
        if let v = ageAtMost, c.age.max > v { failed.append("age is not \(v) or under") }
        if let v = sexes, !v.contains(c.document.sex) { failed.append("sex is not \(v.map(\.rawValue).joined(separator: " or "))") }
        if let v = separation, !v.contains(k.separation ?? .none) {
            failed.append("separation is not \(v.map(\.rawValue).joined(separator: " or "))")
        }
        if let v = traffickingIndicators {
            let have = Set(k.traffickingIndicators ?? [])
            if !v.allSatisfy(have.contains) {
                failed.append("trafficking indicators do not include all of \(v.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let v = suicidePlan, (k.suicidePlan ?? false) != v { failed.append(v ? "no suicide plan reported" : "a suicide plan is reported") }
        if let v = psychosisSigns, (k.psychosisSigns ?? false) != v {
            failed.append(v ? "no signs of psychosis reported" : "signs of psychosis are reported")
        }
        if let v = distressAtLeast, (k.distress ?? .none) < v { failed.append("distress is below \(v.rawValue)") }
        if let v = hoursSinceIncidentAtMost {
            // Unknown time since the incident: treat as within the window (ask; never withhold care).
            if let h = k.hoursSinceIncident, h > v { failed.append("more than \(formatHours(v)) h since the incident") }
        }
        if let v = caregiverSuspected, (k.caregiverSuspected ?? false) != v {
            failed.append(v ? "the caregiver is not the suspected perpetrator" : "the caregiver is the suspected perpetrator")
        }
        if let v = imminentRiskToLife, (k.imminentRiskToLife ?? false) != v {
            failed.append(v ? "no imminent risk to life reported" : "an imminent risk to life is reported")
        }
        if let v = populationGroups, !v.contains(where: c.populationGroups.contains) {
            failed.append("population groups include none of \(v.joined(separator: ", "))")
        }
        if let any = anyOf, !any.isEmpty {
            let results = any.map { $0.evaluate(c) }
            if !results.contains(where: \.holds) {
                failed.append("none of the alternatives holds (" + results.map { $0.failed.joined(separator: " and ") }
                    .joined(separator: "; ") + ")")
            }
        }
        if let n = not, n.value.evaluate(c).holds { failed.append("not for cases where \(n.value.summary)") }
        return (failed.isEmpty, failed)
    }

    /// The condition in words ("incident type is rape or sexual-assault and age is 17 or under"),
    /// for reasons that name an excluded condition.
    public var summary: String {
        var parts: [String] = []
        func or<T: RawRepresentable>(_ v: [T]) -> String where T.RawValue == String { v.map(\.rawValue).joined(separator: " or ") }
        if let v = concerns { parts.append("concerns include \(v.joined(separator: " or "))") }
        if let v = incidentTypes { parts.append("incident type is \(or(v))") }
        if let v = ageAtLeast { parts.append("age is \(v) or over") }
        if let v = ageAtMost { parts.append("age is \(v) or under") }
        if let v = sexes { parts.append("sex is \(or(v))") }
        if let v = separation { parts.append("separation is \(or(v))") }
        if let v = traffickingIndicators { parts.append("trafficking indicators include \(v.map(\.rawValue).joined(separator: ", "))") }
        if let v = suicidePlan { parts.append(v ? "a suicide plan is reported" : "no suicide plan is reported") }
        if let v = psychosisSigns { parts.append(v ? "signs of psychosis are reported" : "no signs of psychosis are reported") }
        if let v = distressAtLeast { parts.append("distress is \(v.rawValue) or worse") }
        if let v = hoursSinceIncidentAtMost { parts.append("at most \(formatHours(v)) h since the incident") }
        if let v = caregiverSuspected { parts.append(v ? "the caregiver is the suspected perpetrator" : "the caregiver is not suspected") }
        if let v = imminentRiskToLife { parts.append(v ? "an imminent risk to life is reported" : "no imminent risk to life") }
        if let v = populationGroups { parts.append("population groups include \(v.joined(separator: " or "))") }
        if let v = anyOf, !v.isEmpty { parts.append("(" + v.map(\.summary).joined(separator: ") or (") + ")") }
        if let n = not { parts.append("not (\(n.value.summary))") }
        return parts.isEmpty ? "any case" : parts.joined(separator: " and ")
    }
}
