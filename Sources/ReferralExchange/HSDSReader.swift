import ReferralCore

/// The HSDS taxonomy under which this tool exports every field HSDS has no place for
/// (`referral-router:modality`, …). A record that carries it needs no profile to import.
public enum RouterTaxonomy {
    public static let name = "referral-router"
    public static let prefix = "referral-router:"
}

/// Reads HSDS 3.0 services (compiled form, from JSON or from joined CSV tables) into source
/// records. Every field the directory has no place for is counted, and reported once per field.
struct HSDSExtractor {
    /// `service.accreditations` → the first place it was seen and how many records had it.
    var dropped: [String: (place: ImportPlace, count: Int)] = [:]
    var dataset: String

    /// The keys read, per kind of object; everything else is reported as dropped.
    static let used: [String: Set<String>] = [
        "service": ["id", "name", "description", "url", "email", "status", "interpretation_services", "application_process",
                    "fees_description", "eligibility_description", "minimum_age", "maximum_age", "assured_date", "alert",
                    "phones", "schedules", "languages", "service_areas", "service_at_locations", "contacts", "attributes",
                    "organization", "organization_id", "required_documents", "cost_options"],
        "organization": ["id", "name", "description", "website", "email", "phones", "contacts", "attributes"],
        "phone": ["id", "number", "extension", "type", "service_id", "organization_id", "location_id", "contact_id",
                  "service_at_location_id"],
        "schedule": ["id", "freq", "interval", "byday", "opens_at", "closes_at", "timezone", "description", "valid_from",
                     "valid_to", "dtstart", "until", "count", "byweekno", "bymonthday", "byyearday", "wkst", "notes",
                     "service_id", "location_id", "service_at_location_id"],
        "language": ["id", "code", "name", "service_id", "location_id", "phone_id"],
        "service_area": ["id", "name", "extent", "extent_type", "service_id"],
        "service_at_location": ["id", "location", "schedules", "service_id", "location_id"],
        "location": ["id", "location_type", "name", "latitude", "longitude", "addresses", "accessibility", "languages",
                     "schedules", "organization_id"],
        "address": ["id", "address_1", "address_2", "city", "region", "state_province", "postal_code", "country",
                    "address_type", "location_id"],
        "accessibility": ["id", "description", "location_id"],
        "contact": ["id", "name", "title", "department", "email", "phones", "service_id", "organization_id", "location_id",
                    "service_at_location_id"],
        "attribute": ["id", "taxonomy_term", "value", "link_type", "link_entity", "link_id", "taxonomy_term_id"],
        "cost_option": ["id", "amount", "currency", "option", "amount_description", "service_id"],
        "required_document": ["id", "document", "service_id"],
    ]

    /// Counts the keys of `node` that are not read (non-empty values only).
    mutating func check(_ node: SNode, kind: String) {
        let used = Self.used[kind] ?? []
        for (k, v) in node.members where !used.contains(k) {
            switch v.value {
            case .null: continue
            case .text(let s) where s.isEmpty: continue
            case .array(let a) where a.isEmpty: continue
            default: break
            }
            let key = kind + "." + k
            if let d = dropped[key] { dropped[key] = (d.place, d.count + 1) } else { dropped[key] = (v.place, 1) }
        }
    }

    func findings() -> [ImportFinding] {
        dropped.sorted { $0.key < $1.key }.map { key, d in
            ImportFinding(.info, .hsdsFieldDropped, d.place, target: .init(field: key), action: .dropped,
                          "HSDS field \(key) has no place in the directory (seen \(d.count) time\(d.count == 1 ? "" : "s"))",
                          count: d.count)
        }
    }

