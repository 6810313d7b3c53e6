/// What a value looks like when it looks like personal data: the label a refusal gives.
public enum IdentifyingKind: String, Sendable, CaseIterable, Comparable {
    case email = "an e-mail address"
    case phone = "a phone number"
    case date = "a date"
    case coordinates = "a GPS position"
    case documentNumber = "a document number"
    case address = "an address"
    case name = "a name"
    case freeText = "free text (which may identify the person)"

    public static func < (a: Self, b: Self) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// Recognises personal data by its shape: e-mail addresses, phone numbers, dates, GPS positions,
/// document numbers, addresses, names and free text.
///
/// Values are normalised first (non-breaking and other spaces, full-width and other scripts'
/// digits, full-width `@` and punctuation, Unicode dashes; invisible characters dropped), so
/// `+44 7700 900123` with non-breaking spaces or `٠٧٩١٢٣٤٥٦٧` in Arabic-Indic digits is still a phone
/// number. The shapes are deliberately broad: this is used on values that are already out of
/// place (a case code that does not match its scheme, a field no case has, a value outside a
/// vocabulary), where a false alarm costs a relabelled refusal, never a false refusal of a
/// clean case.
public enum IdentifyingShape {
    /// The value with spaces, digits, `@`, dashes and full-width forms made plain ASCII where they
    /// have an ASCII equivalent; runs of spaces collapsed, ends trimmed.
    public static func normalise(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var lastSpace = true
        for u in s.unicodeScalars {
            var v = u
            switch u.value {
            case 0x09, 0x0A, 0x0D, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                v = " "
            case 0xAD, 0x200B...0x200F, 0x2060, 0xFEFF, 0x061C:
                continue
            case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63:
                v = "-"
            case 0xFE6B:
                v = "@"
            case 0x060C, 0x066C:
                v = ","
            case 0x066B:
                v = "."
            case 0xFF01...0xFF5E:
                v = Unicode.Scalar(u.value - 0xFEE0) ?? u
            default:
                if u.properties.numericType == .decimal, let n = u.properties.numericValue, n >= 0, n <= 9 {
                    v = Unicode.Scalar(UInt8(48 + Int(n)))
                }
            }
            if v == " " {
                if lastSpace { continue }
                lastSpace = true
            } else {
                lastSpace = false
            }
            out.append(v)
        }
        var text = String(out)
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    /// The kind of personal data `value` looks like, or nil.
    public static func classify(_ value: String) -> IdentifyingKind? {
        // Long text is free text, whatever else it holds; not scanning it keeps this linear and cheap.
        if value.utf8.count > 256 { return .freeText }
        let n = normalise(value)
        guard !n.isEmpty else { return nil }
        if looksLikeEmail(n) { return .email }
        if looksLikeCoordinates(n) { return .coordinates }
        if looksLikeNumericDate(n) || looksLikeWordDate(n) { return .date }
        if looksLikePhone(n) { return .phone }
        if looksLikeDocumentNumber(n) { return .documentNumber }
        if looksLikeAddress(n) { return .address }
        if looksLikeName(n) { return .name }
        if let inside = embedded(n) { return inside }
        if n.count > 40 || n.split(separator: " ").count >= 3 { return .freeText }
        return nil
    }

    /// Personal data inside longer text (`Amina 0712 345 678`): an e-mail address, a date or a
    /// phone number among the words, so the label says what the text holds.
    static func embedded(_ n: String) -> IdentifyingKind? {
        let words = n.split(separator: " ").map(String.init)
        if words.contains(where: looksLikeEmail) { return .email }
        if words.contains(where: looksLikeNumericDate) { return .date }
        var digits = 0
        for c in n {
            if isDigit(c) {
                digits += 1
                if digits >= 7 { return .phone }
            } else if !" +-.()/".contains(c) {
                digits = 0
            }
        }
        return nil
    }

    // MARK: shapes (on normalised text)

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    static func looksLikeEmail(_ n: String) -> Bool {
        let lower = n.lowercased()
        if lower.contains("[at]") || lower.contains("(at)") { return true }
        guard let at = n.lastIndex(of: "@") else { return false }
        let local = n[..<at], domain = n[n.index(after: at)...]
        return !local.isEmpty && domain.contains(".") && domain.count >= 3 && !domain.contains(" ")
    }

    static func looksLikeCoordinates(_ n: String) -> Bool {
        let lower = n.lowercased()
        if n.contains("°") || lower.hasPrefix("geo:") { return true }
        // Hemisphere letters are separators here: "31.95N 35.91E".
        let parts = lower.split { ",; nsew".contains($0) }.map(String.init)
        func decimal(_ p: String, _ limit: Double, places: Int) -> Bool {
            guard let v = Double(p), v.isFinite, abs(v) <= limit, let dot = p.firstIndex(of: ".") else { return false }
            return p[p.index(after: dot)...].count >= places
        }
        if parts.count == 2 { return decimal(parts[0], 90, places: 2) && decimal(parts[1], 180, places: 2) }
        return parts.count == 1 && n.count == parts[0].count && decimal(parts[0], 180, places: 4)
    }

    /// `12-03-98`, `12/03/1998`, `1998-03-12`, `12.03.1998`, `19980312`.
    static func looksLikeNumericDate(_ n: String) -> Bool {
        guard n.allSatisfy({ isDigit($0) || "-/. ".contains($0) }) else { return false }
        let groups = n.split { "-/. ".contains($0) }.map { Int($0) ?? -1 }
        let sizes = n.split { "-/. ".contains($0) }.map(\.count)
        func dayMonth(_ a: Int, _ b: Int) -> Bool { (1...31).contains(a) && (1...12).contains(b) }
        if groups.count == 3 {
            if sizes[0] == 4, sizes[1] <= 2, sizes[2] <= 2 { return dayMonth(groups[2], groups[1]) }
            if sizes[0] <= 2, sizes[1] <= 2, sizes[2] == 2 || sizes[2] == 4 {
                return dayMonth(groups[0], groups[1]) || dayMonth(groups[1], groups[0])
            }
            return false
        }
        if groups.count == 1, sizes[0] == 8 {
            let v = groups[0]
            let (y, m, d) = (v / 10000, v / 100 % 100, v % 100)
            if (1900...2100).contains(y), dayMonth(d, m) { return true }
            let (d2, m2, y2) = (v / 1_000_000, v / 10000 % 100, v % 10000)
            return (1900...2100).contains(y2) && dayMonth(d2, m2)
        }
        return false
    }

    static let monthNames: Set<String> = [
        "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
        "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
        "janv", "janvier", "fevr", "févr", "février", "fevrier", "mars", "avr", "avril", "mai", "juin", "juil",
        "juillet", "aout", "août", "septembre", "octobre", "novembre", "déc", "décembre", "decembre",
        "ene", "enero", "febrero", "marzo", "abr", "abril", "mayo", "junio", "julio", "ago", "agosto", "septiembre",
        "octubre", "noviembre", "dic", "diciembre",
    ]

    /// `12Mar1998`, `12 March 1998`, `March 12, 1998`, `12-mar-98`: a month name beside numbers.
    static func looksLikeWordDate(_ n: String) -> Bool {
        guard n.count <= 25 else { return false }
        var words: [String] = [], numbers: [Int] = []
        var run = "", runIsDigit = false
        func flush() {
            guard !run.isEmpty else { return }
            if runIsDigit { numbers.append(run.count) } else { words.append(run.lowercased()) }
            run = ""
        }
        for c in n {
            if c.isLetter {
                if runIsDigit { flush() }
                runIsDigit = false
                run.append(c)
            } else if isDigit(c) {
                if !runIsDigit { flush() }
                runIsDigit = true
                run.append(c)
            } else if " -/.,".contains(c) {
                flush()
            } else {
                return false
            }
        }
        flush()
        let stripped = words.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
        return stripped.count == 1 && monthNames.contains(stripped[0]) && !numbers.isEmpty && numbers.allSatisfy { $0 <= 4 }
    }

    /// Seven to fifteen digits and nothing but phone punctuation (`+44 (0)20 7946-0958`).
    static func looksLikePhone(_ n: String) -> Bool {
        var s = Substring(n.lowercased())
        for prefix in ["tel:", "tel.", "tel", "phone:", "mobile:"] where s.hasPrefix(prefix) {
            s = s.dropFirst(prefix.count)
            break
        }
        var digits = 0
        for c in s {
            if isDigit(c) { digits += 1 } else if !" +-.()/".contains(c) { return false }
        }
        return (7...15).contains(digits)
    }

    /// `AB123456`, `QQ123456C`, `A12345678`, `12345678Z`, `AB 12 34 56 C`: a few letters around
    /// five or more digits, or a long run of digits (an ID or card number).
    static func looksLikeDocumentNumber(_ n: String) -> Bool {
        guard n.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == " " }) else { return false }
        let c = Array(n.filter { $0 != " " })
        let digits = c.filter(\.isNumber).count
        if digits == c.count { return digits >= 16 && digits <= 20 }
        guard (6...14).contains(c.count), digits >= 5 else { return false }
        let lead = c.prefix { $0.isLetter }.count
        let trail = c.reversed().prefix { $0.isLetter }.count
        return lead <= 3 && trail <= 2 && lead + trail + digits == c.count
    }

