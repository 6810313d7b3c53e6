import Foundation

/// Loads a context folder (`context.json`, `organisations.json`, `services.json` and the pathway
/// files the context names) into a validated `Directory`, collecting every finding with its place.
///
/// Loading never crashes and never stops at the first problem. In strict mode (the default) any
/// error means no directory; otherwise a malformed organisation or service is reported and left
/// out, and the rest is still usable — the way a coordinator wants to see a half-finished file.
public struct DirectoryLoader: Sendable {
    public struct Options: Sendable {
        public var strict: Bool
        public init(strict: Bool = true) { self.strict = strict }
    }

    public struct Result: Sendable {
        /// Nil when errors prevent a usable directory.
        public var directory: Directory?
        /// Every finding, in report order.
        public var diagnostics: [Diagnostic]
        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        /// The files that could not be read at all (nothing of them was loaded), in reading order:
        /// what they would have held is unknown, so no finding may be drawn from its absence.
        public var unreadable: [UnreadableFile] = []
        /// Every pathway file that could be decoded, with the pathway it declares (whether or not
        /// the pathway was built): what `--allow-partial` needs to judge whether an error in it
        /// can touch a case.
        public var pathwayFiles: [PathwayFile] = []
    }

    /// A pathway file, its pathway id, and the concerns its `appliesWhen` requires (nil when it
    /// may apply without one, by age for example).
    public struct PathwayFile: Sendable, Equatable {
        public var file: String
        public var id: String
        public var requiredConcerns: [String]?
    }

    /// A file of the directory of which nothing could be loaded (missing, not JSON, wrong shape or
    /// format version).
    public struct UnreadableFile: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable {
            case context, organisations, services, pathway
        }
        public var kind: Kind
        /// The file as findings name it.
        public var file: String
    }

    public var options: Options
    public init(options: Options = .init()) { self.options = options }

    /// Finds the context folder in `path`: the folder itself if it holds `context.json`, else its
    /// one sub-folder that does (or the one named `contextID`).
    public static func contextFolder(in path: String, contextID: String? = nil) -> Swift.Result<String, LoadFailure> {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            return .failure(LoadFailure([Diagnostic(
                .error, code: .fileMissing, place: SourcePlace(file: path),
                message: "no such directory", help: "pass the folder that holds the pathway data with --pathways")]))
        }
        if contextID == nil, fm.fileExists(atPath: path + "/context.json") { return .success(path) }
        let subs = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted().filter {
            fm.fileExists(atPath: path + "/" + $0 + "/context.json")
        }
        if let contextID {
            if subs.contains(contextID) { return .success(path + "/" + contextID) }
            var help = "contexts here: " + (subs.isEmpty ? "none" : subs.joined(separator: ", "))
            if let near = closestMatch(to: contextID, in: subs) { help = "did you mean '\(near)'? " + help }
            return .failure(LoadFailure([Diagnostic(
                .error, code: .fileUnknownContext, place: SourcePlace(file: path), id: contextID,
                message: "no context folder '\(contextID)'", help: help)]))
        }
        if subs.count == 1 { return .success(path + "/" + subs[0]) }
        return .failure(LoadFailure([Diagnostic(
            .error, code: subs.isEmpty ? .fileNoContext : .fileSeveralContexts, place: SourcePlace(file: path),
            message: subs.isEmpty ? "no context.json here or in any sub-folder"
                : "several contexts here: \(subs.joined(separator: ", "))",
            help: subs.isEmpty ? "point --pathways at a folder with a context.json (see Pathways/README.md)"
                : "choose one with --context")]))
    }

    /// Loads the context folder at `folder`. File names in findings are relative to `displayRoot`
    /// when given (so that messages match what the user typed).
    public func load(folder: String, displayRoot: String? = nil) -> Result {
        var b = DirectoryBuilder(folder: folder, displayRoot: displayRoot ?? folder, strict: options.strict)
        return b.run()
    }
}

/// Reads a file into a `SourceFile` and parses it, turning failures into located findings.
struct FileReader {
    /// Reads a directory file (at most `InputLimits.directoryFileBytes`) straight into bytes.
    static func read(path: String, name: String, diags: inout [Diagnostic]) -> SourceFile? {
        switch InputReader.read(path: path, limit: InputLimits.directoryFileBytes) {
        case .failure(let f):
            diags.append(f.diagnostic(file: name))
            return nil
        case .success(let bytes):
            return SourceFile(name: name, bytes: bytes)
        }
    }

