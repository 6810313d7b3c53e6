import Foundation
import ReferralCore

/// What to import, from where, into which context folder.
public struct ImportRequest: Sendable {
    public enum Kind: String, Sendable { case hsds, csv }
    public var kind: Kind
    /// The file or folder to read.
    public var source: String
    public var profile: String?
    /// The context folder: its context.json gives the vocabularies, its organisations.json and
    /// services.json are written.
    public var context: String
    public var dryRun: Bool
    /// Update a context that already has organisations or services.
    public var force: Bool
    /// The day of the import, as days since 1970-01-01 (the library reads no clock).
    public var today: Int

    public init(kind: Kind, source: String, profile: String?, context: String, dryRun: Bool, force: Bool, today: Int) {
        self.kind = kind
        self.source = source
        self.profile = profile
        self.context = context
        self.dryRun = dryRun
        self.force = force
        self.today = today
    }
}

/// An import that could not run at all: nothing was read into the directory and nothing written.
public struct ImportFailure: Error, Sendable {
    public var message: String
    public var diagnostics: [Diagnostic]
    public var help: String?
    /// The report so far, when the failure came after reading (a directory that would not load).
    public var report: ImportReport?
}

/// Reads a source, maps its records, merges them into the context's existing entries, checks that
/// the result loads, and writes organisations.json and services.json safely (or, on a dry run,
/// writes nothing).
public enum Importer {
    public static func run(_ req: ImportRequest) -> Result<ImportReport, ImportFailure> {
        run(req, clock: nil, phases: nil)
    }

