import ReferralCore

/// The value-level rules of the mapping: text cleaning, empty markers, the vocabularies of the
/// profile and the context. Each function reports what it did as findings on `self.findings`.
extension RecordMapper {
    mutating func finding(_ severity: Severity, _ code: Diagnostic.Code, _ place: ImportPlace, field: String? = nil,
                          action: ImportFinding.Action, _ message: String, hint: String? = nil)
    {
        findings.append(ImportFinding(severity, code, place, recordId: recordId, target: .init(service: serviceID, field: field),
                                      action: action, message, hint: hint))
    }

    /// The record's values of `field`, cleaned; empty markers ("n/a") and empty texts removed.
    mutating func texts(_ field: SourceField, multiline: Bool = false, target: String? = nil) -> [SourceValue] {
        var out: [SourceValue] = []
        for v in record.values[field] ?? [] {
            let name = target ?? field.rawValue
            if v.text.utf8.count >= 255, v.text.count == 255 {
                finding(.warning, .importTextTruncated, v.place, field: name, action: .mapped,
                        "this text is exactly 255 characters long: it was probably cut off by the source",
                        hint: "check the end of the text against the original and complete it in the directory")
            }
            let c = TextCleaner.clean(v.text, multiline: multiline)
            if c.text.isEmpty { continue }
            if profile.nullValues.contains(c.text.lowercased()) {
                finding(.info, .importEmptyMarker, v.place, field: name, action: .dropped, "'\(c.text)' read as empty")
                continue
            }
            if !c.changes.isEmpty {
                finding(.info, .importTextCleaned, v.place, field: name, action: .mapped, c.changes.joined(separator: ", "))
            }
            out.append(SourceValue(text: c.text, place: v.place, label: v.label))
        }
        return out
    }

    /// Texts split into list items by the profile's separators ("Spanish, Amharic; TTY").
    mutating func items(_ field: SourceField, target: String? = nil) -> [SourceValue] {
        var out: [SourceValue] = []
        for v in texts(field, target: target) {
            for part in v.text.split(whereSeparator: { profile.listSeparators.contains($0) }) {
                let t = part.trimmedSpaces()
                if !t.isEmpty, !profile.nullValues.contains(t.lowercased()) { out.append(SourceValue(text: t, place: v.place)) }
            }
        }
        return out
    }

    func router(_ key: String) -> [String]? { record.router[key]?.map(\.text) }

    func routerBool(_ key: String) -> Bool? { router(key)?.first.map { $0 == "true" } }

    /// A list from this tool's attributes: its items joined by commas (or one attribute per item);
    /// an empty value is an empty list.
    func routerList(_ key: String) -> [String]? {
        guard let v = router(key) else { return nil }
        return v.flatMap { $0.split(separator: ",").map(String.init) }
    }

