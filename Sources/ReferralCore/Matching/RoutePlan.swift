/// What the router answers for one case at one time: the steps to take, in order of urgency,
/// with options per step, the services left out and why, warnings and gaps.
///
/// Every field is plain data with a stable JSON key; `RoutePlan.json()` writes it with sorted
/// keys so that the same input gives byte-identical output.
public struct RoutePlan: Codable, Sendable, Equatable {
    public var caseCode: String
    public var context: String
    /// Demonstration data: the output must say so.
    public var fictional: Bool
    /// The routing time in the context's local time.
    public var at: String
    public var consent: ConsentAssessment
    /// Warnings about the whole case (child rules, confidentiality limits, risk to life…).
    public var warnings: [Warning]
    /// The pathways that apply, by id.
    public var pathways: [String]
    /// Steps in the order to act on them: most urgent first, then pathway order.
    public var steps: [StepPlan]
    /// Steps reached in a pathway that do not apply to this case, with the reason.
    public var skippedSteps: [SkippedStep]
    /// Steps that apply but leave the person without any usable service.
    public var gaps: [Gap]
}

public struct ConsentAssessment: Codable, Sendable, Equatable {
    /// What the recorded consent allows, for a headline that tells the truth.
    public enum Status: String, Codable, Sendable {
        /// It counts, and names kinds of service or organisations: referrals go where it says.
        case valid
        /// It counts but names nothing yet: no referral consent yet, information only.
        case noReferralConsent = "no-referral-consent"
        /// It does not count (the wrong giver for the age, the suspected caregiver…).
        case notValid = "not-valid"
    }
    /// The consent recorded can be relied on for referrals.
    public var valid: Bool
    public var status: Status
    public var givenBy: ConsentGiver
    /// Why the consent does or does not count (the rule and its reason).
    public var checks: [RuleCheck]
    /// The person is a child under the context's rules (an age in dispute included).
    public var child: Bool
    /// For a child, who information-only options are for: the adult whose consent counts (never
    /// the suspected caregiver); nil for an adult or a child who consents alone.
    public var informationFor: ConsentGiver?
}

public struct Warning: Codable, Sendable, Equatable, Hashable {
    public enum Level: String, Codable, Sendable, Comparable {
        /// Must be read before anything else is done (risk to life, a confidentiality exception).
        case critical
        case warning
        case info
        var order: Int {
            switch self {
            case .critical: 0
            case .warning: 1
            case .info: 2
            }
        }
        public static func < (a: Level, b: Level) -> Bool { a.order < b.order }
    }
    public var level: Level
    /// The rule that raised it, e.g. `confidentiality.mandatory-reporting`.
    public var rule: RuleID
    /// The words, kept as parameters until printed (Sentence.swift).
    var sentence: Sentence
    /// What the warning says, rendered from its parameters.
    public var message: String {
        get { sentence.text }
        set { sentence = .text(newValue) }
    }

    public init(_ level: Level, _ rule: RuleID, _ message: String) {
        self.init(level, rule, .text(message))
    }

    init(_ level: Level, _ rule: RuleID, _ sentence: Sentence) {
        self.level = level
        self.rule = rule
        self.sentence = sentence
    }

    enum CodingKeys: String, CodingKey { case level, rule, message }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(Level.self, forKey: .level), try c.decode(RuleID.self, forKey: .rule),
                  try c.decode(String.self, forKey: .message))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(level, forKey: .level)
        try c.encode(rule, forKey: .rule)
        try c.encode(message, forKey: .message)
    }

    public static func == (a: Warning, b: Warning) -> Bool {
        a.level == b.level && a.rule == b.rule && a.message == b.message
    }

    public func hash(into h: inout Hasher) {
        h.combine(level)
        h.combine(rule)
        h.combine(message)
    }
}

