import Foundation
import ReferralCore
@testable import ReferralExchange

/// Paths of the repository and the fixtures, found from this file.
enum Paths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = tests.appendingPathComponent("Fixtures").path
    static let repository = tests.deletingLastPathComponent().deletingLastPathComponent()
    static let shippedPathways = repository.appendingPathComponent("Pathways").path
    static let spreadsheet = fixtures + "/spreadsheet/agencies.csv"
    static let profile = fixtures + "/spreadsheet/profile.json"
    static let hsdsExamples = fixtures + "/hsds-example/openreferral"
}

struct TestFailure: Error, CustomStringConvertible { var description: String }

/// The day the tests import on: 2026-11-30.
let testToday = parseDay("2026-11-30")!

/// A scratch copy of a pathways folder with one context: `root/pathways/*.json` (the shipped
/// generic pathways) and `root/<name>/context.json` (a fixture context or a shipped one).
struct Sandbox {
    let root: String
    let context: String

    init(context source: String = Paths.fixtures + "/valmera/context.json", name: String = "valmera",
         with files: [String] = []) throws
    {
        root = NSTemporaryDirectory() + "referral-exchange-" + UUID().uuidString
        context = root + "/" + name
        let fm = FileManager.default
        try fm.createDirectory(atPath: context, withIntermediateDirectories: true)
        try fm.copyItem(atPath: Paths.shippedPathways + "/pathways", toPath: root + "/pathways")
        try fm.copyItem(atPath: source, toPath: context + "/context.json")
        let from = URL(fileURLWithPath: source).deletingLastPathComponent().path
        for f in files { try fm.copyItem(atPath: from + "/" + f, toPath: context + "/" + f) }
    }

    func importing(_ kind: ImportRequest.Kind = .csv, _ source: String = Paths.spreadsheet, profile: String? = Paths.profile,
                   dryRun: Bool = false, force: Bool = false) -> Result<ImportReport, ImportFailure>
    {
        Importer.run(ImportRequest(kind: kind, source: source, profile: profile, context: context, dryRun: dryRun, force: force,
                                   today: testToday))
    }

    func report(_ kind: ImportRequest.Kind = .csv, _ source: String = Paths.spreadsheet, profile: String? = Paths.profile,
                dryRun: Bool = false, force: Bool = false) throws -> ImportReport
    {
        switch importing(kind, source, profile: profile, dryRun: dryRun, force: force) {
        case .success(let r): return r
        case .failure(let f): throw TestFailure(description: f.message + "\n" + f.diagnostics.map(\.rendered).joined(separator: "\n"))
        }
    }

    func services() throws -> [String: ServiceDocument] {
        switch DirectoryDocuments.read(folder: context) {
        case .success(let e): return Dictionary(uniqueKeysWithValues: e.services.map { ($0.id, $0) })
        case .failure(let f): throw f
        }
    }

    func organisations() throws -> [OrganisationDocument] {
        switch DirectoryDocuments.read(folder: context) {
        case .success(let e): return e.organisations
        case .failure(let f): throw f
        }
    }

    /// Edits one service of services.json as a coordinator would by hand.
    func editService(_ id: String, _ change: (inout ServiceDocument) -> Void) throws {
        guard case .success(var e) = DirectoryDocuments.read(folder: context), let i = e.services.firstIndex(where: { $0.id == id }) else {
            throw TestFailure(description: "no service \(id)")
        }
        change(&e.services[i])
        try write("services.json", String(decoding: DocumentJSON.servicesFile(e.services), as: UTF8.self))
    }

    func file(_ name: String) -> String? { try? String(contentsOfFile: context + "/" + name, encoding: .utf8) }

    func write(_ name: String, _ text: String) throws { try text.write(toFile: context + "/" + name, atomically: true, encoding: .utf8) }

    func load() -> DirectoryLoader.Result { DirectoryLoader().load(folder: context) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

extension ImportReport {
    /// The findings of a code at a row (and column), for exact assertions.
    func findings(_ code: String, row: Int? = nil, column: String? = nil) -> [ImportFinding] {
        findings.filter {
            $0.code.rawValue == code && (row == nil || $0.place.row == row)
                && (column == nil || $0.place.column.map(CSVReader.columnLetters) == column)
        }
    }
}
