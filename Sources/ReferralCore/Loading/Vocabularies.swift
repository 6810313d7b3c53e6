/// The context's vocabularies as (id, name) entries, for listing them and for suggesting an id
/// from a typo of the id or from the name people know it by ("Aldren" → XV0101).
public struct VocabularyEntryView: Codable, Sendable, Equatable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

extension Context {
    /// The entries of one vocabulary, sorted by id.
    public func entries(_ kind: VocabularyKind) -> [VocabularyEntryView] {
        let pairs: [(String, String)]
        switch kind {
        case .areas: pairs = areas.values.map { ($0.pcode, $0.name) }
        case .languages: pairs = languages.map { ($0.code, $0.name) }
        case .categories: pairs = categories.values.map { ($0.id, $0.name) }
        case .groups: pairs = populationGroups.map { ($0.key, $0.value) }
        case .statuses: pairs = legalStatuses.map { ($0.key, $0.value) }
        case .accessNeeds: pairs = (accessNeeds ?? [:]).map { ($0.key, $0.value) }
        }
        return pairs.map { VocabularyEntryView(id: $0.0, name: $0.1) }.sorted { $0.id < $1.id }
    }
}

public enum VocabularyKind: String, Sendable, CaseIterable {
    case areas, languages, categories, groups, statuses
    case accessNeeds = "access-needs"
}

/// The id `value` probably stands for: the closest id, or the id of the entry whose name is
/// `value` (ignoring case) or close to it. Nil when nothing is close.
public func suggestID(for value: String, in entries: [VocabularyEntryView]) -> String? {
    if let id = closestMatch(to: value, in: entries.map(\.id)) { return id }
    let lower = value.lowercased()
    if let exact = entries.first(where: { $0.name.lowercased() == lower }) { return exact.id }
    guard let name = closestMatch(to: value, in: entries.map(\.name)) else { return nil }
    return entries.first { $0.name == name }?.id
}

/// Whether `value` is the name (ignoring case) of one of `entries`: a caseworker who writes an
/// area's name where its P-code belongs has not written personal data.
func isName(_ value: String, in entries: [VocabularyEntryView]) -> Bool {
    let lower = value.lowercased()
    return entries.contains { $0.name.lowercased() == lower }
}
