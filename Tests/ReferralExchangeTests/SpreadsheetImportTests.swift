import Foundation
import ReferralCore
import Testing
@testable import ReferralExchange

/// The fictional 4W spreadsheet `Fixtures/spreadsheet/agencies.csv` (UTF-8 with a byte order mark,
/// CRLF, a quoted line break) reproduces each pitfall of real exports; every one is checked here by
/// the exact finding it must give: code, row and column (A = agency_id … Z = Fax).
@Suite("Import of a coordinators' spreadsheet: every pitfall, every finding")
struct SpreadsheetImportTests {
    /// One import, shared by the tests of this suite (they only read it).
    static let imported: (Sandbox, ImportReport) = {
        let s = try! Sandbox()
        return (s, try! s.report())
    }()
    static var sandbox: Sandbox { imported.0 }

    var report: ImportReport { Self.imported.1 }

    struct Expected: CustomTestStringConvertible, Sendable {
        var pitfall: String
        var code: String
        var row: Int
        var column: String?
        var action: ImportFinding.Action
        var testDescription: String { pitfall }
    }

    static let expected: [Expected] = [
        .init(pitfall: "hours that do not parse are kept as a note with the raw text", code: "import.hours-unparsed", row: 10, column: "M",
              action: .keptAsNote),
        .init(pitfall: "office shorthand 8:30-4:30 is read as afternoon, and said so", code: "import.hours-assumed", row: 5, column: "M",
              action: .mapped),
        .init(pitfall: "a bracketed hours note is kept", code: "import.hours-note", row: 5, column: "M", action: .keptAsNote),
        .init(pitfall: "an hours column that contradicts the hours text", code: "import.hours-conflict", row: 11, column: "N",
              action: .dropped),
        .init(pitfall: "free-text eligibility is a note", code: "import.eligibility-note", row: 2, column: "P", action: .keptAsNote),
        .init(pitfall: "'n/a' is empty", code: "import.empty-marker", row: 3, column: "P", action: .dropped),
        .init(pitfall: "'None' is empty", code: "import.empty-marker", row: 7, column: "P", action: .dropped),
        .init(pitfall: "a misspelt language is reported, not guessed", code: "import.language-unmapped", row: 3, column: "O",
              action: .dropped),
        .init(pitfall: "sign language and TTY are access needs", code: "import.language-as-access", row: 3, column: "O", action: .mapped),
        .init(pitfall: "a language line is interpretation", code: "import.language-as-interpretation", row: 3, column: "O",
              action: .mapped),
        .init(pitfall: "a two-digit year", code: "import.date-two-digit-year", row: 5, column: "U", action: .mapped),
        .init(pitfall: "a date that reads two ways", code: "import.date-unparsed", row: 3, column: "U", action: .dropped),
        .init(pitfall: "Excel's day zero", code: "import.date-excel-zero", row: 4, column: "U", action: .dropped),
        .init(pitfall: "a verification date in the future", code: "import.date-future", row: 18, column: "U", action: .dropped),
        .init(pitfall: "'Confidential' in the address", code: "import.confidential-address", row: 3, column: "G", action: .dropped),
        .init(pitfall: "coordinates left on a confidential address", code: "import.confidential-coordinates", row: 3, column: "H",
              action: .dropped),
        .init(pitfall: "prose 'confidentially located'", code: "import.confidential-address", row: 4, column: "D", action: .mapped),
        .init(pitfall: "text cut at 255 characters", code: "import.text-truncated", row: 5, column: "D", action: .mapped),
        .init(pitfall: "HTML tags and entities", code: "import.text-cleaned", row: 3, column: "D", action: .mapped),
        .init(pitfall: "curly quotes and trailing spaces", code: "import.text-cleaned", row: 6, column: "D", action: .mapped),
        .init(pitfall: "a named staff contact column", code: "import.personal-column", row: 1, column: "W", action: .dropped),
        .init(pitfall: "a column nobody mapped", code: "import.column-unread", row: 1, column: "Z", action: .dropped),
        .init(pitfall: "status 'Active, but do not refer'", code: "import.status-do-not-refer", row: 12, column: "T", action: .skipped),
        .init(pitfall: "a blank status", code: "import.status-missing", row: 13, column: nil, action: .skipped),
        .init(pitfall: "an unknown status", code: "import.status-unmapped", row: 14, column: "T", action: .skipped),
        .init(pitfall: "an exact duplicate record", code: "import.duplicate", row: 16, column: nil, action: .merged),
        .init(pitfall: "a duplicate that differs", code: "import.duplicate-conflict", row: 17, column: nil, action: .skipped),
        .init(pitfall: "a 'disabilities access' column holding city quadrants", code: "import.value-unmapped", row: 6, column: "S",
              action: .dropped),
        .init(pitfall: "an area name two districts share", code: "import.area-ambiguous", row: 9, column: "F", action: .dropped),
        .init(pitfall: "an area the context does not know", code: "import.area-unmapped", row: 8, column: "F", action: .dropped),
        .init(pitfall: "no area at all: skipped", code: "import.no-area", row: 8, column: "F", action: .skipped),
        .init(pitfall: "an area read from the address is marked", code: "import.area-from-address", row: 10, column: "G",
              action: .inferred),
        .init(pitfall: "a category code the profile does not map", code: "import.no-category", row: 15, column: "E", action: .skipped),
        .init(pitfall: "two category codes: split into two services", code: "import.several-categories", row: 11, column: "E",
              action: .mapped),
        .init(pitfall: "a web address without its scheme", code: "import.value-invalid", row: 5, column: "L", action: .dropped),
    ]