/// One rule's verdict on one service (or on the consent), with its human-readable reason.
public struct RuleCheck: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        case pass, fail, warn, info
    }
    public var rule: RuleID
    public var outcome: Outcome
    /// The most a service can get because of this check (`excluded` for a failed eligibility
    /// rule, `inform` for a reporting duty not explained yet…); nil when the check does not limit.
    /// The consent gate's check carries what it grants. Not part of the JSON output.
    public var ceiling: Action?
    /// The rule's parameters; the sentence is rendered from them when printed (Sentence.swift).
    var sentence: Sentence
    /// Why, in words, rendered from the check's parameters.
    public var reason: String {
        get { sentence.text }
        set { sentence = .text(newValue) }
    }

    public init(_ rule: RuleID, _ outcome: Outcome, ceiling: Action? = nil, _ reason: String) {
        self.init(rule, outcome, ceiling: ceiling, .text(reason))
    }

    init(_ rule: RuleID, _ outcome: Outcome, ceiling: Action?, _ sentence: Sentence) {
        self.rule = rule
        self.outcome = outcome
        self.ceiling = ceiling
        self.sentence = sentence
    }

    enum CodingKeys: String, CodingKey { case rule, outcome, reason }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(RuleID.self, forKey: .rule), try c.decode(Outcome.self, forKey: .outcome),
                  try c.decode(String.self, forKey: .reason))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule, forKey: .rule)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(reason, forKey: .reason)
    }

    /// The same rule, outcome, ceiling and words (however they are kept).
    public static func == (a: RuleCheck, b: RuleCheck) -> Bool {
        a.rule == b.rule && a.outcome == b.outcome && a.ceiling == b.ceiling && a.reason == b.reason
    }
}

/// One step of a plan. Its options and excluded services are kept as the router's verdicts and
/// expanded into `ServiceDecision`s when first read (`StepDecisions`, Verdict.swift); Codable and
/// Equatable are written there, through the expanded decisions.
public struct StepPlan: Sendable {
    public var pathway: String
    public var step: String
    public var name: String
    public var category: String
    /// The pathways that reach this step, its own first: steps of one category reached in several
    /// pathways are one step, with the highest urgency.
    public var pathways: [String]
    public var urgency: Urgency
    /// Why the urgency is what it is (a window still open, an escalation…).
    public var urgencyReasons: [String]
    /// When a response is due: the earliest of the urgency's response time, the step's own and the
    /// close of the first time window still open.
    public var respondBy: String
    /// The facts to ask (case fields such as `concerns.gbvIncidentType`) when whether the step
    /// applies, or how urgent it is, cannot be told from the case; nil when nothing is to ask.
    public var ask: [String]?
    /// Time windows after the incident, open or closed.
    public var windows: [WindowStatus]
    public var optional: Bool
    public var note: String?
    public var warnings: [Warning]
    /// The options and excluded services, as verdicts until read.
    var decisions: StepDecisions
    /// Options in rank order: referrals first, then information the person can act on.
    public var options: [ServiceDecision] {
        get { decisions.options }
        set { decisions = StepDecisions(options: newValue, excluded: decisions.excluded) }
    }
    /// Services of this step's category in reach that cannot be used, with the reasons.
    public var excluded: [ServiceDecision] {
        get { decisions.excluded }
        set { decisions = StepDecisions(options: decisions.options, excluded: newValue) }
    }
    /// How many options and excluded services, without expanding them.
    public var optionCount: Int { decisions.optionCount }
    public var excludedCount: Int { decisions.excludedCount }
}

public struct WindowStatus: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var open: Bool
    /// Hours left (negative: hours since it closed); nil when the time of the incident is unknown.
    public var hoursLeft: Double?
    /// When it closes, in local time; nil when unknown.
    public var closesAt: String?
    public var message: String
    /// Guidance from the pathway ("ulipristal and the copper IUD up to 120 hours").
    public var note: String?
    /// The facts to ask when whether the window applies cannot be told (`sex`, `age`).
    public var ask: [String]?
}

public enum Action: String, Codable, Sendable, Comparable {
    /// Send a referral with the packet below.
    case refer
    /// Under the imminent-risk-to-life exception: refer with the minimum data only.
    case emergencyReferral = "emergency-referral"
    /// Nothing is sent: give the person the information to go themselves.
    case inform
    /// Not usable for this case; the checks say why.
    case excluded

    var order: Int {
        switch self {
        case .emergencyReferral: 0
        case .refer: 1
        case .inform: 2
        case .excluded: 3
        }
    }
    public static func < (a: Action, b: Action) -> Bool { a.order < b.order }

    /// How much a service can get with this action: what is sent, and whether anything is.
    var permissiveness: Int {
        switch self {
        case .excluded: 0
        case .inform: 1
        case .emergencyReferral: 2
        case .refer: 3
        }
    }

    /// This action, or `ceiling` if that allows less.
    public func lowered(to ceiling: Action) -> Action { ceiling.permissiveness < permissiveness ? ceiling : self }

    /// Whether this action gives the person no more than `other` does.
    public func isAtMost(_ other: Action) -> Bool { permissiveness <= other.permissiveness }
}

