/// Compact storage for a loaded directory: the texts of the services in one UTF-8 arena, every
/// vocabulary value a small integer id, every list of ids stored once. A national directory keeps
/// a couple of hundred bytes per service this way instead of some twenty separately allocated
/// strings and arrays, and the router and the validator compare integers instead of strings.

/// A text in a `TextArena`: an offset and a length in bytes. `none` stands for a missing text.
struct TextRef: Hashable, Sendable {
    var offset: UInt32
    var count: UInt32

    static let none = TextRef(offset: .max, count: 0)
    var isNone: Bool { offset == .max }
}

/// Texts as UTF-8 in one byte array once sealed. While the loader adds to it, the bytes grow in
/// chunks of 64 KiB that are never copied (a doubling array would hold its old and new buffers
/// together at the peak of a load), and `seal` joins them; offsets run on across chunks.
struct TextArena: Sendable {
    /// Every text once sealed; while building, the texts after the full chunks.
    private(set) var bytes: [UInt8] = []
    /// Full chunks, in order (building only), and how many bytes they hold.
    private var full: [[UInt8]] = []
    private var fullCount = 0
    private static let chunk = 1 << 16

    mutating func add(_ s: String) -> TextRef {
        var s = s
        return s.withUTF8 { u in
            if bytes.count + u.count > bytes.capacity {
                if !bytes.isEmpty {
                    fullCount += bytes.count
                    full.append(bytes)
                    bytes = []
                }
                bytes.reserveCapacity(max(TextArena.chunk, u.count))
            }
            let r = TextRef(offset: UInt32(fullCount + bytes.count), count: UInt32(u.count))
            bytes.append(contentsOf: u)
            return r
        }
    }

    mutating func add(_ s: String?) -> TextRef { s.map { add($0) } ?? .none }

    /// Joins the chunks into one array with no spare capacity, once nothing more is added.
    mutating func seal() {
        var all: [UInt8] = []
        all.reserveCapacity(fullCount + bytes.count)
        for c in full { all.append(contentsOf: c) }
        all.append(contentsOf: bytes)
        bytes = all
        full = []
        fullCount = 0
    }

    func string(_ r: TextRef) -> String {
        var start = Int(r.offset)
        var chunk = bytes
        if start < fullCount {  // building: a text of a full chunk (never split across two)
            for c in full {
                if start < c.count {
                    chunk = c
                    break
                }
                start -= c.count
            }
        } else {
            start -= fullCount
        }
        return chunk.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<start + Int(r.count)]), as: UTF8.self)
        }
    }

    func optionalString(_ r: TextRef) -> String? { r.isNone ? nil : string(r) }

    /// Byte-wise order of a text and some bytes (sealed arena): the order of `String <` for the
    /// ASCII ids the formats allow. -1, 0 or 1.
    func compare(_ r: TextRef, _ other: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { p in
            let x = UnsafeBufferPointer(rebasing: p[Int(r.offset)..<Int(r.offset + r.count)])
            if x.elementsEqual(other) { return 0 }
            return x.lexicographicallyPrecedes(other) ? -1 : 1
        }
    }

    func precedes(_ a: TextRef, _ b: TextRef) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            UnsafeBufferPointer(rebasing: p[Int(a.offset)..<Int(a.offset + a.count)])
                .lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: p[Int(b.offset)..<Int(b.offset + b.count)]))
        }
    }
}

/// Lists of small integers (vocabulary ids, enum positions), each distinct list stored once in
/// one flat array: services share their language, area, modality and field lists. List `r` is
/// `items[starts[r]..<starts[r + 1]]`; `ListRef.none` is a list left out (not an empty one).
struct IDLists: Sendable {
    private(set) var items: [Int32] = []
    private var starts: [UInt32] = [0]
    private var known: [[Int32]: Int32] = [:]

    static let none: Int32 = -1

    mutating func add(_ list: [Int32]) -> Int32 {
        if let r = known[list] { return r }
        let r = Int32(starts.count - 1)
        items.append(contentsOf: list)
        starts.append(UInt32(items.count))
        known[list] = r
        return r
    }

    mutating func add(_ list: [Int32]?) -> Int32 { list.map { add($0) } ?? IDLists.none }

    mutating func seal() {
        known = [:]
        items = items.compacted()
        starts = starts.compacted()
    }

