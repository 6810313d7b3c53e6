/// The area hierarchy must hold together: each area's level is its parent's plus one (the parent
/// being the area with the longest P-code that begins its own), and every area is either a cell
/// of the coverage matrix or contains or lies in one. A district declared at the wrong level
/// dropped out of the coverage matrix without a word.
extension DirectoryBuilder {
    /// Reports every area whose level is not below its nearest enclosing area's (a district
    /// declared at its region's level); returns their indices (they get no parent, and no second
    /// finding for it). A level that skips one is an orphan (`area.orphan`: the missing area).
    mutating func checkAreaLevels(_ list: [AreaDocument], _ loc: Locator) -> Set<Int> {
        var levels: [String: Int] = [:]
        for a in list where levels[a.pcode] == nil { levels[a.pcode] = a.level }
        var contradicted: Set<Int> = []
        for (i, a) in list.enumerated() where a.level >= 0 {
            guard let parent = nearestEnclosingArea(a.pcode, in: levels), let pl = levels[parent], pl >= 0, pl >= a.level
            else { continue }
            contradicted.insert(i)
            error(.areaLevel, loc["areas"][i]["level"], id: a.pcode,
                  "level \(a.level) does not follow the area that contains it, \(parent) (level \(pl))",
                  help: "an area is one level below its parent: make it level \(pl + 1), or fix its P-code")
        }
        return contradicted
    }
}

/// The defined area with the longest P-code that is a proper prefix of `pcode`.
func nearestEnclosingArea(_ pcode: String, in areas: [String: Int]) -> String? {
    var prefix = Substring(pcode).dropLast()
    while !prefix.isEmpty {
        if areas[String(prefix)] != nil { return String(prefix) }
        prefix = prefix.dropLast()
    }
    return nil
}

extension Validator {
    /// Areas outside the coverage matrix: above the reporting level with no area of that level
    /// inside them, or below it with none around them. Nobody there is in any cell.
    static func areasOutsideCoverage(_ ctx: Context) -> [Diagnostic] {
        let level = ctx.reportingLevel
        var holding: Set<String> = []
        for a in ctx.areas.values where a.level == level { holding.formUnion(ctx.lineage(of: a.pcode)) }
        var out: [Diagnostic] = []
        for a in ctx.areas.values.sorted(by: { $0.pcode < $1.pcode }) where !holding.contains(a.pcode) {
            // Below the reporting level, the area is counted in the cell of the one around it.
            if ctx.lineage(of: a.pcode).contains(where: { ctx.areas[$0]?.level == level }) { continue }
            let why = a.level < level ? "contains no area of the reporting level (\(level))"
                : "lies in no area of the reporting level (\(level))"
            out.append(Diagnostic(
                .warning, code: .coverageAreaOutside, place: SourcePlace(file: ctx.file, path: "$.areas"), id: a.pcode,
                message: "area \(a.pcode) (\(a.name), level \(a.level)) \(why): nobody there is in the coverage matrix",
                help: "add its areas of level \(level), check its level, or change reportingLevel"))
        }
        return out
    }
}
