import Foundation
import ReferralCore

/// Reading the inputs every command shares: the pathway data, a case and the routing time.
/// Failures become `CLIError.invalidInput` with the engine's located findings.
enum Inputs {
    static let defaultPathways = "Pathways"

    /// Loads the context under `pathways` strictly (any error means no directory).
    static func directory(pathways: String?, context: String?) throws -> Directory {
        try directory(pathways: pathways, context: context, allowPartial: false).0
    }

    /// With `allowPartial`, a directory whose errors still leave it usable is loaded leniently
    /// and returned with its load result (the caller checks the errors against the case, see
    /// `PartialDirectory`); otherwise strictly, and the result is nil.
    static func directory(pathways: String?, context: String?, allowPartial: Bool) throws
        -> (Directory, DirectoryLoader.Result?)
    {
        let root = pathways ?? defaultPathways
        let folder: String
        switch DirectoryLoader.contextFolder(in: root, contextID: context) {
        case .success(let f): folder = f
        case .failure(let f):
            throw CLIError.invalidInput("cannot find the pathway data in '\(root)'", diagnostics: f.diagnostics)
        }
        let result = DirectoryLoader().load(folder: folder, displayRoot: root)
        if result.directory == nil && allowPartial {
            let lenient = DirectoryLoader(options: .init(strict: false)).load(folder: folder, displayRoot: root)
            if let d = lenient.directory { return (d, lenient) }
        }
        guard let directory = result.directory else {
            let n = result.errors.count
            throw CLIError.invalidInput(
                "the pathway data in '\(folder)' has \(n) error\(n == 1 ? "" : "s") and cannot be used",
                diagnostics: result.errors, help: "run 'referral validate \(root)' for the full report")
        }
        return (directory, nil)
    }

    /// Refuses `plan` when the errors of a partial directory touch it; else marks it.
    static func checkPartial(_ plan: RoutePlan, _ c: Case, load: DirectoryLoader.Result?) throws -> RoutePlan {
        guard let load else { return plan }
        let touching = PartialDirectory.errorsTouching(load, plan: plan, concerns: c.pathways)
        guard touching.isEmpty else {
            let n = touching.count
            throw CLIError.invalidInput(
                "the pathway data has \(n) error\(n == 1 ? "" : "s") in what this case's pathways use: --allow-partial cannot route it",
                diagnostics: touching, help: "fix them (referral validate shows every finding), then route again")
        }
        return PartialDirectory.marked(plan, errors: load.errors)
    }

    /// Reads a case from `path` (`-` for standard input) and checks it against the directory and
    /// the routing time. Error messages name the file and the place, never a value from the case.
    /// `loadCase`, on a partial directory: a case that names a pathway left out because its file
    /// is broken is told so.
    static func loadCase(_ path: String, directory: Directory, at time: RoutingTime, env: Environment,
                         partial: DirectoryLoader.Result?) throws -> Case
    {
        do {
            return try loadCase(path, directory: directory, at: time, env: env)
        } catch CLIError.invalidInput(let message, let diagnostics, let help) where partial != nil {
            let broken = Set(partial?.errors.map(\.place.file) ?? []).sorted()
            throw CLIError.invalidInput(message, diagnostics: diagnostics,
                                        help: (help.map { $0 + "; " } ?? "") + "the pathway data has errors in " + broken.joined(separator: ", ")
                                            + " (--allow-partial left out what they hold): run 'referral validate'")
        }
    }

    static func loadCase(_ path: String, directory: Directory, at time: RoutingTime, env: Environment) throws -> Case {
        let name = path == "-" ? "<stdin>" : path
        let read = path == "-" ? env.readStandardInput(InputLimits.caseBytes)
            : InputReader.read(path: path, limit: InputLimits.caseBytes)
        let bytes: [UInt8]
        switch read {
        case .success(let b): bytes = b
        case .failure(let f):
            throw CLIError.invalidInput("cannot read the case \(path == "-" ? "from standard input" : "file '\(path)'")",
                                        diagnostics: [f.diagnostic(file: name)])
        }
        switch CaseRouting.loadCase(bytes: bytes, name: name, directory: directory, at: time) {
        case .success(let c): return c
        case .failure(let refusal): throw CLIError.invalidInput(refusal.message, diagnostics: refusal.diagnostics)
        }
    }

    /// Checks the shape of `--at` before anything is loaded, so a typo is a usage error.
    static func checkTime(_ text: String?, command: String) throws {
        guard let text else { return }
        if RoutingTime.parse(text, utcOffsetMinutes: 0) == nil {
            throw CLIError.usage("'\(text)' is not a time for '--at'",
                                 help: "write it as ISO 8601 with an offset, for example 2026-11-28T14:00:00+02:00",
                                 command: command)
        }
    }

    /// The routing time: `--at` when given, else this computer's clock (the engine never reads it).
    /// The second value says which, for the output.
    static func time(_ text: String?, directory: Directory, env: Environment) throws -> (RoutingTime, String) {
        guard let t = CaseRouting.time(text, now: env.now(), context: directory.context) else {
            throw CLIError.usage("'\(text ?? "")' is not a time for '--at'", command: nil)
        }
        if text != nil { return (t, "given with --at") }
        return (t, "now, from this computer's clock; pass --at to choose")
    }
}

/// Looks `value` up among `known`; the error says what was probably meant, by id or by name
/// ("unknown area 'Aldren'": did you mean 'XV0101' (Aldren)?).
func requireKnown(_ value: String, in known: [VocabularyEntryView], what: String, hint: String) throws {
    if known.contains(where: { $0.id == value }) { return }
    var help = hint
    if let near = suggestID(for: value, in: known) {
        let name = known.first { $0.id == near }?.name
        help = "did you mean '\(near)'" + (name.map { $0 == near ? "" : " (\($0))" } ?? "") + "?"
    }
    throw CLIError.invalidInput("unknown \(what) '\(value)'", help: help)
}

/// `requireKnown` for plain ids (services, pathways), named by `name`.
func requireKnown(_ value: String, in ids: some Collection<String>, name: (String) -> String, what: String, hint: String) throws {
    try requireKnown(value, in: ids.sorted().map { VocabularyEntryView(id: $0, name: name($0)) }, what: what, hint: hint)
}
