import ReferralCore

/// The pieces every page shares: escaping, the layout (navigation, the fictional-data banner,
/// `lang`/`dir`), the style sheet, and small renderers for contacts and times. Pages are
/// self-contained: inline CSS and script, nothing fetched from elsewhere, so they work offline.
enum HTML {
    /// Escapes text for element content and quoted attribute values.
    static func e(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
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

    /// The language and direction of the page text. English today; a translation sets both
    /// (`dir="rtl"` for Arabic), and the style sheet uses logical properties so it mirrors.
    static let lang = "en"
    static let dir = "ltr"

    static func page(title: String, fictional: Bool, current: String, body: String, script: String = "") -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(lang)\" dir=\"\(dir)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(e(title))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        out += "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n"
        out += "<header class=\"top\"><nav aria-label=\"Pages\"><strong>Referral Router</strong>"
        for (href, label) in [("/", "Case"), ("/search", "Find a service"), ("/validate", "Coordinator report")] {
            out += href == current ? " <a href=\"\(href)\" aria-current=\"page\">\(label)</a>" : " <a href=\"\(href)\">\(label)</a>"
        }
        out += "</nav></header>\n"
        if fictional {
            out += "<p class=\"fictional\" role=\"note\"><strong>Fictional demonstration data</strong>: these services and organisations do not exist. Do not use them for real referrals.</p>\n"
        }
        out += "<main id=\"main\" tabindex=\"-1\">\n\(body)</main>\n"
        if !script.isEmpty { out += "<script>\n\(script)</script>\n" }
        out += "</body>\n</html>\n"
        return out
    }

    /// A phone number that never breaks across lines, and dials when tapped.
    static func phone(_ p: String) -> String {
        let dial = p.filter { $0.isNumber || $0 == "+" }
        return "<a class=\"tel\" href=\"tel:\(e(dial))\">\(e(p))</a>"
    }

    static func contact(_ c: Contact?) -> String {
        guard let c else { return "no contact listed" }
        var parts: [String] = []
        if let r = c.role { parts.append(e(r)) }
        if let p = c.phone { parts.append(phone(p)) }
        if let m = c.email { parts.append("<a class=\"mail\" href=\"mailto:\(e(m))\">\(e(m))</a>") }
        return parts.joined(separator: ", ")
    }

    /// `open now`, `CLOSED now, opens in 42 h`, or `hours unknown`.
    static func openState(_ open: Bool?, opensIn: Double?) -> String {
        switch open {
        case true?: return "<span class=\"open\">open now</span>"
        case false?: return "<span class=\"closed\">closed now</span>" + (opensIn.map { ", opens in \(hours($0))" } ?? "")
        case nil: return "hours unknown"
        }
    }

    static func hours(_ h: Double) -> String {
        let r = (h * 10).rounded() / 10
        return r == r.rounded() ? "\(Int(r)) h" : "\(r) h"
    }

    static func options(_ pairs: [(value: String, label: String)], selected: String?, empty: String? = nil) -> String {
        var out = empty.map { "<option value=\"\">\(e($0))</option>" } ?? ""
        for p in pairs {
            out += "<option value=\"\(e(p.value))\"\(p.value == selected ? " selected" : "")>\(e(p.label))</option>"
        }
        return out
    }

    static let css = """
    :root{--fg:#1d1d1d;--muted:#5a5a5a;--line:#c9c9c9;--accent:#0b5cad;--bad:#a1001c;--warn:#8a4b00;--ok:#1d6b2c}
    *{box-sizing:border-box}[hidden]{display:none!important}
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:var(--fg);line-height:1.45;font-size:16px}
    main{padding:12px 16px 40px;max-width:1100px;margin:0 auto}
    .skip{position:absolute;inset-inline-start:-9999px}.skip:focus{inset-inline-start:8px;top:8px;background:#fff;padding:6px;z-index:9}
    .top{background:#16324f;color:#fff;padding:8px 16px}.top a{color:#fff;margin-inline-start:14px}.top a[aria-current]{font-weight:700;text-decoration:underline 3px}
    .fictional{background:#fff4d6;border:1px solid #e0b84c;padding:6px 10px;margin:8px 16px;border-radius:4px}
    h1{font-size:1.4em;margin:.4em 0}h2{font-size:1.2em;margin:1.2em 0 .4em}h3{font-size:1.05em;margin:.8em 0 .3em}
    a{color:var(--accent)}:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
    fieldset{border:1px solid var(--line);border-radius:6px;margin:0 0 12px;padding:8px 12px}
    legend{font-weight:700;padding:0 4px}
    label{display:inline-flex;align-items:center;gap:6px;margin:3px 14px 3px 0}
    .field{display:flex;flex-wrap:wrap;align-items:center;gap:6px 10px;margin:6px 0}.field>span.name{min-width:11em;font-weight:600}
    select,input[type=number]{font:inherit;padding:4px 6px;border:1px solid #888;border-radius:4px;max-width:100%}
    input[type=number]{width:7em}input[type=checkbox]{width:1.1em;height:1.1em}
    button{font:inherit;padding:7px 14px;border-radius:5px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}
    button.secondary{background:#fff;color:var(--accent)}
    .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:0 14px}
    .hint{color:var(--muted);font-size:.92em}
    .tel,.nowrap{white-space:nowrap}
    .open{color:var(--ok);font-weight:600}.closed{color:var(--bad);font-weight:600}
    .critical{border:2px solid var(--bad);background:#fdecee;border-radius:6px;padding:6px 12px;margin:8px 0}
    .critical li{margin:4px 0}.warn{color:var(--warn)}.ask{color:var(--bad)}.merged{font-style:italic}
    .step{border:1px solid var(--line);border-radius:6px;padding:6px 12px;margin:10px 0}
    .urgency{display:inline-block;font-weight:700;font-size:.85em;padding:1px 7px;border-radius:3px;margin-inline-end:6px}
    .u-immediate{background:#5c0011;color:#fff;outline:2px solid var(--bad)}.u-emergency{background:var(--bad);color:#fff}.u-urgent{background:#e07b00;color:#fff}.u-routine{background:#dde6ee}
    .action{font-weight:700}.a-refer,.a-emergency-referral{color:var(--ok)}.a-inform{color:var(--warn)}.a-excluded{color:var(--bad)}
    ol.brief-steps>li{margin:0 0 10px}ol.options,ul.excluded{padding-inline-start:1.2em}ol.options>li,ul.excluded>li{margin:8px 0}
    table{border-collapse:collapse;margin:6px 0 12px;width:100%}th,td{border:1px solid var(--line);padding:4px 7px;text-align:start;vertical-align:top;font-size:.95em}
    th{background:#f3f3f3}
    details>summary{cursor:pointer;font-weight:600;margin:8px 0}
    .checks{font-size:.9em}.checks td.o-fail{color:var(--bad)}.checks td.o-warn{color:var(--warn)}
    .errors{border:2px solid var(--bad);padding:6px 12px;border-radius:6px;background:#fdecee}
    @media (max-width:700px){main{padding:8px}.field>span.name{min-width:100%}.top a{margin-inline-start:8px}label{margin-inline-end:10px}}
    @media print{.top,.skip,.noprint,button{display:none!important}body{font-size:12pt}main{max-width:none;padding:0}.fictional{border:2px solid #000}a{color:#000;text-decoration:none}}
    """
}
