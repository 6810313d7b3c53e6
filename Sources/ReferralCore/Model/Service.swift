public struct Organisation: Sendable {
    public let id: String
    public let name: String
    public let type: String?
    public let contact: Contact?
    public let description: String?
    public let website: String?
    public let source: Source?
}

/// A service point, validated: its organisation, category, areas, languages and duties exist.
public struct Service: Sendable {
    public let id: String
    public let organisation: String
    public let name: String
    public let category: String
    public let areas: [String]
    public let modality: [Modality]
    public let hours: WeeklyHours?
    public let languages: [String]
    public let interpretation: Bool
    public let eligibility: Eligibility
    public let accessibility: [String]
    public let staffSexes: [Sex]?
    public let features: [String]
    public let selfReferral: Bool
    public let requiredFields: [CaseField]
    public let status: ServiceStatus
    public let mandatoryReporting: [String]
    /// Both the service says it is qualified and its category may hold sensitive data.
    public let sensitiveDataQualified: Bool
    public let address: Address?
    public let focalPoint: Contact?
    /// Days since 1970-01-01 of the last verification.
    public let lastVerifiedDay: Int?
    public let lastVerified: String?
    public let interventionType: InterventionType?
    public let cost: String?
    /// What the service does, in the provider's words: shown, never used to decide.
    public let description: String?
    public let website: String?
    public let source: Source?
    /// Where the service is defined, for findings.
    public let place: SourcePlace
}

/// Who a service is for. Nil means no restriction on that fact.
public struct Eligibility: Sendable, Hashable {
    public let minAge: Int?
    public let maxAge: Int?
    public let sexes: [Sex]?
    /// Only these population groups are served.
    public let populationGroups: [String]?
    /// Only these legal statuses are served (a non-discrimination gap to report).
    public let legalStatuses: [String]?
    /// Eligibility as the source wrote it: shown to caseworkers, never used to decide.
    public let note: String?

    /// The ages served when the service restricts by age: a missing bound is the end of the age
    /// scale (0 or `AgeValue.oldest`), so "no maximum" and 130 are the same set of people.
    public var ages: ClosedRange<Int>? {
        minAge == nil && maxAge == nil ? nil : (minAge ?? 0)...max(minAge ?? 0, maxAge ?? AgeValue.oldest)
    }
}

/// A public focal-point contact: a role, never a person's name.
public struct Contact: Codable, Sendable, Hashable {
    public var role: String?
    public var phone: String?
    public var email: String?
}

public struct Address: Sendable, Hashable {
    /// The address as written; may be missing (only) for a confidential address.
    public let text: String?
    /// A confidential address (a shelter) is never printed by the router.
    public let confidential: Bool
    /// WGS 84 decimal degrees, both or neither; never on a confidential address.
    public let latitude: Double?
    public let longitude: Double?
}

/// The record an imported entry came from, so that a re-import updates it instead of adding a copy.
public struct Source: Sendable, Hashable {
    /// A short name of the dataset.
    public let dataset: String
    /// The record's id in that dataset.
    public let recordId: String
    /// Where in the source the record was read.
    public let place: String?

    public init(dataset: String, recordId: String, place: String? = nil) {
        self.dataset = dataset
        self.recordId = recordId
        self.place = place
    }
}

extension AgeValue {
    /// The oldest age a case may give; the end of every age scale (eligibility, populations).
    public static let oldest = 130
}
