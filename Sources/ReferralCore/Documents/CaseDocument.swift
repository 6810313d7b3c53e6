/// The on-disk shape of an anonymised case: codes and numbers only, no free text.
///
/// A case never carries a name, phone number, e-mail, exact date of birth, address, document
/// number or GPS position; `CaseLoader` refuses one that does, naming the field and never
/// repeating its value.
public struct CaseDocument: Codable, Sendable {
    public var formatVersion: Int
    /// A pseudonymous code (letters, digits and dashes), never a name.
    public var caseCode: String
    /// Age in years (`16`) or a band (`"15-17"`).
    public var age: AgeValue
    public var sex: Sex
    /// The P-code of the area the person is in.
    public var area: String
    public var languages: [String]
    public var accessNeeds: [String]?
    public var populationGroups: [String]?
    public var legalStatus: String?
    /// When the facts were recorded, to the hour (`2026-11-28T14:00+02:00`): hours since the
    /// incident are counted from it, so a saved case routed later keeps its time windows. A time
    /// of recording, never a date of birth or of an event in the person's life.
    public var recordedAt: String?
    public var concerns: ConcernsDocument
    public var preferences: PreferencesDocument?
    public var consent: ConsentDocument
}

/// An age in whole years or an inclusive band of years.
public struct AgeValue: Codable, Sendable, Hashable {
    public var min: Int
    public var max: Int
    public var isExact: Bool { min == max }

    public init(years: Int) { min = years; max = years }
    public init(min: Int, max: Int) { self.min = min; self.max = max }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let years = try? c.decode(Int.self) {
            guard (0...130).contains(years) else {
                throw decodeFailure(decoder, code: .caseInvalidAge, "age must be between 0 and 130")
            }
            self.init(years: years)
            return
        }
        guard let text = try? c.decode(String.self) else {
            throw decodeFailure(decoder, code: .jsonWrongType,
                                "expected an age in years (16) or a band (\"15-17\")")
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let lo = Int(parts[0]), let hi = Int(parts[1]), 0 <= lo, lo <= hi, hi <= 130 else {
            throw decodeFailure(decoder, code: .caseInvalidAge, "an age band is written as \"MIN-MAX\", for example \"15-17\"")
        }
        self.init(min: lo, max: hi)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if isExact { try c.encode(min) } else { try c.encode("\(min)-\(max)") }
    }

    public var description: String { isExact ? "\(min)" : "\(min)-\(max)" }
}

public struct ConcernsDocument: Codable, Sendable {
    /// The pathways the case concerns (`gbv`, `child-protection`, …).
    public var pathways: [String]
    public var gbvIncidentType: GBVIncidentType?
    /// Hours since the incident, as of `recordedAt` (without it: as of the routing time).
    public var hoursSinceIncident: Double?
    public var traffickingIndicators: [TraffickingIndicator]?
    public var suicidePlan: Bool?
    /// Thoughts of suicide or self-harm (without a plan, or before one is asked about).
    public var suicidalThoughts: Bool?
    public var psychosisSigns: Bool?
    public var distress: Distress?
    public var separation: Separation?
    /// The caregiver is the suspected perpetrator: their consent never counts.
    public var caregiverSuspected: Bool?
    /// An imminent risk to the person's life (the exception to consent, where the context allows).
    /// Not recorded while suicidal thoughts or a plan are: assess it now.
    public var imminentRiskToLife: Bool?
    /// Physical injuries are recorded.
    public var injuries: Bool?
    /// The caseworker's safety assessment: the risk of further harm.
    public var safetyRisk: SafetyRisk?
    /// For a child: where the best interests determination stands (none when not recorded).
    public var bestInterestsDetermination: BestInterestsDetermination?
}

public struct PreferencesDocument: Codable, Sendable {
    /// No police involvement: law-enforcement steps are not referred.
    public var noPolice: Bool?
    /// No forensic evidence collection: services offering it are told (a warning on the option);
    /// care never depends on it.
    public var noForensicEvidence: Bool?
    public var staffSex: Sex?
    public var remoteOnly: Bool?
    /// Organisations (directory ids) the person must never be sent to (the perpetrator works
    /// there): never offered, not even as information.
    public var excludeOrganisations: [String]?
    /// The person asks for a safe place to stay.
    public var wantsShelter: Bool?
}

public struct ConsentDocument: Codable, Sendable {
    public var givenBy: ConsentGiver
    /// The child agreed too (needed for some age bands).
    public var childAssent: Bool?
    /// Categories the person agreed to be referred to.
    public var referToCategories: [String]?
    /// Organisations the person agreed to be referred to.
    public var referToOrganisations: [String]?
    /// Case fields the person agreed to share.
    public var share: [CaseField]
    /// The person was told what providers with a duty to report must report, and to whom.
    public var mandatoryReportingExplained: Bool?
    /// A child who may consent alone (15 to 17 in most contexts) asked that the caregiver not be
    /// contacted: statutory services and providers with a reporting duty are flagged.
    public var caregiverNotToBeContacted: Bool?
}
