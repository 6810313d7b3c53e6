/// Minimum necessary data: what is sent to a provider, and what is held back and why.
extension Router {

    /// The packet for a referral (what the provider needs and the person agreed to share; under
    /// the risk-to-life exception the context's minimum fields), with sensitive fields only for
    /// qualified providers. Nothing is sent for information only or an excluded service.
    func buildPacket(_ s: Service, _ c: Case, scope: CaseScope, into d: inout DecisionDraft)
        -> (sent: [PacketField], withheld: [WithheldField])
    {
        var packet: [PacketField] = []
        var withheld: [WithheldField] = []
        var heldBackAsSensitive = false
        let action = d.action
        if action == .refer || action == .emergencyReferral {
            // A handful of fields each: arrays beat building sets for every service.
            let sensitive = rules.sensitiveFields
            let agreed = c.consent.share
            // Under the risk-to-life exception the minimum fields go whatever was agreed; otherwise
            // only what the provider needs and the person agreed to (built from the store on each
            // read: read once).
            let wanted = action == .refer ? scope.memo.sortedFields(of: s) : CaseScope.sortedOnce(rules.imminentRiskToLife.minimumFields)
            packet.reserveCapacity(wanted.count)
            for f in wanted {
                guard let v = scope.memo.value(of: f, c) else {
                    withheld.append(WithheldField(field: f, cause: .notRecorded, reason: "not recorded in the case: the provider may ask"))
                    continue
                }
                if action == .refer && !agreed.contains(f) {
                    withheld.append(WithheldField(field: f, cause: .notAgreed, reason: "the person did not agree to share it; the provider asks for it to accept the referral: discuss with the person"))
                } else if sensitive.contains(f) && !s.sensitiveDataQualified {
                    heldBackAsSensitive = true
                    withheld.append(WithheldField(field: f, cause: .sensitive, reason: "sensitive: this provider is not qualified to receive it"))
                } else {
                    packet.append(PacketField(field: f, value: v))
                }
            }
            d.check(.dataMinimumNecessary, .pass,
                    action == .refer ? .sends(packet.count) : .text("sends only the minimum fields allowed under the risk-to-life exception"))
            if heldBackAsSensitive {
                d.check(.dataSensitive, .warn, "sensitive fields held back: this provider is not qualified to receive them")
            }
        } else if action == .inform {
            d.check(.dataMinimumNecessary, .pass, "nothing is sent: give the person the contact details")
        }
        return (packet, withheld)
    }
}

extension CaseField {
    /// The field's place in `allCases`, without searching.
    var position: Int {
        switch self {
        case .caseCode: 0
        case .age: 1
        case .sex: 2
        case .area: 3
        case .languages: 4
        case .accessNeeds: 5
        case .populationGroups: 6
        case .legalStatus: 7
        case .concerns: 8
        case .gbvIncidentType: 9
        case .gbvHoursSinceIncident: 10
        case .traffickingIndicators: 11
        case .mhpssRisk: 12
        case .mhpssDistress: 13
        case .childSeparation: 14
        case .childCaregiverSuspected: 15
        case .imminentRiskToLife: 16
        case .riskNature: 17
        case .preferences: 18
        }
    }

    /// The field's place in the order of `<` (by stable id), without comparing strings.
    var sortRank: Int { Self.ranks[position] }

    private static let ranks: [Int] = {
        let byID = allCases.sorted()
        return allCases.map { f in byID.firstIndex(of: f)! }
    }()
}
