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
                var days = [d]
                if i + 2 < tokens.count, tokens[i + 1] == .dash, case .day(let e) = tokens[i + 2] {
                    days = []
                    var k = d
                    while true {
                        days.append(k)
                        if k == e { break }
                        k = (k + 1) % 7
                    }
                    i += 2
                }
                g.days.formUnion(days)
                g.last = .days
            case .days(let set):
                if g.hasDays && g.hasTimes && g.last == .times { flush() }
                g.days.formUnion(set)
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
        if groups.count == 1, groups[0].allDay, groups[0].days.isEmpty || groups[0].days.count == 7, groups[0].ranges.count == 1 {
            return .success(Parsed(alwaysOpen: true, weekly: [:], notes: notes, assumptions: assumptions))
        }
        var byDay: [Int: [(Int, Int)]] = [:]
        var closedDays: Set<Int> = []
        for g in groups {
            if g.days.isEmpty {
                let what = g.ranges.map { format($0.0) + "-" + format($0.1) }.joined(separator: ", ")
                return .failure(Failure(reason: g.closed ? "'closed' without a day" : "no days given for \(what)"))
            }
            if g.closed {
                if !g.ranges.isEmpty { return .failure(Failure(reason: "the same days are given as open and closed")) }
                closedDays.formUnion(g.days)
                continue
            }
            if g.ranges.isEmpty {
                return .failure(Failure(reason: "no times given for " + g.days.sorted().map { dayNames[$0] }.joined(separator: ", ")))
            }
            for d in g.days { byDay[d, default: []].append(contentsOf: g.ranges) }
        }
        if let both = closedDays.intersection(byDay.keys).min() {
            return .failure(Failure(reason: "\(dayNames[both]) is given both as open and as closed"))
        }
        if byDay.isEmpty { return .failure(Failure(reason: "closed on every day given: no opening hours")) }
        if byDay.count == 7, byDay.values.allSatisfy({ $0.contains { $0 == (0, 1440) } }) {
            return .success(Parsed(alwaysOpen: true, weekly: [:], notes: notes, assumptions: assumptions))
        }
        var weekly: [String: [String]] = [:]
        for (d, ranges) in byDay {
            var seen: Set<String> = []
            weekly[dayNames[d]] = ranges.sorted { $0.0 < $1.0 }.map { format($0.0) + "-" + format($0.1) }
                .filter { seen.insert($0).inserted }
        }
        return .success(Parsed(alwaysOpen: false, weekly: weekly, notes: notes, assumptions: assumptions))
    }

    // MARK: groups and times

    struct Group {
        enum Last { case none, days, times, closed }
        var days: Set<Int> = []
        var ranges: [(Int, Int)] = []
        var closed = false
        var allDay = false
        var last = Last.none
        var hasDays: Bool { !days.isEmpty }
        var hasTimes: Bool { !ranges.isEmpty }
        var isEmpty: Bool { days.isEmpty && ranges.isEmpty && !closed }
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
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    // MARK: tokens

    enum Token: Equatable {
        case day(Int)
        case days(Set<Int>)
        case time(Clock)
        case dash
        case closed
        case allDay
    }

    static let dayWords: [String: Int] = [
        "m": 0, "mo": 0, "mon": 0, "monday": 0, "mondays": 0,
        "tu": 1, "tue": 1, "tues": 1, "tuesday": 1, "tuesdays": 1,
        "w": 2, "we": 2, "wed": 2, "weds": 2, "wednesday": 2, "wednesdays": 2,
        "th": 3, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "thursdays": 3, "r": 3,
        "f": 4, "fr": 4, "fri": 4, "friday": 4, "fridays": 4,
        "sa": 5, "sat": 5, "saturday": 5, "saturdays": 5,
        "su": 6, "sun": 6, "sunday": 6, "sundays": 6,
    ]
    static let fillers: Set<String> = ["open", "from", "hours", "hrs", "on", "at", "between", "is", "are", "the", "a", "week"]
    static let dashes: Set<String> = ["-", "to", "until", "till", "til", "through", "thru"]
    static let separators: Set<String> = [",", ";", "&", "and", "/", "|", "+"]

    static func tokenize(_ raw: String, notes: inout [String]) -> Result<[Token], Failure> {
        // Set bracketed notes aside, then normalise dashes and a.m./p.m.
        if !(raw.hasBytes("(") || raw.hasBytes("[") || raw.hasBytes(")") || raw.hasBytes("]")) {
            return words(raw.lowercased())
        }
        var text = ""
        var depth = 0
        var note = ""
        for ch in raw {
            if ch == "(" || ch == "[" {
                depth += 1
                if depth == 1 { continue }
            } else if ch == ")" || ch == "]" {
                depth -= 1
                if depth == 0 {
                    let n = note.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !n.isEmpty { notes.append(n) }
                    note = ""
                    text += " "
                    continue
                }
                if depth < 0 { return .failure(Failure(reason: "a closing bracket without an opening one")) }
            }
            if depth > 0 { note.append(ch) } else { text.append(ch) }
        }
        if depth > 0 { return .failure(Failure(reason: "a bracket that is never closed")) }
        return words(text.lowercased())
    }

    /// The tokens of a lower-case text without brackets.
    static func words(_ text: String) -> Result<[Token], Failure> {
        var s = text
        for (from, to) in [("–", "-"), ("—", "-"), ("a.m.", "am"), ("p.m.", "pm"), ("a.m", "am"), ("p.m", "pm"),
                           ("24/7", " alwaysopen "), ("7 days a week", " daily "), ("7 days", " daily "),
                           ("every day", " daily "), ("all week", " daily ")]
        {
            s = s.replacingBytes(from, with: to)
        }
        // Words (letters; any non-ASCII byte counts as one), numbers, and punctuation.
        var words: [String] = []
        let b = Array(s.utf8)
        var i = 0
        func isLetter(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || c >= 0x80 }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        while i < b.count {
            let c = b[i]
            if isLetter(c) || isDigit(c) {
                let letter = isLetter(c)
                var j = i + 1
                while j < b.count, letter ? isLetter(b[j]) : isDigit(b[j]) { j += 1 }
                words.append(String(decoding: b[i..<j], as: UTF8.self))
                i = j
                continue
            }
            if c == UInt8(ascii: ":") || c == UInt8(ascii: ".") {
                words.append(":")
            } else if c != 32 && c != 9 && c != 10 && c != 13 {
                words.append(String(UnicodeScalar(c)))
            }
            i += 1
        }

        var tokens: [Token] = []
        i = 0
        while i < words.count {
            let w = words[i]
            if let n = Int(w), w.count <= 4 {
                // A time: H, HH, HMM, HHMM, H:MM (spaces allowed around the colon), then am/pm.
                var hour = n, minute = 0
                var j = i + 1
                if w.count >= 3 {
                    hour = n / 100
                    minute = n % 100
                } else if j + 1 < words.count, words[j] == ":", let m = Int(words[j + 1]), words[j + 1].count == 2 {
                    minute = m
                    j += 2
                }
                // "24 hours", "24 hrs", "24h".
                if n == 24, w.count == 2, j < words.count, ["hours", "hrs", "h", "hour", "hr"].contains(words[j]) {
                    tokens.append(.allDay)
                    i = j + 1
                    continue
                }
                var pm: Bool?
                if j < words.count, words[j] == "am" || words[j] == "a" { pm = false; j += 1 } else if j < words.count, words[j] == "pm" || words[j] == "p" { pm = true; j += 1 }
                guard minute < 60, hour <= 24 else { return .failure(Failure(reason: "'\(w)' is not a time of day")) }
                tokens.append(.time(Clock(hour: hour, minute: minute, pm: pm)))
                i = j
                continue
            }
            i += 1
            if w == ":" { continue }   // "Monday - Friday: 9-5", a final full stop
            if dashes.contains(w) { tokens.append(.dash); continue }
            if separators.contains(w) || fillers.contains(w) { continue }
            if let d = dayWords[w] { tokens.append(.day(d)); continue }
            switch w {
            case "noon", "midday": tokens.append(.time(Clock(hour: 12, minute: 0, pm: true)))
            case "midnight": tokens.append(.time(Clock(hour: 0, minute: 0, pm: nil, midnight: true)))
            case "closed", "close": tokens.append(.closed)
            case "weekdays", "weekday": tokens.append(.days([0, 1, 2, 3, 4]))
            case "weekends", "weekend": tokens.append(.days([5, 6]))
            case "daily": tokens.append(.days(Set(0..<7)))
            case "alwaysopen": tokens.append(.allDay)
            case "t", "s":
                return .failure(Failure(reason: "'\(w.uppercased())' could be \(w == "t" ? "Tuesday or Thursday" : "Saturday or Sunday"): write Tu/Th or Sa/Su"))
            default:
                return .failure(Failure(reason: "the word '\(w)' is not part of the hours grammar"))
            }
        }
        return .success(tokens)
    }
}
