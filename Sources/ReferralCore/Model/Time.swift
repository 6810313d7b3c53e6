import Foundation

/// An instant given to the engine by its caller ("now" is never read inside the engine), with
/// the context's fixed UTC offset applied for opening hours and printed times.
public struct RoutingTime: Sendable, Hashable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Int64
    public let utcOffsetMinutes: Int

    public init(epochSeconds: Int64, utcOffsetMinutes: Int) {
        self.epochSeconds = epochSeconds
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    var localSeconds: Int64 { epochSeconds + Int64(utcOffsetMinutes) * 60 }
    /// Days since 1970-01-01 in local time.
    public var localDay: Int { Int(floorDiv(localSeconds, 86_400)) }
    /// Minutes since Monday 00:00 local time.
    public var minuteOfWeek: Int {
        // 1970-01-01 was a Thursday (index 3 with Monday = 0).
        let weekday = Int(floorMod(Int64(localDay) + 3, 7))
        let minuteOfDay = Int(floorMod(localSeconds, 86_400) / 60)
        return weekday * 1440 + minuteOfDay
    }

    /// The time `hours` later (or earlier). Offsets are clamped to ±10⁹ hours so that no input,
    /// however large, can overflow the clock arithmetic; loaders refuse such values anyway.
    public func adding(hours: Double) -> RoutingTime {
        let limit = 1e9
        let h = hours.isNaN ? 0 : min(max(hours, -limit), limit)
        return RoutingTime(epochSeconds: epochSeconds &+ Int64((h * 3600).rounded()), utcOffsetMinutes: utcOffsetMinutes)
    }

    /// The largest number of hours the formats accept anywhere (about 114 years).
    public static let maxHours: Double = 1_000_000

    /// `2026-11-28T14:05+02:00` in the context's local time.
    public var iso8601: String {
        let (y, m, d) = civilDate(fromDays: localDay)
        let mod = Int(floorMod(localSeconds, 86_400))
        // Padded by hand: `String(format:)` cost more than the rest of a routing step (see BENCHMARKS.md).
        guard (0...9999).contains(y) else {
            return String(format: "%04d-%02d-%02dT%02d:%02d", y, m, d, mod / 3600, (mod % 3600) / 60) + offsetText
        }
        return zeroPadded(y, 4) + "-" + zeroPadded(m, 2) + "-" + zeroPadded(d, 2) + "T" + zeroPadded(mod / 3600, 2) + ":"
            + zeroPadded((mod % 3600) / 60, 2) + offsetText
    }

    var offsetText: String {
        let sign = utcOffsetMinutes < 0 ? "-" : "+"
        let a = abs(utcOffsetMinutes)
        return sign + zeroPadded(a / 60, 2) + ":" + zeroPadded(a % 60, 2)
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS][.fff](Z|±HH:MM)`. Returns nil for anything else.
    public static func parse(_ text: String, utcOffsetMinutes: Int) -> RoutingTime? {
        let s = Array(text.utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= s.count else { return nil }
            var v = 0
            for i in r {
                guard s[i] >= 48, s[i] <= 57 else { return nil }
                v = v * 10 + Int(s[i] - 48)
            }
            return v
        }
        guard s.count >= 17, let y = num(0..<4), s[4] == 45, let mo = num(5..<7), s[7] == 45, let d = num(8..<10),
            s[10] == 84 || s[10] == 116, let h = num(11..<13), s[13] == 58, let mi = num(14..<16)
        else { return nil }
        var i = 16
        var sec = 0
        if i < s.count, s[i] == 58 {
            guard let v = num(i + 1..<i + 3) else { return nil }
            sec = v
            i += 3
            if i < s.count, s[i] == 46 {
                i += 1
                while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 }
            }
        }
        guard i < s.count else { return nil }
        var offset = 0
        if s[i] == 90 || s[i] == 122 {
            i += 1
        } else if s[i] == 43 || s[i] == 45 {
            guard let oh = num(i + 1..<i + 3), i + 3 < s.count, s[i + 3] == 58, let om = num(i + 4..<i + 6) else { return nil }
            offset = (oh * 60 + om) * (s[i] == 45 ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == s.count, (1...12).contains(mo), (1...daysInMonth(y, mo)).contains(d), h < 24, mi < 60, sec < 61,
            abs(offset) <= 18 * 60
        else { return nil }
        let days = daysFromCivil(y, mo, d)
        let local = Int64(days) * 86_400 + Int64(h * 3600 + mi * 60 + sec)
        return RoutingTime(epochSeconds: local - Int64(offset) * 60, utcOffsetMinutes: utcOffsetMinutes)
    }
}

/// Parses `YYYY-MM-DD` into days since 1970-01-01.
public func parseDay(_ text: String) -> Int? {
    let p = text.split(separator: "-", omittingEmptySubsequences: false)
    guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2, let y = Int(p[0]), let m = Int(p[1]),
        let d = Int(p[2]), (1...12).contains(m), (1...daysInMonth(y, m)).contains(d)
    else { return nil }
    return daysFromCivil(y, m, d)
}

/// Parses `+03:00`, `-05:30` or `Z` into minutes.
public func parseUTCOffset(_ text: String) -> Int? {
    if text == "Z" { return 0 }
    let s = Array(text.utf8)
    guard s.count == 6, s[0] == 43 || s[0] == 45, s[3] == 58, let h = Int(text.dropFirst().prefix(2)),
        let m = Int(text.suffix(2)), h <= 18, m < 60
    else { return nil }
    return (h * 60 + m) * (s[0] == 45 ? -1 : 1)
}

func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }

func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
func daysInMonth(_ y: Int, _ m: Int) -> Int {
    [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
}

// Howard Hinnant's civil-date algorithms: exact for the proleptic Gregorian calendar.
func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

func civilDate(fromDays z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp + (mp < 10 ? 3 : -9)
    return (m <= 2 ? y + 1 : y, m, d)
}

func dayText(_ day: Int) -> String {
    let (y, m, d) = civilDate(fromDays: day)
    guard (0...9999).contains(y) else { return String(format: "%04d-%02d-%02d", y, m, d) }
    return zeroPadded(y, 4) + "-" + zeroPadded(m, 2) + "-" + zeroPadded(d, 2)
}

/// `String(format: "%0*d", width, value)` for a value of 0 or more, without Foundation's formatter.
func zeroPadded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

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

    private static func minutes(_ s: Substring) -> Int? {
        let p = s.split(separator: ":")
        guard p.count == 2, p[0].count == 2, p[1].count == 2, let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h),
            (0..<60).contains(m), h * 60 + m <= 1440
        else { return nil }
        return h * 60 + m
    }
}
