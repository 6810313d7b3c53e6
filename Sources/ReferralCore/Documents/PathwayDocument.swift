/// The document of one pathway file (`pathways/<id>.json`): its steps, windows, links and conditions,
/// decoded strictly and converted by `DirectoryLoader`'s builders into `Pathway`.
///
/// `Pathways/README.md` documents every field for coordinators; keep the two in step.

public struct PathwayDocument: Codable, Sendable {
    public var formatVersion: Int
    public var id: String
    public var name: String
    /// The cases this pathway is for (usually a concern, or an age for child protection).
    public var appliesWhen: ConditionDocument
    /// The steps routing starts from.
    public var entry: [String]
    public var steps: [StepDocument]
    public var links: [LinkDocument]
}

public struct StepDocument: Codable, Sendable {
    public var id: String
    public var name: String
    public var category: String
    /// The step is offered only to cases meeting this condition.
    public var when: ConditionDocument?
    public var urgency: Urgency
    /// The step's own response time in hours (family tracing within 48 hours), when it is
    /// shorter than the urgency's.
    public var respondWithinHours: Double?
    /// Time windows after the incident, each raising the urgency while open.
    public var windows: [WindowDocument]?
    /// Conditions that raise the urgency (for example suicide risk with a plan → emergency).
    public var escalate: [EscalationDocument]?
    /// The pathway may end here; a non-terminal step without a usable next step is a dead end.
    public var terminal: Bool?
    /// Offered for the person's own choice only (police, for example): shown, never pushed.
    public var optional: Bool?
    /// Guidance shown with the step (for example "forensic evidence only if the survivor agrees").
    public var note: String?
    /// What must be said or done on a call whenever the step applies ("do not leave a person with
    /// a suicide plan alone"): a critical warning of the step, so the brief plan carries it too.
    public var criticalNote: String?
}

public struct WindowDocument: Codable, Sendable {
    public var id: String
    public var name: String
    /// Hours after the incident when the window closes.
    public var hours: Double
    public var urgency: Urgency
    /// The cases the window applies to (emergency contraception: women and girls of reproductive
    /// age); left out: every case the step applies to.
    public var when: ConditionDocument?
    /// Shown with the window ("ulipristal and the copper IUD up to 120 hours").
    public var note: String?
}

public struct EscalationDocument: Codable, Sendable {
    public var when: ConditionDocument
    public var urgency: Urgency
    public var reason: String
}

public struct LinkDocument: Codable, Sendable {
    public var from: String
    public var to: String
    public var when: ConditionDocument?
}

/// A condition on a case: every field given must hold; list fields hold when any item matches.
public struct ConditionDocument: Codable, Sendable, Hashable {
    public var concerns: [String]?
    public var incidentTypes: [GBVIncidentType]?
    public var ageAtLeast: Int?
    public var ageAtMost: Int?
    public var sexes: [Sex]?
    public var separation: [Separation]?
    public var traffickingIndicators: [TraffickingIndicator]?
    public var suicidePlan: Bool?
    public var suicidalThoughts: Bool?
    public var psychosisSigns: Bool?
    public var distressAtLeast: Distress?
    public var hoursSinceIncidentAtMost: Double?
    public var caregiverSuspected: Bool?
    public var imminentRiskToLife: Bool?
    public var injuries: Bool?
    public var safetyRisk: [SafetyRisk]?
    public var wantsShelter: Bool?
    public var populationGroups: [String]?
    public var anyOf: [ConditionDocument]?
    public var not: Box<ConditionDocument>?

    public init() {}
}

/// Indirection for recursive value types.
public final class Box<T: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public let value: T
    public init(_ value: T) { self.value = value }
    public init(from decoder: Decoder) throws { value = try T(from: decoder) }
    public func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
    public static func == (a: Box, b: Box) -> Bool { a.value == b.value }
    public func hash(into h: inout Hasher) { h.combine(value) }
}
