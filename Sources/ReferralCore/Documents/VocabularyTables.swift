/// The closed vocabularies the hand-written decoders meet most (a service's modality and
/// required fields, a case's sex and consent…), matched by their bytes instead of through a
/// `String`: see `TokenReader.value`.
protocol ByteMatched: FieldEnum {
    static var rawTable: RawValueTable<Self> { get }
}

struct RawValueTable<E: FieldEnum>: Sendable {
    let cases: [E]
    let raws: [[UInt8]]

    init() {
        cases = Array(E.allCases)
        raws = cases.map { Array($0.rawValue.utf8) }
    }

    /// The case whose raw value is exactly `bytes[range]`, or nil.
    func match<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ range: Range<Int>) -> E? where Bytes.Index == Int {
        candidates: for (n, raw) in raws.enumerated() where raw.count == range.count {
            for j in 0..<raw.count where bytes[range.lowerBound + j] != raw[j] { continue candidates }
            return cases[n]
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
