import ReferralCore

/// The directory documents as JSON, in the documented field order and in `JSONOut`'s layout,
/// written straight into bytes without building a tree (an import writes a hundred thousand of
/// them). A member whose value is nil is left out. A value `JSONOut` keeps on one line when it fits
/// (a list of plain values; a small object below an entry) is written on one line and, when it
/// does not fit, written again spread out.
struct DocumentJSON: OneLineOutput {
    private(set) var bytes: [UInt8] = []
    /// How many bytes are written so far.
    var count: Int { bytes.count }

    /// organisations.json or services.json.
    static func file<T>(_ key: StaticString, _ items: [T], _ write: (inout DocumentJSON, T, inout Int, Int?) -> Void)
        -> [UInt8]
    {
        var w = DocumentJSON()
        w.bytes.reserveCapacity(64 + items.count * 1024)
        var n = 0
        w.bytes.append(UInt8(ascii: "{"))
        w.key("formatVersion", &n, 0)
        JSONEscape.number(supportedFormatVersion, into: &w.bytes)
        w.key(key, &n, 0)
        if items.isEmpty {
            w.bytes.append(contentsOf: "[]".utf8)
        } else {
            w.bytes.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                w.bytes.append(contentsOf: i == 0 ? "\n".utf8 : ",\n".utf8)
                w.spaces(4)
                w.members(4) { write(&$0, item, &$1, $2) }
            }
            w.close(UInt8(ascii: "]"), items.count, 2)
        }
        w.close(UInt8(ascii: "}"), n, 0)
        w.bytes.append(10)
        return w.bytes
    }

    static func servicesFile(_ services: [ServiceDocument]) -> [UInt8] {
        file("services", services) { $0.service($1, &$2, $3) }
    }

    static func organisationsFile(_ organisations: [OrganisationDocument]) -> [UInt8] {
        file("organisations", organisations) { $0.organisation($1, &$2, $3) }
    }

    /// One service, spread out: what duplicates are compared on.
    static func text(_ s: ServiceDocument) -> String {
        var w = DocumentJSON()
        w.members(4) { $0.service(s, &$1, $2) }
        return String(decoding: w.bytes, as: UTF8.self)
    }

    // MARK: Layout. `indent` is the indentation of the value being written; nil writes it on one line.

    mutating func spaces(_ n: Int) { for _ in 0..<n { bytes.append(32) } }

    /// Before the `n`-th member of an object (or item of a list): the separator and, spread out, a
    /// line of its own.
    mutating func separator(_ n: inout Int, _ indent: Int?) {
        if let indent {
            bytes.append(contentsOf: n == 0 ? "\n".utf8 : ",\n".utf8)
            spaces(indent + 2)
        } else if n > 0 {
            bytes.append(contentsOf: ", ".utf8)
        }
        n += 1
    }

    mutating func key(_ k: StaticString, _ n: inout Int, _ indent: Int?) {
        separator(&n, indent)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        bytes.append(contentsOf: "\": ".utf8)
    }

    mutating func close(_ c: UInt8, _ n: Int, _ indent: Int?) {
        if let indent, n > 0 {
            bytes.append(10)
            spaces(indent)
        }
        bytes.append(c)
    }

    /// A value kept on one line when it fits (`OneLine`, the rule `JSONOut` follows), else spread out.
    mutating func fitting(_ indent: Int?, _ body: (inout DocumentJSON, Int?) -> Void) {
        guard let indent else { return body(&self, nil) }
        if OneLine.kept(&self, indent: indent, { body(&$0, nil) }) { return }
        body(&self, indent)
    }

    /// Takes back what was written from `count` bytes on (`OneLine`).
    mutating func takeBack(to count: Int) { bytes.removeSubrange(count...) }

    /// An object: `{`, the members `body` writes (counting them in `n`), `}`.
    mutating func members(_ indent: Int?, _ body: (inout DocumentJSON, _ n: inout Int, Int?) -> Void) {
        var n = 0
        bytes.append(UInt8(ascii: "{"))
        body(&self, &n, indent)
        close(UInt8(ascii: "}"), n, indent)
    }

    mutating func string(_ s: String) { JSONOut.quote(s, &bytes) }

    mutating func add(_ k: StaticString, _ v: String?, _ n: inout Int, _ indent: Int?) {
        guard let v else { return }
        key(k, &n, indent)
        string(v)
    }

    mutating func add(_ k: StaticString, _ v: Int?, _ n: inout Int, _ indent: Int?) {
        guard let v else { return }
        key(k, &n, indent)
        JSONEscape.number(v, into: &bytes)
    }

    mutating func add(_ k: StaticString, _ v: Bool?, _ n: inout Int, _ indent: Int?) {
        guard let v else { return }
        key(k, &n, indent)
        bytes.append(contentsOf: (v ? "true" : "false").utf8)
    }

    mutating func add(_ k: StaticString, _ v: Double?, _ n: inout Int, _ indent: Int?) {
        guard let v else { return }
        key(k, &n, indent)
        JSONOut.number(v, &bytes)
    }

    mutating func add(_ k: StaticString, _ v: [String]?, _ n: inout Int, _ indent: Int?) {
        guard let v else { return }
        key(k, &n, indent)
        strings(v, indent.map { $0 + 2 })
    }

    /// A list of strings.
    mutating func strings(_ v: [String], _ indent: Int?) {
        fitting(indent) { w, indent in
            var n = 0
            w.bytes.append(UInt8(ascii: "["))
            for s in v {
                w.separator(&n, indent)
                w.string(s)
            }
            w.close(UInt8(ascii: "]"), n, indent)
        }
    }

    /// A member holding an object: `small` when `JSONOut` would keep it on one line if it fits.
    mutating func object(_ k: StaticString, small: Bool = true, _ n: inout Int, _ indent: Int?,
                         _ body: (inout DocumentJSON, inout Int, Int?) -> Void)
    {
        key(k, &n, indent)
        let inner = indent.map { $0 + 2 }
        if small { fitting(inner) { $0.members($1, body) } } else { members(inner, body) }
    }

    // MARK: Documents

    mutating func organisation(_ o: OrganisationDocument, _ n: inout Int, _ indent: Int?) {
        add("id", o.id, &n, indent)
        add("name", o.name, &n, indent)
        add("type", o.type, &n, indent)
        if let c = o.contact { object("contact", &n, indent) { $0.contact(c, &$1, $2) } }
        add("description", o.description, &n, indent)
        add("website", o.website, &n, indent)
        if let s = o.source { object("source", &n, indent) { $0.source(s, &$1, $2) } }
    }

    mutating func contact(_ c: ContactDocument, _ n: inout Int, _ indent: Int?) {
        add("role", c.role, &n, indent)
        add("phone", c.phone, &n, indent)
        add("email", c.email, &n, indent)
    }

    mutating func source(_ s: SourceDocument, _ n: inout Int, _ indent: Int?) {
        add("dataset", s.dataset, &n, indent)
        add("recordId", s.recordId, &n, indent)
        add("place", s.place, &n, indent)
        add("inferred", s.inferred, &n, indent)
    }

    static let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    mutating func service(_ s: ServiceDocument, _ n: inout Int, _ indent: Int?) {
        add("id", s.id, &n, indent)
        add("organisation", s.organisation, &n, indent)
        add("name", s.name, &n, indent)
        add("category", s.category, &n, indent)
        add("areas", s.areas, &n, indent)
        add("modality", s.modality.map(\.rawValue), &n, indent)
        if let h = s.hours {
            // With days in it, the timetable is three deep: never on one line.
            object("hours", small: h.weekly?.isEmpty ?? true, &n, indent) { w, m, indent in
                w.add("alwaysOpen", h.alwaysOpen, &m, indent)
                guard let week = h.weekly else { return }
                var known = Self.days.filter { week[$0] != nil }
                if known.count < week.count { known += week.keys.filter { !Self.days.contains($0) }.sorted() }
                w.object("weekly", &m, indent) { w, d, indent in
                    for day in known {
                        w.separator(&d, indent)
                        w.string(day)
                        w.bytes.append(contentsOf: ": ".utf8)
                        w.strings(week[day]!, indent.map { $0 + 2 })
                    }
                }
            }
        }
        add("languages", s.languages, &n, indent)
        add("interpretation", s.interpretation, &n, indent)
        if let e = s.eligibility {
            object("eligibility", &n, indent) { w, m, indent in
                w.add("minAge", e.minAge, &m, indent)
                w.add("maxAge", e.maxAge, &m, indent)
                w.add("sexes", e.sexes?.map(\.rawValue), &m, indent)
                w.add("populationGroups", e.populationGroups, &m, indent)
                w.add("legalStatuses", e.legalStatuses, &m, indent)
                w.add("note", e.note, &m, indent)
            }
        }
        add("accessibility", s.accessibility, &n, indent)
        add("staffSexes", s.staffSexes?.map(\.rawValue), &n, indent)
        add("features", s.features, &n, indent)
        object("intake", &n, indent) { w, m, indent in
            w.add("selfReferral", s.intake.selfReferral, &m, indent)
            w.add("requiredFields", s.intake.requiredFields.map(\.rawValue), &m, indent)
        }
        add("status", s.status.rawValue, &n, indent)
        add("mandatoryReporting", s.mandatoryReporting, &n, indent)
        add("sensitiveDataQualified", s.sensitiveDataQualified, &n, indent)
        if let a = s.address {
            object("address", &n, indent) { w, m, indent in
                w.add("text", a.text, &m, indent)
                w.add("confidential", a.confidential, &m, indent)
                w.add("latitude", a.latitude, &m, indent)
                w.add("longitude", a.longitude, &m, indent)
            }
        }
        if let c = s.focalPoint { object("focalPoint", &n, indent) { $0.contact(c, &$1, $2) } }
        add("lastVerified", s.lastVerified, &n, indent)
        add("interventionType", s.interventionType?.rawValue, &n, indent)
        add("cost", s.cost, &n, indent)
        add("description", s.description, &n, indent)
        add("website", s.website, &n, indent)
        if let src = s.source { object("source", &n, indent) { $0.source(src, &$1, $2) } }
    }
}