    static func yes(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "yes", "y", "true", "1", "x", "open 24 hours", "24/7": true
        case "no", "n", "false", "0": false
        default: nil
        }
    }

    // MARK: languages

    struct Languages {
        var codes: [String] = []
        var accessNeeds: [String] = []
        var interpretation = false
    }

    mutating func languages() -> Languages {
        var out = Languages()
        if let codes = routerList("languages") {
            out.codes = codes
            return out
        }
        for v in items(.languages) {
            let k = TextCleaner.key(v.text)
            if let code = profile.languages[k] ?? shared.languageKeys[v.text] ?? shared.languageKeys[k] {
                if !out.codes.contains(code) { out.codes.append(code) }
            } else if let need = profile.languageAccessNeeds[k] {
                if !out.accessNeeds.contains(need) { out.accessNeeds.append(need) }
                finding(.info, .importLanguageAsAccess, v.place, field: "accessibility", action: .mapped,
                        "'\(v.text)' is not a language: recorded as the access need '\(need)'")
            } else if profile.interpretation.contains(k) {
                out.interpretation = true
                finding(.info, .importLanguageAsInterpretation, v.place, field: "interpretation", action: .mapped,
                        "'\(v.text)' is not a language: recorded as interpretation available")
            } else {
                var hint = "add \"\(v.text)\": \"<code>\" to languages in the profile"
                if let near = closestMatch(to: v.text, in: context.languages.map(\.name)) {
                    hint = "did you mean '\(near)'? add \"\(v.text)\": \"\(shared.languageKeys[TextCleaner.key(near)] ?? "")\" to languages in the profile"
                }
                finding(.warning, .importLanguageUnmapped, v.place, field: "languages", action: .dropped,
                        "'\(v.text)' is not a language of the context", hint: hint)
            }
        }
        return out
    }

    // MARK: areas

    /// P-codes for the record: from the area values, else (if the profile allows it) from the
    /// address. The second value is true when the areas were inferred.
    mutating func areas(address: String?) -> ([String], Bool) {
        if let a = routerList("areas") { return (a, false) }
        var out: [String] = []
        let values = items(.area, target: "areas") + texts(.postcode, target: "areas").map { SourceValue(text: $0.text, place: $0.place, label: "postcode") }
        for v in values {
            switch lookUpArea(v.text, postcode: v.label == "postcode") {
            case .found(let p): if !out.contains(p) { out.append(p) }
            case .ambiguous(let list):
                finding(.warning, .importAreaAmbiguous, v.place, field: "areas", action: .dropped,
                        "'\(v.text)' matches several areas: \(list.joined(separator: ", "))",
                        hint: "say which in the profile: \"areas\": {\"\(v.text)\": \"\(list[0])\"}")
            case .none:
                if v.label == "postcode" && !values.contains(where: { $0.label != "postcode" }) && profile.postcodes.isEmpty { continue }
                var hint = "add \"\(v.text)\": \"<P-code>\" to areas in the profile"
                if let near = closestMatch(to: v.text, in: context.areas.values.map(\.name)) { hint = "did you mean '\(near)'? " + hint }
                finding(.warning, .importAreaUnmapped, v.place, field: "areas", action: .dropped,
                        "'\(v.text)' is not an area of the context", hint: hint)
            }
        }
        if !out.isEmpty || !profile.areaFromAddress { return (out, false) }
        guard let address, let p = inferArea(address) else { return (out, false) }
        return ([p], true)
    }

    enum AreaLookUp { case found(String), ambiguous([String]), none }

    func lookUpArea(_ text: String, postcode: Bool) -> AreaLookUp {
        let k = TextCleaner.key(text)
        if !postcode {
            if let p = profile.areas[k] { return .found(p) }
            if context.areas[text.uppercased()] != nil, text.count >= 2 { return .found(text.uppercased()) }
            let named = areaNames[k] ?? []
            if named.count == 1 { return .found(named[0]) }
            if named.count > 1 { return .ambiguous(named) }
        }
        if !profile.postcodes.isEmpty {
            let compact = k.replacingBytes(" ", with: "")
            if let (_, p) = profile.postcodes.first(where: { compact.hasPrefix($0.0) }) { return .found(p) }
        }
        return .none
    }

    /// An area named in an address, or a postcode in it. Several candidates are accepted only when
    /// they lie on one line of the hierarchy (a district and its region): the most specific wins.
    func inferArea(_ address: String) -> String? {
        let words = TextCleaner.key(address).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        var found: Set<String> = []
        for n in 1...3 where words.count >= n {
            for i in 0...(words.count - n) {
                let phrase = words[i..<(i + n)].joined(separator: " ")
                if let p = profile.areas[phrase] { found.insert(p) }
                if let named = areaNames[phrase], named.count == 1 { found.insert(named[0]) }
            }
        }
        for w in words {
            if let (_, p) = profile.postcodes.first(where: { w.hasPrefix($0.0) && $0.0.count >= 2 }) { found.insert(p) }
        }
        guard let deepest = found.max(by: { (context.areas[$0]?.level ?? 0, $1) < (context.areas[$1]?.level ?? 0, $0) })
        else { return nil }
        return found.allSatisfy { context.area(deepest, isWithin: $0) } ? deepest : nil
    }

    // MARK: dates and numbers

    mutating func lastVerified() -> String? {
        guard let v = texts(.lastVerified).first else { return nil }
        switch SourceDate.read(v.text, order: profile.dateOrder, today: today) {
        case .date(let d, let twoDigit):
            if d > today {
                finding(.warning, .importDateFuture, v.place, field: "lastVerified", action: .dropped,
                        "'\(v.text)' (\(SourceDate.iso(d))) is after the day of the import", hint: "check the date in the source")
                return nil
            }
            if twoDigit {
                finding(.info, .importDateTwoDigitYear, v.place, field: "lastVerified", action: .mapped,
                        "'\(v.text)' read as \(SourceDate.iso(d))")
            }
            return SourceDate.iso(d)
        case .excelZero:
            finding(.warning, .importDateExcelZero, v.place, field: "lastVerified", action: .dropped,
                    "'\(v.text)' is Excel's day zero (1899-12-30): no date was entered",
                    hint: "the entry is flagged as never verified until someone checks it")
            return nil
        case .unreadable(let why):
            finding(.warning, .importDateUnparsed, v.place, field: "lastVerified", action: .dropped, why)
            return nil
        }
    }

    mutating func age(_ field: SourceField) -> Int? {
        guard let v = texts(field).first else { return nil }
        if let d = Double(v.text), d >= 0, d <= 130, d == d.rounded() { return Int(d) }
        finding(.warning, .importValueInvalid, v.place, field: "eligibility.\(field.rawValue)", action: .keptAsNote,
                "'\(v.text)' is not an age in years (0-130): kept in the eligibility note")
        unreadEligibility.append("\(field == .minAge ? "Minimum age" : "Maximum age") as given: \(v.text)")
        return nil
    }

    mutating func coordinate(_ field: SourceField, limit: Double) -> Double? {
        guard let v = texts(field).first else { return nil }
        if let d = Double(v.text), abs(d) <= limit { return d }
        finding(.warning, .importValueInvalid, v.place, field: "address.\(field.rawValue)", action: .dropped,
                "'\(v.text)' is not a \(field.rawValue) in decimal degrees")
        return nil
    }

    mutating func website(_ field: SourceField) -> String? {
        guard let v = texts(field).first else { return nil }
        let lower = v.text.lowercased()
        if (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && v.text.count >= 10 && !v.text.contains(" ") { return v.text }
        finding(.warning, .importValueInvalid, v.place, field: "website", action: .dropped,
                "'\(v.text)' is not a web address starting with https:// or http://",
                hint: "correct it in the source (the directory does not guess the scheme)")
        return nil
    }

    mutating func email(_ field: SourceField) -> String? {
        guard let v = texts(field).first else { return nil }
        if v.text.hasBytes("@"), !v.text.hasBytes(" ") { return v.text }
        finding(.warning, .importValueInvalid, v.place, field: "email", action: .dropped, "'\(v.text)' is not an e-mail address")
        return nil
    }

    /// Coded values through a profile table (or the context's own ids); what does not map is
    /// reported and, for eligibility, kept in the note.
    mutating func codes<T>(_ field: SourceField, table: [String: T], direct: (String) -> T?, what: String, note: String?)
        -> [T]
    {
        var out: [T] = []
        for v in items(field) {
            if let t = table[TextCleaner.key(v.text)] ?? direct(v.text) {
                out.append(t)
            } else {
                finding(.warning, .importValueUnmapped, v.place, field: field.rawValue, action: note == nil ? .dropped : .keptAsNote,
                        "'\(v.text)' is not a known \(what)" + (note == nil ? "" : ": kept in the eligibility note"),
                        hint: "add \"\(v.text)\" to \(tableName(field)) in the profile")
                if let note { unreadEligibility.append("\(note) as given: \(v.text)") }
            }
        }
        return out
    }

    func tableName(_ f: SourceField) -> String {
        switch f {
        case .sex: "sexes"
        case .ageGroup: "ageGroups"
        case .accessibility: "accessNeeds"
        default: f.rawValue
        }
    }
}
