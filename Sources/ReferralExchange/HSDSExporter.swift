import Foundation
import ReferralCore

/// A directory as HSDS 3.0 compiled services. Ids are UUID v5 of the context and the directory's
/// own ids (the same directory always gives the same ids); every field HSDS has no place for is an
/// attribute under the `referral-router` taxonomy, so that `referral import hsds` reads the export
/// back without a profile and loses nothing. With `publicOnly`, no confidential address text or
/// coordinates are written at all.
struct HSDSExporter {
    /// The namespace of every id this tool exports: uuid5(URL, "https://referral-router.example/hsds").
    static let namespace = UUID5(namespace: .urlNamespace, name: "https://referral-router.example/hsds")

    let context: Context
    let organisations: [OrganisationDocument]
    let services: [ServiceDocument]
    let publicOnly: Bool

    func uuid(_ parts: String...) -> String {
        UUID5(namespace: Self.namespace, name: ([context.id] + parts).joined(separator: "/")).description
    }

    /// One attribute of this tool's taxonomy.
    func attribute(_ owner: String, entity: String, _ field: String, _ value: String, _ n: Int) -> JSONOut {
        .object([
            ("id", .string(uuid(entity, owner, "attribute", field, String(n)))),
            ("link_type", .string(RouterTaxonomy.name)),
            ("link_entity", .string(entity)),
            ("value", .string(value)),
            ("taxonomy_term", .object([
                ("id", .string(uuid("term", field))),
                ("code", .string(RouterTaxonomy.prefix + field)),
                ("name", .string(field)),
                ("taxonomy", .string(RouterTaxonomy.name)),
                ("taxonomy_detail", .object([("id", .string(uuid("taxonomy"))), ("name", .string(RouterTaxonomy.name))])),
            ])),
        ])
    }

    /// Attributes for a set of fields: one attribute per field, a list as its items joined by commas
    /// (ids and codes hold no comma; an empty list is an empty value), so that it reads back exactly.
    func attributes(_ owner: String, entity: String, _ fields: [(String, [String]?)]) -> JSONOut {
        var out: [JSONOut] = []
        for (field, values) in fields {
            guard let values else { continue }
            out.append(attribute(owner, entity: entity, field, values.joined(separator: ","), 0))
        }
        return .array(out)
    }

    func sourceFields(_ s: SourceDocument?) -> [(String, [String]?)] {
        [("source.dataset", s.map { [$0.dataset] }), ("source.recordId", s.map { [$0.recordId] }),
         ("source.place", s?.place.map { [$0] }), ("source.inferred", s?.inferred)]
    }

    func organisation(_ o: OrganisationDocument) -> JSONOut {
        let id = uuid("organisation", o.id)
        var j = JSONObject()
        j.add("id", id)
        j.add("name", o.name)
        j.add("description", o.description)
        j.add("website", o.website)
        j.add("email", o.contact?.email)
        if let p = o.contact?.phone { j.add("phones", .array([.object([("id", .string(uuid("organisation", o.id, "phone"))), ("number", .string(p))])])) }
        if let r = o.contact?.role { j.add("contacts", .array([.object([("id", .string(uuid("organisation", o.id, "contact"))), ("title", .string(r))])])) }
        j.add("attributes", attributes(o.id, entity: "organization", [("id", [o.id]), ("type", o.type.map { [$0] })] + sourceFields(o.source)))
        return j.value
    }

