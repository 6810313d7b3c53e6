import Testing
@testable import ReferralExchange

@Suite("Free-text opening hours")
struct HoursTextTests {
    func weekly(_ text: String) throws -> HoursText.Parsed {
        switch HoursText.parse(text) {
        case .success(let p): return p
        case .failure(let f): throw f
        }
    }

    func reason(_ text: String) -> String? {
        if case .failure(let f) = HoursText.parse(text) { return f.reason }
        return nil
    }

    static let weekdays = ["mon", "tue", "wed", "thu", "fri"]

    @Test func daysThenTimesWithMeridiem() throws {
        let p = try weekly("Mon-Fri 9:00 am - 5:00 pm")
        #expect(p.weekly == Dictionary(uniqueKeysWithValues: Self.weekdays.map { ($0, ["09:00-17:00"]) }))
        #expect(p.assumptions.isEmpty && p.notes.isEmpty && !p.alwaysOpen)
    }

    @Test func timesThenDays() throws {
        #expect(try weekly("9:00am-12:00pm, Tuesday & Thursday").weekly == ["tue": ["09:00-12:00"], "thu": ["09:00-12:00"]])
    }

    @Test func open24Hours() throws {
        #expect(try weekly("Open 24 hours").alwaysOpen)
        #expect(try weekly("24/7").alwaysOpen)
        #expect(try weekly("Mon-Sun 24 hours").alwaysOpen)
        #expect(try weekly("Mon-Fri 24 hours").weekly["fri"] == ["00:00-24:00"])
    }

    @Test func officeShorthandIsReadAsAfternoonAndSaidSo() throws {
        let p = try weekly("M-F 8:30-4:30 (closed holidays)")
        #expect(p.weekly["mon"] == ["08:30-16:30"])
        #expect(p.weekly.count == 5)
        #expect(p.notes == ["closed holidays"])
        #expect(p.assumptions.count == 1)
        #expect(p.assumptions.first?.contains("08:30-16:30") == true)
    }

    @Test func spaceInsideATime() throws {
        #expect(try weekly("Sat 1 pm - 5 :00 pm").weekly == ["sat": ["13:00-17:00"]])
    }

    @Test func overnightRunsPastMidnight() throws {
        #expect(try weekly("Daily 7pm-7am").weekly["sun"] == ["19:00-07:00"])
        #expect(try weekly("Fri 10pm-midnight").weekly == ["fri": ["22:00-24:00"]])
    }

    @Test func severalGroupsAndPeriods() throws {
        let p = try weekly("Mon-Fri 9-12, 13:00-17:00; Sat 10am-2pm; Sun closed")
        #expect(p.weekly["mon"] == ["09:00-12:00", "13:00-17:00"])
        #expect(p.weekly["sat"] == ["10:00-14:00"])
        #expect(p.weekly["sun"] == nil)
        #expect(try weekly("9am-5pm Mon-Wed, 10am-1pm Fri").weekly == ["mon": ["09:00-17:00"], "tue": ["09:00-17:00"],
                                                                       "wed": ["09:00-17:00"], "fri": ["10:00-13:00"]])
        #expect(try weekly("Weekdays 0800-1630").weekly["wed"] == ["08:00-16:30"])
        #expect(try weekly("Tues/Thurs 9-5pm").weekly == ["tue": ["09:00-17:00"], "thu": ["09:00-17:00"]])
    }

    @Test(arguments: [
        ("7pm-7am", "no days given"),
        ("By appointment only", "the word 'by'"),
        ("Mon-Fri", "no times given"),
        ("T 9-5", "Tuesday or Thursday"),
        ("Mon 9am-9am", "same time"),
        ("Mon 9-17 (closed", "never closed"),
        ("Mon 25:00-26:00", "not a time of day"),
        ("Mon 9", "without a range"),
        ("", "no days or times"),
    ])
    func whatDoesNotParseSaysWhy(text: String, expected: String) {
        let r = reason(text)
        #expect(r?.contains(expected) == true, "\(text): \(r ?? "parsed")")
    }
}
