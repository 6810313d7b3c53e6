import Foundation
import Testing

/// The coordinator's whole path in README.md and Pathways/README.md (spreadsheet → profile →
/// import → validate → route) is real output. Each `console` block that follows a
/// `<!-- walkthrough -->` line is run in order, with its state, in a scratch copy of the repository's
/// `Pathways` folder: `$ referral …` runs the built binary, any other `$ …` line runs in a shell.
/// As in the README examples, a line starting with `…` stands for lines left out: those before it
/// must begin the output and those after it end it. With UPDATE_GOLDEN set the blocks are rewritten
/// from the real output instead, keeping the same number of lines on each side of the `…`.
@Suite struct WalkthroughTests {
    static let updating = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil

    @Test(arguments: ["README.md", "Pathways/README.md"])
    func walkthroughOutputsAreReal(_ document: String) throws {
        let url = Repo.root.appendingPathComponent(document)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("referral-walkthrough-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        try fm.copyItem(at: Repo.root.appendingPathComponent("Pathways"), to: scratch.appendingPathComponent("Pathways"))
        let binary = try Binary.binary.get().path

        var i = 0
        var inBlock = false
        var armed = false
        var checked = 0
        var changed = false
        func isEnd(_ l: String) -> Bool { l.hasPrefix("$ ") || l.hasPrefix("```") }
        while i < lines.count {
            let line = lines[i]
            if line == "<!-- walkthrough -->" { armed = true }
            if line.hasPrefix("```") {
                inBlock = armed && line == "```console"
                if !inBlock { armed = false }
                i += 1
                continue
            }
            guard inBlock, line.hasPrefix("$ ") else {
                i += 1
                continue
            }
            var gap = i + 1
            while gap < lines.count, !isEnd(lines[gap]), !lines[gap].hasPrefix("…") { gap += 1 }
            var end = gap
            let elided = gap < lines.count && lines[gap].hasPrefix("…")
            if elided {
                end = gap + 1
                while end < lines.count, !isEnd(lines[end]) { end += 1 }
            }
            let head = Array(lines[(i + 1)..<gap])
            let tail = elided ? Array(lines[(gap + 1)..<end]) : []
            let command = String(line.dropFirst(2))
            let r: RunResult
            if command.hasPrefix("referral ") {
                r = try Binary.run(command.dropFirst("referral ".count).split(separator: " ").map(String.init), in: scratch)
            } else {
                r = try Binary.execute(URL(fileURLWithPath: "/bin/sh"), ["-c", command], stdin: nil,
                                         environment: ["PATH": URL(fileURLWithPath: binary).deletingLastPathComponent().path
                                             + ":/usr/bin:/bin"], directory: scratch)
            }
            var actual = (r.stdout + r.stderr).components(separatedBy: "\n")
            if actual.last == "" { actual.removeLast() }
            let wantHead = elided ? Array(actual.prefix(head.count)) : actual
            let wantTail = elided ? Array(actual.suffix(tail.count)) : []
            checked += 1
            if head == wantHead && tail == wantTail {
                i = end
                continue
            }
            if Self.updating {
                let block = elided ? wantHead + [lines[gap]] + wantTail : wantHead
                lines.replaceSubrange((i + 1)..<end, with: block)
                changed = true
                i += 1 + block.count
                continue
            }
            let (a, b) = head != wantHead ? (head, wantHead) : (tail, wantTail)
            let k = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("""
                \(document) walkthrough '\(line)' differs from the real output (\(head != wantHead ? "start" : "end")):
                  document: \(k < a.count ? a[k] : "<end>")
                  output:   \(k < b.count ? b[k] : "<end>")
                rewrite the blocks with UPDATE_GOLDEN=1 swift test --filter Walkthrough and review the diff
                """)
            i = end
        }
        #expect(checked >= 4, "expected a walkthrough of at least 4 commands in \(document), found \(checked)")
        if changed { try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8) }
    }
}