    func service(_ s: ServiceDocument, organisations byID: [String: OrganisationDocument]) -> JSONOut {
        let sid = s.id
        var j = JSONObject()
        j.add("id", uuid("service", sid))
        j.add("organization_id", uuid("organisation", s.organisation))
        j.add("name", s.name)
        j.add("description", s.description)
        j.add("url", s.website)
        j.add("email", s.focalPoint?.email)
        j.add("status", s.status == .closed ? "inactive" : "active")
        if s.interpretation == true { j.add("interpretation_services", "Interpretation available") }
        j.add("fees_description", s.cost)
        j.add("eligibility_description", s.eligibility?.note)
        j.add("minimum_age", s.eligibility?.minAge)
        j.add("maximum_age", s.eligibility?.maxAge)
        j.add("assured_date", s.lastVerified)
        if let o = byID[s.organisation] { j.add("organization", organisation(o)) }
        if let p = s.focalPoint?.phone { j.add("phones", .array([.object([("id", .string(uuid("service", sid, "phone"))), ("number", .string(p))])])) }
        if let r = s.focalPoint?.role { j.add("contacts", .array([.object([("id", .string(uuid("service", sid, "contact"))), ("title", .string(r))])])) }
        j.add("schedules", schedules(s))
        j.add("languages", .array(s.languages.enumerated().map { i, code in
            .object([("id", .string(uuid("service", sid, "language", String(i)))),
                     ("name", .string(context.languages.first { $0.code == code }?.name ?? code)), ("code", .string(code))])
        }))
        j.add("service_areas", .array(s.areas.enumerated().map { i, p in
            .object([("id", .string(uuid("service", sid, "area", String(i)))), ("name", .string(context.areaName(p))),
                     ("extent", .string(p)), ("extent_type", .string("text"))])
        }))
        if let loc = location(s) {
            j.add("service_at_locations", .array([.object([("id", .string(uuid("service", sid, "service_at_location"))), ("location", loc)])]))
        }
        let e = s.eligibility
        j.add("attributes", attributes(sid, entity: "service", [
            ("id", [sid]), ("organisation", [s.organisation]), ("category", [s.category]), ("areas", s.areas),
            ("modality", s.modality.map(\.rawValue)), ("hours.alwaysOpen", s.hours?.alwaysOpen == true ? ["true"] : nil),
            ("interpretation", s.interpretation.map { [String($0)] }), ("eligibility.sexes", e?.sexes?.map(\.rawValue)),
            ("eligibility.populationGroups", e?.populationGroups), ("eligibility.legalStatuses", e?.legalStatuses),
            ("accessibility", s.accessibility), ("staffSexes", s.staffSexes?.map(\.rawValue)), ("features", s.features),
            ("intake.selfReferral", [String(s.intake.selfReferral)]), ("intake.requiredFields", s.intake.requiredFields.map(\.rawValue)),
            ("status", [s.status.rawValue]), ("mandatoryReporting", s.mandatoryReporting),
            ("sensitiveDataQualified", s.sensitiveDataQualified.map { [String($0)] }),
            ("address.confidential", s.address.map { [String($0.confidential)] }), ("interventionType", s.interventionType.map { [$0.rawValue] }),
        ] + sourceFields(s.source)))
        return j.value
    }

    /// The address as a location; none for a confidential address in a public export.
    func location(_ s: ServiceDocument) -> JSONOut? {
        guard let a = s.address, !(a.confidential && publicOnly), a.text != nil || a.latitude != nil else { return nil }
        var j = JSONObject()
        j.add("id", uuid("service", s.id, "location"))
        j.add("location_type", "physical")
        j.add("latitude", a.latitude)
        j.add("longitude", a.longitude)
        if let t = a.text {
            j.add("addresses", .array([.object([("id", .string(uuid("service", s.id, "address"))), ("address_1", .string(t)),
                                                ("address_type", .string("physical"))])]))
        }
        if let needs = s.accessibility, !needs.isEmpty {
            j.add("accessibility", .array(needs.enumerated().map { i, n in
                .object([("id", .string(uuid("service", s.id, "accessibility", String(i)))), ("description", .string(n))])
            }))
        }
        return j.value
    }

    static let byday = ["mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"]

