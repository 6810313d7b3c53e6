/// Every diagnostic code the engine emits, listed once with its meaning.
///
/// `Diagnostic.Code` is a struct over an internal enum (in the style of swift-subprocess's error
/// `Code`): codes can be added without breaking callers, callers cannot invent one from a string,
/// and `Diagnostic.Code.all` lists them for documentation (docs/OUTPUT.md is checked against it by
/// a test). Codes are encoded as their stable string (`json.syntax`).
extension Diagnostic {
    public struct Code: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
        let kind: Kind

        init(_ kind: Kind) { self.kind = kind }

        /// Looks a code up by its stable string; nil for a string that is not a code.
        public init?(rawValue: String) {
            guard let k = Kind(rawValue: rawValue) else { return nil }
            kind = k
        }

        /// The stable string (`json.syntax`), as printed and encoded.
        public var rawValue: String { kind.rawValue }
        public var description: String { kind.rawValue }
        /// What the code means, one line.
        public var documentation: String { kind.documentation }
        /// Every code, in declaration order (grouped by prefix).
        public static var all: [Code] { Kind.allCases.map(Code.init) }

        public static func < (a: Code, b: Code) -> Bool { a.rawValue < b.rawValue }

        public init(from decoder: Decoder) throws {
            let s = try decoder.singleValueContainer().decode(String.self)
            guard let k = Kind(rawValue: s) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown diagnostic code"))
            }
            kind = k
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(kind.rawValue)
        }

        enum Kind: String, CaseIterable, Sendable {
            case jsonSyntax = "json.syntax"
            case jsonDecode = "json.decode"
            case jsonInvalidValue = "json.invalid-value"
            case jsonMissingField = "json.missing-field"
            case jsonUnknownField = "json.unknown-field"
            case jsonUnknownValue = "json.unknown-value"
            case jsonWrongType = "json.wrong-type"
            case fileMissing = "file.missing"
            case fileNotAFile = "file.not-a-file"
            case fileTooLarge = "file.too-large"
            case fileNoContext = "file.no-context"
            case fileSeveralContexts = "file.several-contexts"
            case fileUnknownContext = "file.unknown-context"
            case formatVersion = "format.version"
            case idInvalid = "id.invalid"
            case contextId = "context.id"
            case contextUtcOffset = "context.utc-offset"
            case areaLevel = "area.level"
            case areaNoRoot = "area.no-root"
            case areaOrphan = "area.orphan"
            case areaPcode = "area.pcode"
            case dupArea = "dup.area"
            case dupCategory = "dup.category"
            case dupDuty = "dup.duty"
            case dupLanguage = "dup.language"
            case dupOrganisation = "dup.organisation"
            case dupPathway = "dup.pathway"
            case dupService = "dup.service"
            case dupStep = "dup.step"
            case dupPopulationGroups = "dup.populationGroups"
            case dupLegalStatuses = "dup.legalStatuses"
            case dupAccessNeeds = "dup.accessNeeds"
            case refUnknownAccessNeed = "ref.unknown-access-need"
            case refUnknownArea = "ref.unknown-area"
            case refUnknownCategory = "ref.unknown-category"
            case refUnknownDuty = "ref.unknown-duty"
            case refUnknownGroup = "ref.unknown-group"
            case refUnknownLanguage = "ref.unknown-language"
            case refUnknownLegalStatus = "ref.unknown-legal-status"
            case refUnknownOrganisation = "ref.unknown-organisation"
            case refUnknownPathway = "ref.unknown-pathway"
            case refUnknownStep = "ref.unknown-step"
            case rulesCaregiverFallback = "rules.caregiver-fallback"
            case rulesCaseCode = "rules.case-code"
            case rulesConsentBand = "rules.consent-band"
            case rulesConsentGap = "rules.consent-gap"
            case rulesConsentOverlap = "rules.consent-overlap"
            case rulesResponseHours = "rules.response-hours"
            case rulesRiskToLife = "rules.risk-to-life"
            case rulesStale = "rules.stale"
            case serviceAgeRange = "service.age-range"
            case serviceHours = "service.hours"
            case serviceLastVerified = "service.last-verified"
            case serviceNoArea = "service.no-area"
            case serviceNoLanguage = "service.no-language"
            case serviceNoModality = "service.no-modality"
            case serviceSensitiveIgnored = "service.sensitive-ignored"
            case serviceAddress = "service.address"
            case serviceCoordinates = "service.coordinates"
            case serviceConfidentialCoordinates = "service.confidential-coordinates"
            case serviceEligibilityNote = "service.eligibility-note"
            case entryWebsite = "entry.website"
            case entrySource = "entry.source"
            case pathwayNoEntry = "pathway.no-entry"
            case stepWindow = "step.window"
            case stepRespondWithin = "step.respond-within"
            case caseCode = "case.code"
            case caseHours = "case.hours"
            case caseRecordedAt = "case.recorded-at"
            case caseCaregiverNotContacted = "case.caregiver-not-contacted"
            case caseIdentifyingData = "case.identifying-data"
            case caseInvalidAge = "case.invalid-age"
            case caseNoLanguage = "case.no-language"
            case caseUnknownArea = "case.unknown-area"
            case caseUnknownLanguage = "case.unknown-language"
            case caseUnknownAccessNeed = "case.unknown-access-need"
            case caseUnknownPopulationGroup = "case.unknown-population-group"
            case caseUnknownLegalStatus = "case.unknown-legal-status"
            case caseUnknownPathway = "case.unknown-pathway"
            case caseUnknownCategory = "case.unknown-category"
            case caseUnknownOrganisation = "case.unknown-organisation"
            case structureCycle = "structure.cycle"
            case structureDeadEnd = "structure.dead-end"
            case structureNoProvider = "structure.no-provider"
            case structureUnreachable = "structure.unreachable"
            case coverageGap = "coverage.gap"
            case coverageNotComputed = "coverage.not-computed"
            case coverageAreaOutside = "coverage.area-outside"
            case coverageEmergencyHours = "coverage.emergency-hours"
            case coverageLanguage = "coverage.language"
            case coverageReportingOnly = "coverage.reporting-only"
            case coverageRestrictedOnly = "coverage.restricted-only"
            case coverageWaitlistOnly = "coverage.waitlist-only"
            case dataAtCapacity = "data.at-capacity"
            case dataShelterAdmitsChildren = "data.shelter-admits-children"
            case dataClosedInPathway = "data.closed-in-pathway"
            case dataConfidentialAddress = "data.confidential-address"
            case dataConfidentialNoFocalPoint = "data.confidential-no-focal-point"
            case dataLegalStatusRestriction = "data.legal-status-restriction"
            case dataMandatoryReporting = "data.mandatory-reporting"
            case dataNeverVerified = "data.never-verified"
            case dataNoContact = "data.no-contact"
            case dataNoHours = "data.no-hours"
            case dataStale = "data.stale"
            case csvStrayQuote = "csv.stray-quote"
            case csvTextAfterQuote = "csv.text-after-quote"
            case csvUnterminatedQuote = "csv.unterminated-quote"
            case csvFieldCount = "csv.field-count"
            case csvEncoding = "csv.encoding"
            case csvHeader = "csv.header"
            case profileUnknownReference = "profile.unknown-reference"
            case profileAmbiguousKey = "profile.ambiguous-key"
            case profileUnknownColumn = "profile.unknown-column"
            case profileMissing = "profile.missing"
            case profileInvalid = "profile.invalid"
            case hsdsShape = "hsds.shape"
            case hsdsReference = "hsds.reference"
            case hsdsValue = "hsds.value"
            case hsdsFieldDropped = "hsds.field-dropped"
            case importRequiredMissing = "import.required-missing"
            case importNoCategory = "import.no-category"
            case importSeveralCategories = "import.several-categories"
            case importNoArea = "import.no-area"
            case importAreaUnmapped = "import.area-unmapped"
            case importAreaAmbiguous = "import.area-ambiguous"
            case importAreaFromAddress = "import.area-from-address"
            case importLanguageUnmapped = "import.language-unmapped"
            case importLanguageAsAccess = "import.language-as-access"
            case importLanguageAsInterpretation = "import.language-as-interpretation"
            case importValueUnmapped = "import.value-unmapped"
            case importStatusUnmapped = "import.status-unmapped"
            case importStatusMissing = "import.status-missing"
            case importStatusDoNotRefer = "import.status-do-not-refer"
            case importHoursUnparsed = "import.hours-unparsed"
            case importHoursAssumed = "import.hours-assumed"
            case importHoursNote = "import.hours-note"
            case importHoursConflict = "import.hours-conflict"
            case importHoursUnrepresentable = "import.hours-unrepresentable"
            case importDateUnparsed = "import.date-unparsed"
            case importDateExcelZero = "import.date-excel-zero"
            case importDateTwoDigitYear = "import.date-two-digit-year"
            case importDateFuture = "import.date-future"
            case importConfidentialAddress = "import.confidential-address"
            case importConfidentialCoordinates = "import.confidential-coordinates"
            case importAddressUnconfirmed = "import.address-unconfirmed"
            case importTextTruncated = "import.text-truncated"
            case importTextCleaned = "import.text-cleaned"
            case importEmptyMarker = "import.empty-marker"
            case importEligibilityNote = "import.eligibility-note"
            case importValueInvalid = "import.value-invalid"
            case importPersonalColumn = "import.personal-column"
            case importPersonalDataDropped = "import.personal-data-dropped"
            case importColumnUnread = "import.column-unread"
            case importDuplicate = "import.duplicate"
            case importDuplicateConflict = "import.duplicate-conflict"
            case importDefaulted = "import.defaulted"
            case importKeptExisting = "import.kept-existing"
            case importOrganisationMatched = "import.organisation-matched"
            case importIdTaken = "import.id-taken"
            case importRecordGone = "import.record-gone"
            case importExists = "import.exists"

            var documentation: String {
                switch self {
                case .jsonSyntax: "the file is not valid JSON (RFC 8259: no trailing commas, comments or duplicate keys)"
                case .jsonDecode: "a value could not be read for a reason not covered by a more precise code"
                case .jsonInvalidValue: "a value has the right JSON type but is not acceptable (a malformed number, an out-of-range value)"
                case .jsonMissingField: "a required field is missing"
                case .jsonUnknownField: "a field the format does not define (often a misspelling; the help suggests the closest name)"
                case .jsonUnknownValue: "a value outside the field's fixed vocabulary (an enum such as sex or urgency)"
                case .jsonWrongType: "a value of the wrong JSON type (a string where a number is expected, for example)"
                case .fileMissing: "a file cannot be read or does not exist"
                case .fileNotAFile: "a path names a folder, a device or a terminal where a file is expected"
                case .fileTooLarge: "a file (or standard input) is larger than its documented limit (README: Limits)"
                case .fileNoContext: "the folder holds no context.json, directly or in a sub-folder"
                case .fileSeveralContexts: "the folder holds several contexts: choose one with --context"
                case .fileUnknownContext: "no context folder with the requested id"
                case .formatVersion: "a file's formatVersion is not one this engine reads"
                case .idInvalid: "an id is empty, longer than 64 characters, or not letters, digits, '.', '-', '_' and ':' only"
                case .contextId: "the context id is empty"
                case .contextUtcOffset: "the context's utcOffset is not of the form +03:00"
                case .areaLevel: "an area's level is negative, or is not its parent's level plus one"
                case .areaNoRoot: "no area of level 0 (the country) is defined"
                case .areaOrphan: "an area's parent P-code (its code minus the last level) is not defined"
                case .areaPcode: "a P-code is empty or not letters and digits only"
                case .dupArea: "a P-code is defined twice"
                case .dupCategory: "a category id is defined twice"
                case .dupDuty: "a reporting duty id is defined twice"
                case .dupLanguage: "a language code is defined twice"
                case .dupOrganisation: "an organisation id is defined twice"
                case .dupPathway: "a pathway id is defined twice"
                case .dupService: "a service id is defined twice"
                case .dupStep: "a step id is defined twice in one pathway"
                case .dupPopulationGroups: "a population group id is defined twice"
                case .dupLegalStatuses: "a legal status id is defined twice"
                case .dupAccessNeeds: "an access need id is defined twice"
                case .refUnknownAccessNeed: "a reference to an access need the context does not define"
                case .refUnknownArea: "a reference to a P-code the context does not define"
                case .refUnknownCategory: "a reference to a category the context does not define"
                case .refUnknownDuty: "a reference to a reporting duty the context does not define"
                case .refUnknownGroup: "a reference to a population group the context does not define"
                case .refUnknownLanguage: "a reference to a language the context does not define"
                case .refUnknownLegalStatus: "a reference to a legal status the context does not define"
                case .refUnknownOrganisation: "a reference to an organisation organisations.json does not define"
                case .refUnknownPathway: "a reference to a pathway the context does not list"
                case .refUnknownStep: "a link or entry names a step the pathway does not define"
                case .rulesCaseCode: "rules.caseCode: a pattern that is not a regular expression, an example it refuses, or a pattern that takes personal data"
                case .rulesCaregiverFallback: "whenCaregiverCannotConsent lists the caregiver or nobody"
                case .rulesConsentBand: "a consent band is malformed (minAge above maxAge, or nobody named to consent)"
                case .rulesConsentGap: "the consent bands leave ages uncovered"
                case .rulesConsentOverlap: "two consent bands cover the same age"
                case .rulesResponseHours: "a response time in hours is outside 0-1000000"
                case .rulesRiskToLife: "the imminent-risk-to-life exception is allowed but names no categories"
                case .rulesStale: "staleAfterDays is outside 1-100000"
                case .serviceAgeRange: "a service's eligibility minAge is greater than its maxAge"
                case .serviceHours: "opening hours that cannot be read (HH:MM-HH:MM, weekday names)"
                case .serviceLastVerified: "lastVerified is not a YYYY-MM-DD date"
                case .serviceNoArea: "a service serves no area"
                case .serviceNoLanguage: "a service lists no language"
                case .serviceNoModality: "a service lists no modality"
                case .serviceSensitiveIgnored: "sensitiveDataQualified is set on a service whose category may not hold sensitive data"
                case .serviceAddress: "an address that is not confidential has no text"
                case .serviceCoordinates: "coordinates are not a latitude and longitude pair within range"
                case .serviceConfidentialCoordinates: "a confidential address carries coordinates (they would locate the place it protects)"
                case .serviceEligibilityNote: "an eligibility note is empty"
                case .entryWebsite: "a website is not an http:// or https:// address"
                case .entrySource: "an entry's source names no dataset or no record id"
                case .pathwayNoEntry: "a pathway has no entry step"
                case .stepWindow: "a step's time window is malformed (hours not positive or too large)"
                case .stepRespondWithin: "a step's respondWithinHours is not between 0 and 1000000"
                case .caseCode: "the case code does not have the context's shape (rules.caseCode; by default a prefix and a number)"
                case .caseHours: "hoursSinceIncident is out of range"
                case .caseRecordedAt: "recordedAt is not a time to the hour with its offset, or it is after the routing time"
                case .caseCaregiverNotContacted: "caregiverNotToBeContacted is recorded for an age whose consent rule does not let the child consent alone"
                case .caseIdentifyingData: "the case carries identifying data (refused; nothing of it is stored or echoed)"
                case .caseInvalidAge: "an age or age band that cannot be read or is out of range"
                case .caseNoLanguage: "the case lists no language"
                case .caseUnknownArea: "the case's area is not a P-code of the context"
                case .caseUnknownLanguage: "a language of the case is not defined by the context"
                case .caseUnknownAccessNeed: "an access need of the case is not defined by the context"
                case .caseUnknownPopulationGroup: "a population group of the case is not defined by the context"
                case .caseUnknownLegalStatus: "the case's legal status is not defined by the context"
                case .caseUnknownPathway: "a concern of the case names no pathway of the context"
                case .caseUnknownCategory: "consent names a category the context does not define"
                case .caseUnknownOrganisation: "consent names an organisation the directory does not define"
                case .structureCycle: "a pathway's links form a cycle"
                case .structureDeadEnd: "a non-terminal step with no way on"
                case .structureNoProvider: "no service of the step's category exists anywhere"
                case .structureUnreachable: "a step cannot be reached from any entry step"
                case .coverageGap: "a step leaves a population of an area without any usable service"
                case .coverageNotComputed: "a file could not be read, so coverage was not computed for what it would have held"
                case .coverageAreaOutside: "an area is in no cell of the coverage matrix (no area of the reporting level in or around it)"
                case .coverageEmergencyHours: "an emergency step has no option open at some hour of the week in an area"
                case .coverageLanguage: "a main language has no service (or interpretation) for some steps in an area"
                case .coverageReportingOnly: "in an area, a step's only options carry a reporting duty"
                case .coverageRestrictedOnly: "in an area, a step's only options are restricted by legal status"
                case .coverageWaitlistOnly: "in an area, a step's only options have a waiting list"
                case .dataAtCapacity: "a service is at capacity (waiting list)"
                case .dataShelterAdmitsChildren: "a shelter admits children without declaring the feature child-safe (children are never housed with unrelated adults)"
                case .dataClosedInPathway: "a closed service's category is used by a pathway"
                case .dataConfidentialAddress: "a service has a confidential address (never printed by the router)"
                case .dataConfidentialNoFocalPoint: "a service with a confidential address has no focal point to arrange access"
                case .dataLegalStatusRestriction: "a service restricts by legal status (a non-discrimination gap to report)"
                case .dataMandatoryReporting: "a service carries a duty to report"
                case .dataNeverVerified: "a service has never been verified"
                case .dataNoContact: "a service has no contact, and neither has its organisation"
                case .dataNoHours: "a service records no opening hours"
                case .dataStale: "a service was last verified longer ago than the context's staleAfterDays"
                case .csvStrayQuote: "CSV: a quote inside a field that is not quoted"
                case .csvTextAfterQuote: "CSV: text after the closing quote of a quoted field"
                case .csvUnterminatedQuote: "CSV: a quoted field still open at the end of the file"
                case .csvFieldCount: "CSV: a row with more or fewer fields than the header"
                case .csvEncoding: "CSV: bytes that are not UTF-8"
                case .csvHeader: "CSV: no header row, or a header column with no name or a repeated name"
                case .profileUnknownReference: "the import profile names a category, area, language or other id the context does not define"
                case .profileAmbiguousKey: "two keys of an import profile table are the same once case and spaces are ignored"
                case .profileUnknownColumn: "the import profile names a column the file does not have"
                case .profileMissing: "the import profile lacks something the import needs (a column for the name, a default modality)"
                case .profileInvalid: "a value in the import profile is malformed (an empty dataset name, a bad delimiter, ages out of order)"
                case .hsdsShape: "the JSON is not an HSDS service, a list of services or a page of them"
                case .hsdsReference: "an HSDS record refers to an id that no table defines"
                case .hsdsValue: "an HSDS value of the wrong type or form (a minimum_age that is not a number)"
                case .hsdsFieldDropped: "an HSDS field that has no place in the directory (reported once per field, with a count)"
                case .importRequiredMissing: "a record lacks something every service needs (a name, an organisation, a modality) and the profile gives no default: skipped"
                case .importNoCategory: "a record's category codes map to no category: skipped"
                case .importSeveralCategories: "a record maps to several categories (skipped, first kept, or split, as the profile says)"
                case .importNoArea: "a record has no area that maps to a P-code: skipped"
                case .importAreaUnmapped: "an area value that maps to no P-code (dropped)"
                case .importAreaAmbiguous: "an area value that matches several P-codes (dropped: never guessed)"
                case .importAreaFromAddress: "the area was inferred from the address (marked in source.inferred)"
                case .importLanguageUnmapped: "a language name or code that maps to no language of the context (dropped)"
                case .importLanguageAsAccess: "a language value that is an access need (sign language, TTY) became one"
                case .importLanguageAsInterpretation: "a language value that means interpretation (a language line) set interpretation"
                case .importValueUnmapped: "a coded value (sex, age group, access need, population group) with no entry in the profile (dropped; kept in the eligibility note when it restricts)"
                case .importStatusUnmapped: "a status value with no entry in the profile: skipped"
                case .importStatusMissing: "a record has no status and the profile gives no default: skipped"
                case .importStatusDoNotRefer: "the status maps to skip (for example 'Active, but do not refer'): skipped"
                case .importHoursUnparsed: "free-text opening hours that the hours grammar cannot read (kept as a note; hours left out)"
                case .importHoursAssumed: "opening hours read by a convention of the grammar (8:30-4:30 as 08:30-16:30)"
                case .importHoursNote: "a bracketed note in the opening hours, kept in the description"
                case .importHoursConflict: "two sources of opening hours in one record disagree (both dropped: hours left out)"
                case .importHoursUnrepresentable: "an HSDS schedule the weekly timetable cannot hold (monthly, week numbers, validity dates)"
                case .importDateUnparsed: "a date that cannot be read, or reads two ways (dropped)"
                case .importDateExcelZero: "Excel's day zero (1899-12-30) or serial 0: no date (dropped)"
                case .importDateTwoDigitYear: "a date with a two-digit year, read into the century that does not put it in the future"
                case .importDateFuture: "a verification date after the day of the import (dropped)"
                case .importConfidentialAddress: "an address marked confidential in the source: its text is withheld"
                case .importConfidentialCoordinates: "coordinates of a confidential address (dropped)"
                case .importAddressUnconfirmed: "a shelter or GBV service with a street address: withheld until the profile confirms it is public"
                case .importTextTruncated: "a text exactly 255 characters long: probably cut off by the source"
                case .importTextCleaned: "HTML tags or entities, curly quotes or stray spaces were cleaned from a text"
                case .importEmptyMarker: "a value such as 'None' or 'n/a' read as empty"
                case .importEligibilityNote: "free-text eligibility kept as a note: shown to caseworkers, never used to decide"
                case .importValueInvalid: "a value of the wrong form (an age that is not a number, a web address without http, coordinates out of range)"
                case .importPersonalColumn: "a column that looks like personal data (a named contact, internal notes): never read, never shown"
                case .importPersonalDataDropped: "a named person's contact details in the source (dropped, never shown)"
                case .importColumnUnread: "a column the profile neither maps nor ignores (reported once per column)"
                case .importDuplicate: "a record identical to an earlier one (merged)"
                case .importDuplicateConflict: "a record with the id of an earlier one but different content: skipped"
                case .importDefaulted: "a field no source carries, set from the profile's defaults (reported once per field, with a count)"
                case .importKeptExisting: "a re-import kept the directory's own value for a field the source does not carry"
                case .importOrganisationMatched: "an organisation matched an existing one by name"
                case .importIdTaken: "the id an import would give is used by an entry that was not imported from this dataset: skipped"
                case .importRecordGone: "an entry imported earlier from this dataset is no longer in the source (kept: check it)"
                case .importExists: "the context already has organisations or services: pass --force to update them"
                }
            }
        }

        /// The file is not valid JSON (RFC 8259: no trailing commas, comments or duplicate keys).
        public static let jsonSyntax = Code(.jsonSyntax)
        /// A value could not be read for a reason not covered by a more precise code.
        public static let jsonDecode = Code(.jsonDecode)
        /// A value has the right JSON type but is not acceptable (a malformed number, an out-of-range value).
        public static let jsonInvalidValue = Code(.jsonInvalidValue)
        /// A required field is missing.
        public static let jsonMissingField = Code(.jsonMissingField)
        /// A field the format does not define (often a misspelling; the help suggests the closest name).
        public static let jsonUnknownField = Code(.jsonUnknownField)
        /// A value outside the field's fixed vocabulary (an enum such as sex or urgency).
        public static let jsonUnknownValue = Code(.jsonUnknownValue)
        /// A value of the wrong JSON type (a string where a number is expected, for example).
        public static let jsonWrongType = Code(.jsonWrongType)
        /// A file cannot be read or does not exist.
        public static let fileMissing = Code(.fileMissing)
        /// A path names a folder, a device or a terminal where a file is expected.
        public static let fileNotAFile = Code(.fileNotAFile)
        /// A file (or standard input) is larger than its documented limit (README: Limits).
        public static let fileTooLarge = Code(.fileTooLarge)
        /// The folder holds no context.json, directly or in a sub-folder.
        public static let fileNoContext = Code(.fileNoContext)
        /// The folder holds several contexts: choose one with --context.
        public static let fileSeveralContexts = Code(.fileSeveralContexts)
        /// No context folder with the requested id.
        public static let fileUnknownContext = Code(.fileUnknownContext)
        /// A file's formatVersion is not one this engine reads.
        public static let formatVersion = Code(.formatVersion)
        /// An id is empty, longer than 64 characters, or not letters, digits, '.', '-', '_' and ':' only.
        public static let idInvalid = Code(.idInvalid)
        /// The context id is empty.
        public static let contextId = Code(.contextId)
        /// The context's utcOffset is not of the form +03:00.
        public static let contextUtcOffset = Code(.contextUtcOffset)
        /// An area's level is negative, or is not its parent's level plus one.
        public static let areaLevel = Code(.areaLevel)
        /// No area of level 0 (the country) is defined.
        public static let areaNoRoot = Code(.areaNoRoot)
        /// An area's parent P-code (its code minus the last level) is not defined.
        public static let areaOrphan = Code(.areaOrphan)
        /// A P-code is empty or not letters and digits only.
        public static let areaPcode = Code(.areaPcode)
        /// A P-code is defined twice.
        public static let dupArea = Code(.dupArea)
        /// A category id is defined twice.
        public static let dupCategory = Code(.dupCategory)
        /// A reporting duty id is defined twice.
        public static let dupDuty = Code(.dupDuty)
        /// A language code is defined twice.
        public static let dupLanguage = Code(.dupLanguage)
        /// An organisation id is defined twice.
        public static let dupOrganisation = Code(.dupOrganisation)
        /// A pathway id is defined twice.
        public static let dupPathway = Code(.dupPathway)
        /// A service id is defined twice.
        public static let dupService = Code(.dupService)
        /// A step id is defined twice in one pathway.
        public static let dupStep = Code(.dupStep)
        /// A population group id is defined twice.
        public static let dupPopulationGroups = Code(.dupPopulationGroups)
        /// A legal status id is defined twice.
        public static let dupLegalStatuses = Code(.dupLegalStatuses)
        /// An access need id is defined twice.
        public static let dupAccessNeeds = Code(.dupAccessNeeds)
        /// A reference to an access need the context does not define.
        public static let refUnknownAccessNeed = Code(.refUnknownAccessNeed)
        /// A reference to a P-code the context does not define.
        public static let refUnknownArea = Code(.refUnknownArea)
        /// A reference to a category the context does not define.
        public static let refUnknownCategory = Code(.refUnknownCategory)
        /// A reference to a reporting duty the context does not define.
        public static let refUnknownDuty = Code(.refUnknownDuty)
        /// A reference to a population group the context does not define.
        public static let refUnknownGroup = Code(.refUnknownGroup)
        /// A reference to a language the context does not define.
        public static let refUnknownLanguage = Code(.refUnknownLanguage)
        /// A reference to a legal status the context does not define.
        public static let refUnknownLegalStatus = Code(.refUnknownLegalStatus)
        /// A reference to an organisation organisations.json does not define.
        public static let refUnknownOrganisation = Code(.refUnknownOrganisation)
        /// A reference to a pathway the context does not list.
        public static let refUnknownPathway = Code(.refUnknownPathway)
        /// A link or entry names a step the pathway does not define.
        public static let refUnknownStep = Code(.refUnknownStep)
        /// rules.caseCode: a pattern that is not a regular expression, an example it refuses, or a pattern that takes personal data.
        public static let rulesCaseCode = Code(.rulesCaseCode)
        /// WhenCaregiverCannotConsent lists the caregiver or nobody.
        public static let rulesCaregiverFallback = Code(.rulesCaregiverFallback)
        /// A consent band is malformed (minAge above maxAge, or nobody named to consent).
        public static let rulesConsentBand = Code(.rulesConsentBand)
        /// The consent bands leave ages uncovered.
        public static let rulesConsentGap = Code(.rulesConsentGap)
        /// Two consent bands cover the same age.
        public static let rulesConsentOverlap = Code(.rulesConsentOverlap)
        /// A response time in hours is outside 0-1000000.
        public static let rulesResponseHours = Code(.rulesResponseHours)
        /// The imminent-risk-to-life exception is allowed but names no categories.
        public static let rulesRiskToLife = Code(.rulesRiskToLife)
        /// StaleAfterDays is outside 1-100000.
        public static let rulesStale = Code(.rulesStale)
        /// A service's eligibility minAge is greater than its maxAge.
        public static let serviceAgeRange = Code(.serviceAgeRange)
        /// Opening hours that cannot be read (HH:MM-HH:MM, weekday names).
        public static let serviceHours = Code(.serviceHours)
        /// LastVerified is not a YYYY-MM-DD date.
        public static let serviceLastVerified = Code(.serviceLastVerified)
        /// A service serves no area.
        public static let serviceNoArea = Code(.serviceNoArea)
        /// A service lists no language.
        public static let serviceNoLanguage = Code(.serviceNoLanguage)
        /// A service lists no modality.
        public static let serviceNoModality = Code(.serviceNoModality)
        /// SensitiveDataQualified is set on a service whose category may not hold sensitive data.
        public static let serviceSensitiveIgnored = Code(.serviceSensitiveIgnored)
        /// An address that is not confidential has no text.
        public static let serviceAddress = Code(.serviceAddress)
        /// Coordinates are not a latitude and longitude pair within range.
        public static let serviceCoordinates = Code(.serviceCoordinates)
        /// A confidential address carries coordinates (they would locate the place it protects).
        public static let serviceConfidentialCoordinates = Code(.serviceConfidentialCoordinates)
        /// An eligibility note is empty.
        public static let serviceEligibilityNote = Code(.serviceEligibilityNote)
        /// A website is not an http:// or https:// address.
        public static let entryWebsite = Code(.entryWebsite)
        /// An entry's source names no dataset or no record id.
        public static let entrySource = Code(.entrySource)
        /// A pathway has no entry step.
        public static let pathwayNoEntry = Code(.pathwayNoEntry)
        /// A step's time window is malformed (hours not positive or too large).
        public static let stepWindow = Code(.stepWindow)
        public static let stepRespondWithin = Code(.stepRespondWithin)
        /// The case code does not have the context's shape (rules.caseCode; by default a prefix and a number).
        public static let caseCode = Code(.caseCode)
        /// HoursSinceIncident is out of range.
        public static let caseHours = Code(.caseHours)
        public static let caseRecordedAt = Code(.caseRecordedAt)
        public static let caseCaregiverNotContacted = Code(.caseCaregiverNotContacted)
        /// The case carries identifying data (refused; nothing of it is stored or echoed).
        public static let caseIdentifyingData = Code(.caseIdentifyingData)
        /// An age or age band that cannot be read or is out of range.
        public static let caseInvalidAge = Code(.caseInvalidAge)
        /// The case lists no language.
        public static let caseNoLanguage = Code(.caseNoLanguage)
        /// The case's area is not a P-code of the context.
        public static let caseUnknownArea = Code(.caseUnknownArea)
        /// A language of the case is not defined by the context.
        public static let caseUnknownLanguage = Code(.caseUnknownLanguage)
        /// An access need of the case is not defined by the context.
        public static let caseUnknownAccessNeed = Code(.caseUnknownAccessNeed)
        /// A population group of the case is not defined by the context.
        public static let caseUnknownPopulationGroup = Code(.caseUnknownPopulationGroup)
        /// The case's legal status is not defined by the context.
        public static let caseUnknownLegalStatus = Code(.caseUnknownLegalStatus)
        /// A concern of the case names no pathway of the context.
        public static let caseUnknownPathway = Code(.caseUnknownPathway)
        /// Consent names a category the context does not define.
        public static let caseUnknownCategory = Code(.caseUnknownCategory)
        /// Consent names an organisation the directory does not define.
        public static let caseUnknownOrganisation = Code(.caseUnknownOrganisation)
        /// A pathway's links form a cycle.
        public static let structureCycle = Code(.structureCycle)
        /// A non-terminal step with no way on.
        public static let structureDeadEnd = Code(.structureDeadEnd)
        /// No service of the step's category exists anywhere.
        public static let structureNoProvider = Code(.structureNoProvider)
        /// A step cannot be reached from any entry step.
        public static let structureUnreachable = Code(.structureUnreachable)
        /// A step leaves a population of an area without any usable service.
        public static let coverageGap = Code(.coverageGap)
        /// A file could not be read, so coverage was not computed for what it would have held.
        public static let coverageNotComputed = Code(.coverageNotComputed)
        /// An area is in no cell of the coverage matrix (no area of the reporting level in or around it).
        public static let coverageAreaOutside = Code(.coverageAreaOutside)
        /// An emergency step has no option open at some hour of the week in an area.
        public static let coverageEmergencyHours = Code(.coverageEmergencyHours)
        /// A main language has no service (or interpretation) for some steps in an area.
        public static let coverageLanguage = Code(.coverageLanguage)
        /// In an area, a step's only options carry a reporting duty.
        public static let coverageReportingOnly = Code(.coverageReportingOnly)
        /// In an area, a step's only options are restricted by legal status.
        public static let coverageRestrictedOnly = Code(.coverageRestrictedOnly)
        /// In an area, a step's only options have a waiting list.
        public static let coverageWaitlistOnly = Code(.coverageWaitlistOnly)
        /// A service is at capacity (waiting list).
        public static let dataAtCapacity = Code(.dataAtCapacity)
        public static let dataShelterAdmitsChildren = Code(.dataShelterAdmitsChildren)
        /// A closed service's category is used by a pathway.
        public static let dataClosedInPathway = Code(.dataClosedInPathway)
        /// A service has a confidential address (never printed by the router).
        public static let dataConfidentialAddress = Code(.dataConfidentialAddress)
        /// A service with a confidential address has no focal point to arrange access.
        public static let dataConfidentialNoFocalPoint = Code(.dataConfidentialNoFocalPoint)
        /// A service restricts by legal status (a non-discrimination gap to report).
        public static let dataLegalStatusRestriction = Code(.dataLegalStatusRestriction)
        /// A service carries a duty to report.
        public static let dataMandatoryReporting = Code(.dataMandatoryReporting)
        /// A service has never been verified.
        public static let dataNeverVerified = Code(.dataNeverVerified)
        /// A service has no contact, and neither has its organisation.
        public static let dataNoContact = Code(.dataNoContact)
        /// A service records no opening hours.
        public static let dataNoHours = Code(.dataNoHours)
        /// A service was last verified longer ago than the context's staleAfterDays.
        public static let dataStale = Code(.dataStale)
        /// CSV: a quote inside a field that is not quoted.
        public static let csvStrayQuote = Code(.csvStrayQuote)
        /// CSV: text after the closing quote of a quoted field.
        public static let csvTextAfterQuote = Code(.csvTextAfterQuote)
        /// CSV: a quoted field still open at the end of the file.
        public static let csvUnterminatedQuote = Code(.csvUnterminatedQuote)
        /// CSV: a row with more or fewer fields than the header.
        public static let csvFieldCount = Code(.csvFieldCount)
        /// CSV: bytes that are not UTF-8.
        public static let csvEncoding = Code(.csvEncoding)
        /// CSV: no header row, or a header column with no name or a repeated name.
        public static let csvHeader = Code(.csvHeader)
        /// The import profile names a category, area, language or other id the context does not define.
        public static let profileUnknownReference = Code(.profileUnknownReference)
        /// Two keys of an import profile table are the same once case and spaces are ignored.
        public static let profileAmbiguousKey = Code(.profileAmbiguousKey)
        /// The import profile names a column the file does not have.
        public static let profileUnknownColumn = Code(.profileUnknownColumn)
        /// The import profile lacks something the import needs (a column for the name, a default modality).
        public static let profileMissing = Code(.profileMissing)
        /// A value in the import profile is malformed (an empty dataset name, a bad delimiter, ages out of order).
        public static let profileInvalid = Code(.profileInvalid)
        /// The JSON is not an HSDS service, a list of services or a page of them.
        public static let hsdsShape = Code(.hsdsShape)
        /// An HSDS record refers to an id that no table defines.
        public static let hsdsReference = Code(.hsdsReference)
        /// An HSDS value of the wrong type or form (a minimum_age that is not a number).
        public static let hsdsValue = Code(.hsdsValue)
        /// An HSDS field that has no place in the directory (reported once per field, with a count).
        public static let hsdsFieldDropped = Code(.hsdsFieldDropped)
        /// A record lacks something every service needs (a name, an organisation, a modality) and the profile gives no default: skipped.
        public static let importRequiredMissing = Code(.importRequiredMissing)
        /// A record's category codes map to no category: skipped.
        public static let importNoCategory = Code(.importNoCategory)
        /// A record maps to several categories (skipped, first kept, or split, as the profile says).
        public static let importSeveralCategories = Code(.importSeveralCategories)
        /// A record has no area that maps to a P-code: skipped.
        public static let importNoArea = Code(.importNoArea)
        /// An area value that maps to no P-code (dropped).
        public static let importAreaUnmapped = Code(.importAreaUnmapped)
        /// An area value that matches several P-codes (dropped: never guessed).
        public static let importAreaAmbiguous = Code(.importAreaAmbiguous)
        /// The area was inferred from the address (marked in source.inferred).
        public static let importAreaFromAddress = Code(.importAreaFromAddress)
        /// A language name or code that maps to no language of the context (dropped).
        public static let importLanguageUnmapped = Code(.importLanguageUnmapped)
        /// A language value that is an access need (sign language, TTY) became one.
        public static let importLanguageAsAccess = Code(.importLanguageAsAccess)
        /// A language value that means interpretation (a language line) set interpretation.
        public static let importLanguageAsInterpretation = Code(.importLanguageAsInterpretation)
        /// A coded value (sex, age group, access need, population group) with no entry in the profile (dropped; kept in the eligibility note when it restricts).
        public static let importValueUnmapped = Code(.importValueUnmapped)
        /// A status value with no entry in the profile: skipped.
        public static let importStatusUnmapped = Code(.importStatusUnmapped)
        /// A record has no status and the profile gives no default: skipped.
        public static let importStatusMissing = Code(.importStatusMissing)
        /// The status maps to skip (for example 'Active, but do not refer'): skipped.
        public static let importStatusDoNotRefer = Code(.importStatusDoNotRefer)
        /// Free-text opening hours that the hours grammar cannot read (kept as a note; hours left out).
        public static let importHoursUnparsed = Code(.importHoursUnparsed)
        /// Opening hours read by a convention of the grammar (8:30-4:30 as 08:30-16:30).
        public static let importHoursAssumed = Code(.importHoursAssumed)
        /// A bracketed note in the opening hours, kept in the description.
        public static let importHoursNote = Code(.importHoursNote)
        /// Two sources of opening hours in one record disagree (both dropped: hours left out).
        public static let importHoursConflict = Code(.importHoursConflict)
        /// An HSDS schedule the weekly timetable cannot hold (monthly, week numbers, validity dates).
        public static let importHoursUnrepresentable = Code(.importHoursUnrepresentable)
        /// A date that cannot be read, or reads two ways (dropped).
        public static let importDateUnparsed = Code(.importDateUnparsed)
        /// Excel's day zero (1899-12-30) or serial 0: no date (dropped).
        public static let importDateExcelZero = Code(.importDateExcelZero)
        /// A date with a two-digit year, read into the century that does not put it in the future.
        public static let importDateTwoDigitYear = Code(.importDateTwoDigitYear)
        /// A verification date after the day of the import (dropped).
        public static let importDateFuture = Code(.importDateFuture)
        /// An address marked confidential in the source: its text is withheld.
        public static let importConfidentialAddress = Code(.importConfidentialAddress)
        /// Coordinates of a confidential address (dropped).
        public static let importConfidentialCoordinates = Code(.importConfidentialCoordinates)
        /// A shelter or GBV service with a street address: withheld until the profile confirms it is public.
        public static let importAddressUnconfirmed = Code(.importAddressUnconfirmed)
        /// A text exactly 255 characters long: probably cut off by the source.
        public static let importTextTruncated = Code(.importTextTruncated)
        /// HTML tags or entities, curly quotes or stray spaces were cleaned from a text.
        public static let importTextCleaned = Code(.importTextCleaned)
        /// A value such as 'None' or 'n/a' read as empty.
        public static let importEmptyMarker = Code(.importEmptyMarker)
        /// Free-text eligibility kept as a note: shown to caseworkers, never used to decide.
        public static let importEligibilityNote = Code(.importEligibilityNote)
        /// A value of the wrong form (an age that is not a number, a web address without http, coordinates out of range).
        public static let importValueInvalid = Code(.importValueInvalid)
        /// A column that looks like personal data (a named contact, internal notes): never read, never shown.
        public static let importPersonalColumn = Code(.importPersonalColumn)
        /// A named person's contact details in the source (dropped, never shown).
        public static let importPersonalDataDropped = Code(.importPersonalDataDropped)
        /// A column the profile neither maps nor ignores (reported once per column).
        public static let importColumnUnread = Code(.importColumnUnread)
        /// A record identical to an earlier one (merged).
        public static let importDuplicate = Code(.importDuplicate)
        /// A record with the id of an earlier one but different content: skipped.
        public static let importDuplicateConflict = Code(.importDuplicateConflict)
        /// A field no source carries, set from the profile's defaults (reported once per field, with a count).
        public static let importDefaulted = Code(.importDefaulted)
        /// A re-import kept the directory's own value for a field the source does not carry.
        public static let importKeptExisting = Code(.importKeptExisting)
        /// An organisation matched an existing one by name.
        public static let importOrganisationMatched = Code(.importOrganisationMatched)
        /// The id an import would give is used by an entry that was not imported from this dataset: skipped.
        public static let importIdTaken = Code(.importIdTaken)
        /// An entry imported earlier from this dataset is no longer in the source (kept: check it).
        public static let importRecordGone = Code(.importRecordGone)
        /// The context already has organisations or services: pass --force to update them.
        public static let importExists = Code(.importExists)
    }
}
