extension ServiceDecision {
    /// The rule ids that decided this service's action, for the audit log: `decidingRules` as
    /// strings (the checks whose ceiling is the action; see `DecisionDraft`).
    public var auditDecidingRules: [String] { decidingRules.map(\.rawValue) }
}
