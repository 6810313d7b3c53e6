/// What `validate` says when a directory file could not be read: the file's own error first, then
/// that coverage was not computed for what it would have held, and no finding drawn from its
/// absence (one syntax error in services.json made every cell of every pathway a gap).
extension Validator {
    /// One `coverage.not-computed` warning per unreadable file, at the file.
    static func notComputed(_ unreadable: [DirectoryLoader.UnreadableFile]) -> [Diagnostic] {
        unreadable.map { u in
            let message: String
            switch u.kind {
            case .context:
                message = "context.json could not be read, so nothing else was checked and coverage was not computed"
            case .services:
                message = "the services could not be read, so coverage was not computed and no gap is reported"
            case .organisations:
                message = "the organisations could not be read: services that name one were checked without it"
            case .pathway:
                message = "this pathway could not be read, so its coverage was not computed"
            }
            return Diagnostic(.warning, code: .coverageNotComputed, place: SourcePlace(file: u.file), message: message,
                              help: "fix the error in this file, then validate again")
        }
    }

    /// Report order: the errors that made a file unreadable (or a file missing) first, then by
    /// severity, then by place.
    static func reportOrder(_ findings: [Diagnostic], unreadable: [DirectoryLoader.UnreadableFile]) -> [Diagnostic] {
        let files = Set(unreadable.map(\.file))
        let fileLevel: Set<Diagnostic.Code> = [.fileMissing, .fileNotAFile, .fileTooLarge, .jsonSyntax, .formatVersion]
        func first(_ i: Int) -> Bool {
            findings[i].severity == .error && (files.contains(findings[i].place.file) || fileLevel.contains(findings[i].code))
        }
        // Stable buckets over the place order, (first or not) × severity: the same order as
        // sorting by those and then by place, without hashing every finding (linear after the
        // sort by place; 200,000 findings at 100k services).
        let severities = Severity.allCases.sorted()
        var buckets = [[Int]](repeating: [], count: 2 * severities.count)
        for i in placeOrder(findings) {
            buckets[(first(i) ? 0 : severities.count) + severities.firstIndex(of: findings[i].severity)!].append(i)
        }
        return buckets.joined().map { findings[$0] }
    }

    /// `Diagnostic.sortedForReport`'s order (place, then severity, code, id and message), sorted
    /// by a key made once per finding: files, severities and codes become ranks, so most of the
    /// comparisons of a sort of 200,000 findings compare integers instead of strings and codes.
    /// Lines and columns are 1-based, so a missing one (0 in `SourcePlace`'s order) is never
    /// confused with a real one.
    /// - Returns: the positions of the findings in that order.
    static func placeOrder(_ findings: [Diagnostic]) -> [Int] {
        struct Key {
            var file: Int, line: Int, column: Int, severity: Int, code: Int
        }
        let fileRank = Dictionary(uniqueKeysWithValues: Set(findings.map(\.place.file)).sorted().enumerated().map { ($1, $0) })
        let codeRank = Dictionary(uniqueKeysWithValues: Diagnostic.Code.all.sorted().enumerated().map { ($1, $0) })
        let severities = Severity.allCases.sorted()
        // Findings come in runs of one file and one code: look each up only when it changes.
        var file: (name: String, rank: Int)?
        var code: (code: Diagnostic.Code, rank: Int)?
        let keys = findings.map { d in
            if file?.name != d.place.file { file = (d.place.file, fileRank[d.place.file]!) }
            if code?.code != d.code { code = (d.code, codeRank[d.code]!) }
            return Key(file: file!.rank, line: d.place.line ?? 0, column: d.place.column ?? 0,
                       severity: severities.firstIndex(of: d.severity)!, code: code!.rank)
        }
        let (paths, ids, messages) = (findings.map(\.place.path), findings.map { $0.id ?? "" }, findings.map(\.message))
        // Sorting positions with an equivalent comparator keeps the stable sort's order of ties.
        return findings.indices.sorted { i, j in
            let (a, b) = (keys[i], keys[j])
            if a.file != b.file { return a.file < b.file }
            if a.line != b.line { return a.line < b.line }
            if a.column != b.column { return a.column < b.column }
            if paths[i] != paths[j] { return paths[i] < paths[j] }
            if a.severity != b.severity { return a.severity < b.severity }
            if a.code != b.code { return a.code < b.code }
            if ids[i] != ids[j] { return ids[i] < ids[j] }
            return messages[i] < messages[j]
        }
    }
}
