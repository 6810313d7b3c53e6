import ReferralCore

/// Cleaning of the text real exports carry: HTML tags and entities, curly quotes, non-breaking
/// and trailing spaces, Windows line ends. What was done is returned so the report can say it.
enum TextCleaner {
    struct Cleaned {
        var text: String
        /// "HTML tags removed", "curly quotes straightened"…; empty when the text was already clean.
        var changes: [String]
    }

    /// `multiline`: keep line breaks (descriptions, notes); otherwise they become spaces.
    static func clean(_ raw: String, multiline: Bool) -> Cleaned {
        // The usual case: printable ASCII, no markup, no padding (one pass over the bytes).
        var plain = true, previousSpace = true, nonASCII = false
        for b in raw.utf8 {
            if b >= 0x80 { nonASCII = true }
            if b < 0x20 || b >= 0x7F || b == UInt8(ascii: "<") || b == UInt8(ascii: "&") || (b == 32 && previousSpace) {
                plain = false
                if nonASCII { break }
            }
            previousSpace = b == 32
        }
        if plain && !previousSpace { return Cleaned(text: raw, changes: []) }
        var changes: [String] = []
        var s = raw
        if s.hasBytes("<"), let stripped = stripTags(s), stripped != s {
            s = stripped
            changes.append("HTML tags removed")
        }
        if s.hasBytes("&") {
            let decoded = decodeEntities(s)
            if decoded != s {
                s = decoded
                changes.append("HTML entities decoded")
            }
        }
        // Quotes, line ends and spaces in one pass over the scalars.
        var out = String.UnicodeScalarView()
        var curly = false
        var lines: [String.UnicodeScalarView] = []
        var line = String.UnicodeScalarView()
        var space = false
        var previousCR = false
        for u in s.unicodeScalars {
            var c = u
            switch u.value {
            case 0x2018, 0x2019: c = "'"; curly = true
            case 0x201C, 0x201D: c = "\""; curly = true
            default: break
            }
            if c == "\n" && previousCR { previousCR = false; continue }
            previousCR = c == "\r"
            if c == "\n" || c == "\r" {
                lines.append(line)
                line = String.UnicodeScalarView()
                space = false
                continue
            }
            if c == " " || c == "\t" || c.value == 0xA0 {
                space = true
                continue
            }
            if space && !line.isEmpty { line.append(" ") }
            space = false
            line.append(c)
        }
        lines.append(line)
        if curly { changes.append("curly quotes straightened") }
        while lines.last?.isEmpty == true { lines.removeLast() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        var first = true
        for l in lines where multiline || !l.isEmpty {
            if !first { out.append(multiline ? "\n" : " ") }
            out.append(contentsOf: l)
            first = false
        }
        let joined = String(out)
        if curly {
            // Compare with the quotes already straightened: only a change of spaces counts as one.
            let straight = String(String.UnicodeScalarView(s.unicodeScalars.map { u -> Unicode.Scalar in
                switch u.value {
                case 0x2018, 0x2019: "'"
                case 0x201C, 0x201D: "\""
                default: u
                }
            }))
            if joined != straight { changes.append("spaces trimmed") }
        } else if joined != s {
            changes.append("spaces trimmed")
        }
        return Cleaned(text: joined, changes: changes)
    }

    /// Removes `<tag …>` and `</tag>`; `<br>` and block ends become line breaks. A `<` that does
    /// not start a tag ("ages <18") is kept. Nil when nothing looked like a tag.
    static func stripTags(_ s: String) -> String? {
        var out = ""
        var found = false
        var i = s.startIndex
        while i < s.endIndex {
            let ch = s[i]
            if ch == "<" {
                let next = s.index(after: i)
                if next < s.endIndex, s[next].isLetter || s[next] == "/" || s[next] == "!",
                    let close = s[next...].firstIndex(of: ">")
                {
                    let tag = s[next..<close].lowercased()
                    let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
                    if ["br", "p", "div", "li", "tr", "h1", "h2", "h3", "ul", "ol"].contains(String(name)) { out.append("\n") }
                    found = true
                    i = s.index(after: close)
                    continue
                }
            }
            out.append(ch)
            i = s.index(after: i)
        }
        return found ? out : nil
    }

    static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "rsquo": "'", "lsquo": "'", "rdquo": "\"", "ldquo": "\"", "hellip": "…", "eacute": "é", "egrave": "è",
        "agrave": "à", "aacute": "á", "iacute": "í", "oacute": "ó", "uacute": "ú", "ccedil": "ç", "ntilde": "ñ",
        "uuml": "ü", "ouml": "ö", "auml": "ä", "copy": "©", "reg": "®",
    ]

