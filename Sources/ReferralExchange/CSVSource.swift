import ReferralCore

/// A coordinator's spreadsheet (one row per service) read through the profile's `columns`.
///
/// Columns the profile ignores are never read; columns that look like personal data and columns
/// the profile neither maps nor ignores are reported by name only, never with a value.
enum CSVSource {
    /// Header words that suggest personal data (named contacts, notes about people).
    static let personalParts = ["contact name", "contact person", "staff", "first name", "last name", "surname",
                                "full name", "internal", "date of birth", "dob", "birth", "ssn", "passport", "caseworker",
                                "case worker", "personal", "private", "volunteer name", "director name"]
    static let personalWholes: Set<String> = ["notes", "note", "comments", "comment", "person", "name of contact", "contact"]

    static func looksPersonal(_ header: String) -> Bool {
        let h = " " + header.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ") + " "
        let trimmed = h.trimmedSpaces()
        return personalWholes.contains(trimmed) || personalParts.contains { h.contains(" " + $0 + " ") }
    }

    struct Output {
        var records: [SourceRecord] = []
        var findings: [ImportFinding] = []
        /// Profile columns missing from the file: the import cannot run.
        var errors: [Diagnostic] = []
    }

    static func read(_ table: CSVTable, file: String, profile: ImportProfile) -> Output {
        var out = Output()
        var index: [String: Int] = [:]
        for (i, h) in table.header.enumerated() { index[h.trimmedSpaces()] = i }
        // Every column the profile names must exist.
        var plan: [(SourceField, [Int])] = []
        for c in profile.columns {
            var cols: [Int] = []
            for name in c.names {
                if let i = index[name] {
                    cols.append(i)
                } else {
                    var help = "the columns are: " + table.header.joined(separator: ", ")
                    if let near = closestMatch(to: name, in: table.header) { help = "did you mean '\(near)'?" }
                    out.errors.append(Diagnostic(
                        .error, code: .profileUnknownColumn,
                        place: SourcePlace(file: c.place.file, path: c.place.path ?? "$", line: c.place.line),
                        message: "column '\(name)' is not in \(file)", help: help))
                }
            }
            plan.append((c.field, cols))
        }
        if !plan.contains(where: { $0.0 == .name }) {
            out.errors.append(Diagnostic(.error, code: .profileMissing, place: SourcePlace(file: profile.file ?? "profile", path: "$.columns"),
                                         message: "no column is mapped to name", help: "add \"name\": \"<column>\" to columns"))
        }
        if !out.errors.isEmpty { return out }

        // Columns by what becomes of them.
        let mapped = Set(plan.flatMap(\.1))
        for (i, h) in table.header.enumerated() where !mapped.contains(i) && !profile.ignoreColumns.contains(h) {
            let place = ImportPlace(file: file, row: 1, column: i + 1, columnName: h)
            if looksPersonal(h) {
                out.findings.append(ImportFinding(
                    .warning, .importPersonalColumn, place, action: .dropped,
                    "column '\(h)' looks like personal data: it was not read and nothing of it is shown",
                    hint: "list it under ignoreColumns in the profile to confirm"))
            } else {
                let filled = table.rows.reduce(0) { $0 + ($1.fields[i].isEmpty ? 0 : 1) }
                out.findings.append(ImportFinding(
                    .info, .importColumnUnread, place, action: .dropped,
                    "column '\(h)' is not mapped to any field (\(filled) non-empty value\(filled == 1 ? "" : "s"))",
                    hint: "map it under columns, or list it under ignoreColumns", count: filled))
            }
        }
        for (f, cols) in plan {
            for i in cols where looksPersonal(table.header[i]) {
                out.findings.append(ImportFinding(
                    .warning, .importPersonalColumn, ImportPlace(file: file, row: 1, column: i + 1, columnName: table.header[i]),
                    target: .init(field: f.rawValue), action: .mapped,
                    "column '\(table.header[i])' is mapped to \(f.rawValue) but its name suggests personal data",
                    hint: "a focal point is a role (\"intake desk\"), never a person's name: check the column"))
            }
        }

        let idCols = plan.first { $0.0 == .recordId }?.1 ?? []
        let fingerprintCols = plan.flatMap(\.1).sorted()
        out.records.reserveCapacity(table.rows.count)
        for row in table.rows {
            let rowPlace = ImportPlace(file: file, row: row.number, line: row.line)
            let id = idCols.map { row.fields[$0] }.filter { !$0.isEmpty }.joined(separator: "-")
            var r = SourceRecord(place: rowPlace, recordId: id.isEmpty ? nil : id.trimmedSpaces())
            for (field, cols) in plan where field != .recordId {
                if cols.count > 1, field == .address || field == .description || field == .eligibility || field == .name {
                    // Several columns make one text (address lines, city).
                    let parts = cols.map { row.fields[$0] }.filter { !$0.trimmedSpaces().isEmpty }
                    let first = cols.first { !row.fields[$0].isEmpty } ?? cols[0]
                    r.add(field, parts.joined(separator: field == .address ? ", " : "\n"),
                          rowPlace.column(first + 1, table.header[first]))
                } else {
                    for c in cols { r.add(field, row.fields[c], rowPlace.column(c + 1, table.header[c])) }
                }
            }
            r.fingerprint = fingerprintCols.map { row.fields[$0] }
            r.fingerprintColumns = fingerprintCols.map { table.header[$0] }
            out.records.append(r)
        }
        return out
    }
}
