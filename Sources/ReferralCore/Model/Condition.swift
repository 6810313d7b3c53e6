/// A condition on a case, as typed clauses built once by the loader: every clause must hold
/// (an empty condition always holds). Pathways, steps, links, escalations and reporting duties
/// carry one.
///
/// What a condition means is written once, in Matching/Conditions.swift: `evaluate` (for a case,
/// or for a whole population in coverage), `describe` (in words, for reasons and graph labels).
public struct Condition: Sendable, Hashable {
    public let clauses: [Clause]

    public init(_ clauses: [Clause]) { self.clauses = clauses }

    public static let always = Condition([])
}

/// One test on one fact of a case. List values hold when any item matches, except
/// `traffickingIndicators`, which needs all of them.
public indirect enum Clause: Sendable, Hashable {
    /// The case concerns one of these pathways.
    case concerns([String])
    case incidentTypes([GBVIncidentType])
    /// The whole age band is at least this.
    case ageAtLeast(Int)
    /// The whole age band is at most this.
    case ageAtMost(Int)
    case sexes([Sex])
    case separation([Separation])
    /// All of these indicators are present.
    case traffickingIndicators([TraffickingIndicator])
    case suicidePlan(Bool)
    case suicidalThoughts(Bool)
    case psychosisSigns(Bool)
    case distressAtLeast(Distress)
    case hoursSinceIncidentAtMost(Double)
    case caregiverSuspected(Bool)
    case imminentRiskToLife(Bool)
    case injuries(Bool)
    /// The caseworker's safety assessment is one of these.
    case safetyRisk([SafetyRisk])
    /// The person asks (or does not ask) for shelter.
    case wantsShelter(Bool)
    /// The case belongs to one of these population groups.
    case populationGroups([String])
    /// At least one of the alternatives holds.
    case anyOf([Condition])
    case not(Condition)
}

/// Three-valued truth: a condition holds, does not hold, or cannot be told from what is known
/// (a fact the case does not record; a fact a whole population does not share).
public enum Truth: Sendable, Hashable {
    case yes, no, unknown

    init(_ b: Bool) { self = b ? .yes : .no }

    /// Kleene conjunction.
    static func && (a: Truth, b: Truth) -> Truth {
        if a == .no || b == .no { return .no }
        return a == .yes && b == .yes ? .yes : .unknown
    }

    /// Kleene disjunction.
    static func || (a: Truth, b: Truth) -> Truth {
        if a == .yes || b == .yes { return .yes }
        return a == .no && b == .no ? .no : .unknown
    }

    static prefix func ! (a: Truth) -> Truth {
        switch a {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }
}

/// How a clause reads a fact the subject does not record.
public enum UnknownFacts: Sendable {
    /// A case, as the router reads it. A fact with a documented default reads as that default:
    /// no suicide plan, no suicidal thoughts, no signs of psychosis, no distress, not separated, no
    /// trafficking indicators, no imminent risk reported, the caregiver not suspected, no injuries,
    /// no request for shelter (screening facts: asking every case about each would bury what
    /// matters). Every other fact stays unknown (Kleene logic), so that what is not yet said never
    /// hides a step: the type of incident, the time since it, the safety risk, an age band that
    /// straddles a bound, a sex recorded as `other` against a list without it.
    case caseDefaults
    /// Unknown stays unknown (Kleene logic): coverage over whole populations.
    case unknown
}

/// What is known about the subject of a condition or of a service's eligibility: a case (every
/// fact it records) or a population of the coverage report (a sex, an age band, perhaps a group
/// or a legal status). Nil is unknown.
public struct Facts {
    var concerns: Set<String>?
    var incidentType: GBVIncidentType?
    var ages: ClosedRange<Int>
    var sex: Sex?
    var separation: Separation?
    var traffickingIndicators: [TraffickingIndicator]?
    var suicidePlan: Bool?
    var suicidalThoughts: Bool?
    var psychosisSigns: Bool?
    var distress: Distress?
    var hoursSinceIncident: Double?
    var caregiverSuspected: Bool?
    var imminentRiskToLife: Bool?
    var injuries: Bool?
    var safetyRisk: SafetyRisk?
    var wantsShelter: Bool?
    /// The population groups the subject belongs to.
    var populationGroups: Set<String>?
    var legalStatus: String?

    init(ages: ClosedRange<Int>, sex: Sex?) {
        self.ages = ages
        self.sex = sex
    }

    /// Everything a case records; `ages` narrows the case's age band (the presumption of
    /// minority: `Rules.ages(of:)`), else the band as recorded.
    init(_ c: Case, ages: ClosedRange<Int>? = nil) {
        let d = c.document
        let k = d.concerns
        self.ages = ages ?? c.age.min...c.age.max
        sex = d.sex
        concerns = c.pathways
        incidentType = k.gbvIncidentType
        separation = k.separation
        traffickingIndicators = k.traffickingIndicators
        suicidePlan = k.suicidePlan
        suicidalThoughts = k.suicidalThoughts
        psychosisSigns = k.psychosisSigns
        distress = k.distress
        hoursSinceIncident = k.hoursSinceIncident
        caregiverSuspected = k.caregiverSuspected
        imminentRiskToLife = k.imminentRiskToLife
        injuries = k.injuries
        safetyRisk = k.safetyRisk
        wantsShelter = d.preferences?.wantsShelter
        populationGroups = c.populationGroups
        legalStatus = d.legalStatus
    }
}
