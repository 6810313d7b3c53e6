import Testing
@testable import ReferralCore

/// Each hand-decoded document's field table lists exactly its properties, in declaration order,
/// required exactly when the property is not optional. Adding a property without its line in
/// the table (DocumentTables.swift, CaseTables.swift) fails here.
@Suite("Field tables match their documents")
struct FieldTableTests {
    /// Properties that are not part of the format (worked out while decoding).
    static let derived: Set<String> = ["weeklyRanges"]

    func check<D: FieldDecodable>(_ type: D.Type) {
        let properties = Mirror(reflecting: D.blank).children.compactMap { child -> (String, Bool)? in
            guard let label = child.label, !Self.derived.contains(label) else { return nil }
            return (label, Mirror(reflecting: child.value).displayStyle != .optional)
        }
        let table = D.table.fields.map { ($0.name, $0.isRequired) }
        #expect(table.map(\.0) == properties.map(\.0), "\(D.self): table fields differ from the properties")
        #expect(table.map(\.1) == properties.map(\.1), "\(D.self): required fields differ from the non-optional properties")
    }

    @Test func directoryDocuments() {
        check(ServiceDocument.self)
        check(HoursDocument.self)
        check(EligibilityDocument.self)
        check(IntakeDocument.self)
        check(AddressDocument.self)
        check(ContactDocument.self)
        check(SourceDocument.self)
        check(OrganisationDocument.self)
        check(AreaDocument.self)
        check(LanguageDocument.self)
        check(CategoryDocument.self)
        check(VocabularyEntry.self)
        check(AccessNeedDocument.self)
    }

    @Test func caseDocuments() {
        check(CaseDocument.self)
        check(ConcernsDocument.self)
        check(PreferencesDocument.self)
        check(ConsentDocument.self)
    }
}
