/// The order of a step's options: deterministic, and explained in docs (Pathways/README.md 10.8).
///
/// What can be sent comes first (emergency referral, referral, information only); then, for
/// urgent and emergency steps, what can take the person now (open and not at capacity); then what
/// meets the person's access needs (fewest accommodations to arrange); for a person recorded as
/// sex `other`, LGBTIQ-competent services; then nearness, a shared language before
/// interpretation, open before waiting list, the preferred staff, a recently verified entry; and
/// finally the service id, so the order never changes.

/// The preferences a service is ranked by within its action, worst last. Compared field by field
/// in declaration order.
struct RankPreference: Comparable, Sendable {
    /// Urgent or emergency step, and the service cannot take the person now: closed now or at
    /// capacity. A full shelter nearby is worth less tonight than a free one further away.
    var unavailableNow = false
    /// Access needs of the person the service does not meet (an accommodation to arrange).
    var unmetNeeds = 0
    /// The person is recorded as sex `other` and the service does not declare itself
    /// LGBTIQ-competent.
    var notLGBTIQCompetent = false
    /// 0 the case's own area, 1 its parent, 2 anything wider (or not served).
    var distance = 0
    /// No shared language: interpretation needed.
    var interpretation = false
    var waitlist = false
    /// 0 preferred staff available, 1 not recorded, 2 not available (or no preference: 0).
    var staff = 0
    /// Not verified within the context's staleAfterDays (or never).
    var stale = false

    /// The fields in order of importance, as two tuples (Swift compares tuples of up to six).
    private var first: (Int, Int, Int, Int, Int, Int) {
        (unavailableNow ? 1 : 0, unmetNeeds, notLGBTIQCompetent ? 1 : 0, distance, interpretation ? 1 : 0, waitlist ? 1 : 0)
    }
    private var last: (Int, Int) { (staff, stale ? 1 : 0) }

    /// Field by field, most important first (no array is built per comparison: sorting the
    /// options compared arrays, 8 % of routing).
    static func < (a: RankPreference, b: RankPreference) -> Bool {
        let x = a.first, y = b.first
        return x != y ? x < y : a.last < b.last
    }
}

/// What the order of two decisions depends on: sorting these instead of the large decisions
/// avoids copying a decision for every comparison (a sixth of routing time).
struct RankKey: Comparable {
    let action: Action
    let preference: RankPreference
    let service: String

    init(_ d: ServiceDecision) {
        action = d.action
        preference = d.preference
        service = d.service
    }

    static func < (a: RankKey, b: RankKey) -> Bool {
        if a.action != b.action { return a.action < b.action }
        if a.preference != b.preference { return a.preference < b.preference }
        return a.service < b.service
    }
}

extension Router {
    /// The options (ranked 1, 2, …) and the excluded services of `count` decisions, each in rank
    /// order; a total order (it ends on the service id), so the result never depends on the order
    /// the services were decided in. Each decision is made in place in a buffer and moved once
    /// into its list (a copy of a decision is some twenty reference counts).
    func ranked(count n: Int, _ make: (Int) -> ServiceDecision) -> (options: [ServiceDecision], excluded: [ServiceDecision]) {
        let made = UnsafeMutablePointer<ServiceDecision>.allocate(capacity: n)
        defer { made.deallocate() }
        var keys: [RankKey] = []
        keys.reserveCapacity(n)
        for i in 0..<n {
            // The key is read from the new decision before it is moved into the buffer (reading
            // `made[i]` would copy the whole decision).
            let d = make(i)
            keys.append(RankKey(d))
            (made + i).initialize(to: d)
        }
        var options: [ServiceDecision] = []
        var excluded: [ServiceDecision] = []
        options.reserveCapacity(n)
        // Every decision is moved out exactly once: the buffer is left empty.
        for i in keys.indices.sorted(by: { keys[$0] < keys[$1] }) {
            var d = (made + i).move()
            if d.action == .excluded {
                excluded.append(d)
            } else {
                d.rank = options.count + 1
                options.append(d)
            }
        }
        return (options, excluded)
    }
}
