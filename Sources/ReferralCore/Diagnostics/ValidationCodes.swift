/// Diagnostic codes of `referral validate`: pathway structure, coverage and data quality (`Validator`).
/// Each is listed once in `Diagnostic.Code.Kind` (DiagnosticCode.swift) with its meaning; docs/OUTPUT.md
/// lists them too.
extension Diagnostic.Code {
    /// A pathway's links form a cycle.
    public static let structureCycle = Self(.structureCycle)
    /// A non-terminal step with no way on.
    public static let structureDeadEnd = Self(.structureDeadEnd)
    /// No service of the step's category exists anywhere.
    public static let structureNoProvider = Self(.structureNoProvider)
    /// A step cannot be reached from any entry step.
    public static let structureUnreachable = Self(.structureUnreachable)
    /// A step leaves a population of an area without any usable service.
    public static let coverageGap = Self(.coverageGap)
    /// A file could not be read, so coverage was not computed for what it would have held.
    public static let coverageNotComputed = Self(.coverageNotComputed)
    /// An area is in no cell of the coverage matrix (no area of the reporting level in or around it).
    public static let coverageAreaOutside = Self(.coverageAreaOutside)
    /// An emergency step has no option open at some hour of the week in an area.
    public static let coverageEmergencyHours = Self(.coverageEmergencyHours)
    /// A main language has no service (or interpretation) for some steps in an area.
    public static let coverageLanguage = Self(.coverageLanguage)
    /// In an area, a step's only options carry a reporting duty.
    public static let coverageReportingOnly = Self(.coverageReportingOnly)
    /// In an area, a step's only options are restricted by legal status.
    public static let coverageRestrictedOnly = Self(.coverageRestrictedOnly)
    /// In an area, a step's only options have a waiting list.
    public static let coverageWaitlistOnly = Self(.coverageWaitlistOnly)
    /// A service is at capacity (waiting list).
    public static let dataAtCapacity = Self(.dataAtCapacity)
    public static let dataShelterAdmitsChildren = Self(.dataShelterAdmitsChildren)
    /// A closed service's category is used by a pathway.
    public static let dataClosedInPathway = Self(.dataClosedInPathway)
    /// A service has a confidential address (never printed by the router).
    public static let dataConfidentialAddress = Self(.dataConfidentialAddress)
    /// A service with a confidential address has no focal point to arrange access.
    public static let dataConfidentialNoFocalPoint = Self(.dataConfidentialNoFocalPoint)
    /// A service restricts by legal status (a non-discrimination gap to report).
    public static let dataLegalStatusRestriction = Self(.dataLegalStatusRestriction)
    /// A service carries a duty to report.
    public static let dataMandatoryReporting = Self(.dataMandatoryReporting)
    /// A service has never been verified.
    public static let dataNeverVerified = Self(.dataNeverVerified)
    /// A service has no contact, and neither has its organisation.
    public static let dataNoContact = Self(.dataNoContact)
    /// A service records no opening hours.
    public static let dataNoHours = Self(.dataNoHours)
    /// A service was last verified longer ago than the context's staleAfterDays.
    public static let dataStale = Self(.dataStale)
}
