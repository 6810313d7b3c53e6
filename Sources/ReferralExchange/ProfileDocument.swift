import ReferralCore

/// The import profile as a coordinator writes it (docs/IMPORT.md documents every field). It is
/// decoded strictly like every other file: an unknown or misspelt field is an error with its line,
/// column and a suggestion. `ImportProfile` compiles it against the context.
public struct ProfileDocument: Codable, Sendable {
    public var formatVersion: Int
    /// Written into every imported entry's `source.dataset`; a re-import of the same dataset
    /// updates the entries it wrote before.
    public var dataset: String
    /// The start of every id the import makes (`c211` → `c211.4711`); default: the dataset name.
    public var idPrefix: String?
    public var csv: CSVOptionsDocument?
    /// Which column holds what (generic CSV only; HSDS has fixed fields).
    public var columns: ColumnsDocument?
    /// Columns that are never read: personal data, internal notes.
    public var ignoreColumns: [String]?
    /// Source category code → category id. A code ending in `*` is a prefix; the longest wins.
    public var categories: [String: String]?
    /// Record id → category ids, for records the codes get wrong.
    public var categoryOverrides: [String: [String]]?
    /// What to do with a record whose codes map to several categories: `error` (skip it, the
    /// default), `first` (keep the first), `split` (one service per category).
    public var severalCategories: SeveralCategories?
    /// Source area names → P-codes.
    public var areas: [String: String]?
    /// Postcode prefixes → P-codes; the longest prefix wins.
    public var postcodes: [String: String]?
    /// When a record has no area, look for a known area name or postcode in its address.
    public var areaFromAddress: Bool?
    /// Language names (as the source spells them) → language codes of the context.
    public var languages: [String: String]?
    /// Values of the languages column that are access needs (`Sign Language` → `sign-language`).
    public var languageAccessNeeds: [String: String]?
    /// Values of the languages column that mean interpretation is available (`Language Line`).
    public var interpretation: [String]?
    /// Age-group codes → ages (`Youth` → 14-24, `Grades 6-8` → 11-14).
    public var ageGroups: [String: AgeRangeDocument]?
    /// Sex codes → sexes served; an empty list means no restriction.
    public var sexes: [String: [Sex]]?
    /// Accessibility words → access needs of the context.
    public var accessNeeds: [String: String]?
    /// Population-group words → population groups of the context.
    public var populationGroups: [String: String]?
    /// Status values → `open`, `waitlist`, `closed`, or `skip` (do not import).
    public var statuses: [String: StatusTarget]?
    public var dates: DatesDocument?
    /// Values read as empty; default `none`, `n/a`, `na`, `null`, `-`, `--`, `not applicable`.
    public var nullValues: [String]?
    public var confidential: ConfidentialDocument?
    public var defaults: DefaultsDocument?
}

public enum SeveralCategories: String, FieldEnum {
    case error, first, split
    public static let fieldName = "choice for several categories"
}

public enum StatusTarget: String, FieldEnum {
    case open, waitlist, closed, skip
    public static let fieldName = "status target"
}

/// The order of day and month in dates such as 03/04/2026.
public enum DateOrder: String, FieldEnum {
    case mdy = "MDY", dmy = "DMY"
    public static let fieldName = "date order"
}

public struct CSVOptionsDocument: Codable, Sendable {
    /// One character: `,` (default), `;`, a tab or `|`.
    public var delimiter: String?
    /// What separates several values in one cell (languages, areas, codes); default `,` and `;`.
    public var listSeparators: [String]?
}

public struct AgeRangeDocument: Codable, Sendable {
    public var minAge: Int?
    public var maxAge: Int?
}

public struct DatesDocument: Codable, Sendable {
    /// `MDY` or `DMY`, for dates like 03/04/2026 that read both ways.
    public var order: DateOrder?
}

