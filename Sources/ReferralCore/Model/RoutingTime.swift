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
        let offset = abs(utcOffsetMinutes)
        guard offset < 100 * 60 else {
            return zeroPadded(y, 4) + "-" + zeroPadded(m, 2) + "-" + zeroPadded(d, 2) + "T" + zeroPadded(mod / 3600, 2) + ":"
                + zeroPadded((mod % 3600) / 60, 2) + offsetText
        }
        // Written into its 22 bytes at once: one allocation instead of a dozen appends (several
        // texts per routed step).
        return String(unsafeUninitializedCapacity: 22) { b in
            func put(_ value: Int, at start: Int, width: Int) {
                var v = value
                for i in (start..<start + width).reversed() {
                    b[i] = UInt8(48 + v % 10)
                    v /= 10
                }
            }
            put(y, at: 0, width: 4)
            b[4] = 45  // -
            put(m, at: 5, width: 2)
            b[7] = 45
            put(d, at: 8, width: 2)
            b[10] = 84  // T
            put(mod / 3600, at: 11, width: 2)
            b[13] = 58  // :
            put((mod % 3600) / 60, at: 14, width: 2)
            b[16] = utcOffsetMinutes < 0 ? 45 : 43  // - or +
            put(offset / 60, at: 17, width: 2)
            b[19] = 58
            put(offset % 60, at: 20, width: 2)
            return 22
        }
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

/// Parses `+03:00`, `-05:30` or `Z` into minutes.
public func parseUTCOffset(_ text: String) -> Int? {
    if text == "Z" { return 0 }
    let s = Array(text.utf8)
    guard s.count == 6, s[0] == 43 || s[0] == 45, s[3] == 58, let h = Int(text.dropFirst().prefix(2)),
        let m = Int(text.suffix(2)), h <= 18, m < 60
    else { return nil }
    return (h * 60 + m) * (s[0] == 45 ? -1 : 1)
}