    @Test(arguments: expected)
    func pitfallGivesItsFinding(_ e: Expected) {
        let found = report.findings(e.code, row: e.row, column: e.column)
        #expect(!found.isEmpty, "no \(e.code) at row \(e.row) column \(e.column ?? "-"): \(report.findings.filter { $0.place.row == e.row }.map { "\($0.code) \($0.place.description)" })")
        #expect(found.allSatisfy { $0.action == e.action })
        #expect(found.allSatisfy { $0.place.file == Paths.spreadsheet })
    }

    @Test func countsAddUp() {
        let c = report.counts
        #expect(c.read == 17)
        #expect(c.imported == 9 && c.merged == 1 && c.skipped == 7)
        #expect(c.addsUp)
        #expect(c.servicesNew == 10)   // record 110 was split in two
        #expect(report.findings.filter { $0.action == .skipped }.count == c.skipped)
        #expect(report.summary.values.reduce(0, +) == report.findings.count)
        #expect(report.succeeded)
    }

    @Test func defaultsAreReportedOncePerFieldWithACount() {
        let modality = report.findings("import.defaulted").first { $0.target?.field == "modality" }
        #expect(modality?.count == 9)
        #expect(modality?.place.path == "$.defaults.modality")
        #expect(report.findings("import.defaulted").first { $0.target?.field == "languages" }?.count == 1)
    }

    /// Personal data: the named contact column is never read, the ignored notes column never
    /// mentioned; neither value appears in any report format or in the written files.
    @Test func personalDataNeverAppears() throws {
        for format in ImportReportRenderer.Format.allCases {
            let text = ImportReportRenderer.render(report, format: format, perCode: 1000)
            for secret in ["Jane Fictional", "Ann Fictional", "called Jane", "555 0199"] {
                #expect(!text.contains(secret), "\(format): \(secret)")
            }
            #expect(!text.contains("Internal Notes"), "\(format)")
        }
        for file in ["services.json", "organisations.json"] {
            let text = try #require(Self.sandbox.file(file))
            #expect(!text.contains("Fictional\"") && !text.contains("Jane") && !text.contains("funding"))
        }
    }

    @Test func confidentialServicesKeepNoAddressTextAndNoCoordinates() throws {
        let s = try Self.sandbox.services()
        for id in ["v4w.102", "v4w.103"] {
            let a = try #require(s[id]?.address, "\(id)")
            #expect(a.confidential && a.text == nil && a.latitude == nil && a.longitude == nil, "\(id)")
        }
        // A GBV service whose street address the profile confirms as public keeps it.
        #expect(s["v4w.101"]?.address?.text == "4 River Road, Aldren (fictional)")
        #expect(s["v4w.101"]?.address?.confidential == false)
    }

    /// A date written YYYY-MM-DD is written back with four digits of year, whatever the year: a
    /// year before 1000 was written with three (`999-11-20`), and the directory then refused the
    /// record that the source dated correctly.
    @Test func aDateIsWrittenBackAsTheDirectoryReadsIt() throws {
        let (s, r) = try Self.importRows([
            "123,Mind Care (fictional),Drop-in (Aldren),,RP-1400,Aldren,,,,,,,Mon 9-12,,Valmeran,,,,,Active,0999-11-20,,,,,",
        ])
        defer { s.remove() }
        #expect(r.counts.imported == 1 && r.findings.filter { $0.action == .skipped }.isEmpty)
        #expect(try s.services()["v4w.123"]?.lastVerified == "0999-11-20")
    }

    /// Imports rows written under the fixture's header (row 2 is the first), with the fixture's profile.
    static func importRows(_ rows: [String]) throws -> (Sandbox, ImportReport) {
        let s = try Sandbox()
        let sheet = try String(contentsOfFile: Paths.spreadsheet, encoding: .utf8)
        let header = sheet.components(separatedBy: .newlines)[0]   // "\r\n" is one Character
        let file = s.root + "/rows.csv"
        try ([header] + rows).map { $0 + "\r\n" }.joined().write(toFile: file, atomically: true, encoding: .utf8)
        return (s, try s.report(.csv, file, profile: Paths.profile))
    }