public struct ConfidentialDocument: Codable, Sendable {
    /// Words that mark an address as confidential; default `confidential`, `undisclosed`,
    /// `withheld`, `not disclosed`, `confidentially located`, `secret location`.
    public var markers: [String]?
    /// Categories whose street addresses are withheld until confirmed public (default: the
    /// categories whose id starts with `shelter` or `gbv`).
    public var categories: [String]?
    /// Record ids whose street address a coordinator confirmed is public.
    public var publicRecords: [String]?
}

/// What no source carries: how the service is delivered, what it needs to accept a referral,
/// whether people can self-refer (unknown means no), duties and qualifications.
public struct DefaultsDocument: Codable, Sendable {
    public var modality: [Modality]?
    public var requiredFields: [CaseField]?
    public var selfReferral: Bool?
    public var status: ServiceStatus?
    public var languages: [String]?
    public var areas: [String]?
    public var category: String?
    public var mandatoryReporting: [String]?
    public var sensitiveDataQualified: Bool?
    /// The same defaults for the services of one category (they win over the general ones).
    public var byCategory: [String: CategoryDefaultsDocument]?
}

public struct CategoryDefaultsDocument: Codable, Sendable {
    public var modality: [Modality]?
    public var requiredFields: [CaseField]?
    public var selfReferral: Bool?
    public var mandatoryReporting: [String]?
    public var sensitiveDataQualified: Bool?
}

/// One column name, or several (their texts are joined: `["address_1", "city"]`).
public struct ColumnList: Codable, Sendable {
    public var names: [String]

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let one = try? c.decode(String.self) { names = [one] } else { names = try c.decode([String].self) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(names)
    }
}

/// The directory field each column feeds (generic CSV).
public struct ColumnsDocument: Codable, Sendable {
    public var recordId, organisation, organisationId, organisationWebsite, organisationDescription: ColumnList?
    public var organisationPhone, organisationEmail, organisationRole: ColumnList?
    public var name, description, category, area, address, postcode, latitude, longitude: ColumnList?
    public var phone, email, website, focalPointRole, hours, alwaysOpen, languages, eligibility: ColumnList?
    public var minAge, maxAge, ageGroup, sex, status, lastVerified, cost, accessibility, populationGroups: ColumnList?

    /// Each mapped field with its columns, in the order of `SourceField`.
    var mapped: [(SourceField, [String])] {
        let all: [(SourceField, ColumnList?)] = [
            (.recordId, recordId), (.organisation, organisation), (.organisationId, organisationId),
            (.organisationWebsite, organisationWebsite), (.organisationDescription, organisationDescription),
            (.organisationPhone, organisationPhone), (.organisationEmail, organisationEmail),
            (.organisationRole, organisationRole),
            (.name, name), (.description, description), (.category, category), (.area, area), (.address, address),
            (.postcode, postcode), (.latitude, latitude), (.longitude, longitude), (.phone, phone), (.email, email),
            (.website, website), (.focalPointRole, focalPointRole), (.hours, hours), (.alwaysOpen, alwaysOpen),
            (.languages, languages), (.eligibility, eligibility), (.minAge, minAge), (.maxAge, maxAge),
            (.ageGroup, ageGroup), (.sex, sex), (.status, status), (.lastVerified, lastVerified), (.cost, cost),
            (.accessibility, accessibility), (.populationGroups, populationGroups),
        ]
        return all.compactMap { f, c in c.map { (f, $0.names) } }
    }
}

/// What a value in a source record is for. Generic CSV columns map onto these; the HSDS readers
/// fill them from HSDS fields.
public enum SourceField: String, Sendable, CaseIterable, Codable {
    case recordId, organisation, organisationId, organisationWebsite, organisationDescription
    case organisationPhone, organisationEmail, organisationRole
    case name, description, category, area, address, postcode, latitude, longitude
    case phone, email, website, focalPointRole, hours, alwaysOpen, languages, eligibility
    case minAge, maxAge, ageGroup, sex, status, lastVerified, cost, accessibility, populationGroups
    /// Free text kept in the description under a label (HSDS application process, alerts…).
    case note
    /// A yes/no: interpretation is available (HSDS interpretation_services).
    case interpretation
}