    /// The same, timing its phases (`read`, `map`, `serialise`, `check`, `write`) with `clock`
    /// (nanoseconds, from the caller: the library reads no clock) and reporting each to `phases`.
    public static func run(_ req: ImportRequest, clock: (() -> UInt64)?, phases: ((String, UInt64) -> Void)?)
        -> Result<ImportReport, ImportFailure>
    {
        var last = clock?() ?? 0
        func phase(_ name: String) {
            guard let clock, let phases else { return }
            let t = clock()
            phases(name, t - last)
            last = t
        }
        // The context: its vocabularies are what the profile maps onto.
        guard FileManager.default.fileExists(atPath: req.context + "/context.json") else {
            return .failure(ImportFailure(message: "'\(req.context)' is not a context folder (it has no context.json)", diagnostics: [],
                                          help: "--out names an existing context folder, for example Pathways/demo"))
        }
        let loaded = DirectoryLoader(options: .init(strict: false)).load(folder: req.context)
        guard let directory = loaded.directory else {
            return .failure(ImportFailure(message: "the context in '\(req.context)' cannot be loaded", diagnostics: loaded.errors,
                                          help: "run 'referral validate \(req.context)' and fix it first"))
        }
        let context = directory.context
        let profile: ImportProfile
        if let path = req.profile {
            switch ImportProfile.load(path: path, context: context) {
            case .success(let p): profile = p
            case .failure(let f):
                return .failure(ImportFailure(message: "the import profile \(path) cannot be used", diagnostics: f.diagnostics))
            }
        } else if req.kind == .csv {
            return .failure(ImportFailure(message: "a CSV import needs a profile", diagnostics: [],
                                          help: "write one (docs/IMPORT.md) and pass it with --profile"))
        } else {
            let name = URL(fileURLWithPath: req.source).deletingPathExtension().lastPathComponent
            profile = ImportProfile.builtIn(dataset: "hsds-" + ImportProfile.slug(name), context: context)
        }

        // The records.
        var records: [SourceRecord] = []
        var sourceOrganisations: [SourceRecord] = []
        var report = ImportReport(dataset: profile.dataset, source: req.source, context: req.context, contextID: context.id,
                                  fictional: context.fictional)
        switch req.kind {
        case .csv:
            let bytes: [UInt8]
            switch InputReader.read(path: req.source, limit: InputLimits.directoryFileBytes) {
            case .success(let b): bytes = b
            case .failure(let f):
                return .failure(ImportFailure(message: "cannot read \(req.source)", diagnostics: [f.diagnostic(file: req.source)]))
            }
            let table: CSVTable
            do {
                table = try CSVReader.read(bytes, delimiter: profile.delimiter)
            } catch {
                return .failure(ImportFailure(message: "\(req.source) is not valid CSV",
                                              diagnostics: [HSDSTables.csvDiagnostic(error, file: req.source)]))
            }
            let out = CSVSource.read(table, file: req.source, profile: profile)
            if !out.errors.isEmpty {
                return .failure(ImportFailure(message: "the profile does not fit \(req.source)", diagnostics: out.errors))
            }
            records = out.records
            report.findings += out.findings
        case .hsds:
            let out = HSDSSource.read(path: req.source, dataset: profile.dataset)
            if !out.errors.isEmpty {
                return .failure(ImportFailure(message: "\(req.source) cannot be read as HSDS", diagnostics: out.errors))
            }
            records = out.records
            sourceOrganisations = out.organisations
            report.findings += out.findings
        }

        phase("read")
        // The context's own entries.
        let existing: DirectoryDocuments
        switch DirectoryDocuments.read(folder: req.context) {
        case .success(let e): existing = e
        case .failure(let f):
            return .failure(ImportFailure(message: "the context's existing organisations or services have errors", diagnostics: f.diagnostics,
                                          help: "run 'referral validate \(req.context)' and fix them before importing"))
        }
        let hasEntries = !existing.services.isEmpty || !existing.organisations.isEmpty
        if hasEntries && !req.force && !req.dryRun {
            return .failure(ImportFailure(
                message: "the context already has \(existing.organisations.count) organisation(s) and \(existing.services.count) service(s)",
                diagnostics: [Diagnostic(.error, code: .importExists, place: SourcePlace(file: req.context + "/services.json"),
                                         message: "an import does not overwrite a context without --force")],
                help: "pass --force to update them (entries from other sources are kept), or --dry-run to see what would change"))
        }
        if hasEntries && !req.force {
            report.findings.append(ImportFinding(
                .warning, .importExists, ImportPlace(file: req.context + "/services.json"), action: .kept,
                "the context already has entries: this import needs --force to write", hint: "run it again with --force"))
        }

        // Map, find duplicates, merge.
        let shared = RecordMapper.Shared(profile: profile, context: context, today: req.today)
        var merge = Merge(existing: existing, profile: profile, context: context)
        report.counts.read = records.count
        for r in sourceOrganisations { merge.addOrganisation(RecordMapper.mapOrganisation(r, shared), place: r.place) }
        for r in records { merge.add(r, RecordMapper.map(r, shared)) }
        merge.finish()
        phase("map")

        // The result must load; a service the loader refuses is left out with the loader's reason.
        var validation: [Diagnostic] = []
        var files: [(String, [UInt8])] = []
        for _ in 0..<3 {
            files = [("organisations.json", merge.organisationsFile()), ("services.json", merge.servicesFile())]
            phase("serialise")
            validation = CandidateCheck.errors(context: req.context, files: files)
            phase("check")
            if validation.isEmpty { break }
            if !merge.dropRefused(validation) { break }
        }
        report.findings += merge.findings
        report.counts.imported = merge.imported
        report.counts.merged = merge.merged
        report.counts.skipped = merge.skipped
        merge.count(&report.counts)
        report.files = files.map { req.context + "/" + $0.0 }
        report.dryRun = req.dryRun
        report.validation = validation
        report.finish()
        if !validation.isEmpty {
            report.dryRun = true
            return .failure(ImportFailure(message: "the imported directory would not load: nothing was written",
                                          diagnostics: validation, help: "this is a bug in the import if the context itself validates; please report it",
                                          report: report))
        }
        if !req.dryRun {
            do {
                try SafeWriter.write(files.map { (req.context + "/" + $0.0, $0.1) })
            } catch {
                return .failure(ImportFailure(message: "cannot write into \(req.context): \(error.message)",
                                              diagnostics: [], help: "check the folder's permissions; nothing was changed", report: report))
            }
        }
        phase("write")
        report.succeeded = true
        return .success(report)
    }
}

