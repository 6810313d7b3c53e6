import Foundation
import ReferralCore

/// The import report as text (for the terminal), JSON (every finding), Markdown (to paste into a
/// cluster report) or one self-contained HTML page. Text, Markdown and HTML show at most
/// `perCode` findings of each code, then how many more there are; JSON has them all.
public enum ImportReportRenderer {
    public enum Format: String, CaseIterable, Sendable { case text, json, markdown, html }

    public static func render(_ r: ImportReport, format: Format, perCode: Int = 20) -> String {
        switch format {
        case .text: text(r, perCode: perCode)
        case .json: String(decoding: canonicalJSON(r), as: UTF8.self) + "\n"
        case .markdown: markdown(r, perCode: perCode)
        case .html: html(r, perCode: perCode)
        }
    }

    static func status(_ r: ImportReport) -> String {
        if !r.succeeded { return "FAILED: nothing was written" }
        return r.dryRun ? "DRY RUN: nothing was written" : "written"
    }

    static func countLines(_ r: ImportReport) -> [(String, String)] {
        let c = r.counts
        return [
            ("source", "\(r.source) (dataset \(r.dataset))"),
            ("context", "\(r.contextID) in \(r.context)" + (r.fictional ? " (FICTIONAL data)" : "")),
            ("records", "\(c.read) read = \(c.imported) imported + \(c.merged) merged + \(c.skipped) skipped"),
            ("services", "\(c.servicesNew) new, \(c.servicesUpdated) updated, \(c.servicesKept) kept as they were"),
            ("organisations", "\(c.organisationsNew) new, \(c.organisationsUpdated) updated, \(c.organisationsKept) kept as they were"),
            ("files", r.files.joined(separator: ", ") + " (\(status(r)))"),
        ]
    }

    /// Findings in report order, at most `perCode` of each code; the second value counts the rest.
    static func shown(_ r: ImportReport, perCode: Int) -> ([ImportFinding], [String: Int]) {
        var seen: [String: Int] = [:]
        var out: [ImportFinding] = []
        var more: [String: Int] = [:]
        for f in r.findings {
            let n = seen[f.code.rawValue, default: 0]
            seen[f.code.rawValue] = n + 1
            if n < perCode { out.append(f) } else { more[f.code.rawValue, default: 0] += 1 }
        }
        return (out, more)
    }

    static func target(_ f: ImportFinding) -> String {
        var parts: [String] = []
        if let s = f.target?.service { parts.append(s) }
        if let o = f.target?.organisation { parts.append(o) }
        if let field = f.target?.field { parts.append(field) }
        if let id = f.recordId { parts.insert("record \(id)", at: 0) }
        return parts.joined(separator: " ")
    }

