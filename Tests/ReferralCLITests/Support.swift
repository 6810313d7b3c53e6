import Foundation
import ReferralCore
import Testing

@testable import referral

/// Paths of the repository, its shipped data and the test fixtures, found from this file.
enum Repo {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = tests.deletingLastPathComponent().deletingLastPathComponent()
    static let golden = tests.appendingPathComponent("Golden")
    static let shippedCases = root.appendingPathComponent("Pathways/demo/cases")
    /// Relative to `root`, the directory the binary runs in.
    static let fixtureDirectory = "Tests/ReferralCoreTests/Fixtures/basic"
    static let fixtureCase = "Tests/ReferralCoreTests/Fixtures/cases/adult-rape-31h.json"
    static let at = "2026-11-28T14:00:00+02:00"

    /// The shipped example cases, by file name, sorted.
    static func shippedCaseNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: shippedCases.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }
}

struct RunResult {
    var stdout: String
    var stderr: String
    var code: Int32
}

struct BinaryNotFound: Error, CustomStringConvertible {
    var description: String
}

/// Runs `referral` in-process through `runReferral`, with an injected environment: a fixed clock
/// (`Repo.now`), the given standard input, no terminal. The working folder is the repository root.
enum Referral {
    /// The clock tests see when they give no `--at`: 2026-11-28T12:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_795_867_200)

    /// Set once, before the first in-process run: relative paths are relative to the repository.
    private static let inRepository: Void = {
        _ = FileManager.default.changeCurrentDirectoryPath(Repo.root.path)
    }()

    /// An environment as a test wants it: fixed clock, `stdin` as standard input (with the limit
    /// applied as the real reader does), no colours.
    static func environment(stdin: String? = nil) -> Environment {
        var env = Environment()
        env.now = { now }
        let bytes = Array((stdin ?? "").utf8)
        env.readStandardInput = { limit in bytes.count > limit ? .failure(.tooLarge(limit: limit)) : .success(bytes) }
        env.colorAllowed = false
        return env
    }

    /// Runs `referral ARGS` in-process.
    static func run(_ args: [String], stdin: String? = nil, env: Environment? = nil) -> RunResult {
        _ = inRepository
        let out = runReferral(args, env ?? environment(stdin: stdin))
        return RunResult(stdout: out.stdout, stderr: out.stderr, code: out.exitCode.rawValue)
    }

    /// `route` on a case with the fixed test time.
    static func route(_ casePath: String, pathways: String? = nil, format: String = "text", extra: [String] = [])
        -> RunResult
    {
        var args = ["route", casePath, "--at", Repo.at, "--format", format]
        if let pathways { args += ["--pathways", pathways] }
        return run(args + extra)
    }
}

/// Runs the built `referral` binary the way a user would (for what only a process shows: standard
/// descriptors, a terminal, the exit status of a real process).
enum Binary {
    /// The `referral` executable built next to this test bundle (the products directory), or
    /// `REFERRAL_BINARY` when set.
    static let binary: Result<URL, BinaryNotFound> = {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["REFERRAL_BINARY"] {
            return .success(URL(fileURLWithPath: explicit))
        }
        var starts: [URL] = []
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") { starts.append(URL(fileURLWithPath: exe)) }
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL)
        starts.append(Bundle.main.bundleURL)
        for start in starts {
            // Linux: …/debug/Package.xctest is the test executable; macOS: …/debug/Package.xctest/Contents/MacOS/Package.
            var dir = start.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("referral")
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue,
                    fm.isExecutableFile(atPath: candidate.path)
                {
                    return .success(candidate)
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        return .failure(BinaryNotFound(description: "the referral binary was not found next to the test bundle (\(starts.map(\.path))); build it with 'swift build' or set REFERRAL_BINARY"))
    }()

    /// Runs `referral ARGS` in the repository root, with `stdin` as standard input.
    static func run(_ args: [String], stdin: String? = nil, environment: [String: String] = [:], in directory: URL? = nil)
        throws -> RunResult
    {
        try execute(try binary.get(), args, stdin: stdin, environment: environment, directory: directory)
    }

    /// Runs a shell command line in the repository root.
    static func runShell(_ command: String, environment: [String: String] = [:]) throws -> RunResult {
        try execute(URL(fileURLWithPath: "/bin/sh"), ["-c", command], stdin: nil, environment: environment)
    }

    static func execute(_ exe: URL, _ args: [String], stdin: String?, environment: [String: String],
                        directory: URL? = nil) throws -> RunResult
    {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("referral-cli-tests-\(UUID().uuidString)")
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: tmp) }
        // Files rather than pipes: no deadlock however much either stream holds.
        let out = tmp.appendingPathComponent("stdout"), err = tmp.appendingPathComponent("stderr")
        let inp = tmp.appendingPathComponent("stdin")
        for f in [out, err] { _ = fm.createFile(atPath: f.path, contents: nil) }
        _ = fm.createFile(atPath: inp.path, contents: Data((stdin ?? "").utf8))

        let p = Process()
        p.executableURL = exe
        p.arguments = args
        p.currentDirectoryURL = directory ?? Repo.root
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        let inHandle = try FileHandle(forReadingFrom: inp)
        p.standardOutput = outHandle
        p.standardError = errHandle
        p.standardInput = inHandle
        try p.run()
        p.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        try inHandle.close()
        return RunResult(stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                         stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self),
                         code: p.terminationStatus)
    }

}

/// No ANSI escape codes.
func plain(_ s: String) -> Bool { !s.contains("\u{1B}[") }

/// The exit codes the tool documents.
enum Exit {
    static let ok: Int32 = 0
    static let findings: Int32 = 1
    static let usage: Int32 = 2
    static let invalidInput: Int32 = 3
    static let internalError: Int32 = 4
}