    mutating func record(_ s: SNode, organisations: [String: SNode]) -> SourceRecord {
        check(s, kind: "service")
        var r = SourceRecord(place: s.place, recordId: s["id"]?.text)
        func put(_ f: SourceField, _ n: SNode?, label: String? = nil) { if let n, let t = n.text { r.add(f, t, n.place, label: label) } }
        put(.name, s["name"])
        put(.description, s["description"])
        put(.website, s["url"])
        put(.email, s["email"])
        put(.status, s["status"])
        put(.eligibility, s["eligibility_description"])
        put(.minAge, s["minimum_age"])
        put(.maxAge, s["maximum_age"])
        put(.lastVerified, s["assured_date"])
        put(.cost, s["fees_description"])
        put(.interpretation, s["interpretation_services"])
        put(.note, s["interpretation_services"], label: "Interpretation")
        put(.note, s["application_process"], label: "How to apply")
        put(.note, s["alert"], label: "Alert")
        for d in s["required_documents"]?.items ?? [] {
            check(d, kind: "required_document")
            put(.note, d["document"], label: "Documents asked for")
        }
        if s["fees_description"]?.text == nil {
            for c in s["cost_options"]?.items ?? [] {
                check(c, kind: "cost_option")
                if let a = c["amount"]?.text, Double(a) == 0 { r.add(.cost, "free", c.place) }
            }
        } else {
            for c in s["cost_options"]?.items ?? [] { check(c, kind: "cost_option") }
        }
        for p in s["phones"]?.items ?? [] { phone(p, into: &r, field: .phone) }
        for c in s["contacts"]?.items ?? [] { contact(c, into: &r, role: .focalPointRole, email: .email, phone: .phone) }
        for l in s["languages"]?.items ?? [] { language(l, into: &r) }
        for a in s["service_areas"]?.items ?? [] {
            check(a, kind: "service_area")
            put(.area, a["name"])
            if a["extent_type"]?.text == "text" { put(.area, a["extent"]) }
        }
        for a in s["attributes"]?.items ?? [] {
            switch attribute(a) {
            case .router(let field, let value): r.router[field, default: []].append(value)
            case .category(let value): r.values[.category, default: []].append(value)
            case nil: break
            }
        }
        var schedules = s["schedules"]?.items ?? []
        let locations = s["service_at_locations"]?.items ?? []
        for (i, sal) in locations.enumerated() {
            check(sal, kind: "service_at_location")
            guard i == 0 else {
                let key = "service.service_at_locations (a second location)"
                dropped[key] = (sal.place, (dropped[key]?.count ?? 0) + 1)
                continue
            }
            if schedules.isEmpty { schedules = sal["schedules"]?.items ?? [] }
            if let loc = sal["location"] { location(loc, into: &r, schedules: &schedules) }
        }
        if !schedules.isEmpty { r.schedule = ScheduleReader.read(schedules, place: s.place, extractor: &self) }
        // The organisation: nested, or by id from the organisations read alongside.
        let org = s["organization"] ?? s["organization_id"]?.text.flatMap { organisations[$0] }
        if let org { organisation(org, into: &r) } else { put(.organisationId, s["organization_id"]) }
        return r
    }

    mutating func organisation(_ o: SNode, into r: inout SourceRecord) {
        check(o, kind: "organization")
        if let t = o["id"]?.text { r.add(.organisationId, t, o["id"]!.place) }
        if let n = o["name"], let t = n.text { r.add(.organisation, t, n.place) }
        if let n = o["description"], let t = n.text { r.add(.organisationDescription, t, n.place) }
        if let n = o["website"], let t = n.text { r.add(.organisationWebsite, t, n.place) }
        if let n = o["email"], let t = n.text { r.add(.organisationEmail, t, n.place) }
        for p in o["phones"]?.items ?? [] { phone(p, into: &r, field: .organisationPhone) }
        for c in o["contacts"]?.items ?? [] {
            contact(c, into: &r, role: .organisationRole, email: .organisationEmail, phone: .organisationPhone)
        }
        for a in o["attributes"]?.items ?? [] {
            if case .router(let field, let value) = attribute(a) { r.organisationRouter[field, default: []].append(value) }
        }
    }

    mutating func phone(_ p: SNode, into r: inout SourceRecord, field: SourceField) {
        check(p, kind: "phone")
        guard var number = p["number"]?.text else { return }
        // Some exports wrap the number in quotes of its own.
        if number.count > 2, number.first == "\"", number.last == "\"" { number = String(number.dropFirst().dropLast()) }
        if let ext = p["extension"]?.text { number += " ext. " + ext }
        r.add(field, number, p["number"]!.place)
    }

