import Foundation
import ReferralCore

/// An HSDS 3.0 CSV data package: one CSV file per table, joined by id into the nested shape of
/// the JSON form so that `HSDSExtractor` reads both. A row that points at several parents (a phone
/// with a service_id and a contact_id) belongs to the most specific one.
enum HSDSTables {
    /// The tables read; any other CSV file in the folder is reported with its row count.
    static let known = ["services", "organizations", "phones", "contacts", "schedules", "languages", "service_areas",
                        "attributes", "taxonomy_terms", "taxonomies", "service_at_location", "locations", "addresses",
                        "accessibility", "cost_options", "required_documents"]

    struct Table {
        let file: String
        let csv: CSVTable
        var rows: [SNode] = []

        init(file: String, csv: CSVTable) {
            self.file = file
            self.csv = csv
            let header = csv.header
            rows = csv.rows.map { row in
                let place = ImportPlace(file: file, row: row.number, line: row.line)
                var members: [(String, SNode)] = []
                members.reserveCapacity(header.count)
                for (i, f) in row.fields.enumerated() where !f.isEmpty {
                    members.append((header[i], SNode(value: .text(f), origin: .table(place.column(i + 1, header[i])))))
                }
                return SNode(value: .object(members), origin: .table(place))
            }
        }

        /// Rows by the value of a column.
        func index(_ column: String) -> [String: [Int]] {
            guard let c = csv.header.firstIndex(of: column) else { return [:] }
            var out: [String: [Int]] = [:]
            for (i, r) in csv.rows.enumerated() where !r.fields[c].isEmpty { out[r.fields[c], default: []].append(i) }
            return out
        }
    }

