/// A self-contained HTML report that works offline: inline CSS, inline SVG, no scripts, no
/// fonts or images from anywhere. Every piece of text from the data is escaped.
enum HTMLReport {
    static let css = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:24px;color:#1d1d1d;line-height:1.4}
    h1{font-size:1.5em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:2px solid #ddd;padding-bottom:.2em}
    .fictional{background:#fff4d6;border:1px solid #e0b84c;padding:6px 10px;border-radius:4px;display:inline-block}
    .summary{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
    .summary div{border:1px solid #ccc;border-radius:6px;padding:8px 14px;min-width:90px}
    .summary b{display:block;font-size:1.5em}
    .summary .errors b{color:#b00020}.summary .warnings b{color:#a15c00}
    table{border-collapse:collapse;margin:8px 0 18px}
    th,td{border:1px solid #bbb;padding:4px 7px;vertical-align:top;font-size:13px}
    th{background:#f3f3f3;text-align:left}
    table.matrix td{text-align:center;min-width:78px}
    table.matrix th.step{max-width:130px;font-weight:600}
    td.s-gap{background:#f4b6b6}td.s-partial{background:#ffd39b}td.s-waitlist-only{background:#fff0a8}
    td.s-reporting-only{background:#d5def7}td.s-covered{background:#cdeccd}td.s-not-applicable{background:#f2f2f2;color:#777}
    td.no-24-7{outline:3px dashed #b00020;outline-offset:-4px}
    .legend span{display:inline-block;padding:2px 8px;margin:2px;border:1px solid #bbb;font-size:12px}
    .sev-error{color:#b00020;font-weight:bold}.sev-warning{color:#a15c00;font-weight:bold}.sev-info{color:#245}
    code{font-size:12px}
    .graph{overflow-x:auto;border:1px solid #ddd;padding:6px;margin-bottom:12px}
    .graph svg{display:block;margin:0 auto;max-width:100%;height:auto}
    .graph svg text{font-family:system-ui,Helvetica,Arial,sans-serif}
    """

    static func e(_ s: String) -> String { xmlEscape(s) }

    static func render(_ r: ValidationReport) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(e(ReportRenderer.title(r)))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        out += "<h1>\(e(ReportRenderer.title(r)))</h1>\n"
        if let c = r.context {
            if c.fictional {
                out += "<p class=\"fictional\"><strong>Fictional data</strong>: not a real country, organisation or service.</p>\n"
            }
            out += "<p>Context <code>\(e(c.id))</code>, checked for <time>\(e(r.at))</time>; entries are stale after \(c.staleAfterDays) days; coverage at administrative level \(c.reportingLevel).</p>\n"
        }
        out += summary(r)
        if !r.coverage.isEmpty { out += matrix(r) }
        if !r.pathways.isEmpty { out += graphs(r) }
        out += findings(r)
        out += "</body>\n</html>\n"
        return out
    }

    static func summary(_ r: ValidationReport) -> String {
        let s = r.summary
        var out = "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"summary\">\n"
        let boxes: [(String, String, Int)] = [
            ("errors", "errors", s.errors), ("warnings", "warnings", s.warnings), ("info", "info", s.info),
            ("gaps", "step × area cells with a gap", s.cellsWithGaps),
            ("partial", "cells not fully covered", s.cellsNotFullyCovered), ("cells", "cells checked", s.cells),
            ("services", "services", s.services), ("pathways", "pathways", s.pathways), ("areas", "areas", s.areas),
        ]
        for (cls, label, n) in boxes { out += "<div class=\"\(cls)\"><b>\(n)</b>\(e(label))</div>\n" }
        out += "</div>\n"
        if !s.byCode.isEmpty {
            out += "<p>Findings by code: " + s.byCode.map { "<code>\(e($0.code.rawValue))</code> \($0.count)" }.joined(separator: ", ") + "</p>\n"
        }
        return out + "</section>\n"
    }

    static func matrix(_ r: ValidationReport) -> String {
        var out = "<section id=\"coverage\">\n<h2>Coverage matrix</h2>\n"
        out += "<p>Each cell is the worst status over all populations checked (girls, women, boys, men, each population group and each legal status). Hover a cell for the detail.</p>\n"
        out += "<p class=\"legend\">" + CoverageStatus.allCases.reversed().map {
            "<span class=\"s-\($0.rawValue)\" style=\"background:\(PathwayGraphRenderer.fill($0))\">\(e($0.label))</span>"
        }.joined() + "<span style=\"outline:3px dashed #b00020;outline-offset:-4px\">emergency step: no option open at every hour</span></p>\n"
        for (p, rows) in ReportRenderer.rowsByPathway(r) where !rows.isEmpty {
            out += "<h3>\(e(p.name))</h3>\n<table class=\"matrix\" data-pathway=\"\(e(p.id))\">\n<thead><tr><th>Area</th>"
            for row in rows {
                out += "<th class=\"step\" title=\"\(e(row.category))\">\(e(row.stepName))\(row.emergency ? " ⚡" : "")</th>"
            }
            out += "</tr></thead>\n<tbody>\n"
            for (ai, a) in r.areas.enumerated() {
                out += "<tr><th>\(e(a.name)) <code>\(e(a.pcode))</code></th>"
                for row in rows {
                    let cell = row.cells[ai]
                    var cls = "s-\(cell.status.rawValue)"
                    if cell.allHours == false { cls += " no-24-7" }
                    let tip = ReportRenderer.populationsText(r, cell)
                        + (cell.services.isEmpty ? "" : " | services: " + cell.services.joined(separator: ", "))
                    out += "<td class=\"\(cls)\" data-area=\"\(e(a.pcode))\" data-step=\"\(e(row.step))\" title=\"\(e(tip))\">\(e(CoverageStatus.cellLabel(cell)))</td>"
                }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        return out + "</section>\n"
    }

    static func graphs(_ r: ValidationReport) -> String {
        var out = "<section id=\"pathways\">\n<h2>Pathways</h2>\n"
        out += "<p>Steps are drawn by links from the entry steps (thick border). A double border marks a step where the pathway may end, a dashed border an optional or unreachable step, ⚡ an emergency step, a dashed arrow a conditional link. Colours are the worst coverage of the step over all areas.</p>\n"
        for (i, (p, rows)) in ReportRenderer.rowsByPathway(r).enumerated() {
            out += "<h3>\(e(p.name)) <code>\(e(p.file))</code></h3>\n"
            var notes: [String] = []
            if !p.unreachable.isEmpty { notes.append("unreachable: " + p.unreachable.joined(separator: ", ")) }
            if !p.deadEnds.isEmpty { notes.append("dead ends: " + p.deadEnds.joined(separator: ", ")) }
            for c in p.cycles { notes.append("cycle: " + c.joined(separator: " → ")) }
            if !notes.isEmpty { out += "<p class=\"sev-error\">\(e(notes.joined(separator: "; ")))</p>\n" }
            out += "<div class=\"graph\" data-pathway=\"\(e(p.id))\">\n"
            out += PathwayGraphRenderer.render(p, format: .svg, status: ReportRenderer.worstByStep(rows), idPrefix: "g\(i)")
            out += "</div>\n"
        }
        return out + "</section>\n"
    }

    static func findings(_ r: ValidationReport) -> String {
        var out = "<section id=\"findings\">\n<h2>Findings</h2>\n"
        if r.findings.isEmpty { return out + "<p>No findings.</p>\n</section>\n" }
        out += "<table class=\"findings\">\n<thead><tr><th>Severity</th><th>Code</th><th>Place</th><th>Id</th><th>Message</th><th>Suggested fix</th></tr></thead>\n<tbody>\n"
        for f in r.findings {
            var place = e(f.place.description)
            if let rel = f.related { place += "<br><small>see also \(e(rel.description))</small>" }
            out += "<tr class=\"finding\"><td class=\"sev-\(f.severity.rawValue)\">\(f.severity.rawValue)</td><td><code>\(e(f.code.rawValue))</code></td>"
            out += "<td>\(place)</td><td>\(e(f.id ?? ""))</td><td>\(e(f.message))</td><td>\(e(f.help ?? ""))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }
}
