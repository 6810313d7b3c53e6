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
        func first(_ d: Diagnostic) -> Bool {
            d.severity == .error && (files.contains(d.place.file) || fileLevel.contains(d.code))
        }
        // Stable buckets over the place order, (first or not) × severity: the same order as
        // sorting by those and then by place, without hashing every finding (linear after the
        // sort by place; 200,000 findings at 100k services).
        let severities = Severity.allCases.sorted()
        var buckets = [[Diagnostic]](repeating: [], count: 2 * severities.count)
        for d in Diagnostic.sortedForReport(findings) {
            buckets[(first(d) ? 0 : severities.count) + severities.firstIndex(of: d.severity)!].append(d)
        }
        return buckets.flatMap { $0 }
    }
}
