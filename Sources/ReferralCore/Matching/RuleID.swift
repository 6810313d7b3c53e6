/// Every rule the router applies, listed once with its meaning.
///
/// A check, a warning and a decision's reasons name their rule with a `RuleID`. Like
/// `Diagnostic.Code`, it is a struct over an internal enum (in the style of swift-subprocess's error
/// `Code`): rules can be added without breaking callers, callers cannot invent one from a string,
/// and `RuleID.all` lists them for documentation (docs/OUTPUT.md's rule table is checked against
/// it by a test). Rule ids are encoded as their stable string (`eligibility.age`).
public struct RuleID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// Looks a rule up by its stable string; nil for a string that is not a rule id.
    public init?(rawValue: String) {
        guard let k = Kind(rawValue: rawValue) else { return nil }
        kind = k
    }

    /// The stable string (`eligibility.age`), as printed and encoded.
    public var rawValue: String { kind.rawValue }
    public var description: String { kind.rawValue }
    /// What the rule checks, one line.
    public var documentation: String { kind.documentation }
    /// Every rule, in declaration order (grouped by family).
    public static var all: [RuleID] { Kind.allCases.map(RuleID.init) }

    /// What a rule is about; a gap's cause is worked out from the families of the rules that
    /// excluded the services in reach.
    public enum Family: String, Sendable {
        case consent, child, confidentiality, preference, eligibility, access, availability, data, time, mhpss, step, gap
    }

    public var family: Family {
        switch kind {
        case .consentByAge, .consentCaregiverUnavailable, .consentSuspectedCaregiver, .consentChildAssent, .consentInvalid,
            .consentReferral, .consentRiskToLife, .consentMandatoryReporting:
            .consent
        case .childSuspectedCaregiver, .childConfidentialityLimits, .childBestInterests, .childSeparation, .childAgeDisputed,
            .childLeadCaseworker, .childAdultShelter, .childBidRequired, .childFtrFamilyCheck, .childCaregiverNotContacted:
            .child
        case .confidentialityRiskToLife, .confidentialityMandatoryReporting, .confidentialityAddress: .confidentiality
        case .preferenceNoPolice, .preferenceNoForensic, .preferenceRemoteOnly, .preferenceStaffSex,
            .preferenceExcludedOrganisation:
            .preference
        case .eligibilityArea, .eligibilityAge, .eligibilitySex, .eligibilityPopulationGroup, .eligibilityLegalStatus: .eligibility
        case .accessLanguage, .accessNeeds, .accessAccommodation: .access
        case .availabilityStatus, .availabilityHours, .availabilityAtCapacity: .availability
        case .timeWindowClosing, .timeRecordedAt: .time
        case .mhpssAssessImminentRisk: .mhpss
        case .dataVerified, .dataMinimumNecessary, .dataSensitive, .dataPartial: .data
        case .stepCriticalNote: .step
        case .gapUrgent: .gap
        }
    }

    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let k = Kind(rawValue: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown rule id"))
        }
        kind = k
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(kind.rawValue)
    }

    enum Kind: String, CaseIterable, Sendable {
        case consentByAge = "consent.by-age"
        case consentCaregiverUnavailable = "consent.caregiver-unavailable"
        case consentSuspectedCaregiver = "consent.suspected-caregiver"
        case consentChildAssent = "consent.child-assent"
        case consentInvalid = "consent.invalid"
        case consentReferral = "consent.referral"
        case consentRiskToLife = "consent.risk-to-life"
        case consentMandatoryReporting = "consent.mandatory-reporting"
        case childSuspectedCaregiver = "child.suspected-caregiver"
        case childConfidentialityLimits = "child.confidentiality-limits"
        case childBestInterests = "child.best-interests"
        case childSeparation = "child.separation"
        case childAgeDisputed = "child.age-disputed"
        case childLeadCaseworker = "child.lead-caseworker"
        case childAdultShelter = "child.adult-shelter"
        case childBidRequired = "child.bid-required"
        case childFtrFamilyCheck = "child.ftr-family-check"
        case childCaregiverNotContacted = "child.caregiver-not-contacted"
        case confidentialityRiskToLife = "confidentiality.risk-to-life"
        case confidentialityMandatoryReporting = "confidentiality.mandatory-reporting"
        case confidentialityAddress = "confidentiality.address"
        case preferenceNoPolice = "preference.no-police"
        case preferenceNoForensic = "preference.no-forensic"
        case preferenceRemoteOnly = "preference.remote-only"
        case preferenceStaffSex = "preference.staff-sex"
        case preferenceExcludedOrganisation = "preference.excluded-organisation"
        case eligibilityArea = "eligibility.area"
        case eligibilityAge = "eligibility.age"
        case eligibilitySex = "eligibility.sex"
        case eligibilityPopulationGroup = "eligibility.population-group"
        case eligibilityLegalStatus = "eligibility.legal-status"
        case accessLanguage = "access.language"
        case accessNeeds = "access.needs"
        case accessAccommodation = "access.accommodation"
        case availabilityStatus = "availability.status"
        case availabilityHours = "availability.hours"
        case availabilityAtCapacity = "availability.at-capacity"
        case timeWindowClosing = "time.window-closing"
        case timeRecordedAt = "time.recorded-at"
        case mhpssAssessImminentRisk = "mhpss.assess-imminent-risk"
        case dataVerified = "data.verified"
        case dataMinimumNecessary = "data.minimum-necessary"
        case dataSensitive = "data.sensitive"
        case dataPartial = "data.partial"
        case stepCriticalNote = "step.critical-note"
        case gapUrgent = "gap.urgent"

        var documentation: String {
            switch self {
            case .consentByAge: "whose consent counts for the person's age band (rules.consentByAge), and whether the recorded consent is that one"
            case .consentCaregiverUnavailable: "the caregiver is the suspected perpetrator or the child is separated or unaccompanied: consent comes from rules.whenCaregiverCannotConsent instead"
            case .consentSuspectedCaregiver: "consent given by the suspected caregiver never counts"
            case .consentChildAssent: "the age band asks for the child's own assent as well"
            case .consentInvalid: "the recorded consent does not count: nothing is referred, options are information only"
            case .consentReferral: "a referral only where the person agreed to the service's category or organisation; otherwise information only (self-referral) or not usable"
            case .consentRiskToLife: "an emergency referral without consent under the imminent-risk-to-life exception, with the minimum data only"
            case .consentMandatoryReporting: "no referral to a provider with a reporting duty until the person was told what it must report"
            case .childSuspectedCaregiver: "the caregiver is the suspected perpetrator: do not seek their consent, share nothing with them"
            case .childConfidentialityLimits: "explain the limits of confidentiality to a child first: never promise secrecy"
            case .childBestInterests: "a best interests assessment is part of child protection case management"
            case .childSeparation: "a separated or unaccompanied child: family tracing within 48 hours, a best interests determination before any durable solution"
            case .childAgeDisputed: "an age band that includes a child's age: treated as a child until the age is assessed (rules.presumeMinority)"
            case .childLeadCaseworker: "a child in several pathways has one lead caseworker: child protection case management leads"
            case .childAdultShelter: "a shelter is offered to a child only if it declares the feature child-safe: children are never housed with unrelated adults"
            case .childBidRequired: "a durable solution (return, reintegration) for a child is not referred before a best interests determination is done"
            case .childFtrFamilyCheck: "before family tracing for a trafficked child, check that the family was not involved"
            case .childCaregiverNotContacted: "the child asked that the caregiver not be contacted: statutory services and providers with a reporting duty may contact them"
            case .confidentialityRiskToLife: "an imminent risk to life is reported: what the exception to consent allows, and telling the person what was shared"
            case .confidentialityMandatoryReporting: "a reporting duty applies: what the provider must report, told to the person before any referral"
            case .confidentialityAddress: "a confidential address is never shown; the focal point arranges access"
            case .preferenceNoPolice: "the person chose no police involvement: law-enforcement services are listed but not referred"
            case .preferenceNoForensic: "the person declines forensic evidence collection: providers offering it are told"
            case .preferenceRemoteOnly: "the person asked for remote contact only: services without phone or remote modality are not usable"
            case .preferenceStaffSex: "the person's preferred sex of staff: met, not recorded or not available"
            case .preferenceExcludedOrganisation: "an organisation the person named (the perpetrator works there) is never offered, not even as information"
            case .eligibilityArea: "the service serves the case's area or an area containing it"
            case .eligibilityAge: "the case's whole age band lies within the service's ages"
            case .eligibilitySex: "the service serves the case's sex"
            case .eligibilityPopulationGroup: "the service restricts by population group and the case belongs to one of them"
            case .eligibilityLegalStatus: "the service restricts by legal status and the case has one of them (a non-discrimination gap otherwise)"
            case .accessLanguage: "the service works in a language the person speaks, or offers interpretation"
            case .accessNeeds: "an access need of the person is met by the service (its accessibility, or a modality that meets it)"
            case .accessAccommodation: "an access need the service does not meet: arrange a reasonable accommodation (never a reason to exclude); ranked after services that meet it"
            case .availabilityStatus: "the service is open, at capacity (waiting list) or closed"
            case .availabilityHours: "open now, or when it opens; for an urgent step, whether any option is open now"
            case .availabilityAtCapacity: "every option for an immediate, emergency or urgent step is at capacity: a gap of its own (at-capacity)"
            case .timeWindowClosing: "a time window closes before the usual response time: it bounds respond-by, act now"
            case .timeRecordedAt: "the case does not say when it was recorded: hours since the incident are read as of the routing time"
            case .mhpssAssessImminentRisk: "suicidal thoughts or a plan with no decision on imminent risk to life: assess it now, do not leave the person alone"
            case .dataVerified: "the entry was verified within the context's staleAfterDays"
            case .dataMinimumNecessary: "what is sent: the fields the provider needs that the person agreed to share"
            case .dataSensitive: "sensitive fields are held back from a provider not qualified to receive them"
            case .dataPartial: "routed with --allow-partial: the pathway data has errors, none in what this case's pathways use"
            case .stepCriticalNote: "the pathway's critical note for a step (criticalNote), shown as a critical warning of the step and in the brief"
            case .gapUrgent: "an emergency or urgent step has no usable service: find an alternative now"
            }
        }
    }

    public static let consentByAge = RuleID(.consentByAge)
    public static let consentCaregiverUnavailable = RuleID(.consentCaregiverUnavailable)
    public static let consentSuspectedCaregiver = RuleID(.consentSuspectedCaregiver)
    public static let consentChildAssent = RuleID(.consentChildAssent)
    public static let consentInvalid = RuleID(.consentInvalid)
    public static let consentReferral = RuleID(.consentReferral)
    public static let consentRiskToLife = RuleID(.consentRiskToLife)
    public static let consentMandatoryReporting = RuleID(.consentMandatoryReporting)
    public static let childSuspectedCaregiver = RuleID(.childSuspectedCaregiver)
    public static let childConfidentialityLimits = RuleID(.childConfidentialityLimits)
    public static let childBestInterests = RuleID(.childBestInterests)
    public static let childSeparation = RuleID(.childSeparation)
    public static let childAgeDisputed = RuleID(.childAgeDisputed)
    public static let childLeadCaseworker = RuleID(.childLeadCaseworker)
    public static let childAdultShelter = RuleID(.childAdultShelter)
    public static let childBidRequired = RuleID(.childBidRequired)
    public static let childFtrFamilyCheck = RuleID(.childFtrFamilyCheck)
    public static let childCaregiverNotContacted = RuleID(.childCaregiverNotContacted)
    public static let confidentialityRiskToLife = RuleID(.confidentialityRiskToLife)
    public static let confidentialityMandatoryReporting = RuleID(.confidentialityMandatoryReporting)
    public static let confidentialityAddress = RuleID(.confidentialityAddress)
    public static let preferenceNoPolice = RuleID(.preferenceNoPolice)
    public static let preferenceNoForensic = RuleID(.preferenceNoForensic)
    public static let preferenceRemoteOnly = RuleID(.preferenceRemoteOnly)
    public static let preferenceStaffSex = RuleID(.preferenceStaffSex)
    public static let preferenceExcludedOrganisation = RuleID(.preferenceExcludedOrganisation)
    public static let eligibilityArea = RuleID(.eligibilityArea)
    public static let eligibilityAge = RuleID(.eligibilityAge)
    public static let eligibilitySex = RuleID(.eligibilitySex)
    public static let eligibilityPopulationGroup = RuleID(.eligibilityPopulationGroup)
    public static let eligibilityLegalStatus = RuleID(.eligibilityLegalStatus)
    public static let accessLanguage = RuleID(.accessLanguage)
    public static let accessNeeds = RuleID(.accessNeeds)
    public static let accessAccommodation = RuleID(.accessAccommodation)
    public static let availabilityStatus = RuleID(.availabilityStatus)
    public static let availabilityHours = RuleID(.availabilityHours)
    public static let availabilityAtCapacity = RuleID(.availabilityAtCapacity)
    public static let timeWindowClosing = RuleID(.timeWindowClosing)
    public static let timeRecordedAt = RuleID(.timeRecordedAt)
    public static let mhpssAssessImminentRisk = RuleID(.mhpssAssessImminentRisk)
    public static let dataVerified = RuleID(.dataVerified)
    public static let dataMinimumNecessary = RuleID(.dataMinimumNecessary)
    public static let dataSensitive = RuleID(.dataSensitive)
    /// Routed with --allow-partial: the pathway data has errors, none in what this case's pathways use.
    public static let dataPartial = RuleID(.dataPartial)
    public static let stepCriticalNote = RuleID(.stepCriticalNote)
    public static let gapUrgent = RuleID(.gapUrgent)
}