    /// Named entities of the table above and numeric ones (`&#39;`, `&#x2019;`); others are kept.
    static func decodeEntities(_ s: String) -> String {
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "&", let semi = s[i...].prefix(12).firstIndex(of: ";") {
                let name = String(s[s.index(after: i)..<semi])
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16),
                    let u = Unicode.Scalar(v)
                {
                    replacement = String(Character(u))
                } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) {
                    replacement = String(Character(u))
                } else {
                    replacement = entities[name]
                }
                if let replacement {
                    out += replacement
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }

    /// The form table keys and values are compared in: lower case, straight quotes, single spaces.
    static func key(_ s: String) -> String {
        clean(s, multiline: false).text.lowercased()
    }
}

/// Dates as spreadsheets hold them: ISO `2026-03-04`, `M/D/YYYY`, `M/D/YY`, `D.M.YYYY`, a
/// date-time, or an Excel serial number (days since 1899-12-30).
enum SourceDate {
    enum Reading: Equatable {
        /// A date, as days since 1970-01-01, with a note when a two-digit year was read.
        case date(Int, twoDigitYear: Bool)
        /// Excel's day zero: no date was ever entered.
        case excelZero
        /// Not a date, or a date that reads two ways (the reason says which).
        case unreadable(String)
    }

    /// `today` (days since 1970) decides the century of a two-digit year: the latest one that is
    /// not after today.
    static func read(_ raw: String, order: DateOrder?, today: Int) -> Reading {
        let s = raw.trimmedSpaces()
        let excelEpoch = -25_569   // 1899-12-30
        if let day = parseDay(String(s.prefix(10))), s.count == 10 || s.dropFirst(10).first == "T" || s.dropFirst(10).first == " " {
            return day == excelEpoch ? .excelZero : .date(day, twoDigitYear: false)
        }
        if let n = Int(s), s.count <= 6 {
            // An Excel serial number (the day count a spreadsheet shows as a date).
            if n == 0 { return .excelZero }
            guard n > 0, n < 2_958_466 else { return .unreadable("'\(s)' is not a date") }
            return .date(excelEpoch + n, twoDigitYear: false)
        }
        let parts = s.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).map(String.init)
        guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), var y = Int(parts[2]),
            parts[2].count == 2 || parts[2].count == 4
        else { return .unreadable("'\(s)' is not a date (write it as YYYY-MM-DD)") }
        let twoDigit = parts[2].count == 2
        if twoDigit {
            let thisYear = civilDate(fromDays: today).0
            y += (thisYear / 100) * 100
            if y > thisYear { y -= 100 }
        }
        let mdy = day(year: y, month: a, day: b), dmy = day(year: y, month: b, day: a)
        var chosen: Int?
        switch (mdy, dmy, order) {
        case (nil, nil, _): return .unreadable("'\(s)' is not a date")
        case (let d?, nil, _), (nil, let d?, _): chosen = d
        case (let m?, let d?, _) where m == d: chosen = m
        case (let m?, _, .mdy?): chosen = m
        case (_, let d?, .dmy?): chosen = d
        default:
            return .unreadable("'\(s)' reads as \(iso(mdy!)) (month first) or \(iso(dmy!)) (day first): set dates.order in the profile")
        }
        guard let d = chosen else { return .unreadable("'\(s)' is not a date") }
        return d == excelEpoch ? .excelZero : .date(d, twoDigitYear: twoDigit)
    }

    static func day(year: Int, month: Int, day: Int) -> Int? {
        guard (1...12).contains(month), day >= 1, (1000...9999).contains(year) else { return nil }
        let text = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        return parseDay(text)
    }

    /// `YYYY-MM-DD` of a day count since 1970-01-01: ReferralCore's `dayText`, so that a date
    /// written here is one the directory reads (four digits of year, `0999-11-20` too).
    static func iso(_ days: Int) -> String { dayText(days) }
}
