/// The validated, indexed service directory of one context: what the router and the validator
/// work on. Built only by `DirectoryLoader`, so every id in it is known to resolve.
public struct Directory: Sendable {
    public let context: Context
    /// Organisations by id.
    public let organisations: [String: Organisation]
    /// Services sorted by id.
    public let services: [Service]
    /// Pathways sorted by id.
    public let pathways: [Pathway]
    /// Warnings and information found while loading (errors make loading fail instead).
    public let diagnostics: [Diagnostic]

    let serviceByID: [String: Int]
    /// Category id → served P-code → indices into `services`. Routing looks a case's area and
    /// its ancestors up here, so its cost does not grow with the size of the whole directory.
    let index: [String: [String: [Int]]]

    init(context: Context, organisations: [String: Organisation], services: [Service], pathways: [Pathway],
         diagnostics: [Diagnostic])
    {
        self.context = context
        self.organisations = organisations
        self.services = services.sorted { $0.id < $1.id }
        self.pathways = pathways.sorted { $0.id < $1.id }
        self.diagnostics = diagnostics
        var byID: [String: Int] = [:]
        var index: [String: [String: [Int]]] = [:]
        for (i, s) in self.services.enumerated() {
            byID[s.id] = i
            for area in s.areas { index[s.category, default: [:]][area, default: []].append(i) }
        }
        self.serviceByID = byID
        self.index = index
    }

    public func service(_ id: String) -> Service? { serviceByID[id].map { services[$0] } }
    public func pathway(_ id: String) -> Pathway? { pathways.first { $0.id == id } }

    /// Services of `category` whose areas cover `pcode` (the area itself or any ancestor), in
    /// service-id order.
    /// - Complexity: O(d + k log k) for an area at depth d and k matching services.
    public func services(category: String, covering pcode: String) -> [Service] {
        serviceIndices(category: category, lineage: context.lineage(of: pcode)).map { services[$0] }
    }

    /// Indices into `services` of the services of `category` serving an area of `lineage` (an
    /// area and its ancestors, as `Context.lineage(of:)` gives them), ascending, each once. The
    /// router decides on `services[i]` in place instead of copying every `Service` out first.
    func serviceIndices(category: String, lineage: [String]) -> [Int] {
        guard let byArea = index[category] else { return [] }
        var found: [Int] = []
        for a in lineage { found.append(contentsOf: byArea[a] ?? []) }
        found.sort()
        var unique: [Int] = []
        unique.reserveCapacity(found.count)
        for i in found where unique.last != i { unique.append(i) }
        return unique
    }
}