    /// Reads and parses a directory file whole.
    static func document(path: String, name: String, diags: inout [Diagnostic]) -> JSONDocument? {
        read(path: path, name: name, diags: &diags).flatMap { document($0, diags: &diags) }
    }

    static func document(_ file: SourceFile, diags: inout [Diagnostic], echo: Bool = true) -> JSONDocument? {
        do {
            return try JSONDocument.parse(file, echo: echo)
        } catch {
            diags.append(syntaxFinding(error, in: file))
            return nil
        }
    }

    /// A tree, for the case loader (see CaseLoader.swift).
    static func parse(_ file: SourceFile, diags: inout [Diagnostic], echo: Bool = true) -> JSONNode? {
        document(file, diags: &diags, echo: echo).map { JSONNode(tokens: $0.tokens, 0, bytes: file.bytes) }
    }

    static func syntaxFinding(_ error: JSONParser.SyntaxError, in file: SourceFile) -> Diagnostic {
        Diagnostic(.error, code: .jsonSyntax, place: file.place("$", offset: error.offset), message: error.message,
                   help: "fix the JSON syntax at this line and column", related: error.related.map { file.place("$", offset: $0) })
    }
}

/// Reads the files of a context folder and builds the directory from them (the builders are in
/// ContextBuilder.swift, ServiceBuilder.swift and PathwayBuilder.swift).
struct DirectoryBuilder {
    let folder: String
    let displayRoot: String
    let strict: Bool
    var diags: [Diagnostic] = []
    /// At most `DiagnosticCap.defaultLimit` findings of a kind per file reach `diags`.
    var cap = DiagnosticCap()
    /// How many errors `errorCount` has seen in `diags` so far (it counts only what was added since).
    private var errorsCounted = (scanned: 0, errors: 0)
    var unreadable: [DirectoryLoader.UnreadableFile] = []
    var pathwayFiles: [DirectoryLoader.PathwayFile] = []
    let decoder = StrictDecoder()

    init(folder: String, displayRoot: String, strict: Bool) {
        self.folder = folder
        self.displayRoot = displayRoot
        self.strict = strict
    }

    mutating func error(_ code: Diagnostic.Code, _ at: Locator, id: String? = nil, _ message: @autoclosure () -> String,
                        help: @autoclosure () -> String? = nil, related: @autoclosure () -> SourcePlace? = nil)
    {
        cap.add(.error, code: code, file: at.file.name, to: &diags) {
            Diagnostic(.error, code: code, place: at.place, id: id, message: message(), help: help(), related: related())
        }
    }

    mutating func warning(_ code: Diagnostic.Code, _ at: Locator, id: String? = nil, _ message: @autoclosure () -> String,
                          help: @autoclosure () -> String? = nil)
    {
        cap.add(.warning, code: code, file: at.file.name, to: &diags) {
            Diagnostic(.warning, code: code, place: at.place, id: id, message: message(), help: help())
        }
    }

    /// Errors found so far, shown or over the cap. Builders compare it before and after an entry
    /// to know whether the entry had errors (linear: only what was added since the last call is
    /// looked at, whoever appended it).
    var errorCount: Int {
        mutating get {
            for d in diags[errorsCounted.scanned...] where d.severity == .error { errorsCounted.errors += 1 }
            errorsCounted.scanned = diags.count
            return errorsCounted.errors + cap.hiddenErrors
        }
    }

    func displayName(_ path: String) -> String {
        let std = PathText.standardized(path)
        let root = PathText.standardized(displayRoot)
        if std == root { return PathText.lastComponent(std) }
        let base = PathText.parent(root)
        if !base.isEmpty, std.hasPrefix(base + "/") { return String(std.dropFirst(base.count + 1)) }
        return std
    }

    mutating func decode<T: Decodable>(_ type: T.Type, _ loc: Locator) -> T? {
        guard loc.present, let doc = loc.doc else { return nil }
        do {
            return try decoder.decode(type, in: doc, at: loc.index, path: loc.path)
        } catch {
            for d in error.diagnostics { cap.add(d, to: &diags) }
            return nil
        }
    }