    static func severityCounts(_ r: ImportReport) -> String {
        let e = r.findings.filter { $0.severity == .error }.count
        let w = r.findings.filter { $0.severity == .warning }.count
        let i = r.findings.count - e - w
        return "\(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s"), \(i) info"
    }

    static func summaryRows(_ r: ImportReport) -> [(code: String, count: Int, severity: String, action: String)] {
        var severity: [String: Severity] = [:], actions: [String: Set<String>] = [:]
        for f in r.findings {
            severity[f.code.rawValue] = min(severity[f.code.rawValue] ?? .info, f.severity)
            actions[f.code.rawValue, default: []].insert(f.action.rawValue)
        }
        return r.summary.sorted { $0.key < $1.key }.map {
            ($0.key, $0.value, severity[$0.key]!.rawValue, actions[$0.key]!.sorted().joined(separator: ", "))
        }
    }

    static func text(_ r: ImportReport, perCode: Int) -> String {
        var s = "IMPORT REPORT (\(status(r)))\n"
        for (k, v) in countLines(r) { s += "  " + k.padding(toLength: 14, withPad: " ", startingAt: 0) + v + "\n" }
        s += "\nFINDINGS (\(r.findings.count): \(severityCounts(r)))\n"
        let (list, more) = shown(r, perCode: perCode)
        for f in list {
            let t = target(f)
            s += wrap("\(f.place.description): \(f.severity.rawValue)[\(f.code)] \(f.action.rawValue)"
                + (t.isEmpty ? "" : " (\(t))") + ": \(f.message)", indent: "    ") + "\n"
            if let h = f.hint { s += wrap("  hint: \(h)", indent: "    ") + "\n" }
        }
        for (code, n) in more.sorted(by: { $0.key < $1.key }) { s += "… and \(n) more [\(code)] (--format json lists them all)\n" }
        if !r.validation.isEmpty {
            s += "\nTHE RESULT WOULD NOT LOAD\n"
            for d in r.validation { s += d.rendered + "\n" }
        }
        s += "\nSUMMARY BY CODE\n"
        for row in summaryRows(r) {
            s += "  " + row.code.padding(toLength: 36, withPad: " ", startingAt: 0) + String(row.count).leftPad(6)
                + "  \(row.severity), \(row.action)\n"
        }
        if r.fictional { s += "\n(fictional demonstration context: do not use these services for real referrals)\n" }
        return s
    }

    static func md(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    static func markdown(_ r: ImportReport, perCode: Int) -> String {
        var s = "# Import report: \(md(r.dataset)) into \(md(r.contextID))\n\n"
        if r.fictional { s += "> FICTIONAL demonstration context: do not use these services for real referrals.\n\n" }
        s += "| | |\n| --- | --- |\n"
        for (k, v) in countLines(r) { s += "| \(k) | \(md(v)) |\n" }
        s += "\n## Summary by code\n\n| code | findings | severity | action |\n| --- | ---: | --- | --- |\n"
        for row in summaryRows(r) { s += "| `\(row.code)` | \(row.count) | \(row.severity) | \(row.action) |\n" }
        s += "\n## Findings (\(severityCounts(r)))\n\n| place | severity | code | action | target | message |\n| --- | --- | --- | --- | --- | --- |\n"
        let (list, more) = shown(r, perCode: perCode)
        for f in list {
            s += "| \(md(f.place.description)) | \(f.severity.rawValue) | `\(f.code)` | \(f.action.rawValue) | \(md(target(f))) | "
                + md(f.message + (f.hint.map { " (" + $0 + ")" } ?? "")) + " |\n"
        }
        for (code, n) in more.sorted(by: { $0.key < $1.key }) { s += "\n… and \(n) more `\(code)` findings (the JSON report lists them all).\n" }
        return s
    }

    static func h(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func html(_ r: ImportReport, perCode: Int) -> String {
        var s = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Import report: \(h(r.dataset))</title>
            <style>body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;margin:1em 0}
            td,th{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}.error{color:#a00}.warning{color:#850}
            .fictional{background:#fee;border:2px solid #a00;padding:.5em}</style></head><body>
            <h1>Import report: \(h(r.dataset)) into \(h(r.contextID))</h1>

            """
        if r.fictional { s += "<p class=\"fictional\">FICTIONAL demonstration context: do not use these services for real referrals.</p>\n" }
        s += "<table>\n"
        for (k, v) in countLines(r) { s += "<tr><th>\(h(k))</th><td>\(h(v))</td></tr>\n" }
        s += "</table>\n<h2>Summary by code</h2>\n<table><tr><th>code</th><th>findings</th><th>severity</th><th>action</th></tr>\n"
        for row in summaryRows(r) {
            s += "<tr><td><code>\(h(row.code))</code></td><td>\(row.count)</td><td class=\"\(row.severity)\">\(row.severity)</td><td>\(h(row.action))</td></tr>\n"
        }
        s += "</table>\n<h2>Findings (\(h(severityCounts(r))))</h2>\n<table><tr><th>place</th><th>severity</th><th>code</th><th>action</th><th>target</th><th>message</th></tr>\n"
        let (list, more) = shown(r, perCode: perCode)
        for f in list {
            s += "<tr><td>\(h(f.place.description))</td><td class=\"\(f.severity.rawValue)\">\(f.severity.rawValue)</td>"
                + "<td><code>\(h(f.code.rawValue))</code></td><td>\(f.action.rawValue)</td><td>\(h(target(f)))</td>"
                + "<td>\(h(f.message))\(f.hint.map { "<br><small>" + h($0) + "</small>" } ?? "")</td></tr>\n"
        }
        s += "</table>\n"
        for (code, n) in more.sorted(by: { $0.key < $1.key }) { s += "<p>… and \(n) more <code>\(h(code))</code> findings (the JSON report lists them all).</p>\n" }
        return s + "</body></html>\n"
    }
}

/// Words wrapped at `width` columns, continuation lines indented (a word longer than a line is kept whole).
func wrap(_ text: String, width: Int = 100, indent: String) -> String {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        if !line.isEmpty, line.count + 1 + word.count > width {
            lines.append(line)
            line = indent + word
        } else {
            line += (line.isEmpty ? "" : " ") + word
        }
    }
    lines.append(line)
    return lines.joined(separator: "\n")
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
