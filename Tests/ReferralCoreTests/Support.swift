import Foundation
@testable import ReferralCore

/// Paths of the test fixtures and the shipped data, found from this file's location.
enum Paths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = tests.appendingPathComponent("Fixtures").path
    static let basic = fixtures + "/basic"
    static let cases = fixtures + "/cases"
    static let repository = tests.deletingLastPathComponent().deletingLastPathComponent()
    static let shipped = repository.appendingPathComponent("Pathways").path
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}

/// Loads a context folder strictly; throws with every finding if it fails.
func loadDirectory(_ folder: String = Paths.basic) throws -> Directory {
    let r = DirectoryLoader().load(folder: folder)
    guard let d = r.directory else {
        throw FixtureError(description: r.diagnostics.map(\.rendered).joined(separator: "\n"))
    }
    return d
}

func loadCase(_ json: String, directory: Directory, name: String = "case.json") throws -> Case {
    switch CaseLoader.load(bytes: Array(json.utf8), name: name, directory: directory) {
    case .success(let c): return c
    case .failure(let f): throw FixtureError(description: f.description)
    }
}

/// `2026-11-28T14:00+02:00` (a Saturday) unless told otherwise.
func time(_ text: String = "2026-11-28T14:00:00+02:00", _ directory: Directory) -> RoutingTime {
    RoutingTime.parse(text, utcOffsetMinutes: directory.context.utcOffsetMinutes)!
}

/// The basic fixture copied to a scratch folder with `file` rewritten by `edit` (which must change
/// it), then loaded.
func loadEditedFixture(_ file: String, strict: Bool = true, _ edit: (String) -> String) throws -> DirectoryLoader.Result {
    let fm = FileManager.default
    let dir = NSTemporaryDirectory() + "referral-edited-\(UUID().uuidString)"
    try fm.copyItem(atPath: Paths.basic, toPath: dir)
    defer { try? fm.removeItem(atPath: dir) }
    let path = dir + "/" + file
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let edited = edit(text)
    guard edited != text else { throw FixtureError(description: "the edit does not change \(file)") }
    try edited.write(toFile: path, atomically: true, encoding: .utf8)
    return DirectoryLoader(options: .init(strict: strict)).load(folder: dir)
}
