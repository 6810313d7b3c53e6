import Foundation

/// One size's figures, read back from the measuring child and the baseline.
struct Row {
    let size: Int
    let bytes: Int
    let router: [String: Any]
    let sqlite: [String: Any]?

    func int(_ k: String) -> Int { (router[k] as? NSNumber)?.intValue ?? 0 }
    func double(_ k: String) -> Double { (router[k] as? NSNumber)?.doubleValue ?? 0 }
    func ints(_ k: String) -> [UInt64] { ((router[k] as? [NSNumber]) ?? []).map { UInt64($0.int64Value) } }
    func sq(_ k: String) -> Double? { (sqlite?[k] as? NSNumber)?.doubleValue }
    func sqs(_ k: String) -> [UInt64] { ((sqlite?[k] as? [NSNumber]) ?? []).map { UInt64($0.int64Value) } }
}

func us(_ ns: Double) -> String { ns < 10_000 ? String(format: "%.1f", ns / 1000) : String(format: "%.0f", ns / 1000) }
func ms(_ ns: Double) -> String { String(format: "%.0f", ns / 1e6) }

/// Spread of per-pass medians, as a noise indicator: "12.3 (12.0–13.1)".
func spread(_ xs: [UInt64]) -> String {
    guard let lo = xs.min(), let hi = xs.max() else { return "-" }
    return "\(us(Double(lo)))–\(us(Double(hi)))"
}

func renderTable(_ rows: [Row]) -> String {
    var lines: [String] = []
    lines.append("| services | areas | JSON MiB | load+index ms (median) | MB/s | parse-only ms | validate ms | route p50 µs | p50 per pass | route p99 µs | cases/s (1 core) | route+expand p50 µs | route+JSON p50 µs | route+JSONEncoder p50 µs | filter-only p50 µs | decisions/case | case load µs | peak MB after load | kept MB after load | peak MB total | SQLite p50 µs | SQLite p99 µs | SQLite cases/s | router/SQLite p50 | router/SQLite p99 |")
    lines.append("|" + String(repeating: "---:|", count: 25))
    for r in rows {
        let load = Double(median(r.ints("loadNs")))
        let parse = Double(median(r.ints("parseNs")))
        let cases = Double(r.int("cases"))
        let pass = Double(median(r.ints("passNs")))
        let p50 = Double(r.int("routeP50Ns")), p99 = Double(r.int("routeP99Ns"))
        var cells = [
            "\(r.size)", "\(r.int("areas"))", String(format: "%.1f", Double(r.bytes) / 1_048_576), ms(load),
            String(format: "%.0f", Double(r.bytes) / 1e6 / (load / 1e9)), ms(parse), ms(Double(median(r.ints("validateNs")))), us(p50), spread(r.ints("passP50Ns")), us(p99),
            String(format: "%.0f", cases / (pass / 1e9)), us(Double(r.int("routeExpandP50Ns"))), us(Double(r.int("routeEncodeP50Ns"))),
            us(Double(r.int("routeEncoderP50Ns"))), us(Double(r.int("filterP50Ns"))),
            String(format: "%.1f", r.double("decisionsPerCase")), us(Double(r.int("caseLoadNsPerCase"))),
            String(format: "%.0f", Double(r.int("peakKBAfterLoad")) / 1024),
            String(format: "%.0f", Double(r.int("residentKBAfterLoad")) / 1024), String(format: "%.0f", Double(r.int("peakKB")) / 1024),
        ]
        if let s50 = r.sq("p50Ns"), let s99 = r.sq("p99Ns") {
            let sPass = Double(median(r.sqs("passNs")))
            cells += [us(s50), us(s99), String(format: "%.0f", cases / (sPass / 1e9)), String(format: "%.2f", p50 / s50),
                      String(format: "%.2f", p99 / s99)]
        } else {
            cells += ["-", "-", "-", "-", "-"]
        }
        lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    if let first = rows.first, let last = rows.last, rows.count > 1 {
        let g50 = Double(last.int("routeP50Ns")) / Double(max(1, first.int("routeP50Ns")))
        let g99 = Double(last.int("routeP99Ns")) / Double(max(1, first.int("routeP99Ns")))
        lines.append("")
        lines.append(String(format: "routing cost growth %d → %d services: p50 ×%.2f, p99 ×%.2f", first.size, last.size, g50, g99))
    }
    if let s = rows.first?.sqlite {
        lines.append("SQLite \(s["sqliteVersion"] ?? "?") via Python \(s["python"] ?? "?"); a bare Python→SQLite call costs about "
            + us((s["callOverheadP50Ns"] as? NSNumber)?.doubleValue ?? 0) + " µs of each baseline figure")
    }
    return lines.joined(separator: "\n")
}

/// Differences between the router's and SQLite's eligible services, as readable lines.
func compareEligible(router: [String: Any], sqlite: [String: Any]) -> [String] {
    var out: [String] = []
    for code in Set(router.keys).union(sqlite.keys).sorted() {
        let a = router[code] as? [String: [String]]
        let b = sqlite[code] as? [String: [String]]
        guard let a, let b else {
            out.append("\(code): only in \(a == nil ? "SQLite" : "the router")")
            continue
        }
        for cat in Set(a.keys).union(b.keys).sorted() {
            let x = Set(a[cat] ?? []), y = Set(b[cat] ?? [])
            if x != y || (a[cat] == nil) != (b[cat] == nil) {
                out.append("\(code) \(cat): router only \(x.subtracting(y).sorted()), SQLite only \(y.subtracting(x).sorted())")
            }
        }
    }
    return out
}
