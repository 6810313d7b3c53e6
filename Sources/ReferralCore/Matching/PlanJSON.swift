import Foundation

/// A plan's canonical JSON (what `route --format json` and `POST /api/route` answer), written
/// directly: the same bytes as `JSONEncoder` with sorted keys gives for the `Codable` types of
/// RoutePlan.swift, in a fraction of the time. Keys are listed here in sorted (byte) order, object
/// by object, and every optional value is left out when nil, as the synthesized `encode` does.
///
/// A field added to a plan type must be written here too: PlanJSONTests compares these bytes with
/// `JSONEncoder`'s for a plan in which every optional value is set and every list has an element
/// (and checks that it is so, by reflection), so a field left out here fails that test.
extension RoutePlan {
    /// The canonical JSON of the plan, with a final newline. (Never inlined: BENCHMARKS.md counts
    /// the writer's instructions with callgrind's `--toggle-collect` on this function's symbol.)
    @inline(never)
    public func json() -> Data {
        // About 2.6 KB a decision (counted without expanding them); the buffer grows if need be.
        let decisions = steps.reduce(0) { $0 + $1.optionCount + $1.excludedCount }
        var w = SortedJSONWriter(capacity: 8 * 1024 + 3 * 1024 * decisions)
        write(to: &w)
        return w.data()
    }

    func write(to w: inout SortedJSONWriter) {
        w.beginObject()
        w.key("at"); w.string(at)
        w.key("caseCode"); w.string(caseCode)
        w.key("consent"); consent.write(to: &w)
        w.key("context"); w.string(context)
        w.key("fictional"); w.value(fictional)
        w.key("gaps"); w.beginArray()
        for i in gaps.indices { gaps[i].writeElement(to: &w) }
        w.endArray()
        w.key("pathways"); w.strings(pathways)
        w.key("skippedSteps"); w.beginArray()
        for i in skippedSteps.indices { skippedSteps[i].writeElement(to: &w) }
        w.endArray()
        w.key("steps"); w.beginArray()
        for i in steps.indices { steps[i].writeElement(to: &w) }
        w.endArray()
        w.key("warnings"); Warning.write(warnings, to: &w)
        w.endObject()
    }
}

extension ConsentAssessment {
    func write(to w: inout SortedJSONWriter) {
        w.beginObject()
        w.key("checks"); RuleCheck.write(checks, to: &w)
        w.key("child"); w.value(child)
        w.key("givenBy"); w.plainString(givenBy.rawValue)
        if let informationFor { w.key("informationFor"); w.plainString(informationFor.rawValue) }
        w.key("status"); w.plainString(status.rawValue)
        w.key("valid"); w.value(valid)
        w.endObject()
    }
}

extension RuleCheck {
    static func write(_ checks: [RuleCheck], to w: inout SortedJSONWriter) {
        w.beginArray()
        // Through a buffer pointer: an element read from the array itself is copied (its sentence
        // retained and released), one read through the pointer is borrowed.
        checks.withUnsafeBufferPointer { checks in
            for i in checks.indices {
                w.objectElement()
                w.key("outcome"); w.quoted(checks[i].outcome.json)
                w.key("reason"); checks[i].sentence.write(to: &w)
                w.key("rule"); w.plainString(checks[i].rule.rawValue)
                w.endObject()
            }
        }
        w.endArray()
    }
}

extension Warning {
    static func write(_ warnings: [Warning], to w: inout SortedJSONWriter) {
        w.beginArray()
        warnings.withUnsafeBufferPointer { warnings in
            for i in warnings.indices {
                w.objectElement()
                w.key("level"); w.quoted(warnings[i].level.json)
                w.key("message"); warnings[i].sentence.write(to: &w)
                w.key("rule"); w.plainString(warnings[i].rule.rawValue)
                w.endObject()
            }
        }
        w.endArray()
    }
}

extension Gap {
    func writeElement(to w: inout SortedJSONWriter) {
        w.objectElement()
        w.key("area"); w.string(area)
        w.key("category"); w.string(category)
        w.key("cause"); w.plainString(cause.rawValue)
        w.key("message"); w.string(message)
        w.key("pathway"); w.string(pathway)
        w.key("step"); w.string(step)
        w.key("urgency"); w.plainString(urgency.rawValue)
        w.endObject()
    }
}

extension SkippedStep {
    func writeElement(to w: inout SortedJSONWriter) {
        w.objectElement()
        if let ask { w.key("ask"); w.strings(ask) }
        w.key("name"); w.string(name)
        w.key("pathway"); w.string(pathway)
        w.key("reason"); w.string(reason)
        w.key("step"); w.string(step)
        w.endObject()
    }
}

