import Foundation
import ReferralCore
import ReferralExchange

/// `FUZZ_MODE=csv`: the input is a spreadsheet saved as CSV. The reader must never trap, must be
/// deterministic, and must give back what the writer wrote; the opening-hours grammar must only
/// ever produce well-formed periods; and the whole import (under a fixed header, through a profile
/// that maps every column, into a scratch copy of the basic fixture's context) must account for
/// every record: read = imported + merged + skipped.
enum CSVFuzz {
    static let header = "name,organisation,category,area,hours,languages,eligibility,sex,status,last_verified,address,latitude,longitude,open_24h\n"

    /// A scratch context (the basic fixture's context.json and pathways, no services) and a profile.
    static let scratch: (context: String, profile: String, source: String)? = {
        let fm = FileManager.default
        let dir = NSTemporaryDirectory() + "referral-fuzz-csv-\(getpid())"
        try? fm.removeItem(atPath: dir)
        let context = dir + "/basic"
        guard (try? fm.createDirectory(atPath: context, withIntermediateDirectories: true)) != nil,
            (try? fm.copyItem(atPath: FuzzHarness.fixture + "/context.json", toPath: context + "/context.json")) != nil,
            (try? fm.copyItem(atPath: FuzzHarness.fixture + "/pathways", toPath: context + "/pathways")) != nil
        else { return nil }
        let profile = dir + "/profile.json"
        let text = """
            {"formatVersion": 1, "dataset": "fuzz", "severalCategories": "split", "areaFromAddress": true,
             "columns": {"name": "name", "organisation": "organisation", "category": "category", "area": "area", "hours": "hours",
                         "languages": "languages", "eligibility": "eligibility", "sex": "sex", "status": "status",
                         "lastVerified": "last_verified", "address": "address", "latitude": "latitude", "longitude": "longitude",
                         "alwaysOpen": "open_24h"},
             "categories": {"*": "gbv.case-management", "cmr*": "health.cmr"},
             "defaults": {"modality": ["in-person"], "languages": ["en"], "areas": ["ZZ"], "status": "open"}}
            """
        guard fm.createFile(atPath: profile, contents: Data(text.utf8)) else { return nil }
        return (context, profile, dir + "/input.csv")
    }()

    static func run(_ bytes: [UInt8]) {
        // The reader: deterministic, rows as wide as the header, and the writer's output reads back.
        let first = Result { () throws(CSVError) in try CSVReader.read(bytes) }
        let second = Result { () throws(CSVError) in try CSVReader.read(bytes) }
        switch (first, second) {
        case (.success(let a), .success(let b)):
            precondition(a.header == b.header && a.rows.map(\.fields) == b.rows.map(\.fields), "the reader is not deterministic")
            precondition(a.rows.allSatisfy { $0.fields.count == a.header.count }, "a row as wide as no header")
            let again = try? CSVReader.read(Array(CSVWriter.write(header: a.header, rows: a.rows.map(\.fields)).utf8))
            precondition(again?.header == a.header && again?.rows.map(\.fields) == a.rows.map(\.fields),
                         "what the writer wrote does not read back")
        case (.failure(let a), .failure(let b)):
            precondition(a == b, "the reader fails in two ways")
            precondition(a.row >= 1 && a.column >= 1 && a.line >= 1, "an error with no place")
        default:
            preconditionFailure("the reader is not deterministic")
        }

        // The hours grammar: any text, and each line of it.
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        for line in [text] + text.split(separator: "\n").prefix(16).map(String.init) {
            guard case .success(let p) = HoursText.parse(line) else { continue }
            precondition(p == (try? HoursText.parse(line).get()), "the hours grammar is not deterministic")
            for (day, periods) in p.weekly {
                precondition(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(day), "an unknown day")
                for period in periods { precondition(wellFormed(period), "a malformed period \(period)") }
            }
        }

        // The whole import, as a dry run.
        guard let s = scratch, bytes.count <= 64 * 1024,
            FileManager.default.createFile(atPath: s.source, contents: Data(Array(header.utf8) + bytes))
        else { return }
        let request = ImportRequest(kind: .csv, source: s.source, profile: s.profile, context: s.context, dryRun: true,
                                    force: false, today: 20_800)
        if case .success(let report) = Importer.run(request) {
            precondition(report.counts.addsUp, "the counts do not add up")
            precondition(report.validation.isEmpty, "an import that succeeded with a directory that does not load")
        }
    }

    /// `HH:MM-HH:MM`, 00:00 to 24:00, start and end different.
    static func wellFormed(_ p: String) -> Bool {
        let b = Array(p.utf8)
        guard b.count == 11, b[2] == UInt8(ascii: ":"), b[5] == UInt8(ascii: "-"), b[8] == UInt8(ascii: ":") else { return false }
        func minutes(_ i: Int) -> Int? {
            guard let h = Int(String(decoding: b[i..<(i + 2)], as: UTF8.self)),
                let m = Int(String(decoding: b[(i + 3)..<(i + 5)], as: UTF8.self)), m < 60, h * 60 + m <= 1440
            else { return nil }
            return h * 60 + m
        }
        guard let a = minutes(0), let z = minutes(6) else { return false }
        return a != z && a < 1440
    }
}
