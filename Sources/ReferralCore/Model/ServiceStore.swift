/// The services of a loaded directory in compact, interned form (see Interned.swift): one record
/// of ids and offsets per service, texts in one arena, lists, timetables, contacts, addresses and
/// eligibilities each stored once however many services share them. Shared by every copy of a
/// `Directory`; `Service` is a view of one record.
final class ServiceStore: Sendable {
    let text: TextArena
    let lists: IDLists
    /// Sorted by service id.
    let records: [ServiceRecord]
    let hours: [WeeklyHours]
    let contacts: [Contact]
    let addresses: [Address]
    let eligibilities: [Eligibility]
    /// Per eligibility: the same as ids and bit masks.
    let eligibilityIDs: [EligibilityIDs]
    let extras: [ServiceExtra]
    /// Costs (few distinct texts: "free"…).
    let costs: InternTable
    /// The organisation ids services name.
    let organisations: InternTable
    /// Features and accessibility words.
    let words: InternTable
    let vocab: VocabularyIDs
    /// (category, area) → services, by index into `records`.
    let postings: Postings
    /// services.json as findings name it.
    let servicesFile: String

    /// From a builder whose text and lists are sealed, with its records in `order`.
    private init(_ b: Builder, order: [Int32], servicesFile: String) {
        text = b.text
        lists = b.lists
        var records: [ServiceRecord] = []
        records.reserveCapacity(order.count)
        for i in order { records.append(b.records[Int(i)]) }
        self.records = records
        hours = b.hours.values.compacted()
        contacts = b.contacts.values.compacted()
        addresses = b.addresses.values.compacted()
        eligibilities = b.eligibilities.values.compacted()
        eligibilityIDs = b.eligibilities.values.map { EligibilityIDs($0, b.vocab) }
        extras = b.extras.compacted()
        costs = b.costs
        organisations = b.organisations
        words = b.words
        vocab = b.vocab
        var pairs: [(key: UInt64, service: Int32)] = []
        for (i, r) in records.enumerated() {
            for a in lists[r.areas] { pairs.append((Postings.key(category: r.category, area: a), Int32(i))) }
        }
        postings = Postings(pairs)
        self.servicesFile = servicesFile
    }

    func string(_ r: TextRef) -> String { text.string(r) }

    /// The index of the service with this id, by binary search over the sorted records.
    func index(of id: String) -> Int? {
        var id = id
        return id.withUTF8 { u in
            var lo = 0, hi = records.count
            while lo < hi {
                let mid = (lo + hi) / 2
                let c = text.compare(records[mid].id, u)
                if c == 0 { return mid }
                if c < 0 { lo = mid + 1 } else { hi = mid }
            }
            return nil
        }
    }

    /// What the store keeps, in bytes (arrays' element storage; the few shared tables left out).
    var keptBytes: Int {
        text.bytes.count + lists.items.count * 4 + records.count * MemoryLayout<ServiceRecord>.stride
            + hours.reduce(0) { $0 + 16 + $1.ranges.count * 16 } + contacts.count * MemoryLayout<Contact>.stride
            + addresses.count * MemoryLayout<Address>.stride + extras.count * MemoryLayout<ServiceExtra>.stride
    }

    /// Collects the services as the loader builds them (in file order).
    struct Builder {
        let vocab: VocabularyIDs
        var text = TextArena()
        var lists = IDLists()
        var records = Chunked<ServiceRecord>()
        var hours = InternPool<WeeklyHours>()
        var contacts = InternPool<Contact>()
        var addresses = InternPool<Address>()
        var eligibilities = InternPool<Eligibility>()
        var extras: [ServiceExtra] = []
        var costs = InternTable()
        var organisations = InternTable()
        var words = InternTable()

        init(vocab: VocabularyIDs) { self.vocab = vocab }

        /// The services sorted by id (byte order: the order of `String <` for the ASCII ids allowed).
        consuming func finish(servicesFile: String) -> ServiceStore {
            var b = self
            b.text.seal()
            b.lists.seal()
            let text = b.text, records = b.records
            let order = (0..<Int32(records.count)).sorted { text.precedes(records[Int($0)].id, records[Int($1)].id) }
            return ServiceStore(b, order: order, servicesFile: servicesFile)
        }
    }
}

/// One service, interned: ids for vocabulary values, references into the store's pools, -1 (or
/// `TextRef.none`) for a field left out.
struct ServiceRecord: Sendable {
    var id: TextRef
    var name: TextRef
    /// Its JSON path in services.json (with `line` and `column`: its place, for findings).
    var path: TextRef
    var organisation: Int32
    var category: Int32
    /// Lists in `ServiceStore.lists`: area ids, `Modality` positions, language ids, word ids,
    /// `Sex` positions (staff), word ids (features), `CaseField` positions, duty ids.
    var areas: Int32
    var modality: Int32
    var languages: Int32
    var accessibility: Int32
    var staffSexes: Int32
    var features: Int32
    var requiredFields: Int32
    var mandatoryReporting: Int32
    /// Indices into the store's pools.
    var hours: Int32
    var eligibility: Int32
    var address: Int32
    var focalPoint: Int32
    var cost: Int32
    var extra: Int32
    /// Days since 1970-01-01; `Int32.min` when never verified.
    var lastVerifiedDay: Int32
    var line: Int32
    var column: Int32
    var status: UInt8
    /// `InterventionType` position; 255 when not given.
    var interventionType: UInt8
    var flags: UInt8

    static let interpretation: UInt8 = 1
    static let selfReferral: UInt8 = 2
    /// Qualified for sensitive data and in a category that may hold it.
    static let sensitiveQualified: UInt8 = 4
}

/// The rarely given texts of a service, kept aside.
struct ServiceExtra: Sendable {
    var description: TextRef
    var website: TextRef
    var source: Source?
    /// `lastVerified` as written, when it is not the canonical text of its day.
    var lastVerified: TextRef
}

/// An array grown in fixed chunks: appending never copies what is already there, so a list of
/// 100,000 records never holds a second, larger copy of itself while it grows (a plain array
/// doubles: the old and the new buffer live together, up to three times the records).
struct Chunked<T> {
    private static var chunkSize: Int { 4096 }
    private var chunks: [[T]] = []
    private(set) var count = 0

    mutating func append(_ x: T) {
        if count % Self.chunkSize == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        chunks[chunks.count - 1].append(x)
        count += 1
    }

    subscript(_ i: Int) -> T { chunks[i / Self.chunkSize][i % Self.chunkSize] }
}
