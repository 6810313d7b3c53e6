/// Draws a pathway graph as Graphviz DOT, Mermaid or a self-contained SVG. Pure functions:
/// the same pathway gives the same text.
public enum PathwayGraphRenderer {
    public enum Format: String, Sendable, CaseIterable {
        case dot, mermaid, svg
    }

    /// Renders a loaded pathway.
    public static func render(_ pathway: Pathway, format: Format) -> String {
        render(PathwayStructure.analyse(pathway), format: format)
    }

    /// Renders a pathway summary (as found in a `ValidationReport`). `status` colours SVG nodes
    /// by their worst coverage over all areas; `idPrefix` keeps SVG ids unique in one page.
    public static func render(_ p: PathwaySummary, format: Format, status: [String: CoverageStatus] = [:],
                              idPrefix: String = "g") -> String
    {
        switch format {
        case .dot: dot(p)
        case .mermaid: mermaid(p)
        case .svg: svg(p, status: status, idPrefix: idPrefix)
        }
    }

    // MARK: DOT

    static func dot(_ p: PathwaySummary) -> String {
        func q(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n") + "\""
        }
        let entry = Set(p.entry)
        var out = "digraph \(q(p.id)) {\n"
        out += "  label=\(q(p.name));\n  labelloc=t;\n  rankdir=TB;\n"
        out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\"];\n"
        for s in p.steps {
            var attrs = ["label=\(q(s.name + "\n" + s.category + (s.emergency ? "\nemergency: 24/7 needed" : "")))"]
            if entry.contains(s.id) { attrs.append("penwidth=2.5") }
            if s.terminal { attrs.append("peripheries=2") }
            if s.optional { attrs.append("style=\"rounded,dashed\"") }
            if s.depth == nil { attrs.append("color=\"#b00020\"") }
            out += "  \(q(s.id)) [\(attrs.joined(separator: ", "))];\n"
        }
        for l in p.links {
            var attrs: [String] = []
            if let w = l.when { attrs += ["label=\(q(w))", "style=dashed"] }
            out += "  \(q(l.from)) -> \(q(l.to))" + (attrs.isEmpty ? "" : " [\(attrs.joined(separator: ", "))]") + ";\n"
        }
        return out + "}\n"
    }

    // MARK: Mermaid