/// The organisations and services of a context folder, as documents (the import merges into them,
/// the export writes them).
public struct DirectoryDocuments: Sendable {
    public var organisations: [OrganisationDocument] = []
    public var services: [ServiceDocument] = []

    public static func read(folder: String) -> Result<DirectoryDocuments, LoadFailure> {
        var e = DirectoryDocuments()
        var diags: [Diagnostic] = []
        e.organisations = list(folder + "/organisations.json", "organisations", OrganisationDocument.self, &diags)
        e.services = list(folder + "/services.json", "services", ServiceDocument.self, &diags)
        return diags.isEmpty ? .success(e) : .failure(LoadFailure(diags))
    }

    static func list<T: Decodable>(_ path: String, _ key: String, _ type: T.Type, _ diags: inout [Diagnostic]) -> [T] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        switch HSDSSource.parse(path) {
        case .failure(let f):
            diags += f.diagnostics
            return []
        case .success(let (file, node)):
            guard case .object(let members) = node.value, let items = members.first(where: { $0.key == key })?.value,
                case .array(let list) = items.value
            else {
                diags.append(Diagnostic(.error, code: .jsonMissingField, place: file.place("$", offset: node.offset),
                                        message: "no \(key) list"))
                return []
            }
            var out: [T] = []
            for i in list.indices {
                do {
                    out.append(try StrictDecoder().decode(T.self, from: list[i], file: file, path: "$.\(key)[\(i)]"))
                } catch {
                    diags += error.diagnostics
                }
            }
            return out
        }
    }
}

/// Loads the directory an import is about to write, before writing it: the context's
/// `context.json` (its pathway files made absolute) and the new files go to a scratch folder that
/// the directory loader reads like any context; the scratch folder is removed afterwards.
enum CandidateCheck {
    static func errors(context folder: String, files: [(String, [UInt8])]) -> [Diagnostic] {
        let fm = FileManager.default
        let scratch = NSTemporaryDirectory() + "referral-import-check-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? fm.removeItem(atPath: scratch) }
        guard (try? fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)) != nil,
            let context = contextWithAbsolutePathways(folder)
        else {
            return [Diagnostic(.error, code: .fileMissing, place: SourcePlace(file: folder + "/context.json"),
                               message: "cannot prepare the check of the import in a temporary folder")]
        }
        _ = fm.createFile(atPath: scratch + "/context.json", contents: Data(context.utf8))
        for (name, bytes) in files { _ = fm.createFile(atPath: scratch + "/" + name, contents: Data(bytes)) }
        return DirectoryLoader().load(folder: scratch).errors
    }

    /// context.json with each entry of `pathways` made absolute (it is relative to its folder).
    static func contextWithAbsolutePathways(_ folder: String) -> String? {
        guard case .success(let (file, node)) = HSDSSource.parse(folder + "/context.json"),
            case .object(let members) = node.value
        else { return nil }
        let base = URL(fileURLWithPath: folder).standardizedFileURL.path
        var out: [(String, JSONOut)] = []
        for m in members {
            if m.key == "pathways", case .array(let items) = m.value.value {
                out.append((m.key, .array(items.map { item in
                    guard case .string(let p) = item.value else { return JSONOut(item) }
                    return .string(p.hasPrefix("/") ? p : base + "/" + p)
                })))
            } else {
                out.append((m.key, JSONOut(m.value)))
            }
        }
        _ = file
        return JSONOut.object(out).text() + "\n"
    }
}

extension JSONOut {
    /// A parsed JSON value as it was written (numbers keep their source text).
    init(_ n: JSONNode) {
        switch n.value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let s): self = .raw(s)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map(JSONOut.init))
        case .object(let m): self = .object(m.map { ($0.key, JSONOut($0.value)) })
        }
    }
}
