/// Opening hours read straight into minute ranges by the hand-written service decoder: the
/// same ranges and the same first problem as `WeeklyHours.parse` (the days in name order, the
/// periods in the file's order), without a string split for the usual `"mon": ["08:00-16:30"]`.
/// Anything unusual (a key that is not a plain weekday name) goes to `WeeklyHours.parse` itself.
/// A differential test holds the two together.
extension TokenReader {
    /// `hours.weekly`: the map of weekday names to `HH:MM-HH:MM` periods (the same findings as
    /// decoding `[String: [String]]`), and its minute ranges read from the periods' bytes.
    mutating func timetable(_ v: Int) throws(Stop) -> ([String: [String]], Result<[Range<Int>], WeeklyHours.HoursError>) {
        guard tokens[v].kind == .object else { throw typeIssue("an object", v) }
        var weekly: [String: [String]] = [:]
        weekly.reserveCapacity(Int(tokens[v].aux))
        // The key token of each weekday, by the rank of its name in name order.
        let base = slots.count
        slots.append(contentsOf: repeatElement(-1, count: 7))
        defer { slots.removeSubrange(base...) }
        var plainWeekdays = true, total = 0
        var k = v + 1
        let end = Int(tokens[v].next)
        while k < end {
            let name = tokens.string(k, in: bytes)
            steps.append(.key(name))
            if tokens[k + 1].kind == .null { throw fail(.jsonWrongType, "'\(name)' must not be null", at: k + 1) }
            let periods = try strings(k + 1)
            steps.removeLast()
            weekly[name] = periods
            total += periods.count
            if let (rank, _) = WeeklyTimetable.weekday(tokens[k], bytes), slots[base + rank] < 0 {
                slots[base + rank] = Int32(k)
            } else {
                plainWeekdays = false
            }
            k = Int(tokens[k + 1].next)
        }
        guard plainWeekdays else { return (weekly, WeeklyHours.parse(weekly)) }
        var out: [Range<Int>] = []
        out.reserveCapacity(total + 1)
        let week = WeeklyHours.week
        for rank in 0..<7 {
            let key = Int(slots[base + rank])
            guard key >= 0, let (_, day) = WeeklyTimetable.weekday(tokens[key], bytes) else { continue }
            let dayStart = day * 1440
            // The items of an array of strings follow it one by one.
            for item in (key + 2)..<Int(tokens[key + 1].next) {
                let t = tokens[item]
                let m = t.isPlain && t.end - t.start == 13 ? WeeklyTimetable.period(bytes, Int(t.start) + 1) : nil
                guard let (a, b) = m ?? WeeklyTimetable.period(tokens.string(item, in: bytes)), a != b else {
                    let p = tokens.string(item, in: bytes), dayName = tokens.string(key, in: bytes)
                    return (weekly, .failure(.init(message: "opening period '\(p)' on \(dayName) is not HH:MM-HH:MM")))
                }
                if b > a {
                    out.append((dayStart + a)..<(dayStart + b))
                } else {
                    // Runs past midnight; wraps to Monday after Sunday.
                    let end = dayStart + 1440 + b
                    if end <= week {
                        out.append((dayStart + a)..<end)
                    } else {
                        out.append((dayStart + a)..<week)
                        out.append(0..<(end - week))
                    }
                }
            }
        }
        return (weekly, .success(out))
    }
}

enum WeeklyTimetable {
    /// A key token that is exactly a weekday name: the rank of the name in name order (fri mon
    /// sat sun thu tue wed, the order `WeeklyHours.parse` takes the days in) and the day's index
    /// (Monday 0).
    static func weekday(_ t: JSONToken, _ bytes: [UInt8]) -> (rank: Int, day: Int)? {
        guard t.isPlain, t.end - t.start == 5 else { return nil }
        let s = Int(t.start) + 1
        switch UInt32(bytes[s]) << 16 | UInt32(bytes[s + 1]) << 8 | UInt32(bytes[s + 2]) {
        case 0x66_7269: return (0, 4)  // fri
        case 0x6D_6F6E: return (1, 0)  // mon
        case 0x73_6174: return (2, 5)  // sat
        case 0x73_756E: return (3, 6)  // sun
        case 0x74_6875: return (4, 3)  // thu
        case 0x74_7565: return (5, 1)  // tue
        case 0x77_6564: return (6, 2)  // wed
        default: return nil
        }
    }

    /// Start and end minutes of `HH:MM-HH:MM`, or nil (read as `WeeklyHours.parse` reads it).
    static func period(_ p: String) -> (Int, Int)? {
        let parts = p.split(separator: "-")
        guard parts.count == 2, let a = WeeklyHours.minutes(parts[0]), let b = WeeklyHours.minutes(parts[1]) else { return nil }
        return (a, b)
    }

    /// The same from the eleven bytes of a string's content; nil when they are not the usual
    /// form (the text is then read by `period(_:)`).
    static func period(_ bytes: [UInt8], _ at: Int) -> (Int, Int)? {
        guard bytes[at + 5] == UInt8(ascii: "-"), let a = clock(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3], bytes[at + 4]),
            let b = clock(bytes[at + 6], bytes[at + 7], bytes[at + 8], bytes[at + 9], bytes[at + 10])
        else { return nil }
        return (a, b)
    }

    /// `HH:MM` from five ASCII bytes, checked as `WeeklyHours.minutes` checks it.
    private static func clock(_ h1: UInt8, _ h2: UInt8, _ colon: UInt8, _ m1: UInt8, _ m2: UInt8) -> Int? {
        func digit(_ c: UInt8) -> Int? { c >= 0x30 && c <= 0x39 ? Int(c - 0x30) : nil }
        guard colon == UInt8(ascii: ":"), let a = digit(h1), let b = digit(h2), let c = digit(m1), let d = digit(m2) else {
            return nil
        }
        let h = a * 10 + b, m = c * 10 + d
        guard h <= 24, m < 60, h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }
}
