/// Diagnostic codes of reading a case (`CaseLoader`, `CaseGate`). Each is listed once in
/// `Diagnostic.Code.Kind` (DiagnosticCode.swift) with its meaning; docs/OUTPUT.md lists them too.
extension Diagnostic.Code {
    /// The case code does not have the context's shape (rules.caseCode; by default a prefix and a number).
    public static let caseCode = Self(.caseCode)
    /// HoursSinceIncident is out of range.
    public static let caseHours = Self(.caseHours)
    public static let caseRecordedAt = Self(.caseRecordedAt)
    public static let caseCaregiverNotContacted = Self(.caseCaregiverNotContacted)
    /// The case carries identifying data (refused; nothing of it is stored or echoed).
    public static let caseIdentifyingData = Self(.caseIdentifyingData)
    /// An age or age band that cannot be read or is out of range.
    public static let caseInvalidAge = Self(.caseInvalidAge)
    /// The case lists no language.
    public static let caseNoLanguage = Self(.caseNoLanguage)
    /// The case's area is not a P-code of the context.
    public static let caseUnknownArea = Self(.caseUnknownArea)
    /// A language of the case is not defined by the context.
    public static let caseUnknownLanguage = Self(.caseUnknownLanguage)
    /// An access need of the case is not defined by the context.
    public static let caseUnknownAccessNeed = Self(.caseUnknownAccessNeed)
    /// A population group of the case is not defined by the context.
    public static let caseUnknownPopulationGroup = Self(.caseUnknownPopulationGroup)
    /// The case's legal status is not defined by the context.
    public static let caseUnknownLegalStatus = Self(.caseUnknownLegalStatus)
    /// A concern of the case names no pathway of the context.
    public static let caseUnknownPathway = Self(.caseUnknownPathway)
    /// Consent names a category the context does not define.
    public static let caseUnknownCategory = Self(.caseUnknownCategory)
    /// Consent names an organisation the directory does not define.
    public static let caseUnknownOrganisation = Self(.caseUnknownOrganisation)
}
