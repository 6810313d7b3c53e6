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

    /// The fields in order of importance as one integer, most important in the highest bits
    /// (bits 62–63 are left for the action): comparing two is comparing the fields in turn, as `<`
    /// does. Each field fits its bits (distance and staff are 0–2; unmet needs are counted in 32).
    var packed: UInt64 {
        func bit(_ b: Bool, _ at: UInt64) -> UInt64 { b ? 1 << at : 0 }
        return bit(unavailableNow, 61) | UInt64(UInt32(clamping: unmetNeeds)) << 29 | bit(notLGBTIQCompetent, 28)
            | UInt64(distance & 3) << 26 | bit(interpretation, 25) | bit(waitlist, 24) | UInt64(staff & 3) << 22 | bit(stale, 21)
    }

    /// Field by field, most important first (no array is built per comparison: sorting the
    /// options compared arrays, 8 % of routing).
    static func < (a: RankPreference, b: RankPreference) -> Bool {
        let x = a.first, y = b.first
        return x != y ? x < y : a.last < b.last
    }
}

extension Router {
    /// The verdicts of a step's services in rank order, split into options and excluded services
    /// (`Verdict.ranks(_:before:)`: a total order, so the result never depends on the order the
    /// services were decided in).
    func ranked(_ verdicts: [Verdict]) -> (options: [Verdict], excluded: [Verdict]) {
        // Sorting (key, position) pairs moves two integers per swap, not a verdict.
        let order = verdicts.indices.map { (key: verdicts[$0].rankKey, at: $0) }.sorted { $0.key < $1.key }
        var options: [Verdict] = []
        var excluded: [Verdict] = []
        options.reserveCapacity(order.count)
        for (_, i) in order {
            if verdicts[i].action == .excluded { excluded.append(verdicts[i]) } else { options.append(verdicts[i]) }
        }
        return (options, excluded)
    }
}