    /// A contact with a person's name is personal data: none of it is kept or shown. A contact
    /// without one is a role (an intake desk) and becomes the focal point.
    mutating func contact(_ c: SNode, into r: inout SourceRecord, role: SourceField, email: SourceField, phone: SourceField) {
        check(c, kind: "contact")
        if c["name"]?.text != nil {
            r.findings.append(ImportFinding(
                .warning, .importPersonalDataDropped, c["name"]!.place, recordId: r.recordId, target: .init(field: "focalPoint"),
                action: .dropped, "a contact names a person: their name, e-mail and phone were not kept (nothing of them is shown)",
                hint: "a focal point is a role: give the service's own phone and e-mail, or a contact with a title and no name"))
            return
        }
        if let t = c["title"] ?? c["department"], let text = t.text { r.add(role, text, t.place) }
        if let e = c["email"], let text = e.text { r.add(email, text, e.place) }
        for p in c["phones"]?.items ?? [] { self.phone(p, into: &r, field: phone) }
    }

    mutating func language(_ l: SNode, into r: inout SourceRecord) {
        check(l, kind: "language")
        if let c = l["code"], let t = c.text { r.add(.languages, t, c.place) } else if let n = l["name"], let t = n.text {
            r.add(.languages, t, n.place)
        }
    }

    mutating func location(_ loc: SNode, into r: inout SourceRecord, schedules: inout [SNode]) {
        check(loc, kind: "location")
        if schedules.isEmpty { schedules = loc["schedules"]?.items ?? [] }
        let addresses = loc["addresses"]?.items ?? []
        if let a = addresses.first(where: { $0["address_type"]?.text != "postal" }) ?? addresses.first {
            check(a, kind: "address")
            if a["attention"]?.text != nil {
                r.findings.append(ImportFinding(
                    .warning, .importPersonalDataDropped, a["attention"]!.place, recordId: r.recordId,
                    target: .init(field: "address"), action: .dropped,
                    "the address is for the attention of a person: that line was not kept"))
            }
            var parts: [String] = []
            if let n = loc["name"]?.text { parts.append(n) }
            for k in ["address_1", "address_2", "city", "region", "state_province", "postal_code", "country"] {
                if let t = a[k]?.text, !parts.contains(t) { parts.append(t) }
            }
            r.add(.address, parts.joined(separator: ", "), a.place)
            if let p = a["postal_code"], let t = p.text { r.add(.postcode, t, p.place) }
            if let c = a["city"], let t = c.text { r.add(.area, t, c.place) }
        }
        if let n = loc["latitude"], let t = n.text { r.add(.latitude, t, n.place) }
        if let n = loc["longitude"], let t = n.text { r.add(.longitude, t, n.place) }
        for a in loc["accessibility"]?.items ?? [] {
            check(a, kind: "accessibility")
            if let d = a["description"], let t = d.text { r.add(.accessibility, t, d.place) }
        }
        if r.values[.languages] == nil { for l in loc["languages"]?.items ?? [] { language(l, into: &r) } }
    }

    enum Attribute {
        case router(String, SourceValue)
        case category(SourceValue)
    }

    /// This tool's own attributes are its fields; any other taxonomy term is a category code.
    mutating func attribute(_ a: SNode) -> Attribute? {
        check(a, kind: "attribute")
        guard let term = a["taxonomy_term"] else { return nil }
        let code = term["code"]?.text ?? ""
        let taxonomy = term["taxonomy_detail"]?["name"]?.text ?? term["taxonomy"]?.text ?? ""
        if code.hasPrefix(RouterTaxonomy.prefix) || taxonomy == RouterTaxonomy.name {
            let field = code.hasPrefix(RouterTaxonomy.prefix) ? String(code.dropFirst(RouterTaxonomy.prefix.count)) : code
            return .router(field, SourceValue(text: a["value"]?.text ?? "", place: a.place))
        }
        if let c = term["code"]?.text ?? term["name"]?.text { return .category(SourceValue(text: c, place: term.place)) }
        return nil
    }
}

