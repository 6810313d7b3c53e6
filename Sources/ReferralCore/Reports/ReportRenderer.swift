import Foundation

public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, markdown, html
}

/// Turns a `ValidationReport` into text for a terminal, JSON for other tools, Markdown for a
/// cluster report, or a self-contained HTML page. Pure: returns the text, prints nothing.
public enum ReportRenderer {
    public static func render(_ r: ValidationReport, format: ReportFormat) -> String {
        switch format {
        case .text: text(r)
        case .json: String(decoding: canonicalJSON(r), as: UTF8.self)
        case .markdown: markdown(r)
        case .html: HTMLReport.render(r)
        }
    }

    // MARK: shared pieces

    static func title(_ r: ValidationReport) -> String {
        guard let c = r.context else { return "Validation report" }
        return "Validation report: \(c.name)"
    }

    static func summaryLine(_ r: ValidationReport) -> String {
        let s = r.summary
        var t = "\(s.errors) error\(s.errors == 1 ? "" : "s"), \(s.warnings) warning\(s.warnings == 1 ? "" : "s"), \(s.info) info"
        if s.cells > 0 {
            t += "; coverage: \(s.cellsWithGaps) of \(s.cells) step × area cells leave someone without any service, \(s.cellsNotFullyCovered) are not fully covered"
        }
        return t
    }

    /// Coverage rows grouped by pathway, in report order.
    static func rowsByPathway(_ r: ValidationReport) -> [(PathwaySummary, [StepCoverage])] {
        r.pathways.map { p in (p, r.coverage.filter { $0.pathway == p.id }) }
    }

    /// Worst status of each step over all areas, for colouring graphs.
    static func worstByStep(_ rows: [StepCoverage]) -> [String: CoverageStatus] {
        var out: [String: CoverageStatus] = [:]
        for row in rows { out[row.step] = row.cells.map(\.status).max() ?? .notApplicable }
        return out
    }

    static func populationsText(_ r: ValidationReport, _ cell: CoverageCell) -> String {
        let names = Dictionary(uniqueKeysWithValues: r.populations.map { ($0.id, $0.name) })
        var parts: [String] = []
        for st in CoverageStatus.allCases.reversed() where st != .covered && st != .notApplicable {
            let who = cell.populations.filter { $0.status == st }.map { names[$0.population] ?? $0.population }
            if !who.isEmpty { parts.append("\(st.label): \(who.joined(separator: ", "))") }
        }
        if cell.allHours == false { parts.append("no option open at every hour") }
        return parts.isEmpty ? "covered for everyone it applies to" : parts.joined(separator: "; ")
    }

    // MARK: text

    static func symbol(_ c: CoverageCell) -> String {
        if c.status == .gap && c.baseStatus != .gap { return "x" }
        return switch c.status {
        case .covered: "+"
        case .reportingOnly: "r"
        case .waitlistOnly: "w"
        case .partial: "p"
        case .gap: "X"
        case .notApplicable: "-"
        }
    }

    static func text(_ r: ValidationReport) -> String {
        var out = title(r) + "\n"
        if let c = r.context {
            out += "context \(c.id)\(c.fictional ? " (FICTIONAL data)" : ""), checked for \(r.at), stale after \(c.staleAfterDays) days\n"
        }
        out += "\n"
        for f in r.findings { out += f.rendered + "\n" }
        if r.findings.isEmpty { out += "no findings\n" }
        if !r.coverage.isEmpty {
            out += "\ncoverage by area (+ covered, r reporting duty only, w waitlist only, p restricted only, X gap, x gap for some population groups or legal statuses, - n/a, ! no 24/7 option for an emergency step)\n"
            let nameWidth = min(28, r.areas.map { $0.pcode.count + 1 + $0.name.count }.max() ?? 10)
            for (p, rows) in rowsByPathway(r) where !rows.isEmpty {
                out += "\n\(p.name) (\(p.id))\n"
                for (i, row) in rows.enumerated() { out += "  \(i + 1). \(row.stepName) [\(row.category)]\n" }
                out += "  " + "".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                out += rows.indices.map { " " + String($0 + 1).padding(toLength: 2, withPad: " ", startingAt: 0) }.joined() + "\n"
                for (ai, a) in r.areas.enumerated() {
                    let label = String("\(a.pcode) \(a.name)".prefix(nameWidth))
                    out += "  " + label.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                    for row in rows {
                        let cell = row.cells[ai]
                        out += " " + symbol(cell) + (cell.allHours == false ? "!" : " ")
                    }
                    out += "\n"
                }
            }
        }
        out += "\nsummary: " + summaryLine(r) + "\n"
        return out
    }

    // MARK: Markdown

    static func md(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "*", "_", "`", "[", "]": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }

    static func badge(_ s: CoverageStatus) -> String {
        switch s {
        case .covered: "🟩 covered"
        case .reportingOnly: "🟦 reporting duty only"
        case .waitlistOnly: "🟨 waitlist only"
        case .partial: "🟧 restricted only"
        case .gap: "🟥 gap"
        case .notApplicable: "⬜ n/a"
        }
    }

    static func markdown(_ r: ValidationReport) -> String {
        var out = "# \(md(title(r)))\n\n"
        if let c = r.context, c.fictional { out += "> **Fictional data**: not a real country, organisation or service.\n\n" }
        if let c = r.context {
            out += "- Context: `\(c.id)`\n- Checked for: \(r.at) (entries are stale after \(c.staleAfterDays) days)\n"
            out += "- Areas at reporting level \(c.reportingLevel): \(r.summary.areas); services: \(r.summary.services); pathways: \(r.summary.pathways)\n"
        }
        out += "- Findings: **\(r.summary.errors) errors**, \(r.summary.warnings) warnings, \(r.summary.info) info\n"
        if r.summary.cells > 0 {
            out += "- Coverage: \(r.summary.cellsWithGaps) of \(r.summary.cells) step × area cells leave someone without any service; \(r.summary.cellsNotFullyCovered) are not fully covered\n"
        }
        out += "\n"
        if !r.coverage.isEmpty {
            out += "## Coverage\n\nWorst status over all populations (sex × age, population groups, legal statuses); ⚡ marks an emergency step with no option open at every hour.\n\n"
            for (p, rows) in rowsByPathway(r) where !rows.isEmpty {
                out += "### \(md(p.name))\n\n| Area | " + rows.map { md($0.stepName) }.joined(separator: " | ") + " |\n"
                out += "| --- |" + String(repeating: " --- |", count: rows.count) + "\n"
                for (ai, a) in r.areas.enumerated() {
                    out += "| \(md(a.name)) (\(a.pcode)) |"
                    for row in rows {
                        let cell = row.cells[ai]
                        out += " \(badge(cell.status))\(cell.status != cell.baseStatus ? " for some groups (\(cell.baseStatus.label) for others)" : "")\(cell.allHours == false ? " ⚡" : "") |"
                    }
                    out += "\n"
                }
                out += "\n"
            }
        }
        out += "## Findings\n\n"
        if r.findings.isEmpty { return out + "No findings.\n" }
        out += "| Severity | Code | Place | Message | Suggested fix |\n| --- | --- | --- | --- | --- |\n"
        for f in r.findings {
            out += "| \(f.severity.rawValue) | `\(f.code)` | \(md(f.place.description)) | \(md(f.message)) | \(md(f.help ?? "")) |\n"
        }
        return out
    }
}
