/// A referral pathway as a directed graph of steps.
public struct Pathway: Sendable {
    public let id: String
    public let name: String
    public let appliesWhen: Condition
    public let steps: [Step]
    /// Indices of entry steps, in the file's order.
    public let entry: [Int]
    /// Outgoing links per step index, in the file's order.
    public let links: [[Link]]
    public let file: String

    public struct Link: Sendable {
        public let to: Int
        public let when: Condition?
        public let place: SourcePlace
    }

    public func stepIndex(_ id: String) -> Int? { steps.firstIndex { $0.id == id } }
}

public struct Step: Sendable {
    public let id: String
    public let name: String
    public let category: String
    /// The step applies only to cases meeting this condition.
    public let when: Condition?
    public let urgency: Urgency
    /// The step's own response time in hours (family tracing: 48), when shorter than the urgency's.
    public let respondWithinHours: Double?
    public let windows: [Window]
    public let escalate: [Escalation]
    public let terminal: Bool
    public let optional: Bool
    public let note: String?
    /// Shown as a critical warning of the step (rule `step.critical-note`), in the brief too.
    public let criticalNote: String?
    public let place: SourcePlace

    /// A time window after the incident that raises the step's urgency while it is open.
    public struct Window: Sendable {
        public let id: String
        public let name: String
        /// Hours after the incident when the window closes.
        public let hours: Double
        public let urgency: Urgency
        /// The cases the window applies to; nil: every case the step applies to.
        public let when: Condition?
        public let note: String?
    }

    /// A condition that raises the step's urgency, with the reason shown.
    public struct Escalation: Sendable {
        public let when: Condition
        public let urgency: Urgency
        public let reason: String
    }
}
