/// Diagnostic codes of `referral import` (ReferralExchange): CSV, import profiles, HSDS and the mapping of
/// records. Each is listed once in `Diagnostic.Code.Kind` (DiagnosticCode.swift) with its meaning;
/// docs/OUTPUT.md lists them too.
extension Diagnostic.Code {
    /// CSV: a quote inside a field that is not quoted.
    public static let csvStrayQuote = Self(.csvStrayQuote)
    /// CSV: text after the closing quote of a quoted field.
    public static let csvTextAfterQuote = Self(.csvTextAfterQuote)
    /// CSV: a quoted field still open at the end of the file.
    public static let csvUnterminatedQuote = Self(.csvUnterminatedQuote)
    /// CSV: a row with more or fewer fields than the header.
    public static let csvFieldCount = Self(.csvFieldCount)
    /// CSV: bytes that are not UTF-8.
    public static let csvEncoding = Self(.csvEncoding)
    /// CSV: no header row, or a header column with no name or a repeated name.
    public static let csvHeader = Self(.csvHeader)
    /// The import profile names a category, area, language or other id the context does not define.
    public static let profileUnknownReference = Self(.profileUnknownReference)
    /// Two keys of an import profile table are the same once case and spaces are ignored.
    public static let profileAmbiguousKey = Self(.profileAmbiguousKey)
    /// The import profile names a column the file does not have.
    public static let profileUnknownColumn = Self(.profileUnknownColumn)
    /// The import profile lacks something the import needs (a column for the name, a default modality).
    public static let profileMissing = Self(.profileMissing)
    /// A value in the import profile is malformed (an empty dataset name, a bad delimiter, ages out of order).
    public static let profileInvalid = Self(.profileInvalid)
    /// The JSON is not an HSDS service, a list of services or a page of them.
    public static let hsdsShape = Self(.hsdsShape)
    /// An HSDS record refers to an id that no table defines.
    public static let hsdsReference = Self(.hsdsReference)
    /// An HSDS value of the wrong type or form (a minimum_age that is not a number).
    public static let hsdsValue = Self(.hsdsValue)
    /// An HSDS field that has no place in the directory (reported once per field, with a count).
    public static let hsdsFieldDropped = Self(.hsdsFieldDropped)
    /// A record lacks something every service needs (a name, an organisation, a modality) and the profile gives no default: skipped.
    public static let importRequiredMissing = Self(.importRequiredMissing)
    /// A record's category codes map to no category: skipped.
    public static let importNoCategory = Self(.importNoCategory)
    /// A record maps to several categories (skipped, first kept, or split, as the profile says).
    public static let importSeveralCategories = Self(.importSeveralCategories)
    /// A record has no area that maps to a P-code: skipped.
    public static let importNoArea = Self(.importNoArea)
    /// An area value that maps to no P-code (dropped).
    public static let importAreaUnmapped = Self(.importAreaUnmapped)
    /// An area value that matches several P-codes (dropped: never guessed).
    public static let importAreaAmbiguous = Self(.importAreaAmbiguous)
    /// The area was inferred from the address (marked in source.inferred).
    public static let importAreaFromAddress = Self(.importAreaFromAddress)
    /// A language name or code that maps to no language of the context (dropped).
    public static let importLanguageUnmapped = Self(.importLanguageUnmapped)
    /// A language value that is an access need (sign language, TTY) became one.
    public static let importLanguageAsAccess = Self(.importLanguageAsAccess)
    /// A language value that means interpretation (a language line) set interpretation.
    public static let importLanguageAsInterpretation = Self(.importLanguageAsInterpretation)
    /// A coded value (sex, age group, access need, population group) with no entry in the profile (dropped; kept in the eligibility note when it restricts).
    public static let importValueUnmapped = Self(.importValueUnmapped)
    /// A status value with no entry in the profile: skipped.
    public static let importStatusUnmapped = Self(.importStatusUnmapped)
    /// A record has no status and the profile gives no default: skipped.
    public static let importStatusMissing = Self(.importStatusMissing)
    /// The status maps to skip (for example 'Active, but do not refer'): skipped.
    public static let importStatusDoNotRefer = Self(.importStatusDoNotRefer)
    /// Free-text opening hours that the hours grammar cannot read (kept as a note; hours left out).
    public static let importHoursUnparsed = Self(.importHoursUnparsed)
    /// Opening hours read by a convention of the grammar (8:30-4:30 as 08:30-16:30).
    public static let importHoursAssumed = Self(.importHoursAssumed)
    /// A bracketed note in the opening hours, kept in the description.
    public static let importHoursNote = Self(.importHoursNote)
    /// Two sources of opening hours in one record disagree (both dropped: hours left out).
    public static let importHoursConflict = Self(.importHoursConflict)
    /// An HSDS schedule the weekly timetable cannot hold (monthly, week numbers, validity dates).
    public static let importHoursUnrepresentable = Self(.importHoursUnrepresentable)
    /// A date that cannot be read, or reads two ways (dropped).
    public static let importDateUnparsed = Self(.importDateUnparsed)
    /// Excel's day zero (1899-12-30) or serial 0: no date (dropped).
    public static let importDateExcelZero = Self(.importDateExcelZero)
    /// A date with a two-digit year, read into the century that does not put it in the future.
    public static let importDateTwoDigitYear = Self(.importDateTwoDigitYear)
    /// A verification date after the day of the import (dropped).
    public static let importDateFuture = Self(.importDateFuture)
    /// An address marked confidential in the source: its text is withheld.
    public static let importConfidentialAddress = Self(.importConfidentialAddress)
    /// Coordinates of a confidential address (dropped).
    public static let importConfidentialCoordinates = Self(.importConfidentialCoordinates)
    /// A shelter or GBV service with a street address: withheld until the profile confirms it is public.
    public static let importAddressUnconfirmed = Self(.importAddressUnconfirmed)
    /// A text exactly 255 characters long: probably cut off by the source.
    public static let importTextTruncated = Self(.importTextTruncated)
    /// HTML tags or entities, curly quotes or stray spaces were cleaned from a text.
    public static let importTextCleaned = Self(.importTextCleaned)
    /// A value such as 'None' or 'n/a' read as empty.
    public static let importEmptyMarker = Self(.importEmptyMarker)
    /// Free-text eligibility kept as a note: shown to caseworkers, never used to decide.
    public static let importEligibilityNote = Self(.importEligibilityNote)
    /// A value of the wrong form (an age that is not a number, a web address without http, coordinates out of range).
    public static let importValueInvalid = Self(.importValueInvalid)
    /// A column that looks like personal data (a named contact, internal notes): never read, never shown.
    public static let importPersonalColumn = Self(.importPersonalColumn)
    /// A named person's contact details in the source (dropped, never shown).
    public static let importPersonalDataDropped = Self(.importPersonalDataDropped)
    /// A column the profile neither maps nor ignores (reported once per column).
    public static let importColumnUnread = Self(.importColumnUnread)
    /// A record identical to an earlier one (merged).
    public static let importDuplicate = Self(.importDuplicate)
    /// A record with the id of an earlier one but different content: skipped.
    public static let importDuplicateConflict = Self(.importDuplicateConflict)
    /// A field no source carries, set from the profile's defaults (reported once per field, with a count).
    public static let importDefaulted = Self(.importDefaulted)
    /// A re-import kept the directory's own value for a field the source does not carry.
    public static let importKeptExisting = Self(.importKeptExisting)
    /// An organisation matched an existing one by name.
    public static let importOrganisationMatched = Self(.importOrganisationMatched)
    /// The id an import would give is used by an entry that was not imported from this dataset: skipped.
    public static let importIdTaken = Self(.importIdTaken)
    /// An entry imported earlier from this dataset is no longer in the source (kept: check it).
    public static let importRecordGone = Self(.importRecordGone)
    /// The context already has organisations or services: pass --force to update them.
    public static let importExists = Self(.importExists)
}
