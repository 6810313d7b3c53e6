import ReferralCore

/// Where a finding is in the source: a CSV file's row and column, or a JSON file's path.
/// Rows and columns are numbered as a spreadsheet shows them (header = row 1, column A = 1).
public struct ImportPlace: Sendable, Hashable, Codable, Comparable {
    public var file: String
    public var row: Int?
    public var column: Int?
    /// The header of the column, when there is one.
    public var columnName: String?
    /// A JSON path (`$.contents[3].schedules[0]`) for JSON sources.
    public var path: String?
    /// The line of the file, when known.
    public var line: Int?

    public init(file: String, row: Int? = nil, column: Int? = nil, columnName: String? = nil, path: String? = nil,
                line: Int? = nil)
    {
        self.file = file
        self.row = row
        self.column = column
        self.columnName = columnName
        self.path = path
        self.line = line
    }

    /// `services.csv row 14, column C (hours)` or `services.json:12 ($.contents[3].name)`.
    public var description: String {
        var s = file
        if let row {
            s += " row \(row)"
            if let column {
                s += ", column \(CSVReader.columnLetters(column))"
                if let columnName { s += " (\(columnName))" }
            }
        } else if let column, let columnName {
            s += " column \(CSVReader.columnLetters(column)) (\(columnName))"
        } else {
            if let line { s += ":\(line)" }
            if let path, path != "$" { s += " (\(path))" }
        }
        return s
    }

    /// The record's place as kept in `source.place`: `services.csv row 14`, `feed.json $.contents[3]`.
    public var short: String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        if let row { return "\(name) row \(row)" }
        return name + (path.map { " " + $0 } ?? "")
    }

    /// The same place, one column of the same row.
    func column(_ c: Int, _ name: String) -> ImportPlace {
        var p = self
        p.column = c
        p.columnName = name
        return p
    }

    func child(_ component: String) -> ImportPlace {
        var p = self
        p.path = (path ?? "$") + component
        return p
    }

    public static func < (a: ImportPlace, b: ImportPlace) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if (a.row ?? 0) != (b.row ?? 0) { return (a.row ?? 0) < (b.row ?? 0) }
        if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
        if (a.column ?? 0) != (b.column ?? 0) { return (a.column ?? 0) < (b.column ?? 0) }
        return (a.path ?? "") < (b.path ?? "")
    }
}

/// One thing the import did or could not do, with where it came from and where it went.
public struct ImportFinding: Sendable, Codable, Equatable {
    /// What became of the value or record.
    public enum Action: String, Sendable, Codable, CaseIterable {
        /// Read and mapped to a directory field.
        case mapped
        /// Not in the source: taken from the profile's defaults.
        case defaulted
        /// Not given directly: worked out from another field (an area from the address).
        case inferred
        /// Kept as free text (eligibility note, description) rather than as a rule.
        case keptAsNote = "kept-as-note"
        /// Not kept.
        case dropped
        /// The record was folded into an earlier identical one.
        case merged
        /// The whole record was not imported.
        case skipped
        /// An existing entry or value was left as it was.
        case kept
    }

    /// The directory entry and field a finding is about.
    public struct Target: Sendable, Codable, Equatable {
        public var service: String?
        public var organisation: String?
        public var field: String?
    }

    public var code: Diagnostic.Code
    public var severity: Severity
    public var place: ImportPlace
    /// The record's id in the source, when known.
    public var recordId: String?
    public var target: Target?
    public var action: Action
    public var message: String
    /// What to do about it.
    public var hint: String?
    /// For findings reported once for many records (a defaulted field, a dropped HSDS field).
    public var count: Int?

    public init(_ severity: Severity, _ code: Diagnostic.Code, _ place: ImportPlace, recordId: String? = nil,
                target: Target? = nil, action: Action, _ message: String, hint: String? = nil, count: Int? = nil)
    {
        self.code = code
        self.severity = severity
        self.place = place
        self.recordId = recordId
        self.target = target
        self.action = action
        self.message = message
        self.hint = hint
        self.count = count
    }
}

/// What an import read, wrote and found. The counts always add up:
/// `imported + merged + skipped == read`.
public struct ImportReport: Sendable, Codable {
    public struct Counts: Sendable, Codable, Equatable {
        /// Records read from the source.
        public var read = 0
        /// Records that became (or updated) directory entries.
        public var imported = 0
        /// Records folded into an earlier identical record.
        public var merged = 0
        /// Records not imported (see the findings with action `skipped`).
        public var skipped = 0
        /// Services added, updated, and kept from before the import.
        public var servicesNew = 0
        public var servicesUpdated = 0
        public var servicesKept = 0
        /// Organisations added, updated, and kept from before the import.
        public var organisationsNew = 0
        public var organisationsUpdated = 0
        public var organisationsKept = 0

        public var addsUp: Bool { imported + merged + skipped == read }
    }

    /// The dataset name written in every entry's `source.dataset`.
    public var dataset: String
    /// The file or folder read.
    public var source: String
    /// The context folder imported into.
    public var context: String
    public var contextID: String
    public var fictional: Bool
    public var counts: Counts
    /// Every finding, in source order.
    public var findings: [ImportFinding]
    /// How many findings of each code.
    public var summary: [String: Int]
    /// Problems of the resulting directory found by the directory loader: the import is refused
    /// (nothing written) when any is an error.
    public var validation: [Diagnostic]
    /// Nothing was written: a dry run, or an import that failed.
    public var dryRun: Bool
    /// The files written (or that would be written on a dry run).
    public var files: [String]
    /// False when the import was refused: a fatal finding, or a directory that would not load.
    public var succeeded: Bool

    public var errors: Int { findings.filter { $0.severity == .error }.count }

    init(dataset: String, source: String, context: String, contextID: String, fictional: Bool) {
        self.dataset = dataset
        self.source = source
        self.context = context
        self.contextID = contextID
        self.fictional = fictional
        counts = Counts()
        findings = []
        summary = [:]
        validation = []
        dryRun = false
        files = []
        succeeded = false
    }

    mutating func finish() {
        findings.sort { a, b in
            if a.place != b.place { return a.place < b.place }
            if a.severity != b.severity { return a.severity < b.severity }
            return a.code < b.code
        }
        var s: [String: Int] = [:]
        for f in findings { s[f.code.rawValue, default: 0] += 1 }
        summary = s
    }
}
