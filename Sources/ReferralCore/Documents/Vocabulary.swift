/// The closed vocabularies of the formats. Open vocabularies (categories, areas, languages,
/// population groups, pathways) are data in the context, never enums here.

public enum Sex: String, FieldEnum {
    case female, male, other
    public static let fieldName = "sex"
}

public enum Modality: String, FieldEnum {
    case inPerson = "in-person", phone, mobile, remote
    public static let fieldName = "modality"
    /// Usable without travelling to the service.
    public var isRemote: Bool { self == .phone || self == .remote }
}

public enum ServiceStatus: String, FieldEnum {
    case open, waitlist, closed
    public static let fieldName = "status"
}

public enum InterventionType: String, FieldEnum {
    case preventive, responsive, remedial, environmentBuilding = "environment-building"
    public static let fieldName = "intervention type"
}

public enum Urgency: String, FieldEnum, Comparable {
    /// Respond now (an imminent risk to life): above emergency, sorted first.
    case immediate
    case emergency, urgent, routine
    public static let fieldName = "urgency"
    var order: Int {
        switch self {
        case .immediate: 0
        case .emergency: 1
        case .urgent: 2
        case .routine: 3
        }
    }
    public static func < (a: Urgency, b: Urgency) -> Bool { a.order < b.order }
}

public enum GBVIncidentType: String, FieldEnum {
    // GBVIMS order: the first that applies is the classification.
    case rape, sexualAssault = "sexual-assault", physicalAssault = "physical-assault",
        forcedMarriage = "forced-marriage", denialOfResources = "denial-of-resources",
        psychologicalAbuse = "psychological-abuse", nonGBV = "non-gbv"
    public static let fieldName = "GBV incident type"
}

public enum TraffickingIndicator: String, FieldEnum {
    case act, means, purpose
    public static let fieldName = "trafficking indicator"
}

public enum Distress: String, FieldEnum, Comparable {
    case none, mild, moderate, severe
    public static let fieldName = "distress level"
    var order: Int { Distress.allCases.firstIndex(of: self)! }
    public static func < (a: Distress, b: Distress) -> Bool { a.order < b.order }
}

/// The caseworker's assessment of the risk of further harm (a safety assessment), for shelter.
public enum SafetyRisk: String, FieldEnum {
    case low, medium, high
    public static let fieldName = "safety risk"
}

/// Where a child's best interests determination (BID) stands: a durable solution (return,
/// resettlement, local integration) waits for `done`.
public enum BestInterestsDetermination: String, FieldEnum {
    case none, pending, done
    public static let fieldName = "best interests determination"
}

public enum Separation: String, FieldEnum {
    case none, separated, unaccompanied
    public static let fieldName = "separation"
}

/// Who gave the consent recorded in a case.
public enum ConsentGiver: String, FieldEnum {
    /// The person themself.
    case `self`
    /// A parent or usual caregiver.
    case caregiver
    /// Another trusted adult, when the caregiver cannot or must not consent.
    case trustedAdult = "trusted-adult"
    /// The caseworker deciding in the child's best interests, when no trusted adult can.
    case caseworkerBestInterests = "caseworker-best-interests"
    public static let fieldName = "consent giver"
}

public enum Weekday: String, FieldEnum {
    case mon, tue, wed, thu, fri, sat, sun
    public static let fieldName = "weekday"
    /// 0 for Monday … 6 for Sunday.
    var index: Int { Weekday.allCases.firstIndex(of: self)! }
}

/// The fields of a case that can be shared with a provider, by their stable ids.
///
/// Consent names these ids (`consent.share`), providers name the ones they need
/// (`intake.requiredFields`) and the context says which are sensitive.
public enum CaseField: String, FieldEnum, Comparable {
    case caseCode, age, sex, area, languages, accessNeeds, populationGroups, legalStatus
    case concerns
    case gbvIncidentType = "gbv.incidentType"
    case gbvHoursSinceIncident = "gbv.hoursSinceIncident"
    case traffickingIndicators = "trafficking.indicators"
    case mhpssRisk = "mhpss.risk"
    case mhpssDistress = "mhpss.distress"
    case childSeparation = "child.separation"
    case childCaregiverSuspected = "child.caregiverSuspected"
    case imminentRiskToLife
    /// What puts the person's life at risk, as recorded (a suicide plan or thoughts, signs of
    /// psychosis, injuries): what a receiver needs to act on an emergency referral.
    case riskNature = "risk.nature"
    case preferences
    public static let fieldName = "case field"
    public static func < (a: CaseField, b: CaseField) -> Bool { a.rawValue < b.rawValue }
}