    /// A shelter (or GBV service) with a street address and coordinates that nobody marked
    /// confidential: withheld, text and coordinates, with "confirm this address is not
    /// confidential" at its cell, until the profile lists the record as public.
    @Test func aShelterWithAStreetAddressIsWithheldUntilConfirmed() throws {
        let (s, r) = try Self.importRows([
            "120,Safe Haven Shelters (fictional),Shelter (Aldren),,BH-1800.1500,Aldren,\"7 Quiet Street, Aldren (fictional)\","
                + "52.5,4.25,,,,Open 24 hours,Yes,Valmeran,,,Women,,Active,2026-10-01,Free,,,,",
        ])
        defer { s.remove() }
        let found = r.findings("import.address-unconfirmed", row: 2, column: "G")
        #expect(found.count == 1 && found.allSatisfy { $0.action == .dropped && $0.severity == .warning })
        #expect(found.first?.recordId == "120")
        let a = try #require(try s.services()["v4w.120"]?.address)
        #expect(a.confidential && a.text == nil && a.latitude == nil && a.longitude == nil)
        #expect(!(s.file("services.json") ?? "").contains("Quiet Street"))
    }

    /// Status values: "Active" is open, "Inactive" (built-in table) is imported as closed, not
    /// skipped and not left open; the report counts both as imported.
    @Test func inactiveIsImportedAsClosed() throws {
        let (s, r) = try Self.importRows([
            "121,Mind Care (fictional),Drop-in (Aldren),,RP-1400,Aldren,,,,,,,Mon 9-12,,Valmeran,,,,,Active,,,,,,",
            "122,Mind Care (fictional),Old drop-in (Aldren),,RP-1400,Aldren,,,,,,,Mon 9-12,,Valmeran,,,,,Inactive,,,,,,",
        ])
        defer { s.remove() }
        #expect(r.counts.read == 2 && r.counts.imported == 2 && r.counts.addsUp)
        #expect(r.findings.filter { $0.place.row == 3 && $0.action == .skipped }.isEmpty)
        let services = try s.services()
        #expect(services["v4w.121"]?.status == .open)
        #expect(services["v4w.122"]?.status == .closed)
    }

    @Test func mappedValuesLandInTheRightFields() throws {
        let s = try Self.sandbox.services()
        #expect(s["v4w.101"]?.hours?.weekly?["mon"] == ["09:00-17:00"])
        #expect(s["v4w.101"]?.eligibility?.sexes == [.female])
        #expect(s["v4w.101"]?.eligibility?.note == "Women 18+ who are survivors of domestic violence")
        #expect(s["v4w.101"]?.eligibility?.minAge == nil)   // the free text never becomes a rule
        #expect(s["v4w.102"]?.languages == ["vl"])
        #expect(s["v4w.102"]?.accessibility == ["sign-language", "tty"])
        #expect(s["v4w.102"]?.interpretation == true)
        #expect(s["v4w.102"]?.hours?.weekly == ["tue": ["09:00-12:00"], "thu": ["09:00-12:00"]])
        #expect(s["v4w.103"]?.hours?.alwaysOpen == true)
        #expect(s["v4w.103"]?.lastVerified == nil)
        #expect(s["v4w.104"]?.hours?.weekly?["fri"] == ["08:30-16:30"])
        #expect(s["v4w.104"]?.description?.contains("Opening hours: closed holidays") == true)
        #expect(s["v4w.104"]?.lastVerified == "2026-04-30")
        #expect(s["v4w.104"]?.website == nil)
        #expect(s["v4w.105"]?.name == "Vocational training")
        #expect(s["v4w.105"]?.description == "Training in \"market skills\" for young people")
        #expect(s["v4w.105"]?.eligibility?.minAge == 14 && s["v4w.105"]?.eligibility?.maxAge == 24)
        #expect(s["v4w.105"]?.hours?.weekly == ["sat": ["13:00-17:00"]])
        #expect(s["v4w.106"]?.hours?.weekly?["wed"] == ["19:00-07:00"])
        #expect(s["v4w.106"]?.modality == [.phone])   // the mhpss.specialised default
        #expect(s["v4w.109"]?.areas == ["XV0201"])
        #expect(s["v4w.109"]?.source?.inferred == ["areas"])
        #expect(s["v4w.109"]?.hours == nil)
        #expect(s["v4w.109"]?.description == "Opening hours as given: By appointment only")
        #expect(s["v4w.109"]?.eligibility?.minAge == 11)
        #expect(s["v4w.110.gbv.case-management"]?.hours == nil && s["v4w.110.legal.aid"] != nil)
        #expect(s["v4w.115"]?.languages == ["vl"])
        #expect(s["v4w.115"]?.description == "Grants for\nfamilies starting a business")
        #expect(s["v4w.101"]?.source == SourceDocument(dataset: "valmera-4w-2026", recordId: "101", place: "agencies.csv row 2"))
        #expect(s.count == 10)
        #expect(try Self.sandbox.organisations().count == 6)
    }

    @Test func theImportedDirectoryLoadsAndRoutes() throws {
        let r = Self.sandbox.load()
        #expect(r.errors.isEmpty, "\(r.errors.map(\.rendered))")
        let d = try #require(r.directory)
        #expect(d.service("v4w.101")?.eligibility.note == "Women 18+ who are survivors of domestic violence")
    }
}