    /// Decodes the file's top level and checks its format version.
    mutating func readDocument<T: Decodable>(_ type: T.Type, path: String, version: (T) -> Int) -> (T, Locator)? {
        let name = displayName(path)
        guard let doc = FileReader.document(path: path, name: name, diags: &diags) else { return nil }
        let loc = Locator(doc: doc, index: 0, path: "$")
        guard let doc = decode(type, loc) else { return nil }
        if version(doc) != supportedFormatVersion {
            error(.formatVersion, loc["formatVersion"], "format version \(version(doc)) is not supported",
                  help: "this engine reads formatVersion \(supportedFormatVersion)")
            return nil
        }
        return (doc, loc)
    }

    mutating func run() -> DirectoryLoader.Result {
        let contextPath = folder + "/context.json"
        let ctx = readDocument(ContextDocument.self, path: contextPath, version: \.formatVersion)
        if ctx == nil { unreadable.append(.init(kind: .context, file: displayName(contextPath))) }
        let context = ctx.flatMap { buildContext($0.0, $0.1) }

        // The lists are streamed: each organisation and service is built as soon as it is read
        // (only once there is a context to check it against; otherwise only decoded).
        let organisations: [String: Organisation] = streamList(path: folder + "/organisations.json", key: "organisations", kind: .organisations,
                                       decode: DirectoryBuilder.element(OrganisationDocument.self)) { b, list in
            if context == nil { b.drain(list) }
            return context == nil ? [:] : b.buildOrganisations(list)
        } ?? [:]
        let servicesPath = folder + "/services.json"
        let services: ServiceStore.Builder? = streamList(path: servicesPath, key: "services", kind: .services,
                                  decode: DirectoryBuilder.element(ServiceDocument.self)) { b, list in
            guard let context else {
                b.drain(list)
                return nil
            }
            return b.buildServices(list, context: context, organisations: organisations)
        } ?? nil

        var pathwayDocs: [(PathwayDocument, Locator)] = []
        if let (doc, loc) = ctx {
            for (i, rel) in doc.pathways.enumerated() {
                let p = rel.hasPrefix("/") ? rel : folder + "/" + rel
                if !FileManager.default.fileExists(atPath: p) {
                    error(.fileMissing, loc["pathways"][i], id: rel, "pathway file '\(rel)' does not exist",
                          help: "paths are relative to the folder of context.json")
                    unreadable.append(.init(kind: .pathway, file: displayName(p)))
                    continue
                }
                if let d = readDocument(PathwayDocument.self, path: p, version: \.formatVersion) {
                    pathwayDocs.append(d)
                    pathwayFiles.append(.init(file: d.1.file.name, id: d.0.id, requiredConcerns: d.0.appliesWhen.concerns))
                } else {
                    unreadable.append(.init(kind: .pathway, file: displayName(p)))
                    if let declared = PartialDirectory.peek(path: p, name: displayName(p)) { pathwayFiles.append(declared) }
                }
            }
        }

        guard let context else { return finish(nil) }

        let pathways = buildPathways(pathwayDocs, context: context)

        let hasErrors = errorCount > 0
        if hasErrors && strict { return finish(nil) }
        let warnings = Diagnostic.sortedForReport((diags + cap.summaries).filter { $0.severity != .error })
        let store = (services ?? ServiceStore.Builder(vocab: context.ids)).finish(servicesFile: displayName(servicesPath))
        return finish(Directory(context: context, organisations: organisations, store: store,
                                pathways: pathways, diagnostics: warnings))
    }

    func finish(_ d: Directory?) -> DirectoryLoader.Result {
        DirectoryLoader.Result(directory: d, diagnostics: Diagnostic.sortedForReport(diags + cap.summaries),
                               unreadable: unreadable, pathwayFiles: pathwayFiles)
    }

    /// `owner`: what holds the reference ("service 'x'"), named in the message so that a finding in
    /// a long file says which entry to fix.
    mutating func unknown(_ code: Diagnostic.Code, _ at: Locator, _ id: String, _ what: String, _ known: some Collection<String>,
                          help extra: String? = nil, in owner: String? = nil)
    {
        // The suggestion is worked out only for a finding that is shown (see DiagnosticCap).
        // A reference that is not even a valid id (a NUL, a megabyte) is described, not repeated.
        let shown = DirectoryID.shown(id)
        error(code, at, id: DirectoryID.isValid(id) ? id : nil, "unknown \(what) '\(shown)'" + (owner.map { " in \($0)" } ?? ""),
              help: closestMatch(to: id, in: known).map { "did you mean '\($0)'?" } ?? extra ?? "define it first, or fix the spelling")
    }
}