/// The router's decision on one service for one step of one case.
public struct ServiceDecision: Codable, Sendable, Equatable {
    public var service: String
    public var serviceName: String
    public var organisation: String
    public var organisationName: String
    public var category: String
    public var action: Action
    /// 1 for the best option of the step; nil for excluded services.
    public var rank: Int?
    /// Every rule that was checked, in the order it was checked.
    public var checks: [RuleCheck]
    public var warnings: [Warning]
    /// Exactly what is sent to the provider (empty unless the action sends something).
    public var packet: [PacketField]
    /// Fields the provider asks for that are not sent, and why.
    public var withheld: [WithheldField]
    /// How the person or caseworker reaches the service.
    public var access: AccessInfo
    /// The rules that decided the action, in check order: the checks whose ceiling is the action
    /// (the consent gate's grant for a referral; every failed rule for an excluded service).
    public var decidingRules: [RuleID] {
        var out: [RuleID] = []
        for c in checks where c.ceiling == action && !out.contains(c.rule) { out.append(c.rule) }
        return out
    }
    /// What ranks the options of a step apart from the action (see Ranking.swift); not part of
    /// the output.
    var preference = RankPreference()

    enum CodingKeys: String, CodingKey {
        case service, serviceName, organisation, organisationName, category, action, rank, checks, warnings, packet
        case withheld, access
    }
}

public struct PacketField: Codable, Sendable, Equatable {
    public var field: CaseField
    public var value: String
}

public struct WithheldField: Codable, Sendable, Equatable {
    /// Why a field the provider asks for is not sent.
    public enum Cause: String, Codable, Sendable {
        /// The case does not record it: the provider may ask.
        case notRecorded = "not-recorded"
        /// The person did not agree to share it: discuss it with them.
        case notAgreed = "not-agreed"
        /// A sensitive field, and the provider is not qualified to receive it.
        case sensitive
    }
    public var field: CaseField
    public var cause: Cause
    public var reason: String
}

public struct AccessInfo: Codable, Sendable, Equatable {
    public var modality: [Modality]
    public var contact: Contact?
    /// Nil when there is none or it is confidential (see `addressConfidential`).
    public var address: String?
    public var addressConfidential: Bool
    public var openNow: Bool?
    /// Hours until it opens, when closed now.
    public var opensInHours: Double?
    /// How close the service's area is to the case's.
    public var proximity: Proximity
    public var servedArea: String
    public var languages: [String]
    public var status: ServiceStatus
    public var cost: String?
    public var selfReferral: Bool
    /// Eligibility as the source wrote it: for the caseworker to read, never used to decide.
    public var eligibilityNote: String?
    public var website: String?
}

/// How close the area a service serves is to the case's area.
public enum Proximity: String, Codable, Sendable {
    /// The service serves the case's own area.
    case sameArea = "same-area"
    /// It serves the area directly containing the case's (a district for a sub-district).
    case parentArea = "parent-area"
    /// It serves a wider area further up (a region, the whole country).
    case widerArea = "wider-area"
    /// It serves none of them (only in `explain`, for a service out of reach).
    case outOfArea = "out-of-area"

    /// From the position in the case's lineage of the nearest area served (0: the case's area).
    init(lineagePosition: Int?) {
        switch lineagePosition {
        case 0?: self = .sameArea
        case 1?: self = .parentArea
        case .some: self = .widerArea
        case nil: self = .outOfArea
        }
    }
}

public struct SkippedStep: Codable, Sendable, Equatable {
    public var pathway: String
    public var step: String
    public var name: String
    public var reason: String
    /// The facts to ask when whether the step applies cannot be told; nil when it does not apply.
    public var ask: [String]?
}

public struct Gap: Codable, Sendable, Equatable {
    /// Why the step has no usable option; coordinators act on `no-service` and `not-eligible`,
    /// caseworkers explain `persons-choice` and `consent` to the person.
    public enum Cause: String, Codable, Sendable {
        /// No service of the category covers the area at all.
        case noService = "no-service"
        /// Services are in reach but none is usable for this person (eligibility, access, availability).
        case notEligible = "not-eligible"
        /// The person's own choices (no police, remote only…) removed every option.
        case personsChoice = "persons-choice"
        /// Only consent stands in the way (no consent, and no self-referral possible).
        case consent
        /// A step where time matters has options, but every one is at capacity (waiting list).
        case atCapacity = "at-capacity"
    }
    public var pathway: String
    public var step: String
    public var category: String
    public var area: String
    public var urgency: Urgency
    public var cause: Cause
    public var message: String
}
