import ReferralCore

/// One entry of a vocabulary as `referral list areas|languages|categories|groups|statuses|access-needs`
/// shows it. Fields that do not apply to the vocabulary are left out of the JSON.
struct VocabularyListing: Codable {
    var id: String
    var name: String
    /// Areas: the level (0 the country) and the parent's P-code.
    var level: Int?
    var parent: String?
    /// Languages: a main language of the context.
    var main: Bool?
    /// Categories: may hold sensitive data; is law enforcement.
    var sensitive: Bool?
    var lawEnforcement: Bool?

    static func list(_ kind: VocabularyKind, _ ctx: Context) -> [VocabularyListing] {
        ctx.entries(kind).map { e in
            var v = VocabularyListing(id: e.id, name: e.name)
            switch kind {
            case .areas:
                v.level = ctx.areas[e.id]?.level
                v.parent = ctx.areas[e.id]?.parent
            case .languages:
                v.main = ctx.languages.first { $0.code == e.id }?.main ?? false
            case .categories:
                v.sensitive = ctx.categories[e.id]?.sensitive ?? false
                v.lawEnforcement = ctx.categories[e.id]?.lawEnforcement ?? false
            case .groups, .statuses, .accessNeeds:
                break
            }
            return v
        }
    }

    static let titles: [VocabularyKind: (String, String)] = [
        .areas: ("area", "areas"), .languages: ("language", "languages"), .categories: ("category", "categories"),
        .groups: ("population group", "population groups"), .statuses: ("legal status", "legal statuses"),
        .accessNeeds: ("access need", "access needs"),
    ]

    /// `id  name (facts)`, one a line; areas as a tree, indented by level.
    static func text(_ list: [VocabularyListing], _ kind: VocabularyKind, _ ctx: Context, width: Int) -> String {
        var t = TextBuilder(width: width)
        let (one, many) = titles[kind] ?? (kind.rawValue, kind.rawValue)
        t.para("", "\(list.count) \(list.count == 1 ? one : many) in \(ctx.name) (\(ctx.file))")
        t.line()
        let idWidth = min(24, list.map(\.id.count).max() ?? 0)
        for v in list {
            var facts: [String] = []
            if let level = v.level { facts.append("level \(level)") }
            if v.main == true { facts.append("main language") }
            if v.sensitive == true { facts.append("may hold sensitive data") }
            if v.lawEnforcement == true { facts.append("law enforcement") }
            let indent = String(repeating: "  ", count: min(v.level ?? 0, 8))
            let id = v.id + String(repeating: " ", count: max(0, idWidth - v.id.count))
            t.para("  " + indent + id + "  ", v.name + (facts.isEmpty ? "" : " (" + facts.joined(separator: ", ") + ")"))
        }
        return t.text
    }
}
