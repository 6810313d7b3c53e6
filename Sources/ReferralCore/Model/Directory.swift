/// The validated, indexed service directory of one context: what the router and the validator
/// work on. Built only by `DirectoryLoader`, so every id in it is known to resolve.
public struct Directory: Sendable {
    public let context: Context
    /// Organisations by id.
    public let organisations: [String: Organisation]
    /// Services sorted by id: views of the compact store (see ServiceStore.swift).
    public let services: [Service]
    /// Pathways sorted by id.
    public let pathways: [Pathway]
    /// Warnings and information found while loading (errors make loading fail instead).
    public let diagnostics: [Diagnostic]

    let store: ServiceStore

    init(context: Context, organisations: [String: Organisation], store: ServiceStore, pathways: [Pathway],
         diagnostics: [Diagnostic])
    {
        self.context = context
        self.organisations = organisations
        self.store = store
        services = (0..<store.records.count).map { Service(store: store, index: $0) }
        self.pathways = pathways.sorted { $0.id < $1.id }
        self.diagnostics = diagnostics
    }

    public func service(_ id: String) -> Service? { store.index(of: id).map { services[$0] } }
    public func pathway(_ id: String) -> Pathway? { pathways.first { $0.id == id } }

    /// The organisation ids services name (`Service.organisationID`).
    public var organisationIDs: InternTable { store.organisations }
    /// The id of a feature or accessibility word (`Service.hasFeature`, `Service.lists(accessibility:)`), nil
    /// when no service uses it.
    func wordID(_ word: String) -> Int32? { store.words.id(word) }
    /// How many distinct eligibilities the services have (`Service.eligibilityID`).
    public var eligibilityCount: Int { store.eligibilities.count }
    /// Bytes the compact service store keeps (records, texts, lists, shared values).
    public var keptServiceBytes: Int { store.keptBytes }

    /// Services of `category` whose areas cover `pcode` (the area itself or any ancestor), in
    /// service-id order.
    /// - Complexity: O(d log n + k log k) for an area at depth d and k matching services.
    public func services(category: String, covering pcode: String) -> [Service] {
        serviceIndices(category: category, lineage: context.lineage(of: pcode)).map { services[$0] }
    }

    /// Indices into `services` of the services of `category` serving an area of `lineage` (an
    /// area and its ancestors, as `Context.lineage(of:)` gives them), ascending, each once. The
    /// router decides on `services[i]` in place instead of copying every `Service` out first.
    func serviceIndices(category: String, lineage: [String]) -> [Int] {
        guard let c = context.ids.categories.id(category) else { return [] }
        return store.postings.services(category: c, lineage: lineage.lazy.compactMap { context.ids.areas.id($0) })
    }

    /// The same by ids: a category of `Context.ids.categories`, a lineage of area ids
    /// (`Context.ids.areaTree.lineage(_:)`).
    public func serviceIndices(category: Int32, lineage: ArraySlice<Int32>) -> [Int] {
        store.postings.services(category: category, lineage: lineage)
    }
}