extension StepPlan {
    func writeElement(to w: inout SortedJSONWriter) {
        w.objectElement()
        if let ask { w.key("ask"); w.strings(ask) }
        w.key("category"); w.string(category)
        w.key("excluded"); ServiceDecision.write(excluded, to: &w)
        w.key("name"); w.string(name)
        if let note { w.key("note"); w.string(note) }
        w.key("optional"); w.value(optional)
        w.key("options"); ServiceDecision.write(options, to: &w)
        w.key("pathway"); w.string(pathway)
        w.key("pathways"); w.strings(pathways)
        w.key("respondBy"); w.string(respondBy)
        w.key("step"); w.string(step)
        w.key("urgency"); w.plainString(urgency.rawValue)
        w.key("urgencyReasons"); w.strings(urgencyReasons)
        w.key("warnings"); Warning.write(warnings, to: &w)
        w.key("windows"); w.beginArray()
        for i in windows.indices { windows[i].writeElement(to: &w) }
        w.endArray()
        w.endObject()
    }
}

extension WindowStatus {
    func writeElement(to w: inout SortedJSONWriter) {
        w.objectElement()
        if let ask { w.key("ask"); w.strings(ask) }
        if let closesAt { w.key("closesAt"); w.string(closesAt) }
        if let hoursLeft { w.key("hoursLeft"); w.value(hoursLeft) }
        w.key("id"); w.string(id)
        w.key("message"); w.string(message)
        w.key("name"); w.string(name)
        if let note { w.key("note"); w.string(note) }
        w.key("open"); w.value(open)
        w.endObject()
    }
}

extension ServiceDecision {
    static func write(_ decisions: [ServiceDecision], to w: inout SortedJSONWriter) {
        w.beginArray()
        for i in decisions.indices { decisions[i].writeElement(to: &w) }
        w.endArray()
    }

    func writeElement(to w: inout SortedJSONWriter) {
        w.objectElement()
        w.key("access"); access.write(to: &w)
        w.key("action"); w.quoted(action.json)
        w.key("category"); w.string(category)
        w.key("checks"); RuleCheck.write(checks, to: &w)
        w.key("organisation"); w.string(organisation)
        w.key("organisationName"); w.string(organisationName)
        w.key("packet"); w.beginArray()
        for i in packet.indices {
            w.objectElement()
            w.key("field"); w.plainString(packet[i].field.rawValue)
            w.key("value"); w.string(packet[i].value)
            w.endObject()
        }
        w.endArray()
        if let rank { w.key("rank"); w.value(rank) }
        w.key("service"); w.string(service)
        w.key("serviceName"); w.string(serviceName)
        w.key("warnings"); Warning.write(warnings, to: &w)
        w.key("withheld"); w.beginArray()
        for i in withheld.indices {
            w.objectElement()
            w.key("cause"); w.plainString(withheld[i].cause.rawValue)
            w.key("field"); w.plainString(withheld[i].field.rawValue)
            w.key("reason"); w.string(withheld[i].reason)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}

extension AccessInfo {
    func write(to w: inout SortedJSONWriter) {
        w.beginObject()
        if let address { w.key("address"); w.string(address) }
        w.key("addressConfidential"); w.value(addressConfidential)
        if let contact {
            w.key("contact"); w.beginObject()
            if let email = contact.email { w.key("email"); w.string(email) }
            if let phone = contact.phone { w.key("phone"); w.string(phone) }
            if let role = contact.role { w.key("role"); w.string(role) }
            w.endObject()
        }
        if let cost { w.key("cost"); w.string(cost) }
        if let eligibilityNote { w.key("eligibilityNote"); w.string(eligibilityNote) }
        w.key("languages"); w.strings(languages)
        w.key("modality"); w.beginArray()
        for i in modality.indices { w.element(); w.plainString(modality[i].rawValue) }
        w.endArray()
        if let openNow { w.key("openNow"); w.value(openNow) }
        if let opensInHours { w.key("opensInHours"); w.value(opensInHours) }
        w.key("proximity"); w.plainString(proximity.rawValue)
        w.key("selfReferral"); w.value(selfReferral)
        w.key("servedArea"); w.string(servedArea)
        w.key("status"); w.plainString(status.rawValue)
        if let website { w.key("website"); w.string(website) }
        w.endObject()
    }
}

// The small enums written most often, as quoted byte runs (SentenceTests checks each against its
// raw value).
extension RuleCheck.Outcome {
    var json: StaticString {
        switch self {
        case .pass: "pass"
        case .fail: "fail"
        case .warn: "warn"
        case .info: "info"
        }
    }
}

extension Warning.Level {
    var json: StaticString {
        switch self {
        case .critical: "critical"
        case .warning: "warning"
        case .info: "info"
        }
    }
}

extension Action {
    var json: StaticString {
        switch self {
        case .refer: "refer"
        case .emergencyReferral: "emergency-referral"
        case .inform: "inform"
        case .excluded: "excluded"
        }
    }
}
