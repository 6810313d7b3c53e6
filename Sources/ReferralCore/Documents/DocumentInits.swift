/// Public initialisers for the directory documents with required fields, so that other modules
/// (ReferralExchange's importers) can build them field by field; every optional field starts as
/// nil (left out). The smaller documents declare theirs beside their type (ServiceDocuments.swift…).
extension ServiceDocument {
    public init(id: String, organisation: String, name: String, category: String, areas: [String], modality: [Modality],
                languages: [String], intake: IntakeDocument, status: ServiceStatus)
    {
        self.id = id
        self.organisation = organisation
        self.name = name
        self.category = category
        self.areas = areas
        self.modality = modality
        self.languages = languages
        self.intake = intake
        self.status = status
    }
}

extension OrganisationDocument {
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
