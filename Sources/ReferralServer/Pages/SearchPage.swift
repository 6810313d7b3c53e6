import ReferralCore

/// Directory search for a hotline (`GET /search`): a GET form of selects and checkboxes, and the
/// results in a table, rendered on the server (it works without scripts).
enum SearchPage {
    static func render(_ d: Directory, query: ServiceSearch, answer: ServiceSearch.Answer?, error: HTTPError?) -> String {
        let ctx = d.context
        var b = "<h1>Find a service</h1>\n<form method=\"get\" action=\"/search\" class=\"search\">\n<div class=\"grid\"><div>\n"
        let categories = ctx.categories.values.sorted { $0.id < $1.id }.map { (value: $0.id, label: $0.name) }
        b += field("Category", "category", HTML.options(categories, selected: query.category, empty: "any category"))
        let areas = ctx.areas.values.sorted { $0.pcode < $1.pcode }.map {
            (value: $0.pcode, label: String(repeating: "\u{2003}", count: $0.level) + "\($0.name) (\($0.pcode))")
        }
        b += field("Area", "area", HTML.options(areas, selected: query.area, empty: "any area"))
        b += field("Language", "language", HTML.options(ctx.languages.map { (value: $0.code, label: $0.name) }, selected: query.language,
                                                       empty: "any language"))
        b += field("Modality", "modality", HTML.options(Modality.allCases.map { (value: $0.rawValue, label: $0.rawValue) },
                                                       selected: query.modality?.rawValue, empty: "any"))
        b += "</div><div>\n"
        b += "<label><input type=\"checkbox\" name=\"openNow\" value=\"1\"\(query.openNow ? " checked" : "")> Open now</label><br>\n"
        b += "<label><input type=\"checkbox\" name=\"selfReferral\" value=\"1\"\(query.selfReferral ? " checked" : "")> Accepts self-referral</label>\n"
        b += "<p><button type=\"submit\">Search</button></p></div></div>\n</form>\n"
        if let error { b += "<p class=\"errors\">\(HTML.e(error.message))\(error.help.map { ": " + HTML.e($0) } ?? "")</p>\n" }
        if let a = answer { b += results(a, query, ctx) }
        return HTML.page(title: "Referral Router: find a service", fictional: ctx.fictional, current: "/search", body: b)
    }

    static func field(_ label: String, _ name: String, _ options: String) -> String {
        "<label class=\"field\"><span class=\"name\">\(label)</span><select name=\"\(name)\">\(options)</select></label>\n"
    }

    static func results(_ a: ServiceSearch.Answer, _ q: ServiceSearch, _ ctx: Context) -> String {
        var b = "<h2 id=\"results\">\(a.count) service\(a.count == 1 ? "" : "s") <span class=\"hint nowrap\">at \(HTML.e(a.at))</span></h2>\n"
        if a.neighbouring, let area = q.area {
            b += "<p class=\"warn\" role=\"status\">Nothing serves \(HTML.e(ctx.areaName(area))) (\(HTML.e(area))): these serve the neighbouring areas.</p>\n"
        }
        if a.results.isEmpty { return b + "<p>No service matches. Widen the search (area, language, open now).</p>\n" }
        b += "<table class=\"results\"><thead><tr><th>service</th><th>where</th><th>contact</th><th>now</th><th>how</th></tr></thead><tbody>\n"
        for h in a.results {
            b += "<tr data-service=\"\(HTML.e(h.service))\" data-proximity=\"\(h.proximity)\">"
            b += "<td><strong>\(HTML.e(h.name))</strong><br>\(HTML.e(h.organisationName))<br><span class=\"hint\">\(HTML.e(h.categoryName))</span></td>"
            let areas = h.areas.map { "\(HTML.e(ctx.areaName($0))) (\(HTML.e($0)))" }.joined(separator: ", ")
            b += "<td>\(areas)<br><span class=\"hint\">\(proximityText(h.proximity))</span>"
            b += h.addressConfidential ? "<br>address confidential" : (h.address.map { "<br>" + HTML.e($0) } ?? "")
            b += "</td><td>\(HTML.contact(h.contact))</td>"
            b += "<td>\(HTML.openState(h.openNow, opensIn: h.opensInHours))\(h.status == .open ? "" : "<br><span class=\"warn\">\(h.status.rawValue)</span>")</td>"
            b += "<td>\(HTML.e(h.modality.map(\.rawValue).joined(separator: ", ")))<br>languages \(HTML.e(h.languages.joined(separator: ", ")))\(h.interpretation ? " + interpretation" : "")"
            b += "<br>\(h.selfReferral ? "self-referral accepted" : "by referral only")\(h.cost.map { "<br>cost: " + HTML.e($0) } ?? "")</td></tr>\n"
        }
        return b + "</tbody></table>\n"
    }

    static func proximityText(_ p: String) -> String {
        switch p {
        case "same-area": "serves this area"
        case "parent-area": "serves a wider area that includes it"
        case "within-area": "serves part of this area"
        case "neighbouring-area": "NEIGHBOURING AREA"
        default: ""
        }
    }
}
