import ReferralCore

/// `GET /api/context`: everything a client needs to build a case without free text — the
/// context's own open vocabularies (areas, languages, categories, groups, statuses, access needs,
/// organisations, pathways) and the formats' closed ones — in a fixed order.
public struct ContextVocabulary: Codable, Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
    }
    public struct AreaEntry: Codable, Sendable {
        public var pcode: String
        public var name: String
        public var level: Int
        public var parent: String?
    }
    public struct LanguageEntry: Codable, Sendable {
        public var code: String
        public var name: String
        public var main: Bool
    }
    public struct CategoryEntry: Codable, Sendable {
        public var id: String
        public var name: String
        public var sensitive: Bool
        public var lawEnforcement: Bool
    }
    public struct PathwayEntry: Codable, Sendable {
        public var id: String
        public var name: String
        /// The facts of `concerns` this pathway's conditions and windows read (ask them when the
        /// pathway is ticked), in the format's order.
        public var facts: [String]
    }
    public struct ConsentRules: Codable, Sendable {
        public var adultAge: Int
        public var byAge: [Rules.ConsentBand]
        public var whenCaregiverCannotConsent: [ConsentGiver]
        public var mandatoryReporting: [Duty]
        public var imminentRiskToLifeAllowed: Bool
    }
    public struct Duty: Codable, Sendable {
        public var id: String
        public var name: String
        public var consequence: String
    }

    public var formatVersion: Int
    public var context: String
    public var name: String
    public var fictional: Bool
    public var utcOffset: String
    public var dataVersion: String
    public var areas: [AreaEntry]
    public var languages: [LanguageEntry]
    public var categories: [CategoryEntry]
    public var populationGroups: [Entry]
    public var legalStatuses: [Entry]
    public var accessNeeds: [Entry]
    public var organisations: [Entry]
    public var pathways: [PathwayEntry]
    public var consent: ConsentRules
    public var sexes: [String]
    public var consentGivers: [String]
    public var caseFields: [String]
    public var sensitiveFields: [CaseField]
    public var incidentTypes: [String]
    public var traffickingIndicators: [String]
    public var distress: [String]
    public var separation: [String]
    public var safetyRisk: [String]
    public var bestInterestsDetermination: [String]
    public var modalities: [String]

    /// The concern facts, in the order the case page asks them (the case format's order).
    public static let factOrder = [
        "gbvIncidentType", "hoursSinceIncident", "traffickingIndicators", "suicidePlan", "suicidalThoughts", "psychosisSigns",
        "distress", "separation", "caregiverSuspected", "imminentRiskToLife", "injuries", "safetyRisk",
    ]

    public init(_ d: Directory, dataVersion: String) {
        let c = d.context
        formatVersion = supportedFormatVersion
        context = c.id
        name = c.name
        fictional = c.fictional
        let a = abs(c.utcOffsetMinutes)
        utcOffset = (c.utcOffsetMinutes < 0 ? "-" : "+") + pad(a / 60) + ":" + pad(a % 60)
        self.dataVersion = dataVersion
        areas = c.areas.values.sorted { $0.pcode < $1.pcode }.map { AreaEntry(pcode: $0.pcode, name: $0.name, level: $0.level, parent: $0.parent) }
        languages = c.languages.map { LanguageEntry(code: $0.code, name: $0.name, main: $0.main) }
        categories = c.categories.values.sorted { $0.id < $1.id }.map {
            CategoryEntry(id: $0.id, name: $0.name, sensitive: $0.sensitive, lawEnforcement: $0.lawEnforcement)
        }
        func entries(_ m: [String: String]) -> [Entry] { m.sorted { $0.key < $1.key }.map { Entry(id: $0.key, name: $0.value) } }
        populationGroups = entries(c.populationGroups)
        legalStatuses = entries(c.legalStatuses)
        accessNeeds = entries(c.accessNeeds ?? [:])
        organisations = d.organisations.values.sorted { $0.id < $1.id }.map { Entry(id: $0.id, name: $0.name) }
        pathways = d.pathways.map { PathwayEntry(id: $0.id, name: $0.name, facts: ContextVocabulary.facts(of: $0)) }
        let r = c.rules
        consent = ConsentRules(
            adultAge: c.adultAge, byAge: r.consentByAge, whenCaregiverCannotConsent: r.whenCaregiverCannotConsent,
            mandatoryReporting: r.mandatoryReporting.map { Duty(id: $0.id, name: $0.name, consequence: $0.consequence) },
            imminentRiskToLifeAllowed: r.imminentRiskToLife.allowed)
        sexes = Sex.allCases.map(\.rawValue)
        consentGivers = ConsentGiver.allCases.map(\.rawValue)
        caseFields = CaseField.allCases.map(\.rawValue)
        sensitiveFields = r.sensitiveFields
        incidentTypes = GBVIncidentType.allCases.map(\.rawValue)
        traffickingIndicators = TraffickingIndicator.allCases.map(\.rawValue)
        distress = Distress.allCases.map(\.rawValue)
        separation = Separation.allCases.map(\.rawValue)
        safetyRisk = SafetyRisk.allCases.map(\.rawValue)
        bestInterestsDetermination = BestInterestsDetermination.allCases.map(\.rawValue)
        modalities = Modality.allCases.map(\.rawValue)
    }

    /// The concern facts a pathway reads in any condition, escalation or window, in the form's order.
    static func facts(of p: Pathway) -> [String] { factOrder.filter(readFacts(of: p).contains) }

    /// Every concern fact a pathway reads (a fact missing from `factOrder` would not be asked).
    static func readFacts(of p: Pathway) -> Set<String> {
        var used = Set<String>()
        func visit(_ c: Condition?) { if let c { used.formUnion(c.concernFields) } }
        visit(p.appliesWhen)
        for s in p.steps {
            visit(s.when)
            s.escalate.forEach { visit($0.when) }
            if !s.windows.isEmpty { used.insert("hoursSinceIncident") }
        }
        p.links.joined().forEach { visit($0.when) }
        return used
    }
}

private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
