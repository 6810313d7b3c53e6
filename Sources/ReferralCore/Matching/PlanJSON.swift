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
        // About 3 KB a decision and seven decisions a step (a step's options and excluded services
        // are not counted here: each is read once, when written); the buffer grows if need be.
        var w = SortedJSONWriter(capacity: 8 * 1024 + 20 * 1024 * steps.count)
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
        for g in gaps { w.element(); g.write(to: &w) }
        w.endArray()
        w.key("pathways"); w.strings(pathways)
        w.key("skippedSteps"); w.beginArray()
        for s in skippedSteps { w.element(); s.write(to: &w) }
        w.endArray()
        w.key("steps"); w.beginArray()
        for s in steps { w.element(); s.write(to: &w) }
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
        for c in checks {
            w.element(); w.beginObject()
            w.key("outcome"); w.plainString(c.outcome.rawValue)
            w.key("reason"); c.sentence.write(to: &w)
            w.key("rule"); w.plainString(c.rule.rawValue)
            w.endObject()
        }
        w.endArray()
    }
}

extension Warning {
    static func write(_ warnings: [Warning], to w: inout SortedJSONWriter) {
        w.beginArray()
        for x in warnings {
            w.element(); w.beginObject()
            w.key("level"); w.plainString(x.level.rawValue)
            w.key("message"); x.sentence.write(to: &w)
            w.key("rule"); w.plainString(x.rule.rawValue)
            w.endObject()
        }
        w.endArray()
    }
}

extension Gap {
    func write(to w: inout SortedJSONWriter) {
        w.beginObject()
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
    func write(to w: inout SortedJSONWriter) {
        w.beginObject()
        if let ask { w.key("ask"); w.strings(ask) }
        w.key("name"); w.string(name)
        w.key("pathway"); w.string(pathway)
        w.key("reason"); w.string(reason)
        w.key("step"); w.string(step)
        w.endObject()
    }
}

extension StepPlan {
    func write(to w: inout SortedJSONWriter) {
        w.beginObject()
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
        for x in windows { w.element(); x.write(to: &w) }
        w.endArray()
        w.endObject()
    }
}

extension WindowStatus {
    func write(to w: inout SortedJSONWriter) {
        w.beginObject()
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
        for d in decisions { w.element(); d.write(to: &w) }
        w.endArray()
    }

    func write(to w: inout SortedJSONWriter) {
        w.beginObject()
        w.key("access"); access.write(to: &w)
        w.key("action"); w.plainString(action.rawValue)
        w.key("category"); w.string(category)
        w.key("checks"); RuleCheck.write(checks, to: &w)
        w.key("organisation"); w.string(organisation)
        w.key("organisationName"); w.string(organisationName)
        w.key("packet"); w.beginArray()
        for f in packet {
            w.element(); w.beginObject()
            w.key("field"); w.plainString(f.field.rawValue)
            w.key("value"); w.string(f.value)
            w.endObject()
        }
        w.endArray()
        if let rank { w.key("rank"); w.value(rank) }
        w.key("service"); w.string(service)
        w.key("serviceName"); w.string(serviceName)
        w.key("warnings"); Warning.write(warnings, to: &w)
        w.key("withheld"); w.beginArray()
        for f in withheld {
            w.element(); w.beginObject()
            w.key("cause"); w.plainString(f.cause.rawValue)
            w.key("field"); w.plainString(f.field.rawValue)
            w.key("reason"); w.string(f.reason)
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
        for m in modality { w.element(); w.plainString(m.rawValue) }
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
