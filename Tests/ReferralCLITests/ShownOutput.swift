import Foundation
import Testing

/// A command shown in a Markdown document with its output (README examples, coordinator
/// walkthroughs): the `$ …` line at `start`, then the output lines up to the next `$ ` line or the
/// end of the block. A line starting with `…` stands for lines left out: the lines before it must
/// begin the real output and the lines after it must end it.
struct ShownOutput {
    let start: Int
    /// The shown lines before the `…` (all of them when nothing is left out), and after it.
    let head: [String]
    let tail: [String]
    /// The `…` line, when lines are left out.
    let elision: String?
    /// The line after the shown output.
    let end: Int

    init(_ lines: [String], at i: Int) {
        func isEnd(_ l: String) -> Bool { l.hasPrefix("$ ") || l.hasPrefix("```") }
        var gap = i + 1
        while gap < lines.count, !isEnd(lines[gap]), !lines[gap].hasPrefix("…") { gap += 1 }
        var end = gap
        let elided = gap < lines.count && lines[gap].hasPrefix("…")
        if elided {
            end = gap + 1
            while end < lines.count, !isEnd(lines[end]) { end += 1 }
        }
        start = i
        head = Array(lines[(i + 1)..<gap])
        tail = elided ? Array(lines[(gap + 1)..<end]) : []
        elision = elided ? lines[gap] : nil
        self.end = end
    }

    /// Compares the real output (stdout then stderr) with the shown lines. When they differ and
    /// `updating` is set, the shown lines are rewritten in `lines` (keeping as many lines on each
    /// side of the `…`); otherwise an issue names the first line that differs, and
    /// `UPDATE_GOLDEN=1 swift test --filter <rewrite>` as the way to accept the change.
    /// - Returns: the index of the line after the example in `lines` as it now is, and whether
    ///   `lines` changed.
    func compare(_ r: RunResult, in lines: inout [String], document: String, updating: Bool, rewrite: String)
        -> (next: Int, changed: Bool)
    {
        var actual = (r.stdout + r.stderr).components(separatedBy: "\n")
        if actual.last == "" { actual.removeLast() }
        let wantHead = elision == nil ? actual : Array(actual.prefix(head.count))
        let wantTail = elision == nil ? [] : Array(actual.suffix(tail.count))
        if head == wantHead && tail == wantTail { return (end, false) }
        if updating {
            let block = elision.map { wantHead + [$0] + wantTail } ?? wantHead
            lines.replaceSubrange((start + 1)..<end, with: block)
            return (start + 1 + block.count, true)
        }
        let (a, b) = head != wantHead ? (head, wantHead) : (tail, wantTail)
        let k = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        Issue.record("""
            \(document): '\(lines[start])' differs from the real output (\(head != wantHead ? "start" : "end")):
              document: \(k < a.count ? a[k] : "<end>")
              output:   \(k < b.count ? b[k] : "<end>")
            rewrite the blocks with UPDATE_GOLDEN=1 swift test --filter \(rewrite) and review the diff
            """)
        return (end, false)
    }
}