    /// The list's items in their original order (empty for `none`).
    subscript(_ r: Int32) -> ArraySlice<Int32> {
        r < 0 ? [] : items[Int(starts[Int(r)])..<Int(starts[Int(r) + 1])]
    }

    /// Whether list `r` holds `id` (without making a slice: the router asks this of every service
    /// in reach, several times).
    func contains(_ r: Int32, _ id: Int32) -> Bool { firstItem(r) { $0 == id } != nil }

    /// The first item of list `r` for which `match` holds, nil when none does.
    func firstItem(_ r: Int32, where match: (Int32) -> Bool) -> Int32? {
        guard r >= 0 else { return nil }
        return items.withUnsafeBufferPointer { b in
            var i = Int(starts[Int(r)])
            let end = Int(starts[Int(r) + 1])
            while i < end {
                if match(b[i]) { return b[i] }
                i += 1
            }
            return nil
        }
    }

    func isEmpty(_ r: Int32) -> Bool { r < 0 || starts[Int(r)] == starts[Int(r) + 1] }

    var count: Int { starts.count - 1 }
}

/// Values as small integer ids, `0..<count`, in the order they were added, each stored once: an
/// open vocabulary (areas, categories, languages, organisations…: `InternTable`), or values many
/// services share (timetables, contacts, eligibilities).
public struct InternPool<T: Hashable & Sendable>: Sendable {
    public private(set) var values: [T] = []
    private var ids: [T: Int32] = [:]

    init() {}
    init(_ values: some Sequence<T>) { for v in values { add(v) } }

    @discardableResult
    mutating func add(_ value: T) -> Int32 {
        if let id = ids[value] { return id }
        let id = Int32(values.count)
        values.append(value)
        ids[value] = id
        return id
    }

    /// The id of an optional value; -1 for nil.
    mutating func add(_ value: T?) -> Int32 { value.map { add($0) } ?? -1 }

    /// The id of a value, nil when the pool does not hold it.
    public func id(_ value: T) -> Int32? { ids[value] }
    public subscript(_ id: Int32) -> T { values[Int(id)] }
    public var count: Int { values.count }
}

/// One open vocabulary as small integer ids.
public typealias InternTable = InternPool<String>

extension InternPool where T == String {
    public var names: [String] { values }
}

/// A set of ids of one vocabulary: a bit per id below 64 (every vocabulary of a real context),
/// a sorted list for any above.
public struct IDMask: Hashable, Sendable {
    public private(set) var bits: UInt64 = 0
    public private(set) var high: [Int32] = []

    public init() {}
    public init(_ ids: some Sequence<Int32>) { for i in ids { insert(i) } }

    public mutating func insert(_ id: Int32) {
        if id >= 0 && id < 64 {
            bits |= 1 << UInt64(id)
        } else if !high.contains(id) {
            high.append(id)
            high.sort()
        }
    }

    public func contains(_ id: Int32) -> Bool { id >= 0 && id < 64 ? bits & (1 << UInt64(id)) != 0 : high.contains(id) }

    public func intersects(_ other: IDMask) -> Bool {
        bits & other.bits != 0 || (!high.isEmpty && high.contains(where: other.high.contains))
    }

    public var isEmpty: Bool { bits == 0 && high.isEmpty }
}

extension CaseIterable where Self: Equatable, AllCases == [Self] {
    /// The position of the value among all the cases: how a closed vocabulary is stored.
    var caseIndex: Int32 { Int32(Self.allCases.firstIndex(of: self) ?? 0) }
    init(caseIndex: Int32) { self = Self.allCases[Int(caseIndex)] }
}

// The vocabularies a `Service` view rebuilds on every read, from a table made once (`allCases`
// builds a new array on each call: once per element read, before).
extension CaseField {
    private static let byIndex = allCases
    init(caseIndex: Int32) { self = Self.byIndex[Int(caseIndex)] }
}

extension Modality {
    private static let byIndex = allCases
    init(caseIndex: Int32) { self = Self.byIndex[Int(caseIndex)] }
}

extension Sex {
    private static let byIndex = allCases
    init(caseIndex: Int32) { self = Self.byIndex[Int(caseIndex)] }
}

extension ServiceStatus {
    private static let byIndex = allCases
    init(caseIndex: Int32) { self = Self.byIndex[Int(caseIndex)] }
}

extension Array {
    /// A copy with no spare capacity (an array grown by appending keeps up to half again).
    func compacted() -> [Element] { withUnsafeBufferPointer { Array($0) } }
}