    /// Weekly hours as RFC 5545 weekly recurrences: one schedule per distinct period, with the
    /// days it applies to. Always open: every day 00:00-24:00.
    func schedules(_ s: ServiceDocument) -> JSONOut? {
        guard let h = s.hours else { return nil }
        var periods: [(String, [String])] = []
        if h.alwaysOpen == true {
            periods = [("00:00-24:00", ["MO", "TU", "WE", "TH", "FR", "SA", "SU"])]
        } else {
            for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
                for p in h.weekly?[day] ?? [] {
                    if let i = periods.firstIndex(where: { $0.0 == p }) { periods[i].1.append(Self.byday[day]!) } else {
                        periods.append((p, [Self.byday[day]!]))
                    }
                }
            }
        }
        return .array(periods.enumerated().map { i, p in
            let times = p.0.split(separator: "-").map(String.init)
            return .object([("id", .string(uuid("service", s.id, "schedule", String(i)))), ("freq", .string("WEEKLY")),
                            ("byday", .string(p.1.joined(separator: ","))), ("opens_at", .string(times.first ?? "")),
                            ("closes_at", .string(times.last ?? ""))])
        })
    }

    /// An HSDS page holding every record, one record per line.
    func page(_ items: [JSONOut]) -> String {
        var out: [UInt8] = []
        out.append(contentsOf: """
            {"total_items": \(items.count), "total_pages": 1, "page_number": 1, "size": \(items.count), "first_page": true, \
            "last_page": true, "empty": \(items.isEmpty), "contents": [
            """.utf8)
        for (i, item) in items.enumerated() {
            out.append(contentsOf: "\n  ".utf8)
            item.compact(&out)
            if i + 1 < items.count { out.append(UInt8(ascii: ",")) }
        }
        out.append(contentsOf: "\n]}\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// `services.json` and `organizations.json`, as HSDS pages holding every record.
    func json() -> [(String, String)] {
        let byID = Dictionary(organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return [("services.json", page(services.map { service($0, organisations: byID) })),
                ("organizations.json", page(organisations.map(organisation)))]
    }
}

/// What to export and where.
public struct ExportRequest: Sendable {
    public enum Format: String, Sendable, CaseIterable { case json, csv }
    public var context: String
    public var out: String
    public var format: Format
    /// Leave out every confidential address and its coordinates (for a published feed).
    public var publicOnly: Bool
    /// Replace files a previous export left in `out`.
    public var force: Bool

    public init(context: String, out: String, format: Format, publicOnly: Bool, force: Bool) {
        self.context = context
        self.out = out
        self.format = format
        self.publicOnly = publicOnly
        self.force = force
    }
}

public struct ExportSummary: Sendable {
    public var files: [String]
    public var services: Int
    public var organisations: Int
    /// Services whose confidential address text is in the export (never with `publicOnly`).
    public var confidentialAddressesIncluded: Int
    /// Services whose confidential address was left out.
    public var confidentialAddressesWithheld: Int
}

public enum Exporter {
    public static func run(_ req: ExportRequest) -> Result<ExportSummary, ImportFailure> {
        let loaded = DirectoryLoader().load(folder: req.context)
        guard let directory = loaded.directory else {
            return .failure(ImportFailure(message: "the context in '\(req.context)' has errors and cannot be exported",
                                          diagnostics: loaded.errors, help: "run 'referral validate \(req.context)' and fix them first"))
        }
        let docs: DirectoryDocuments
        switch DirectoryDocuments.read(folder: req.context) {
        case .success(let e): docs = e
        case .failure(let f): return .failure(ImportFailure(message: "cannot read the directory", diagnostics: f.diagnostics))
        }
        let exporter = HSDSExporter(context: directory.context, organisations: docs.organisations, services: docs.services,
                                    publicOnly: req.publicOnly)
        var files: [(String, String)]
        switch req.format {
        case .json: files = exporter.json()
        case .csv:
            var tables = HSDSTableWriter()
            let byID = Dictionary(docs.organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for o in docs.organisations { tables.organisation(exporter.organisation(o)) }
            for s in docs.services { tables.service(exporter.service(s, organisations: byID)) }
            files = tables.files()
        }
        let fm = FileManager.default
        let existing = files.map { req.out + "/" + $0.0 }.filter { fm.fileExists(atPath: $0) }
        if !existing.isEmpty && !req.force {
            return .failure(ImportFailure(message: "'\(req.out)' already holds an export (\(existing.count) file(s) would be replaced)",
                                          diagnostics: [], help: "pass --force to replace them, or choose another --out folder"))
        }
        do {
            try fm.createDirectory(atPath: req.out, withIntermediateDirectories: true)
        } catch {
            return .failure(ImportFailure(message: "cannot create the folder '\(req.out)'", diagnostics: [], help: "check the path and permissions"))
        }
        do {
            try SafeWriter.write(files.map { (req.out + "/" + $0.0, Array($0.1.utf8)) })
        } catch {
            return .failure(ImportFailure(message: "cannot write into \(req.out): \(error.message)", diagnostics: []))
        }
        let confidential = docs.services.filter { $0.address?.confidential == true }
        let withText = confidential.filter { $0.address?.text != nil }.count
        return .success(ExportSummary(files: files.map { req.out + "/" + $0.0 }, services: docs.services.count,
                                      organisations: docs.organisations.count,
                                      confidentialAddressesIncluded: req.publicOnly ? 0 : withText,
                                      confidentialAddressesWithheld: req.publicOnly ? confidential.count : confidential.count - withText))
    }
}