    static func read(folder: String) -> HSDSSource.Output {
        var out = HSDSSource.Output()
        var tables: [String: Table] = [:]
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".csv") }.sorted()
        for f in files {
            let name = String(f.dropLast(4))
            let path = folder + "/" + f
            guard known.contains(name) else {
                out.findings.append(ImportFinding(.info, .hsdsFieldDropped, ImportPlace(file: path), target: .init(field: name),
                                                  action: .dropped, "table \(f) has no place in the directory: not read"))
                continue
            }
            switch InputReader.read(path: path, limit: InputLimits.directoryFileBytes) {
            case .failure(let e): out.errors.append(e.diagnostic(file: path))
            case .success(let bytes):
                do {
                    tables[name] = Table(file: path, csv: try CSVReader.read(bytes))
                } catch {
                    out.errors.append(csvDiagnostic(error, file: path))
                }
            }
        }
        if let bytes = FileManager.default.contents(atPath: folder + "/datapackage.json"), (try? JSONParser.parse([UInt8](bytes))) == nil {
            out.findings.append(ImportFinding(.info, .hsdsShape, ImportPlace(file: folder + "/datapackage.json"), action: .dropped,
                                              "datapackage.json is not JSON: the tables were read by their file names"))
        }
        if !out.errors.isEmpty { return out }
        guard let services = tables["services"] else { return out }
        Joiner(tables: tables).assemble(services: services, into: &out)
        return out
    }

    static func csvDiagnostic(_ e: CSVError, file: String) -> Diagnostic {
        let code: Diagnostic.Code
        switch e.kind {
        case .strayQuote: code = .csvStrayQuote
        case .textAfterQuote: code = .csvTextAfterQuote
        case .unterminatedQuote: code = .csvUnterminatedQuote
        case .fieldCount: code = .csvFieldCount
        case .encoding: code = .csvEncoding
        case .header: code = .csvHeader
        }
        return Diagnostic(.error, code: code,
                          place: SourcePlace(file: file, path: "row \(e.row), column \(CSVReader.columnLetters(e.column))", line: e.line),
                          message: e.message, help: "fix the file (a spreadsheet's 'Save as CSV UTF-8' writes valid CSV)")
    }

    /// Joins the tables into nested service objects.
    struct Joiner {
        let tables: [String: Table]
        var indexes: [String: [String: [Int]]] = [:]
        /// Each taxonomy term (by id) with its taxonomy joined in: built once, shared by every
        /// attribute that names it.
        var terms: [String: SNode] = [:]

        init(tables: [String: Table]) {
            self.tables = tables
            for (t, cols) in [("phones", ["contact_id", "service_at_location_id", "service_id", "location_id", "organization_id"]),
                              ("contacts", ["service_at_location_id", "service_id", "location_id", "organization_id"]),
                              ("schedules", ["service_at_location_id", "service_id", "location_id"]),
                              ("languages", ["service_id", "location_id"]), ("service_areas", ["service_id"]),
                              ("attributes", ["link_id"]), ("taxonomy_terms", ["id"]), ("taxonomies", ["id"]),
                              ("service_at_location", ["service_id"]), ("locations", ["id"]), ("addresses", ["location_id"]),
                              ("accessibility", ["location_id"]), ("cost_options", ["service_id"]),
                              ("required_documents", ["service_id"]), ("organizations", ["id"])]
            {
                for c in cols { indexes[t + "." + c] = tables[t]?.index(c) ?? [:] }
            }
            for (id, rows) in indexes["taxonomy_terms.id"] ?? [:] {
                guard let t = tables["taxonomy_terms"]?.rows[rows[0]] else { continue }
                let tax = t["taxonomy_id"]?.text.flatMap { children("taxonomies", "id", $0).first }
                terms[id] = tax.map { with(t, [("taxonomy_detail", $0)]) } ?? t
            }
        }

        /// Rows of `table` whose `column` is `id` and whose more specific parent columns are empty.
        func children(_ table: String, _ column: String, _ id: String?, unless more: [String] = []) -> [SNode] {
            guard let id, let t = tables[table], let rows = indexes[table + "." + column]?[id] else { return [] }
            return rows.map { t.rows[$0] }.filter { r in more.allSatisfy { r[$0]?.text == nil } }
        }

        func with(_ node: SNode, _ extra: [(String, SNode)]) -> SNode {
            guard case .object(var members) = node.value else { return node }
            for (k, v) in extra where !v.items.isEmpty || v.isObject { members.append((k, v)) }
            return SNode(value: .object(members), origin: node.origin)
        }

        func array(_ nodes: [SNode], at place: SNode) -> SNode { SNode(value: .array(nodes), origin: place.origin) }

        func phones(_ column: String, _ id: String?, unless more: [String], at n: SNode) -> SNode {
            array(children("phones", column, id, unless: more), at: n)
        }

        func contacts(_ column: String, _ id: String?, unless more: [String], at n: SNode) -> SNode {
            array(children("contacts", column, id, unless: more).map { c in
                with(c, [("phones", phones("contact_id", c["id"]?.text, unless: [], at: c))])
            }, at: n)
        }

        func attributes(_ id: String?, entity: String, at n: SNode) -> SNode {
            array(children("attributes", "link_id", id).filter { ($0["link_entity"]?.text ?? entity) == entity }.map { a in
                guard let term = a["taxonomy_term_id"]?.text, let t = terms[term] else { return a }
                return with(a, [("taxonomy_term", t)])
            }, at: n)
        }

        func location(_ id: String?, at n: SNode) -> SNode? {
            guard let loc = children("locations", "id", id).first else { return nil }
            return with(loc, [
                ("addresses", array(children("addresses", "location_id", id), at: loc)),
                ("accessibility", array(children("accessibility", "location_id", id), at: loc)),
                ("languages", array(children("languages", "location_id", id, unless: ["service_id"]), at: loc)),
                ("schedules", array(children("schedules", "location_id", id, unless: ["service_id", "service_at_location_id"]), at: loc)),
            ])
        }

        func assemble(services: Table, into out: inout HSDSSource.Output) {
            var extractor = HSDSExtractor(dataset: "")
            for s in services.rows {
                let id = s["id"]?.text
                var extra: [(String, SNode)] = [
                    ("phones", phones("service_id", id, unless: ["contact_id", "service_at_location_id"], at: s)),
                    ("contacts", contacts("service_id", id, unless: ["service_at_location_id"], at: s)),
                    ("schedules", array(children("schedules", "service_id", id, unless: ["service_at_location_id"]), at: s)),
                    ("languages", array(children("languages", "service_id", id), at: s)),
                    ("service_areas", array(children("service_areas", "service_id", id), at: s)),
                    ("attributes", attributes(id, entity: "service", at: s)),
                    ("cost_options", array(children("cost_options", "service_id", id), at: s)),
                    ("required_documents", array(children("required_documents", "service_id", id), at: s)),
                    ("service_at_locations", array(children("service_at_location", "service_id", id).map { sal in
                        var parts: [(String, SNode)] = [
                            ("schedules", array(children("schedules", "service_at_location_id", sal["id"]?.text), at: sal)),
                        ]
                        if let l = location(sal["location_id"]?.text, at: sal) { parts.append(("location", l)) }
                        return with(sal, parts)
                    }, at: s)),
                ]
                if let oid = s["organization_id"]?.text {
                    if let o = organisation(oid) {
                        extra.append(("organization", o))
                    } else {
                        out.findings.append(ImportFinding(.warning, .hsdsReference, s["organization_id"]!.place, recordId: id,
                                                          action: .dropped, "organization_id '\(oid)' is not in organizations.csv"))
                    }
                }
                out.records.append(extractor.record(with(s, extra), organisations: [:]))
            }
            for o in tables["organizations"]?.rows ?? [] {
                var r = SourceRecord(place: o.place, recordId: nil)
                if let full = organisation(o["id"]?.text ?? "") { extractor.organisation(full, into: &r) }
                out.organisations.append(r)
            }
            out.findings += extractor.findings()
        }

        func organisation(_ id: String) -> SNode? {
            guard let o = children("organizations", "id", id).first else { return nil }
            return with(o, [
                ("phones", phones("organization_id", id, unless: ["contact_id", "service_id", "location_id", "service_at_location_id"], at: o)),
                ("contacts", contacts("organization_id", id, unless: ["service_id", "service_at_location_id", "location_id"], at: o)),
                ("attributes", attributes(id, entity: "organization", at: o)),
            ])
        }
    }
}
