/// Opening hours as minute ranges within a week (Monday 00:00 = 0), or always open.
public struct WeeklyHours: Sendable, Hashable {
    public let alwaysOpen: Bool
    /// Sorted, non-overlapping half-open ranges of minutes of the week.
    public let ranges: [Range<Int>]

    static let week = 7 * 1440

    init(alwaysOpen: Bool, ranges: [Range<Int>]) {
        self.alwaysOpen = alwaysOpen
        self.ranges = ranges.sorted { $0.lowerBound < $1.lowerBound }
    }

    public func isOpen(at minuteOfWeek: Int) -> Bool {
        alwaysOpen || ranges.contains { $0.contains(minuteOfWeek) }
    }

    /// Minutes until the next opening (0 when open now), or nil if never open.
    public func minutesUntilOpen(from minuteOfWeek: Int) -> Int? {
        if isOpen(at: minuteOfWeek) { return 0 }
        var best: Int?
        for r in ranges {
            var delta = r.lowerBound - minuteOfWeek
            if delta < 0 { delta += WeeklyHours.week }
            if best == nil || delta < best! { best = delta }
        }
        return best
    }

    /// Whether the service is open at some time in every hour of the week (24/7 in effect).
    public var coversWholeWeek: Bool {
        if alwaysOpen { return true }
        var covered = 0
        var end = 0
        for r in ranges {
            if r.lowerBound > end { return false }
            end = max(end, r.upperBound)
            covered = end
        }
        return covered >= WeeklyHours.week
    }

    /// Parses the `weekly` map of a service; the error names the weekday and period.
    static func parse(_ weekly: [String: [String]]) -> Result<[Range<Int>], HoursError> {
        var out: [Range<Int>] = []
        for (dayName, periods) in weekly.sorted(by: { $0.key < $1.key }) {
            guard let day = Weekday(rawValue: dayName) else {
                let near = closestMatch(to: dayName, in: Weekday.allCases.map(\.rawValue))
                return .failure(HoursError(message: "unknown weekday '\(dayName)'" + (near.map { ": did you mean '\($0)'?" } ?? ": use mon … sun")))
            }
            for p in periods {
                let parts = p.split(separator: "-")
                guard parts.count == 2, let a = minutes(parts[0]), let b = minutes(parts[1]), a != b else {
                    return .failure(HoursError(message: "opening period '\(p)' on \(dayName) is not HH:MM-HH:MM"))
                }
                let start = day.index * 1440 + a
                if b > a {
                    out.append(start..<(day.index * 1440 + b))
                } else {
                    // Runs past midnight; wraps to Monday after Sunday.
                    let end = day.index * 1440 + 1440 + b
                    if end <= week { out.append(start..<end) } else {
                        out.append(start..<week)
                        out.append(0..<(end - week))
                    }
                }
            }
        }
        return .success(out)
    }

    struct HoursError: Error { var message: String }

    static func minutes(_ s: Substring) -> Int? {
        let p = s.split(separator: ":")
        guard p.count == 2, p[0].count == 2, p[1].count == 2, let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h),
            (0..<60).contains(m), h * 60 + m <= 1440
        else { return nil }
        return h * 60 + m
    }
}
