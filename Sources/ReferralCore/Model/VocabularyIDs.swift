/// The context's open vocabularies as small integer ids, one table per vocabulary, built once by
/// the loader from context.json (ids in sorted order of the values, languages in the file's
/// order), and the area tree with every area's lineage as ids. Services and cases refer to
/// these ids (`Service.areaIDs`, `Service.eligibilityIDs`…): comparing them is comparing integers.
public final class VocabularyIDs: Sendable {
    public let areas: InternTable
    public let categories: InternTable
    public let languages: InternTable
    public let populationGroups: InternTable
    public let legalStatuses: InternTable
    /// Reporting duties of rules.mandatoryReporting.
    public let duties: InternTable
    /// Parents and lineages of `areas`.
    public let areaTree: AreaTree
    /// Per category id.
    let categoryFacts: [Category]

    init(areas: [String: Area], categories: [String: Category], languages: [Language], populationGroups: some Collection<String>,
         legalStatuses: some Collection<String>, duties: [String])
    {
        let areaTable = InternTable(areas.keys.sorted())
        self.areas = areaTable
        self.categories = InternTable(categories.keys.sorted())
        self.languages = InternTable(languages.map(\.code))
        self.populationGroups = InternTable(populationGroups.sorted())
        self.legalStatuses = InternTable(legalStatuses.sorted())
        self.duties = InternTable(duties)
        areaTree = AreaTree(parents: areaTable.names.map { p in areas[p]?.parent.flatMap { areaTable.id($0) } ?? -1 })
        categoryFacts = self.categories.names.map { categories[$0]! }
    }

    /// The lineage of an area by P-code, as ids; empty for an unknown area.
    public func lineage(of pcode: String) -> ArraySlice<Int32> { areas.id(pcode).map { areaTree.lineage($0) } ?? [] }

    public func category(_ id: Int32) -> Category { categoryFacts[Int(id)] }
}
