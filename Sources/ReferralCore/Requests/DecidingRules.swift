extension ServiceDecision {
    /// The rule ids that decided this service's action, for the audit log.
    ///
    /// Stand-in until the engine's decisions carry their own deciding rules (issue 9): derived
    /// here, in one place, from the checks. Excluded: every check that failed. Information only:
    /// the failed checks and the consent gate that downgraded the referral. Referred: the consent
    /// checks that allowed it (`consent.referral`, `consent.risk-to-life`, …).
    public var auditDecidingRules: [String] {
        var out: [String] = []
        for c in checks {
            let consentGate = c.rule.hasPrefix("consent.")
            let decides: Bool
            switch action {
            case .excluded: decides = c.outcome == .fail
            case .inform: decides = c.outcome == .fail || (consentGate && c.outcome == .warn)
            case .refer, .emergencyReferral: decides = consentGate && (c.outcome == .pass || c.outcome == .warn)
            }
            if decides && !out.contains(c.rule) { out.append(c.rule) }
        }
        return out
    }
}