    static func mermaid(_ p: PathwaySummary) -> String {
        func text(_ s: String) -> String {
            s.replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "\n", with: " ")
        }
        let index = Dictionary(uniqueKeysWithValues: p.steps.enumerated().map { ($1.id, $0) })
        let entry = Set(p.entry)
        var out = "---\ntitle: \(text(p.name))\n---\nflowchart TD\n"
        for (i, s) in p.steps.enumerated() {
            let label = "\"" + text(s.name) + "<br/><small>" + text(s.category) + "</small>\""
            out += "  s\(i)" + (s.terminal ? "([\(label)])" : "[\(label)]") + "\n"
        }
        for l in p.links {
            guard let a = index[l.from], let b = index[l.to] else { continue }
            if let w = l.when {
                out += "  s\(a) -.->|\"\(text(w))\"| s\(b)\n"
            } else {
                out += "  s\(a) --> s\(b)\n"
            }
        }
        out += "  classDef entry stroke-width:3px\n  classDef emergency stroke:#b00020\n  classDef unreachable stroke-dasharray:4 3,stroke:#b00020\n"
        let groups: [(String, [Int])] = [
            ("entry", p.steps.indices.filter { entry.contains(p.steps[$0].id) }),
            ("emergency", p.steps.indices.filter { p.steps[$0].emergency }),
            ("unreachable", p.steps.indices.filter { p.steps[$0].depth == nil }),
        ]
        for (name, idx) in groups where !idx.isEmpty {
            out += "  class \(idx.map { "s\($0)" }.joined(separator: ",")) \(name)\n"
        }
        return out
    }

    // MARK: SVG

    static let nodeWidth = 176.0, nodeHeight = 62.0, hGap = 18.0, vGap = 54.0, margin = 20.0

    /// Node positions: one row per breadth-first depth from the entries (unreachable steps on a
    /// last row), ordered in a row by their parents' positions, then file order.
    static func layout(_ p: PathwaySummary) -> (positions: [String: (x: Double, y: Double)], width: Double, height: Double) {
        let maxDepth = p.steps.compactMap(\.depth).max() ?? -1
        var rows = [[Int]](repeating: [], count: maxDepth + 2)
        for (i, s) in p.steps.enumerated() { rows[s.depth ?? maxDepth + 1].append(i) }
        rows = rows.filter { !$0.isEmpty }
        var parents: [String: [String]] = [:]
        for l in p.links { parents[l.to, default: []].append(l.from) }
        var column: [String: Double] = [:]
        for r in rows.indices {
            let keyed = rows[r].map { i -> (Int, Double) in
                let ps = (parents[p.steps[i].id] ?? []).compactMap { column[$0] }
                return (i, ps.isEmpty ? Double(i) * 1e-3 : ps.reduce(0, +) / Double(ps.count) + Double(i) * 1e-6)
            }
            rows[r] = keyed.sorted { $0.1 < $1.1 }.map(\.0)
            for (k, i) in rows[r].enumerated() { column[p.steps[i].id] = Double(k) - Double(rows[r].count - 1) / 2 }
        }
        let widest = rows.map(\.count).max() ?? 1
        let width = Double(widest) * (nodeWidth + hGap) - hGap + 2 * margin + 60
        let height = Double(rows.count) * (nodeHeight + vGap) - vGap + 2 * margin
        var pos: [String: (x: Double, y: Double)] = [:]
        for (r, row) in rows.enumerated() {
            let rowWidth = Double(row.count) * (nodeWidth + hGap) - hGap
            let left = (width - 60 - rowWidth) / 2
            for (k, i) in row.enumerated() {
                pos[p.steps[i].id] = (left + Double(k) * (nodeWidth + hGap), margin + Double(r) * (nodeHeight + vGap))
            }
        }
        return (pos, width, height)
    }

    static func fill(_ s: CoverageStatus?) -> String {
        switch s {
        case .gap: "#f4b6b6"
        case .partial: "#ffd39b"
        case .waitlistOnly: "#fff0a8"
        case .reportingOnly: "#d5def7"
        case .covered: "#cdeccd"
        case .notApplicable, nil: "#f2f2f2"
        }
    }

    static func svg(_ p: PathwaySummary, status: [String: CoverageStatus], idPrefix: String) -> String {
        let (pos, width, height) = layout(p)
        let marker = "\(idPrefix)-arrow"
        let entry = Set(p.entry)
        let w = nodeWidth, h = nodeHeight
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pathway-graph\" role=\"img\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" aria-label=\"\(xmlEscape("pathway " + p.name))\">\n"
        out += "<title>\(xmlEscape(p.name))</title>\n"
        out += "<defs><marker id=\"\(marker)\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/></marker></defs>\n"
        for l in p.links {
            guard let a = pos[l.from], let b = pos[l.to] else { continue }
            let dash = l.when == nil ? "" : " stroke-dasharray=\"5 4\""
            let path: String
            if b.y > a.y {
                let x1 = a.x + w / 2, y1 = a.y + h, x2 = b.x + w / 2, y2 = b.y
                let my = (y1 + y2) / 2
                path = "M\(n(x1)),\(n(y1)) C\(n(x1)),\(n(my)) \(n(x2)),\(n(my)) \(n(x2)),\(n(y2))"
            } else {
                // Back or sideways link (a loop): bulge out to the right of both steps.
                let x1 = a.x + w, y1 = a.y + h / 2, x2 = b.x + w, y2 = b.y + h / 2
                let bulge = max(x1, x2) + 40 + abs(y1 - y2) * 0.15
                path = "M\(n(x1)),\(n(y1)) C\(n(bulge)),\(n(y1)) \(n(bulge)),\(n(y2)) \(n(x2)),\(n(y2))"
            }
            out += "<path class=\"edge\" d=\"\(path)\" fill=\"none\" stroke=\"#444\" stroke-width=\"1.4\"\(dash) marker-end=\"url(#\(marker))\">"
            out += "<title>\(xmlEscape(l.from + " → " + l.to + (l.when.map { " when " + $0 } ?? "")))</title></path>\n"
        }
        for s in p.steps {
            guard let at = pos[s.id] else { continue }
            let stroke = s.depth == nil ? "#b00020" : "#333"
            var attrs = "fill=\"\(fill(status[s.id]))\" stroke=\"\(stroke)\" stroke-width=\"\(entry.contains(s.id) ? "3" : "1.2")\""
            if s.optional || s.depth == nil { attrs += " stroke-dasharray=\"6 3\"" }
            out += "<g class=\"step\" data-step=\"\(xmlEscape(s.id))\">"
            out += "<title>\(xmlEscape(s.name + " (" + s.category + ")" + (status[s.id].map { ": " + $0.label } ?? "")))</title>"
            out += "<rect x=\"\(n(at.x))\" y=\"\(n(at.y))\" width=\"\(n(w))\" height=\"\(n(h))\" rx=\"8\" \(attrs)/>"
            if s.terminal {
                out += "<rect x=\"\(n(at.x + 3))\" y=\"\(n(at.y + 3))\" width=\"\(n(w - 6))\" height=\"\(n(h - 6))\" rx=\"6\" fill=\"none\" stroke=\"#333\" stroke-width=\"0.6\"/>"
            }
            let lines = wrap(s.name, width: 24, maxLines: 2)
            for (k, line) in lines.enumerated() {
                let y = at.y + (lines.count == 1 ? 25 : 18 + Double(k) * 15)
                out += "<text x=\"\(n(at.x + w / 2))\" y=\"\(n(y))\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\">\(xmlEscape(line))</text>"
            }
            var second = s.category
            if s.emergency { second = "⚡ " + second }
            out += "<text x=\"\(n(at.x + w / 2))\" y=\"\(n(at.y + 53))\" text-anchor=\"middle\" font-size=\"10\" fill=\"#333\">\(xmlEscape(truncate(second, 32)))</text>"
            out += "</g>\n"
        }
        return out + "</svg>\n"
    }

    /// Greedy word wrap into at most `maxLines` lines of `width` characters; the last line is
    /// cut with an ellipsis when the text does not fit.
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] += " …"
        }
        return lines.map { truncate($0, width + 2) }
    }

    static func truncate(_ s: String, _ max: Int) -> String {
        s.count <= max ? s : String(s.prefix(max - 1)) + "…"
    }
}

/// Escapes text for XML and HTML content and attribute values.
func xmlEscape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in s.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(c)
        }
    }
    return out
}
