/// The documents of `organisations.json` and `services.json` (the services and organisations of a context),
/// decoded strictly and converted by `DirectoryLoader`'s builders into `Organisation` and `Service`.
///
/// `Pathways/README.md` documents every field for coordinators; keep the two in step.

public struct OrganisationDocument: Codable, Sendable {
    public var id: String
    public var name: String
    /// `ngo`, `un`, `government`, `community` … free vocabulary.
    public var type: String?
    public var contact: ContactDocument?
    /// What the organisation does, in its own words (free text, shown, never used to decide).
    public var description: String?
    /// Its public web site, `http://` or `https://`.
    public var website: String?
    /// Where the entry was imported from, so that a re-import updates it instead of adding a copy.
    public var source: SourceDocument?
}

/// The record an imported entry came from: `referral import` writes it, a re-import of the same
/// dataset finds the entry by it.
public struct SourceDocument: Codable, Sendable, Hashable {
    /// A short name of the dataset (`city-211-2026-10`, `hsds:…`).
    public var dataset: String
    /// The record's id in that dataset, as text (`4711`, a UUID).
    public var recordId: String
    /// Where in the source the record was read: `services.csv row 14`, `$.contents[3]`.
    public var place: String?
    /// Fields the import worked out rather than read (`areas` from the address): check them.
    public var inferred: [String]?

    public init(dataset: String, recordId: String, place: String? = nil, inferred: [String]? = nil) {
        self.dataset = dataset
        self.recordId = recordId
        self.place = place
        self.inferred = inferred
    }
}

public struct ContactDocument: Codable, Sendable, Hashable {
    /// A public focal-point role, never a person's name.
    public var role: String?
    public var phone: String?
    public var email: String?

    public init(role: String?, phone: String?, email: String?) {
        self.role = role
        self.phone = phone
        self.email = email
    }
}

public struct ServiceDocument: Codable, Sendable {
    public var id: String
    public var organisation: String
    public var name: String
    public var category: String
    /// P-codes served; a service covers every area whose code starts with one of these.
    public var areas: [String]
    public var modality: [Modality]
    public var hours: HoursDocument?
    public var languages: [String]
    /// Interpretation is available for other languages.
    public var interpretation: Bool?
    public var eligibility: EligibilityDocument?
    public var accessibility: [String]?
    /// Sexes of staff available (for a survivor's preference).
    public var staffSexes: [Sex]?
    /// Tags such as `forensic-evidence`, matched against a survivor's refusals.
    public var features: [String]?
    public var intake: IntakeDocument
    public var status: ServiceStatus
    /// Ids of the context's reporting duties this provider carries.
    public var mandatoryReporting: [String]?
    /// Qualified to receive sensitive case data (also needs a sensitive category).
    public var sensitiveDataQualified: Bool?
    public var address: AddressDocument?
    public var focalPoint: ContactDocument?
    /// `YYYY-MM-DD`.
    public var lastVerified: String?
    public var interventionType: InterventionType?
    /// `free` or a short description of cost.
    public var cost: String?
    /// What the service does, in the provider's words (free text, shown, never used to decide).
    public var description: String?
    /// Its public web site, `http://` or `https://`.
    public var website: String?
    /// Where the entry was imported from, so that a re-import updates it instead of adding a copy.
    public var source: SourceDocument?
}

public struct HoursDocument: Codable, Sendable {
    public var alwaysOpen: Bool?
    /// Weekday to opening periods, each `HH:MM-HH:MM` (`22:00-06:00` runs past midnight).
    public var weekly: [String: [String]]?

    public init(alwaysOpen: Bool?, weekly: [String: [String]]?) {
        self.alwaysOpen = alwaysOpen
        self.weekly = weekly
        self.weeklyRanges = nil
    }

    /// `weekly` as minute ranges, when the hand-written decoder read them straight from the file
    /// (DocumentTables.swift); not part of the format.
    var weeklyRanges: Result<[Range<Int>], WeeklyHours.HoursError>?

    enum CodingKeys: String, CodingKey {
        case alwaysOpen, weekly
    }

    /// The minute ranges of `weekly` (nil without it), the same as `WeeklyHours.parse` gives.
    var parsedWeekly: Result<[Range<Int>], WeeklyHours.HoursError>? {
        weeklyRanges ?? weekly.map(WeeklyHours.parse)
    }
}

public struct EligibilityDocument: Codable, Sendable {
    public var minAge: Int?
    public var maxAge: Int?
    public var sexes: [Sex]?
    /// If set, only these population groups are served.
    public var populationGroups: [String]?
    /// If set, only these legal statuses are served (a non-discrimination gap to report).
    public var legalStatuses: [String]?
    /// Eligibility as the source wrote it ("Women 18+ who are survivors of domestic violence"):
    /// shown to caseworkers, never used to decide. Only the fields above restrict.
    public var note: String?

    public init(minAge: Int? = nil, maxAge: Int? = nil, sexes: [Sex]? = nil, populationGroups: [String]? = nil,
                legalStatuses: [String]? = nil, note: String? = nil)
    {
        self.minAge = minAge
        self.maxAge = maxAge
        self.sexes = sexes
        self.populationGroups = populationGroups
        self.legalStatuses = legalStatuses
        self.note = note
    }
}

public struct IntakeDocument: Codable, Sendable {
    /// The person can go or call without a referral; shown as information when no consent exists.
    public var selfReferral: Bool
    /// The case fields the provider needs to accept a referral.
    public var requiredFields: [CaseField]

    public init(selfReferral: Bool, requiredFields: [CaseField]) {
        self.selfReferral = selfReferral
        self.requiredFields = requiredFields
    }
}

public struct AddressDocument: Codable, Sendable {
    /// The address as written; may be left out (only) for a confidential address.
    public var text: String?
    /// A confidential address (a shelter) is never printed by the router.
    public var confidential: Bool
    /// WGS 84 decimal degrees, both or neither; never on a confidential address.
    public var latitude: Double?
    public var longitude: Double?

    public init(text: String?, confidential: Bool, latitude: Double? = nil, longitude: Double? = nil) {
        self.text = text
        self.confidential = confidential
        self.latitude = latitude
        self.longitude = longitude
    }
}
