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
        let placed = Diagnostic.sortedForReport(findings)
        let rank = Dictionary(placed.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return placed.sorted { a, b in
            if first(a) != first(b) { return first(a) }
            if a.severity != b.severity { return a.severity < b.severity }
            return rank[a, default: 0] < rank[b, default: 0]
        }
    }
}
