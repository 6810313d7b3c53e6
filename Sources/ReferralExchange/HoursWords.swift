import Foundation

/// The words of the hours grammar (see `HoursText`): bracketed notes set aside, then the text read
/// from its bytes into tokens (days, times, dashes, "closed", "24 hours").
extension HoursText {
    enum Token: Equatable {
        case day(Int)
        /// A day mask (bit 0 is Monday).
        case days(UInt8)
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

    /// What a word of letters (or a punctuation mark) is in the grammar.
    enum Word {
        case day(Int), dash, skip, noon, midnight, closed, weekdays, weekends, daily, alwaysOpen, ambiguous
    }

    /// Every word the grammar knows: one look-up per word.
    static let wordKinds: [String: Word] = {
        var k: [String: Word] = [:]
        for (w, d) in dayWords { k[w] = .day(d) }
        for w in fillers.union(separators) { k[w] = .skip }
        for w in dashes { k[w] = .dash }
        for (w, kind) in [("noon", Word.noon), ("midday", .noon), ("midnight", .midnight), ("closed", .closed), ("close", .closed),
                          ("weekdays", .weekdays), ("weekday", .weekdays), ("weekends", .weekends), ("weekend", .weekends),
                          ("daily", .daily), ("alwaysopen", .alwaysOpen), ("t", .ambiguous), ("s", .ambiguous)]
        {
            k[w] = kind
        }
        return k
    }()

    /// The phrases rewritten before reading, in order (a dash of another width, a.m./p.m., "24/7",
    /// "every day"…).
    static let rewrites = [("–", "-"), ("—", "-"), ("a.m.", "am"), ("p.m.", "pm"), ("a.m", "am"), ("p.m", "pm"),
                           ("24/7", " alwaysopen "), ("7 days a week", " daily "), ("7 days", " daily "),
                           ("every day", " daily "), ("all week", " daily ")]

    /// Whether any phrase of `rewrites` occurs in the text (each contains one of these).
    static func needsRewrite(_ b: [UInt8]) -> Bool {
        func at(_ i: Int, _ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard i + n <= b.count else { return false }
            for k in 0..<n where b[i + k] != s.utf8Start[k] { return false }
            return true
        }
        for i in b.indices {
            switch b[i] {
            case 0xE2: if at(i, "–") || at(i, "—") { return true }
            case UInt8(ascii: "a"): if at(i, "a.m") || at(i, "all week") { return true }
            case UInt8(ascii: "p"): if at(i, "p.m") { return true }
            case UInt8(ascii: "2"): if at(i, "24/7") { return true }
            case UInt8(ascii: "7"): if at(i, "7 days") { return true }
            case UInt8(ascii: "e"): if at(i, "every day") { return true }
            default: continue
            }
        }
        return false
    }

    /// The tokens of a lower-case text without brackets, read from its bytes: a word is a run of
    /// letters (any non-ASCII byte counts as one) or of digits, or one punctuation mark.
    static func words(_ text: String) -> Result<[Token], Failure> {
        var b = Array(text.utf8)
        if needsRewrite(b) {
            var s = text
            for (from, to) in rewrites { s = s.replacingBytes(from, with: to) }
            b = Array(s.utf8)
        }
        func isLetter(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || c >= 0x80 }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
        /// The run of letters or digits starting at `i`.
        func run(_ i: Int) -> Range<Int> {
            let letter = isLetter(b[i])
            var j = i + 1
            while j < b.count, letter ? isLetter(b[j]) : isDigit(b[j]) { j += 1 }
            return i..<j
        }
        /// The next word at or after `i`: its range (a mark is one byte), skipping spaces.
        func next(_ i: Int) -> Range<Int>? {
            var i = i
            while i < b.count, isSpace(b[i]) { i += 1 }
            guard i < b.count else { return nil }
            return isLetter(b[i]) || isDigit(b[i]) ? run(i) : i..<(i + 1)
        }
        func spelling(_ r: Range<Int>) -> String {
            // ':' and '.' are one word, ':'.
            if r.count == 1, b[r.lowerBound] == UInt8(ascii: ".") { return ":" }
            return String(decoding: b[r], as: UTF8.self)
        }
        func isColon(_ r: Range<Int>) -> Bool { r.count == 1 && (b[r.lowerBound] == UInt8(ascii: ":") || b[r.lowerBound] == UInt8(ascii: ".")) }
        func number(_ r: Range<Int>) -> Int? {
            guard isDigit(b[r.lowerBound]) else { return nil }
            var n = 0
            for k in r { n = n * 10 + Int(b[k] - 0x30) }
            return n
        }
        func isWord(_ r: Range<Int>?, _ options: StaticString...) -> Bool {
            guard let r else { return false }
            return options.contains { o in
                o.utf8CodeUnitCount == r.count && (0..<r.count).allSatisfy { b[r.lowerBound + $0] == o.utf8Start[$0] }
            }
        }

        var tokens: [Token] = []
        var cursor = next(0)
        while let w = cursor {
            if w.count <= 4, let n = number(w) {
                // A time: H, HH, HMM, HHMM, H:MM (spaces allowed around the colon), then am/pm.
                var hour = n, minute = 0
                var after = next(w.upperBound)
                if w.count >= 3 {
                    hour = n / 100
                    minute = n % 100
                } else if let c = after, isColon(c), let m = next(c.upperBound), m.count == 2, let v = number(m) {
                    minute = v
                    after = next(m.upperBound)
                }
                // "24 hours", "24 hrs", "24h".
                if n == 24, w.count == 2, isWord(after, "hours", "hrs", "h", "hour", "hr") {
                    tokens.append(.allDay)
                    cursor = next(after!.upperBound)
                    continue
                }
                var pm: Bool?
                if isWord(after, "am", "a") {
                    pm = false
                    after = next(after!.upperBound)
                } else if isWord(after, "pm", "p") {
                    pm = true
                    after = next(after!.upperBound)
                }
                guard minute < 60, hour <= 24 else { return .failure(Failure(reason: "'\(spelling(w))' is not a time of day")) }
                tokens.append(.time(Clock(hour: hour, minute: minute, pm: pm)))
                cursor = after
                continue
            }
            cursor = next(w.upperBound)
            if isColon(w) { continue }   // "Monday - Friday: 9-5", a final full stop
            let word = spelling(w)
            switch wordKinds[word] {
            case .day(let d)?: tokens.append(.day(d))
            case .dash?: tokens.append(.dash)
            case .skip?: continue
            case .noon?: tokens.append(.time(Clock(hour: 12, minute: 0, pm: true)))
            case .midnight?: tokens.append(.time(Clock(hour: 0, minute: 0, pm: nil, midnight: true)))
            case .closed?: tokens.append(.closed)
            case .weekdays?: tokens.append(.days(0x1F))
            case .weekends?: tokens.append(.days(0x60))
            case .daily?: tokens.append(.days(Self.everyDay))
            case .alwaysOpen?: tokens.append(.allDay)
            case .ambiguous?:
                return .failure(Failure(reason: "'\(word.uppercased())' could be \(word == "t" ? "Tuesday or Thursday" : "Saturday or Sunday"): write Tu/Th or Sa/Su"))
            case nil:
                return .failure(Failure(reason: "the word '\(word)' is not part of the hours grammar"))
            }
        }
        return .success(tokens)
    }
}