/// HSDS schedules (RFC 5545 recurrence fields) as a weekly timetable in the context's local time.
/// Weekly recurrences with `byday`, `opens_at` and `closes_at` are read; monthly ones, week or
/// month-day numbers and validity dates cannot be held by a weekly timetable and are reported.
enum ScheduleReader {
    static let days = ["MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6]

    static func read(_ schedules: [SNode], place: ImportPlace, extractor: inout HSDSExtractor, utcOffset: Int? = nil)
        -> ScheduleReading
    {
        var out = ScheduleReading(place: place)
        var byDay: [Int: [String]] = [:]
        for s in schedules {
            extractor.check(s, kind: "schedule")
            for k in ["description", "notes"] { if let d = s[k], let t = d.text { out.descriptions.append(SourceValue(text: t, place: d.place)) } }
            let limits = ["valid_from", "valid_to", "dtstart", "until", "count", "byweekno", "bymonthday", "byyearday"]
                .filter { s[$0]?.text != nil }
            if let f = s["freq"]?.text, f.uppercased() != "WEEKLY" {
                out.unrepresentable.append((s.place, "a \(f.lowercased()) schedule"))
                continue
            }
            if let i = s["interval"]?.text, Int(i) != 1 {
                out.unrepresentable.append((s.place, "a schedule every \(i) weeks"))
                continue
            }
            if !limits.isEmpty {
                out.unrepresentable.append((s.place, "a schedule limited by " + limits.joined(separator: ", ")))
                continue
            }
            guard let open = s["opens_at"]?.text, let close = s["closes_at"]?.text, let byday = s["byday"]?.text else {
                if s["opens_at"]?.text != nil || s["closes_at"]?.text != nil {
                    out.unrepresentable.append((s.place, "a schedule without byday, opens_at and closes_at"))
                }
                continue
            }
            guard let a0 = clock(open), let b0 = clock(close) else {
                out.unrepresentable.append((s.place, "times '\(open)'-'\(close)' that are not HH:MM"))
                continue
            }
            // Offsets: a time's own suffix, else the schedule's timezone (hours from UTC).
            var a = a0, b = b0
            let tz = s["timezone"]?.text.flatMap(Double.init).map { Int($0 * 60) }
            var shift = 0
            if let offset = a.offset ?? tz, let ctx = utcOffset { shift = ctx - offset }
            if b.minutes == 1439 { b.minutes = 1440 }   // "23:59" as an end: the end of the day
            if a.minutes == 0 && b.minutes == 0 { b.minutes = 1440 }
            if a.minutes == b.minutes {
                out.unrepresentable.append((s.place, "a schedule that opens and closes at the same time"))
                continue
            }
            let start = a.minutes + shift, end = b.minutes + shift
            let dayShift = Int((Double(start) / 1440).rounded(.down))
            let s0 = start - dayShift * 1440
            var e0 = end - dayShift * 1440
            while e0 > 1440 { e0 -= 1440 }
            while e0 < 0 { e0 += 1440 }
            for code in byday.uppercased().split(separator: ",") {
                let trimmed = code.trimmedSpaces()
                guard let d = days[trimmed] else {
                    out.unrepresentable.append((s.place, "byday '\(byday)' (only MO … SU, without numbers, fit a week)"))
                    break
                }
                byDay[((d + dayShift) % 7 + 7) % 7, default: []].append(HoursText.format(s0) + "-" + HoursText.format(e0))
            }
        }
        if byDay.count == 7, byDay.values.allSatisfy({ $0.contains("00:00-24:00") }) {
            out.alwaysOpen = true
        } else {
            for (d, periods) in byDay { out.weekly[HoursText.dayNames[d]] = periods }
        }
        return out
    }

    /// `HH:MM`, `HH:MM:SS`, optionally with `Z` or `±HH:MM`.
    static func clock(_ text: String) -> (minutes: Int, offset: Int?)? {
        var t = text.trimmedSpaces()
        var offset: Int?
        if t.hasSuffix("Z") {
            offset = 0
            t.removeLast()
        } else if t.count > 6, let signIndex = t.lastIndex(where: { $0 == "+" || $0 == "-" }), let o = parseUTCOffset(String(t[signIndex...])) {
            offset = o
            t = String(t[..<signIndex])
        }
        let p = t.split(separator: ":")
        guard p.count == 2 || p.count == 3, let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h), (0..<60).contains(m),
            h * 60 + m <= 1440
        else { return nil }
        return (h * 60 + m, offset)
    }
}
