/// The closed vocabularies the hand-written decoders meet most (a service's modality and
/// required fields, a case's sex and consent…), matched by their bytes instead of through a
/// `String`: see `TokenReader.value`.
protocol ByteMatched: FieldEnum {
    static var rawTable: RawValueTable<Self> { get }
}

/// (A class: a table is passed around without copying its arrays.)
final class RawValueTable<E: FieldEnum>: Sendable {
    let cases: [E]
    let words: ByteWords

    init() {
        cases = Array(E.allCases)
        words = ByteWords(cases.map(\.rawValue))
    }

    /// The case whose raw value is exactly `bytes[range]`, or nil.
    func match(_ bytes: [UInt8], _ range: Range<Int>) -> E? {
        bytes.withUnsafeBufferPointer { match($0, range) }
    }

    func match(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> E? {
        words.find(bytes, range).map { cases[$0] }
    }
}

/// A few words (field names, a closed vocabulary's values) found by their bytes: a text is
/// compared only with the words of its length, by its first eight bytes at once, then the rest.
struct ByteWords: Sendable {
    /// The words as given.
    let list: [String]
    /// For each length, where its words start in `order` (and end where the next length starts).
    private let lengthStart: [Int]
    /// Word positions ordered by length; their first eight bytes (little-endian, zero-padded);
    /// their bytes past the eighth, one after the other, from `restStart`.
    private let order: [Int]
    private let heads: [UInt64]
    private let rest: [UInt8]
    private let restStart: [Int]

    init(_ words: [String]) {
        list = words
        let bytes = words.map { Array($0.utf8) }
        let longest = bytes.map(\.count).max() ?? 0
        order = bytes.indices.sorted { (bytes[$0].count, $0) < (bytes[$1].count, $1) }
        lengthStart = (0...(longest + 1)).map { n in bytes.filter { $0.count < n }.count }
        heads = order.map { w in bytes[w].prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) } }
        rest = order.flatMap { bytes[$0].dropFirst(8) }
        var start: [Int] = [], at = 0
        for w in order {
            start.append(at)
            at += max(0, bytes[w].count - 8)
        }
        restStart = start
    }

    /// The position in `list` of the word equal to `b[range]`, or nil.
    @inline(__always) func find(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let n = range.count
        guard n + 1 < lengthStart.count else { return nil }
        let from = range.lowerBound
        var head: UInt64 = 0
        if from + 8 <= b.count {
            head = UnsafeRawPointer(b.baseAddress! + from).loadUnaligned(as: UInt64.self)
            head = UInt64(littleEndian: head)
            if n < 8 { head &= (UInt64(1) << UInt64(8 * n)) &- 1 }
        } else {
            for k in 0..<min(n, 8) { head |= UInt64(b[from + k]) << UInt64(8 * k) }
        }
        candidates: for x in lengthStart[n]..<lengthStart[n + 1] where heads[x] == head {
            let at = restStart[x]
            for k in 8..<max(n, 8) where b[from + k] != rest[at + k - 8] { continue candidates }
            return order[x]
        }
        return nil
    }
}

extension Sex: ByteMatched { static let rawTable = RawValueTable<Sex>() }
extension Modality: ByteMatched { static let rawTable = RawValueTable<Modality>() }
extension ServiceStatus: ByteMatched { static let rawTable = RawValueTable<ServiceStatus>() }
extension InterventionType: ByteMatched { static let rawTable = RawValueTable<InterventionType>() }
extension CaseField: ByteMatched { static let rawTable = RawValueTable<CaseField>() }
extension GBVIncidentType: ByteMatched { static let rawTable = RawValueTable<GBVIncidentType>() }
extension TraffickingIndicator: ByteMatched { static let rawTable = RawValueTable<TraffickingIndicator>() }
extension Distress: ByteMatched { static let rawTable = RawValueTable<Distress>() }
extension Separation: ByteMatched { static let rawTable = RawValueTable<Separation>() }
extension ConsentGiver: ByteMatched { static let rawTable = RawValueTable<ConsentGiver>() }
extension SafetyRisk: ByteMatched { static let rawTable = RawValueTable<SafetyRisk>() }
extension BestInterestsDetermination: ByteMatched { static let rawTable = RawValueTable<BestInterestsDetermination>() }
