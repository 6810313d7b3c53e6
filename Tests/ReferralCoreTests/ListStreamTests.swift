import Foundation
import Testing
@testable import ReferralCore

/// services.json and organisations.json are read one element at a time, but a problem found
/// late in the file (a syntax error, a wrong formatVersion after the list) still means that
/// nothing of the file is used or reported, exactly as when the file was read whole.
@Suite("Streamed lists")
struct ListStreamTests {
    /// The basic services with one element pointing at an unknown category (a builder finding).
    func services(_ change: (String) -> String) throws -> FixtureCopy {
        let f = try FixtureCopy()
        try f.edit("services.json") {
            change($0.replacingOccurrences(of: "\"category\": \"health.cmr\"", with: "\"category\": \"health.cm\""))
        }
        return f
    }

    @Test func aBadFormatVersionAfterTheListDiscardsEveryElement() throws {
        let f = try services {
            $0.replacingOccurrences(of: "\"formatVersion\": 1,", with: "")
                .replacingOccurrences(of: "\n  ]\n}", with: "\n  ],\n  \"formatVersion\": 2\n}")
        }
        defer { f.remove() }
        let r = f.load(strict: false)
        #expect(r.errors.map(\.code) == [.formatVersion])
        #expect(r.directory?.services.isEmpty == true)
        #expect(r.unreadable.map(\.kind) == [.services])
    }

    @Test func aSyntaxErrorAtTheEndDiscardsWhatWasBuilt() throws {
        let f = try services { $0.replacingOccurrences(of: "\n  ]\n}", with: "\n  ]\n} x") }
        defer { f.remove() }
        let r = f.load(strict: false)
        #expect(r.errors.map(\.code) == [.jsonSyntax])
        #expect(r.directory?.services.isEmpty == true)
        #expect(r.directory?.organisations.count == 3)
    }

    @Test func aDuplicateListAfterTheFirstIsASyntaxError() throws {
        let f = try services { $0.replacingOccurrences(of: "\n  ]\n}", with: "\n  ],\n  \"services\": []\n}") }
        defer { f.remove() }
        let e = try #require(f.load().errors.first)
        #expect(e.code == .jsonSyntax)
        #expect(e.message.contains("duplicate field 'services'"))
        #expect(e.related?.line == 3)
    }

    @Test func findingsOfAGoodFileAreAllReported() throws {
        let f = try services { $0 }
        defer { f.remove() }
        let r = f.load(strict: false)
        #expect(r.errors.map(\.code) == [.refUnknownCategory])
        #expect(r.errors.first?.place.path == "$.services[1].category")
        #expect(r.directory?.services.count == 6)
    }

    @Test func aBareListIsReadToItsEndThenRefused() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.write("services.json", "[" + String(repeating: "{\"id\": 1},", count: 50) + "{\"id\": 2}]")
        #expect(f.load().errors.map(\.code) == [.jsonWrongType])
        try f.write("services.json", "[" + String(repeating: "{\"id\": 1},", count: 50) + "{\"id\": 2},]")
        #expect(f.load().errors.map(\.code) == [.jsonSyntax])
    }
}
