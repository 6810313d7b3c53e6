import Foundation
import Testing
@testable import ReferralCore

@Suite("Validation: reports and graphs")
struct ValidationRenderTests {
    @Test("text lists every finding, the matrix and the summary")
    func text() throws {
        let r = try ValidationFixtures.report("coverage")
        let t = ReportRenderer.render(r, format: .text)
        for f in r.findings { #expect(t.contains(f.rendered)) }
        #expect(t.contains("(FICTIONAL data)"))
        #expect(t.contains("QQ0102 Upper-West X  X! w  x  + "), "\(t)")
        #expect(t.hasSuffix("summary: 0 errors, 12 warnings, 2 info; coverage: 4 of 12 step × area cells leave someone without any service, 8 are not fully covered\n"))
    }

    @Test("JSON is canonical and decodes back to the same report")
    func json() throws {
        let r = try ValidationFixtures.report("coverage")
        let text = ReportRenderer.render(r, format: .json)
        let back = try JSONDecoder().decode(ValidationReport.self, from: Data(text.utf8))
        #expect(back == r)
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"status\" : \"reporting-only\""))
    }

    @Test("Markdown has a matrix per pathway and one table row per finding")
    func markdown() throws {
        let r = try ValidationFixtures.report("data-quality")
        let m = ReportRenderer.render(r, format: .markdown)
        let rows = m.split(separator: "\n").filter { $0.hasPrefix("| error |") || $0.hasPrefix("| warning |") || $0.hasPrefix("| info |") }
        #expect(rows.count == r.findings.count)
        #expect(m.contains("### Gender-based violence\n\n| Area | GBV case management | Clinical management of rape | Police (only if the survivor chooses) |"))
        #expect(m.contains("> **Fictional data**"))
        // A pipe in a message cannot break the table.
        var odd = r
        odd.findings[0].message = "a | b"
        #expect(ReportRenderer.render(odd, format: .markdown).contains("a \\| b"))
    }

    @Test("HTML is self-contained: no scripts, no links out, inline SVG per pathway")
    func htmlSelfContained() throws {
        let r = try ValidationFixtures.report("structure")
        let h = ReportRenderer.render(r, format: .html)
        #expect(h.hasPrefix("<!DOCTYPE html>"))
        #expect(!h.lowercased().contains("<script"))
        #expect(!h.contains("<link") && !h.contains("@import") && !h.contains("src="))
        // The only URL is the SVG namespace, which is a name and never fetched.
        let urls = h.components(separatedBy: "http").dropFirst().map { String($0.prefix(24)) }
        #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg") }, "\(urls)")
        #expect(h.components(separatedBy: "<svg").count - 1 == r.pathways.count)
        #expect(h.components(separatedBy: "<table class=\"matrix\"").count - 1 == r.pathways.count)
        #expect(h.contains("cycle: follow-up → review → follow-up"))
        #expect(h.components(separatedBy: "<tr class=\"finding\">").count - 1 == r.findings.count)
    }

    @Test("HTML escapes every piece of text from the data")
    func htmlEscaping() throws {
        var r = try ValidationFixtures.report("coverage")
        let evil = "<img src=x onerror=alert(1)> & \"quoted\" 'single'"
        r.context?.name = evil
        r.findings[0].message = evil
        r.findings[0].help = evil
        r.areas[0].name = evil
        r.pathways[0].name = evil
        r.pathways[0].steps[0].name = evil
        let h = ReportRenderer.render(r, format: .html)
        #expect(!h.contains("<img"))
        #expect(!h.contains("\"quoted\""))
        #expect(h.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; &#39;single&#39;"))
    }

    @Test("graphs: DOT and Mermaid list every step and link, conditions as labels")
    func graphs() throws {
        let d = try #require(ValidationFixtures.load("coverage").directory)
        let gbv = try #require(d.pathway("gbv"))
        let dot = PathwayGraphRenderer.render(gbv, format: .dot)
        #expect(dot.hasPrefix("digraph \"gbv\" {"))
        #expect(dot.contains("\"case-management\" -> \"clinical-care\" [label=\"incident rape/sexual-assault\", style=dashed];"))
        #expect(dot.contains("\"case-management\" -> \"safety\";"))
        #expect(dot.components(separatedBy: " -> ").count - 1 == 4)
        #expect(dot.contains("\"case-management\" [label=\"GBV case management\\ngbv.case-management\", penwidth=2.5];"))

        let mm = PathwayGraphRenderer.render(gbv, format: .mermaid)
        #expect(mm.contains("flowchart TD"))
        #expect(mm.contains("  s0 -.->|\"incident rape/sexual-assault\"| s1"))
        #expect(mm.contains("  s0 --> s2"))
        #expect(mm.contains("class s0 entry"))
        #expect(mm.contains("class s1 emergency"))
    }

    @Test("SVG draws a box per step, an arrow per link, and loops back for a cycle")
    func svg() throws {
        let d = try #require(ValidationFixtures.load("structure").directory)
        let p = try #require(d.pathway("broken"))
        let s = PathwayGraphRenderer.render(p, format: .svg)
        #expect(s.components(separatedBy: "<g class=\"step\"").count - 1 == p.steps.count)
        #expect(s.components(separatedBy: "<path class=\"edge\"").count - 1 == 5)
        #expect(s.contains("<title>review → follow-up when distress ≥ moderate</title>"))
        // The unreachable step is drawn dashed in red on its own row.
        let layout = PathwayGraphRenderer.layout(PathwayStructure.analyse(p))
        let orphan = try #require(layout.positions["orphan"]), review = try #require(layout.positions["review"])
        #expect(orphan.y > review.y)
        #expect(s.contains("data-step=\"orphan\""))
        #expect(PathwayGraphRenderer.render(p, format: .svg) == s)
    }
}
