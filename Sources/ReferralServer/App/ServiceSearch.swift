import ReferralCore

/// Directory search for a hotline: services by category, area, language, open now, modality and
/// self-referral. The area matches services serving it or any area above it, and services inside
/// it; when that finds nothing, services of the neighbouring areas (same parent) are given,
/// marked as such. Results are in a fixed order: nearest first, then by service id.
public struct ServiceSearch: Sendable {
    public var category: String?
    public var area: String?
    public var language: String?
    public var openNow: Bool = false
    public var modality: Modality?
    public var selfReferral: Bool = false
    public init() {}

    public struct Answer: Codable, Sendable, Equatable {
        public var at: String
        public var count: Int
        /// True when nothing serves the area and the results are from neighbouring areas.
        public var neighbouring: Bool
        public var results: [Hit]
    }

    public struct Hit: Codable, Sendable, Equatable {
        public var service: String
        public var name: String
        public var organisation: String
        public var organisationName: String
        public var category: String
        public var categoryName: String
        public var areas: [String]
        /// `same-area`, `parent-area` (serves an area above the one asked), `within-area` (serves a
        /// part of it), `neighbouring-area`, or `any-area` when no area was asked.
        public var proximity: String
        public var modality: [Modality]
        public var languages: [String]
        public var interpretation: Bool
        public var status: ServiceStatus
        /// Nil when the service gives no hours.
        public var openNow: Bool?
        public var opensInHours: Double?
        public var selfReferral: Bool
        public var contact: Contact?
        /// Never a confidential address.
        public var address: String?
        public var addressConfidential: Bool
        public var cost: String?
        public var lastVerified: String?
    }

    public func run(_ d: Directory, at time: RoutingTime) -> Answer {
        let ctx = d.context
        var hits: [(rank: Int, hit: Hit)] = []
        for s in d.services where keep(s, d, time) {
            guard let proximity = proximity(s, ctx, neighbours: false) else { continue }
            hits.append((proximity.rank, hit(s, d, time, proximity.name)))
        }
        var neighbouring = false
        if hits.isEmpty, area != nil {
            for s in d.services where keep(s, d, time) {
                guard let p = proximity(s, ctx, neighbours: true) else { continue }
                hits.append((p.rank, hit(s, d, time, p.name)))
            }
            neighbouring = !hits.isEmpty
        }
        hits.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.hit.service < $1.hit.service }
        return Answer(at: time.iso8601, count: hits.count, neighbouring: neighbouring, results: hits.map(\.hit))
    }

    func keep(_ s: Service, _ d: Directory, _ time: RoutingTime) -> Bool {
        if let category, s.category != category { return false }
        if let language, !s.languages.contains(language) { return false }
        if let modality, !s.modality.contains(modality) { return false }
        if selfReferral && !s.selfReferral { return false }
        if openNow {
            guard s.status != .closed, let h = s.hours, h.isOpen(at: time.minuteOfWeek) else { return false }
        }
        return true
    }

    /// How `s` relates to the asked area; nil when it does not match. Lower ranks come first.
    func proximity(_ s: Service, _ ctx: Context, neighbours: Bool) -> (name: String, rank: Int)? {
        guard let area else { return ("any-area", 0) }
        if neighbours {
            guard let parent = ctx.areas[area]?.parent else { return nil }
            // Neighbours: the other areas under the same parent (P-codes carry no geometry).
            let siblings = ctx.areas.values.filter { $0.parent == parent && $0.pcode != area }.map(\.pcode)
            let near = s.areas.contains { a in siblings.contains { ctx.area(a, isWithin: $0) } }
            return near ? ("neighbouring-area", 3) : nil
        }
        if s.areas.contains(area) { return ("same-area", 0) }
        if s.areas.contains(where: { ctx.area(area, isWithin: $0) }) { return ("parent-area", 1) }
        if s.areas.contains(where: { ctx.area($0, isWithin: area) }) { return ("within-area", 2) }
        return nil
    }

    func hit(_ s: Service, _ d: Directory, _ time: RoutingTime, _ proximity: String) -> Hit {
        let org = d.organisations[s.organisation]
        var openNow: Bool?
        var opensIn: Double?
        if let h = s.hours {
            openNow = h.isOpen(at: time.minuteOfWeek)
            if openNow == false, let m = h.minutesUntilOpen(from: time.minuteOfWeek) { opensIn = Double(m) / 60 }
        }
        let confidential = s.address?.confidential ?? false
        return Hit(
            service: s.id, name: s.name, organisation: s.organisation, organisationName: org?.name ?? s.organisation,
            category: s.category, categoryName: d.context.categories[s.category]?.name ?? s.category, areas: s.areas,
            proximity: proximity, modality: s.modality, languages: s.languages, interpretation: s.interpretation,
            status: s.status, openNow: openNow, opensInHours: opensIn, selfReferral: s.selfReferral,
            contact: s.focalPoint ?? org?.contact, address: confidential ? nil : s.address?.text,
            addressConfidential: confidential, cost: s.cost, lastVerified: s.lastVerified)
    }
}
