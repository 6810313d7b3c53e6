/// The area tree as integer ids, with each area's lineage (the area and its ancestors, nearest
/// first) worked out once on load.
public struct AreaTree: Sendable {
    /// Per area id: the parent's id, or -1 for a root.
    public let parents: [Int32]
    /// Per area id: its lineage is `lineageItems[lineageStarts[a]..<lineageStarts[a + 1]]`.
    private let lineageStarts: [UInt32]
    private let lineageItems: [Int32]

    init(parents: [Int32]) {
        self.parents = parents
        var starts: [UInt32] = [0]
        var items: [Int32] = []
        starts.reserveCapacity(parents.count + 1)
        for a in parents.indices {
            var cur = Int32(a)
            var steps = 0
            // P-code parents are prefixes, so there is no cycle; the bound keeps a malformed tree finite.
            while cur >= 0, steps <= parents.count {
                items.append(cur)
                cur = parents[Int(cur)]
                steps += 1
            }
            starts.append(UInt32(items.count))
        }
        lineageStarts = starts
        lineageItems = items
    }

    /// The area and its ancestors, nearest first (`XY0211`, `XY02`, `XY`).
    public func lineage(_ area: Int32) -> ArraySlice<Int32> {
        lineageItems[Int(lineageStarts[Int(area)])..<Int(lineageStarts[Int(area) + 1])]
    }

    /// Whether `inner` lies within `outer` (or is it).
    public func area(_ inner: Int32, isWithin outer: Int32) -> Bool { lineage(inner).contains(outer) }
}

/// Which services of a category serve an area: a flat table of (category, area) keys, sorted, each
/// with its run of service indices (ascending) in one array. A look-up is a binary search, so the
/// cost of routing does not grow with the size of the directory, and the table costs a few bytes
/// per service and area.
struct Postings: Sendable {
    private let keys: [UInt64]
    /// The services of key `k` are `items[starts[k]..<starts[k + 1]]`.
    private let starts: [UInt32]
    private let items: [Int32]

    static func key(category: Int32, area: Int32) -> UInt64 { UInt64(UInt32(category)) << 32 | UInt64(UInt32(area)) }

    /// From (key, service) pairs in any order.
    init(_ pairs: [(key: UInt64, service: Int32)]) {
        let sorted = pairs.sorted { ($0.key, $0.service) < ($1.key, $1.service) }
        var keys: [UInt64] = []
        var starts: [UInt32] = []
        var items: [Int32] = []
        items.reserveCapacity(sorted.count)
        for (k, s) in sorted {
            if keys.last != k {
                keys.append(k)
                starts.append(UInt32(items.count))
            } else if items.last == s {
                continue  // a service listing an area twice
            }
            items.append(s)
        }
        starts.append(UInt32(items.count))
        self.keys = keys.compacted()
        self.starts = starts.compacted()
        self.items = items
    }

    /// The services of `category` serving `area` itself, ascending.
    func services(category: Int32, area: Int32) -> ArraySlice<Int32> {
        guard let k = keyIndex(category: category, area: area) else { return [] }
        return items[Int(starts[k])..<Int(starts[k + 1])]
    }

    /// The services of `category` serving an area of `lineage`, ascending, each once.
    func services(category: Int32, lineage: some Sequence<Int32>) -> [Int] {
        // The runs first (a lineage has a handful of areas), then one array of their total size.
        var runs: [Range<Int>] = []
        var total = 0
        for area in lineage {
            guard let k = keyIndex(category: category, area: area) else { continue }
            let run = Int(starts[k])..<Int(starts[k + 1])
            runs.append(run)
            total += run.count
        }
        var found: [Int] = []
        found.reserveCapacity(total)
        for run in runs { for i in run { found.append(Int(items[i])) } }
        guard runs.count > 1 else { return found }
        // A service serving both an area and its parent is decided once.
        found.sort()
        var kept = 0
        for i in found.indices where kept == 0 || found[kept - 1] != found[i] {
            found[kept] = found[i]
            kept += 1
        }
        found.removeLast(found.count - kept)
        return found
    }

    private func keyIndex(category: Int32, area: Int32) -> Int? {
        let k = Postings.key(category: category, area: area)
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < k { lo = mid + 1 } else { hi = mid }
        }
        return lo < keys.count && keys[lo] == k ? lo : nil
    }
}
