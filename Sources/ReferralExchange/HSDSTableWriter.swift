/// Flattens compiled HSDS services into the tables of an HSDS 3.0 CSV data package, each with the
/// columns of the HSDS 3.0 schema, child rows pointing at their parent by id.
struct HSDSTableWriter {
    static let columns: [(String, [String])] = [
        ("organizations", ["id", "name", "alternate_name", "description", "email", "website", "tax_status", "tax_id",
                           "year_incorporated", "legal_status", "logo", "uri", "parent_organization_id"]),
        ("services", ["id", "organization_id", "program_id", "name", "alternate_name", "description", "url", "email", "status",
                      "interpretation_services", "application_process", "fees_description", "accreditations",
                      "eligibility_description", "minimum_age", "maximum_age", "assured_date", "assurer_email", "alert"]),
        ("phones", ["id", "location_id", "service_id", "organization_id", "contact_id", "service_at_location_id", "number",
                    "extension", "type", "description"]),
        ("contacts", ["id", "organization_id", "service_id", "service_at_location_id", "location_id", "name", "title",
                      "department", "email"]),
        ("schedules", ["id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to", "dtstart",
                       "timezone", "until", "count", "wkst", "freq", "interval", "byday", "byweekno", "bymonthday",
                       "byyearday", "description", "opens_at", "closes_at", "schedule_link", "attending_type", "notes"]),
        ("languages", ["id", "service_id", "location_id", "phone_id", "name", "code", "note"]),
        ("service_areas", ["id", "service_id", "name", "description", "extent", "extent_type", "uri"]),
        ("service_at_location", ["id", "service_id", "location_id", "description"]),
        ("locations", ["id", "location_type", "url", "organization_id", "name", "alternate_name", "description",
                       "transportation", "latitude", "longitude", "external_identifier", "external_identifier_type"]),
        ("addresses", ["id", "location_id", "attention", "address_1", "address_2", "city", "region", "state_province",
                       "postal_code", "country", "address_type"]),
        ("accessibility", ["id", "location_id", "description", "details", "url"]),
        ("attributes", ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"]),
        ("taxonomy_terms", ["id", "code", "name", "description", "parent_id", "taxonomy", "language", "taxonomy_id", "term_uri"]),
        ("taxonomies", ["id", "name", "description", "uri", "version"]),
    ]

    var rows: [String: [[String: String]]] = [:]
    var seen: Set<String> = []

    /// Scalar members of an object as text.
    static func scalars(_ o: JSONOut) -> [String: String] {
        guard case .object(let m) = o else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in m {
            switch v {
            case .array, .object, .null: continue
            default: out[k] = v.compact().map { s in
                if case .string(let t) = v { return t }
                return s
            }
            }
        }
        return out
    }

    static func member(_ o: JSONOut, _ key: String) -> JSONOut? {
        guard case .object(let m) = o else { return nil }
        return m.first { $0.0 == key }?.1
    }

    static func list(_ o: JSONOut, _ key: String) -> [JSONOut] {
        if case .array(let a)? = member(o, key) { return a }
        return []
    }

    mutating func add(_ table: String, _ o: JSONOut, _ links: [String: String] = [:]) -> String {
        var r = Self.scalars(o)
        for (k, v) in links { r[k] = v }
        let id = r["id"] ?? ""
        if seen.insert(table + "/" + id).inserted { rows[table, default: []].append(r) }
        return id
    }

    mutating func attributes(_ o: JSONOut, entity: String, owner: String) {
        for a in Self.list(o, "attributes") {
            guard let term = Self.member(a, "taxonomy_term") else { continue }
            let taxonomy = Self.member(term, "taxonomy_detail").map { add("taxonomies", $0) }
            let termID = add("taxonomy_terms", term, taxonomy.map { ["taxonomy_id": $0] } ?? [:])
            _ = add("attributes", a, ["link_id": owner, "link_entity": entity, "taxonomy_term_id": termID])
        }
    }

    mutating func organisation(_ o: JSONOut) {
        let id = add("organizations", o)
        for p in Self.list(o, "phones") { _ = add("phones", p, ["organization_id": id]) }
        for c in Self.list(o, "contacts") { _ = add("contacts", c, ["organization_id": id]) }
        attributes(o, entity: "organization", owner: id)
    }

    mutating func service(_ s: JSONOut) {
        if let o = Self.member(s, "organization") { organisation(o) }
        let id = add("services", s)
        for p in Self.list(s, "phones") { _ = add("phones", p, ["service_id": id]) }
        for c in Self.list(s, "contacts") { _ = add("contacts", c, ["service_id": id]) }
        for x in Self.list(s, "schedules") { _ = add("schedules", x, ["service_id": id]) }
        for x in Self.list(s, "languages") { _ = add("languages", x, ["service_id": id]) }
        for x in Self.list(s, "service_areas") { _ = add("service_areas", x, ["service_id": id]) }
        for sal in Self.list(s, "service_at_locations") {
            guard let loc = Self.member(sal, "location") else { continue }
            let lid = add("locations", loc)
            _ = add("service_at_location", sal, ["service_id": id, "location_id": lid])
            for a in Self.list(loc, "addresses") { _ = add("addresses", a, ["location_id": lid]) }
            for a in Self.list(loc, "accessibility") { _ = add("accessibility", a, ["location_id": lid]) }
        }
        attributes(s, entity: "service", owner: id)
    }

    /// Every table as CSV text, and datapackage.json describing them.
    func files() -> [(String, String)] {
        var out: [(String, String)] = []
        var resources: [JSONOut] = []
        for (table, cols) in Self.columns {
            let file = table + ".csv"
            out.append((file, CSVWriter.write(header: cols, rows: (rows[table] ?? []).map { r in cols.map { r[$0] ?? "" } })))
            resources.append(.object([
                ("name", .string(table)), ("path", .string(file)), ("profile", .string("tabular-data-resource")),
                ("schema", .object([("fields", .array(cols.map { .object([("name", .string($0)), ("type", .string("string"))]) }))])),
            ]))
        }
        let package = JSONOut.object([("name", .string("hsds-export")), ("profile", .string("tabular-data-package")),
                                      ("resources", .array(resources))])
        out.append(("datapackage.json", package.text() + "\n"))
        return out
    }
}
