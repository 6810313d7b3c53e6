import Foundation

/// Free-text opening hours, as service-mapping spreadsheets write them, read by a small documented
/// grammar (docs/IMPORT.md, "Opening hours"). What the grammar cannot read fails with a reason;
/// nothing is invented. Readings that rest on a convention (`8:30-4:30` read as 08:30-16:30) are
/// returned as `assumptions` so that the import report shows them.
///
///     hours     = "24/7" | group { [sep] group }
///     group     = days times | times days | days "closed" | "closed" days | days "24 hours"
///     days      = day [ dash day ] { sep day [ dash day ] } | "weekdays" | "weekends" | "daily"
///     times     = range { sep range }
///     range     = time dash time | "24 hours"
///     time      = H [ (":" | ".") MM ] [ "am" | "pm" ] | "noon" | "midnight"
///     dash      = "-" | "–" | "to" | "until" | "till" | "through"
///     sep       = "," | ";" | "&" | "and" | "/" | line break
///
/// Notes in brackets are set aside (`notes`), and a few filler words are ignored ("open",
/// "from", "hours"). Days are English names or abbreviations (`M`, `Tu`, `Thurs`, `Sa`…; a lone
/// `T` or `S` is ambiguous and fails).
public enum HoursText {
    public struct Parsed: Sendable, Equatable {
        /// Open every hour of every day.
        public var alwaysOpen: Bool
        /// `mon` … `sun` → periods `HH:MM-HH:MM` (the format of services.json); empty when always open.
        public var weekly: [String: [String]]
        /// Bracketed notes that were set aside: "(closed holidays)".
        public var notes: [String]
        /// Conventions applied, each as one sentence for the report.
        public var assumptions: [String]
    }

    public struct Failure: Error, Sendable, Equatable {
        public var reason: String
    }

    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    public static func parse(_ text: String) -> Result<Parsed, Failure> {
        var notes: [String] = []
        let tokens: [Token]
        switch tokenize(text, notes: &notes) {
        case .success(let t): tokens = t
        case .failure(let f): return .failure(f)
        }
        if tokens.isEmpty { return .failure(Failure(reason: "no days or times in the text")) }
        var assumptions: [String] = []
        var groups: [Group] = []
        var g = Group()
        var i = 0
        func flush() {
            if !g.isEmpty { groups.append(g) }
            g = Group()
        }
        while i < tokens.count {
            switch tokens[i] {
            case .day(let d):
                if g.hasDays && g.hasTimes && g.last == .times || g.closed && g.hasDays && g.last == .closed { flush() }
                var days: UInt8 = 1 << d
                if i + 2 < tokens.count, tokens[i + 1] == .dash, case .day(let e) = tokens[i + 2] {
                    days = 0
                    var k = d
                    while true {
                        days |= 1 << k
                        if k == e { break }
                        k = (k + 1) % 7
                    }
                    i += 2
                }
                g.days |= days
                g.last = .days
            case .days(let set):
                if g.hasDays && g.hasTimes && g.last == .times { flush() }
                g.days |= set
                g.last = .days
            case .time(let a):
                guard i + 2 < tokens.count, tokens[i + 1] == .dash, case .time(let b) = tokens[i + 2] else {
                    return .failure(Failure(reason: "a time without a range: write it as 9:00-17:00"))
                }
                if g.hasTimes && g.hasDays && g.last == .days || g.closed { flush() }
                switch resolve(a, b) {
                case .success(let (start, end, assumption)):
                    if let assumption { assumptions.append(assumption) }
                    g.ranges.append((start, end))
                case .failure(let f): return .failure(f)
                }
                g.last = .times
                i += 2
            case .allDay:
                if g.hasTimes && g.hasDays && g.last == .days || g.closed { flush() }
                g.ranges.append((0, 1440))
                g.allDay = true
                g.last = .times
            case .closed:
                if g.hasDays && g.hasTimes { flush() }
                g.closed = true
                g.last = .closed
            case .dash:
                return .failure(Failure(reason: "a range with nothing before it"))
            }
            i += 1
        }
        flush()

        // "24/7", "Open 24 hours": every day, all day.
        if groups.count == 1, groups[0].allDay, groups[0].days == 0 || groups[0].days == Self.everyDay, groups[0].ranges.count == 1 {
            return .success(Parsed(alwaysOpen: true, weekly: [:], notes: notes, assumptions: assumptions))
        }
        // Periods per day (Monday first); a day with none is not open.
        var byDay: [[(Int, Int)]] = Array(repeating: [], count: 7)
        var closedDays: UInt8 = 0
        for g in groups {
            if g.days == 0 {
                let what = g.ranges.map { format($0.0) + "-" + format($0.1) }.joined(separator: ", ")
                return .failure(Failure(reason: g.closed ? "'closed' without a day" : "no days given for \(what)"))
            }
            if g.closed {
                if !g.ranges.isEmpty { return .failure(Failure(reason: "the same days are given as open and closed")) }
                closedDays |= g.days
                continue
            }
            if g.ranges.isEmpty {
                return .failure(Failure(reason: "no times given for " + (0..<7).filter { g.days & (1 << $0) != 0 }.map { dayNames[$0] }
                    .joined(separator: ", ")))
            }
            for d in 0..<7 where g.days & (1 << d) != 0 { byDay[d].append(contentsOf: g.ranges) }
        }
        if let both = (0..<7).first(where: { closedDays & (1 << $0) != 0 && !byDay[$0].isEmpty }) {
            return .failure(Failure(reason: "\(dayNames[both]) is given both as open and as closed"))
        }
        if byDay.allSatisfy(\.isEmpty) { return .failure(Failure(reason: "closed on every day given: no opening hours")) }
        if byDay.allSatisfy({ $0.contains { $0 == (0, 1440) } }) {
            return .success(Parsed(alwaysOpen: true, weekly: [:], notes: notes, assumptions: assumptions))
        }
        var weekly: [String: [String]] = [:]
        for (d, ranges) in byDay.enumerated() where !ranges.isEmpty {
            // In order of opening, each period once (a period's text is one-to-one with its minutes).
            var periods: [(Int, Int)] = []
            for r in ranges.sorted(by: { $0.0 < $1.0 }) where !periods.contains(where: { $0 == r }) { periods.append(r) }
            weekly[dayNames[d]] = periods.map { format($0.0) + "-" + format($0.1) }
        }
        return .success(Parsed(alwaysOpen: false, weekly: weekly, notes: notes, assumptions: assumptions))
    }

