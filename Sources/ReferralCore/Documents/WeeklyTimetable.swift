/// Opening hours read straight into minute ranges by the hand-written service decoder: the
/// same ranges and the same first problem as `WeeklyHours.parse` (the days in name order, the
/// periods in the file's order), without splitting strings for the usual `HH:MM-HH:MM`. A
/// differential test holds the two together.
enum WeeklyTimetable {
    static func ranges(_ days: [(String, [String])]) -> Result<[Range<Int>], WeeklyHours.HoursError> {
        var out: [Range<Int>] = []
        let week = WeeklyHours.week
        for (dayName, periods) in days.sorted(by: { $0.0 < $1.0 }) {
            guard let day = Weekday(rawValue: dayName) else {
                let near = closestMatch(to: dayName, in: Weekday.allCases.map(\.rawValue))
                return .failure(.init(message: "unknown weekday '\(dayName)'" + (near.map { ": did you mean '\($0)'?" } ?? ": use mon … sun")))
            }
            let base = day.index * 1440
            for p in periods {
                guard let (a, b) = period(p), a != b else {
                    return .failure(.init(message: "opening period '\(p)' on \(dayName) is not HH:MM-HH:MM"))
                }
                if b > a {
                    out.append((base + a)..<(base + b))
                } else {
                    // Runs past midnight; wraps to Monday after Sunday.
                    let end = base + 1440 + b
                    if end <= week {
                        out.append((base + a)..<end)
                    } else {
                        out.append((base + a)..<week)
                        out.append(0..<(end - week))
                    }
                }
            }
        }
        return .success(out)
    }

    /// Start and end minutes of `HH:MM-HH:MM`, or nil.
    static func period(_ p: String) -> (Int, Int)? {
        let fast = p.utf8.withContiguousStorageIfAvailable { b -> (Int, Int)? in
            guard b.count == 11, b[5] == UInt8(ascii: "-"), let a = clock(b[0], b[1], b[2], b[3], b[4]),
                let c = clock(b[6], b[7], b[8], b[9], b[10])
            else { return nil }
            return (a, c)
        }
        return (fast ?? nil) ?? slow(p)
    }

    /// `HH:MM` from five ASCII bytes, checked as `minutes` checks it.
    private static func clock(_ h1: UInt8, _ h2: UInt8, _ colon: UInt8, _ m1: UInt8, _ m2: UInt8) -> Int? {
        func digit(_ c: UInt8) -> Int? { c >= 0x30 && c <= 0x39 ? Int(c - 0x30) : nil }
        guard colon == UInt8(ascii: ":"), let a = digit(h1), let b = digit(h2), let c = digit(m1), let d = digit(m2) else {
            return nil
        }
        let h = a * 10 + b, m = c * 10 + d
        guard h <= 24, m < 60, h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }

    /// Any other text, read exactly as `WeeklyHours.parse` reads it.
    private static func slow(_ p: String) -> (Int, Int)? {
        let parts = p.split(separator: "-")
        guard parts.count == 2, let a = WeeklyHours.minutes(parts[0]), let b = WeeklyHours.minutes(parts[1]) else { return nil }
        return (a, b)
    }
}