    static let streetWords: Set<String> = [
        "street", "st", "road", "rd", "avenue", "ave", "av", "lane", "ln", "boulevard", "blvd", "drive", "dr", "way",
        "close", "crescent", "square", "sq", "rue", "calle", "carrera", "via", "strasse", "straße", "str", "shari",
        "sharia", "شارع", "block", "blk", "plot", "flat", "apt", "apartment", "house", "building", "bldg", "floor",
        "camp", "tent", "shelter", "caravan", "box", "po", "village", "compound",
    ]

    /// A number next to a street or dwelling word: `12 Main Street`, `12-Main-Street`,
    /// `Block 4, Shelter 12`, `P.O. Box 1234`.
    static func looksLikeAddress(_ n: String) -> Bool {
        guard n.contains(where: isDigit) else { return false }
        let words = n.lowercased().split { !$0.isLetter }.map(String.init)
        return words.contains { streetWords.contains($0) }
    }

    /// Letters only (any script), one to five words, written as names are: `Amina`,
    /// `Amina Hassan`, `AminaHassan`, `Jean-Pierre Dupont`, `O'Brien`, `AMINA HASSAN`, `أمينة حسن`.
    static func looksLikeName(_ n: String) -> Bool {
        guard n.allSatisfy({ $0.isLetter || " -'.".contains($0) }), n.contains(where: \.isLetter) else { return false }
        let words = n.split { $0 == " " }.map(String.init)
        guard (1...5).contains(words.count) else { return false }
        let cased = n.contains { $0.isUppercase || $0.isLowercase }
        if !cased { return n.filter(\.isLetter).count >= 2 }
        func titled(_ w: String) -> Bool {
            guard let f = w.first(where: \.isLetter) else { return false }
            return f.isUppercase && w.contains(where: \.isLowercase)
        }
        let titledWords = words.filter(titled).count
        if words.count == 1 {
            let w = words[0]
            // `Amina`, `AminaHassan`; not `abc`, not an acronym such as `GBV`.
            return titled(w) && w.filter(\.isLetter).count >= 3
        }
        let allCaps = words.allSatisfy { w in w.filter(\.isLetter).allSatisfy(\.isUppercase) }
        return titledWords >= 1 || allCaps
    }