    /// The day mask of the whole week (bit 0 is Monday).
    static let everyDay: UInt8 = 0x7F

    // MARK: groups and times

    struct Group {
        enum Last { case none, days, times, closed }
        /// Bit d is day d (Monday = 0).
        var days: UInt8 = 0
        var ranges: [(Int, Int)] = []
        var closed = false
        var allDay = false
        var last = Last.none
        var hasDays: Bool { days != 0 }
        var hasTimes: Bool { !ranges.isEmpty }
        var isEmpty: Bool { days == 0 && ranges.isEmpty && !closed }
    }

    struct Clock: Equatable {
        var hour: Int
        var minute: Int
        /// nil: no am/pm given; true: pm.
        var pm: Bool?
        /// "midnight" (00:00 as a start, 24:00 as an end).
        var midnight = false
    }

    /// Minutes of the day for a start and an end; an end before the start runs past midnight.
    static func resolve(_ a: Clock, _ b: Clock) -> Result<(Int, Int, String?), Failure> {
        func minutes(_ c: Clock, pm: Bool?) -> Int? {
            if c.midnight { return 0 }
            guard let pm else { return c.hour <= 24 ? c.hour * 60 + c.minute : nil }
            guard (1...12).contains(c.hour) else { return nil }
            return ((c.hour % 12) + (pm ? 12 : 0)) * 60 + c.minute
        }
        var assumption: String?
        var start: Int?, end: Int?
        switch (a.pm, b.pm) {
        case (let x?, let y?):
            start = minutes(a, pm: x)
            end = minutes(b, pm: y)
        case (nil, let y?):
            // "9-5pm": the start takes the end's half of the day unless that puts it after the end.
            end = minutes(b, pm: y)
            start = minutes(a, pm: y)
            if let s = start, let e = end, s > e, a.hour <= 12 { start = minutes(a, pm: !y) }
        case (let x?, nil):
            start = minutes(a, pm: x)
            end = minutes(b, pm: x)
            if let s = start, let e = end, e <= s, b.hour <= 12 { end = minutes(b, pm: !x) }
        case (nil, nil):
            start = minutes(a, pm: nil)
            end = minutes(b, pm: nil)
            // Office shorthand "8:30-4:30": no am/pm and the end before the start on a 12-hour clock.
            if let s = start, let e = end, e <= s, a.hour <= 12, b.hour < 12, !a.midnight, !b.midnight, e + 720 > s {
                end = e + 720
                assumption = "read '\(text(a))-\(text(b))' as \(format(s))-\(format(e + 720)) (no am/pm given: an end before the start is read as afternoon)"
            }
        }
        if b.midnight { end = 1440 }
        guard let s = start, let e = end, s < 1440, e <= 1440 else {
            return .failure(Failure(reason: "'\(text(a))-\(text(b))' is not a time of day"))
        }
        if s == e { return .failure(Failure(reason: "'\(text(a))-\(text(b))' starts and ends at the same time")) }
        return .success((s, e == 0 ? 1440 : e, assumption))
    }

    static func text(_ c: Clock) -> String {
        if c.midnight { return "midnight" }
        let m = c.minute == 0 ? "" : ":" + (c.minute < 10 ? "0" : "") + String(c.minute)
        return String(c.hour) + m + (c.pm.map { $0 ? "pm" : "am" } ?? "")
    }

    static func format(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        guard (0..<100).contains(h), (0..<60).contains(m) else {
            return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
        }
        // HH:MM, five bytes (a small string: no allocation).
        let digits: [UInt8] = [UInt8(48 + h / 10), UInt8(48 + h % 10), UInt8(ascii: ":"), UInt8(48 + m / 10), UInt8(48 + m % 10)]
        return String(decoding: digits, as: UTF8.self)
    }
}
