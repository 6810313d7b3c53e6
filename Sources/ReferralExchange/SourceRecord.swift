import ReferralCore

/// One raw value of a source record, with its place, before any cleaning or mapping.
struct SourceValue: Sendable {
    var text: String
    var place: ImportPlace
    /// For `.note` values: the label it is kept under in the description ("How to apply").
    var label: String?
}

/// One record of a source (a CSV row, an HSDS service) in a neutral shape: raw values by what
/// they are for. The readers fill it; `RecordMapper` turns it into directory documents.
struct SourceRecord: Sendable {
    /// The row, or the record's JSON path.
    var place: ImportPlace
    var recordId: String?
    var values: [SourceField: [SourceValue]] = [:]
    /// Opening hours from structured HSDS schedules.
    var schedule: ScheduleReading?
    /// This tool's own fields, from the attributes of an HSDS export (`modality` → values).
    var router: [String: [SourceValue]] = [:]
    /// The same for the organisation.
    var organisationRouter: [String: [SourceValue]] = [:]
    /// Findings made while reading (a named contact dropped).
    var findings: [ImportFinding] = []
    /// The texts duplicates are compared on.
    var fingerprint: [String] = []
    /// Which columns the fingerprint's texts came from, to name what differs.
    var fingerprintColumns: [String] = []

    init(place: ImportPlace, recordId: String?) {
        self.place = place
        self.recordId = recordId
    }

    mutating func add(_ field: SourceField, _ text: String?, _ place: ImportPlace, label: String? = nil) {
        guard let text, !text.isEmpty else { return }
        values[field, default: []].append(SourceValue(text: text, place: place, label: label))
    }

    func first(_ field: SourceField) -> SourceValue? { values[field]?.first }
}

/// Opening hours read from HSDS schedules.
struct ScheduleReading: Sendable {
    var alwaysOpen = false
    var weekly: [String: [String]] = [:]
    /// Schedules the weekly timetable cannot hold: the hours are left out.
    var unrepresentable: [(place: ImportPlace, reason: String)] = []
    /// Schedule descriptions, kept as notes.
    var descriptions: [SourceValue] = []
    var place: ImportPlace
    var isEmpty: Bool { !alwaysOpen && weekly.isEmpty }
}

/// A tree of source values with places: JSON as parsed, or HSDS CSV tables joined into the same
/// nested shape as HSDS JSON, so one reader serves both. A class: the join puts one table row
/// under many parents, and a reference is shared instead of copied.
final class SNode: Sendable {
    enum Value: Sendable {
        case null
        case text(String)
        case bool(Bool)
        case array([SNode])
        case object([(String, SNode)])
    }

    enum Origin: Sendable {
        case json(SourceFile, path: String, offset: Int)
        case table(ImportPlace)
    }

    let value: Value
    let origin: Origin

    init(value: Value, origin: Origin) {
        self.value = value
        self.origin = origin
    }

    /// Built when a finding needs it (line numbers of a large JSON file are not free).
    var place: ImportPlace {
        switch origin {
        case .json(let file, let path, let offset):
            return ImportPlace(file: file.name, path: path, line: file.lineColumn(of: offset).line)
        case .table(let p): return p
        }
    }

    subscript(key: String) -> SNode? {
        guard case .object(let members) = value else { return nil }
        for i in members.indices where members[i].0 == key { return members[i].1 }
        return nil
    }

    /// Text of a string, number or boolean; nil for null, empty text, arrays and objects.
    var text: String? {
        switch value {
        case .text(let s): s.isEmpty ? nil : s
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }

    var items: [SNode] {
        if case .array(let a) = value { return a }
        return []
    }

    var members: [(String, SNode)] {
        if case .object(let m) = value { return m }
        return []
    }

    var isObject: Bool {
        if case .object = value { return true }
        return false
    }

    /// Converts a parsed JSON value (numbers keep their source text).
    static func from(_ n: JSONNode, file: SourceFile, path: String) -> SNode {
        let origin = Origin.json(file, path: path, offset: n.offset)
        switch n.value {
        case .null: return SNode(value: .null, origin: origin)
        case .bool(let b): return SNode(value: .bool(b), origin: origin)
        case .number(let s), .string(let s): return SNode(value: .text(s), origin: origin)
        case .array(let items):
            return SNode(value: .array(items.enumerated().map { from($0.element, file: file, path: path + "[\($0.offset)]") }),
                         origin: origin)
        case .object(let members):
            return SNode(value: .object(members.map { ($0.key, from($0.value, file: file, path: path + jsonKey($0.key))) }),
                         origin: origin)
        }
    }
}

/// `.name` for plain keys, `["odd key"]` otherwise (as ReferralCore writes JSON paths).
func jsonKey(_ key: String) -> String {
    let plain = !key.isEmpty && key.unicodeScalars.allSatisfy {
        ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" || $0 == "-"
    }
    if plain { return "." + key }
    return "[\"" + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"]"
}