    // MARK: field names

    /// Substrings of normalised field names (lowercase, letters and digits only) that say what
    /// the field would hold.
    static let keyFragments: [(String, IdentifyingKind)] = [
        ("name", .name), ("phone", .phone), ("mobile", .phone), ("telephone", .phone), ("whatsapp", .phone),
        ("email", .email), ("mail", .email), ("birth", .date), ("dob", .date), ("address", .address),
        ("street", .address), ("passport", .documentNumber), ("document", .documentNumber),
        ("nationalid", .documentNumber), ("idnumber", .documentNumber), ("idcard", .documentNumber),
        ("gps", .coordinates), ("latitude", .coordinates), ("longitude", .coordinates),
        ("coordinates", .coordinates), ("geolocation", .coordinates), ("location", .coordinates),
    ]
    /// Whole field names too short to match as fragments.
    static let exactKeys: [String: IdentifyingKind] = [
        "lat": .coordinates, "lon": .coordinates, "lng": .coordinates, "tel": .phone, "dateofbirth": .date,
        "id": .documentNumber, "ssn": .documentNumber, "nin": .documentNumber,
    ]

    /// What a field called `key` would hold, when its name says it is personal data.
    static func kindOfFieldName(_ key: String) -> IdentifyingKind? {
        let norm = String(normalise(key).lowercased().unicodeScalars.filter {
            ("a"..."z").contains($0) || ("0"..."9").contains($0)
        })
        return exactKeys[norm] ?? keyFragments.first { norm.contains($0.0) }?.1
    }
}
