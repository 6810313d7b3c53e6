/// Diagnostic codes of reading a directory: JSON and files, the context, organisations, services and
/// pathways (`DirectoryLoader` and its builders). Each is listed once in `Diagnostic.Code.Kind`
/// (DiagnosticCode.swift) with its meaning; docs/OUTPUT.md lists them too.
extension Diagnostic.Code {
    /// The file is not valid JSON (RFC 8259: no trailing commas, comments or duplicate keys).
    public static let jsonSyntax = Self(.jsonSyntax)
    /// A value could not be read for a reason not covered by a more precise code.
    public static let jsonDecode = Self(.jsonDecode)
    /// A value has the right JSON type but is not acceptable (a malformed number, an out-of-range value).
    public static let jsonInvalidValue = Self(.jsonInvalidValue)
    /// A required field is missing.
    public static let jsonMissingField = Self(.jsonMissingField)
    /// A field the format does not define (often a misspelling; the help suggests the closest name).
    public static let jsonUnknownField = Self(.jsonUnknownField)
    /// A value outside the field's fixed vocabulary (an enum such as sex or urgency).
    public static let jsonUnknownValue = Self(.jsonUnknownValue)
    /// A value of the wrong JSON type (a string where a number is expected, for example).
    public static let jsonWrongType = Self(.jsonWrongType)
    /// A file cannot be read or does not exist.
    public static let fileMissing = Self(.fileMissing)
    /// A path names a folder, a device or a terminal where a file is expected.
    public static let fileNotAFile = Self(.fileNotAFile)
    /// A file (or standard input) is larger than its documented limit (README: Limits).
    public static let fileTooLarge = Self(.fileTooLarge)
    /// The folder holds no context.json, directly or in a sub-folder.
    public static let fileNoContext = Self(.fileNoContext)
    /// The folder holds several contexts: choose one with --context.
    public static let fileSeveralContexts = Self(.fileSeveralContexts)
    /// No context folder with the requested id.
    public static let fileUnknownContext = Self(.fileUnknownContext)
    /// A file's formatVersion is not one this engine reads.
    public static let formatVersion = Self(.formatVersion)
    /// An id is empty, longer than 64 characters, or not letters, digits, '.', '-', '_' and ':' only.
    public static let idInvalid = Self(.idInvalid)
    /// The context id is empty.
    public static let contextId = Self(.contextId)
    /// The context's utcOffset is not of the form +03:00.
    public static let contextUtcOffset = Self(.contextUtcOffset)
    /// An area's level is negative, or is not its parent's level plus one.
    public static let areaLevel = Self(.areaLevel)
    /// No area of level 0 (the country) is defined.
    public static let areaNoRoot = Self(.areaNoRoot)
    /// An area's parent P-code (its code minus the last level) is not defined.
    public static let areaOrphan = Self(.areaOrphan)
    /// A P-code is empty or not letters and digits only.
    public static let areaPcode = Self(.areaPcode)
    /// A P-code is defined twice.
    public static let dupArea = Self(.dupArea)
    /// A category id is defined twice.
    public static let dupCategory = Self(.dupCategory)
    /// A reporting duty id is defined twice.
    public static let dupDuty = Self(.dupDuty)
    /// A language code is defined twice.
    public static let dupLanguage = Self(.dupLanguage)
    /// An organisation id is defined twice.
    public static let dupOrganisation = Self(.dupOrganisation)
    /// A pathway id is defined twice.
    public static let dupPathway = Self(.dupPathway)
    /// A service id is defined twice.
    public static let dupService = Self(.dupService)
    /// A step id is defined twice in one pathway.
    public static let dupStep = Self(.dupStep)
    /// A population group id is defined twice.
    public static let dupPopulationGroups = Self(.dupPopulationGroups)
    /// A legal status id is defined twice.
    public static let dupLegalStatuses = Self(.dupLegalStatuses)
    /// An access need id is defined twice.
    public static let dupAccessNeeds = Self(.dupAccessNeeds)
    /// A reference to an access need the context does not define.
    public static let refUnknownAccessNeed = Self(.refUnknownAccessNeed)
    /// A reference to a P-code the context does not define.
    public static let refUnknownArea = Self(.refUnknownArea)
    /// A reference to a category the context does not define.
    public static let refUnknownCategory = Self(.refUnknownCategory)
    /// A reference to a reporting duty the context does not define.
    public static let refUnknownDuty = Self(.refUnknownDuty)
    /// A reference to a population group the context does not define.
    public static let refUnknownGroup = Self(.refUnknownGroup)
    /// A reference to a language the context does not define.
    public static let refUnknownLanguage = Self(.refUnknownLanguage)
    /// A reference to a legal status the context does not define.
    public static let refUnknownLegalStatus = Self(.refUnknownLegalStatus)
    /// A reference to an organisation organisations.json does not define.
    public static let refUnknownOrganisation = Self(.refUnknownOrganisation)
    /// A reference to a pathway the context does not list.
    public static let refUnknownPathway = Self(.refUnknownPathway)
    /// A link or entry names a step the pathway does not define.
    public static let refUnknownStep = Self(.refUnknownStep)
    /// rules.caseCode: a pattern that is not a regular expression, an example it refuses, or a pattern that takes personal data.
    public static let rulesCaseCode = Self(.rulesCaseCode)
    /// WhenCaregiverCannotConsent lists the caregiver or nobody.
    public static let rulesCaregiverFallback = Self(.rulesCaregiverFallback)
    /// A consent band is malformed (minAge above maxAge, or nobody named to consent).
    public static let rulesConsentBand = Self(.rulesConsentBand)
    /// The consent bands leave ages uncovered.
    public static let rulesConsentGap = Self(.rulesConsentGap)
    /// Two consent bands cover the same age.
    public static let rulesConsentOverlap = Self(.rulesConsentOverlap)
    /// A response time in hours is outside 0-1000000.
    public static let rulesResponseHours = Self(.rulesResponseHours)
    /// The imminent-risk-to-life exception is allowed but names no categories.
    public static let rulesRiskToLife = Self(.rulesRiskToLife)
    /// StaleAfterDays is outside 1-100000.
    public static let rulesStale = Self(.rulesStale)
    /// A service's eligibility minAge is greater than its maxAge.
    public static let serviceAgeRange = Self(.serviceAgeRange)
    /// Opening hours that cannot be read (HH:MM-HH:MM, weekday names).
    public static let serviceHours = Self(.serviceHours)
    /// LastVerified is not a YYYY-MM-DD date.
    public static let serviceLastVerified = Self(.serviceLastVerified)
    /// A service serves no area.
    public static let serviceNoArea = Self(.serviceNoArea)
    /// A service lists no language.
    public static let serviceNoLanguage = Self(.serviceNoLanguage)
    /// A service lists no modality.
    public static let serviceNoModality = Self(.serviceNoModality)
    /// SensitiveDataQualified is set on a service whose category may not hold sensitive data.
    public static let serviceSensitiveIgnored = Self(.serviceSensitiveIgnored)
    /// An address that is not confidential has no text.
    public static let serviceAddress = Self(.serviceAddress)
    /// Coordinates are not a latitude and longitude pair within range.
    public static let serviceCoordinates = Self(.serviceCoordinates)
    /// A confidential address carries coordinates (they would locate the place it protects).
    public static let serviceConfidentialCoordinates = Self(.serviceConfidentialCoordinates)
    /// An eligibility note is empty.
    public static let serviceEligibilityNote = Self(.serviceEligibilityNote)
    /// A website is not an http:// or https:// address.
    public static let entryWebsite = Self(.entryWebsite)
    /// An entry's source names no dataset or no record id.
    public static let entrySource = Self(.entrySource)
    /// A pathway has no entry step.
    public static let pathwayNoEntry = Self(.pathwayNoEntry)
    /// A step's time window is malformed (hours not positive or too large).
    public static let stepWindow = Self(.stepWindow)
    public static let stepRespondWithin = Self(.stepRespondWithin)
}
