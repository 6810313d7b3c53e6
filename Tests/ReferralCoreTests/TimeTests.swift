import Foundation
import Testing

@testable import ReferralCore

/// The clock arithmetic the router's windows, opening hours and staleness rest on, tested directly.
@Suite("Time: civil dates, routing time, weekly hours")
struct TimeTests {

    // MARK: civil dates

    @Test("leap days: 29 February exists only in leap years (every 4th, not every 100th, every 400th)")
    func leapDays() {
        #expect(parseDay("2024-02-29") != nil)
        #expect(parseDay("2000-02-29") != nil)
        #expect(parseDay("2023-02-29") == nil)
        #expect(parseDay("2100-02-29") == nil)
        #expect(parseDay("2024-02-30") == nil)
        #expect(parseDay("2024-03-01")! - parseDay("2024-02-28")! == 2)
        #expect(parseDay("2023-03-01")! - parseDay("2023-02-28")! == 1)
    }

    @Test("days since 1970 round-trip through YYYY-MM-DD for every day of four centuries")
    func civilRoundTrip() {
        #expect(parseDay("1970-01-01") == 0)
        #expect(parseDay("1969-12-31") == -1)
        #expect(dayText(0) == "1970-01-01")
        for day in stride(from: -400 * 366, through: 400 * 366, by: 1) {
            let (y, m, d) = civilDate(fromDays: day)
            if daysFromCivil(y, m, d) != day { Issue.record("day \(day) → \(y)-\(m)-\(d) does not round-trip"); return }
        }
        #expect(parseDay(dayText(20_000)) == 20_000)
    }

    @Test("a day's text is YYYY-MM-DD, zero-padded, for every day from year 0 to 9999 and beyond")
    func dayTextIsPadded() {
        #expect(dayText(parseDay("0001-02-03")!) == "0001-02-03")
        #expect(dayText(parseDay("9999-12-31")!) == "9999-12-31")
        for day in stride(from: daysFromCivil(0, 1, 1), through: daysFromCivil(9999, 12, 31), by: 7) {
            let (y, m, d) = civilDate(fromDays: day)
            let padded = String(format: "%04d-%02d-%02d", y, m, d)
            if dayText(day) != padded { Issue.record("day \(day): \(dayText(day)) != \(padded)"); return }
        }
        let (y, _, _) = civilDate(fromDays: daysFromCivil(10_000, 1, 1))
        #expect(y == 10_000 && dayText(daysFromCivil(10_000, 1, 1)) == "10000-01-01")
    }

    @Test("malformed dates are refused", arguments: ["2026-1-05", "2026-13-01", "2026-00-10", "26-01-05", "2026/01/05", "", "2026-01-05x"])
    func malformedDates(_ text: String) {
        #expect(parseDay(text) == nil)
    }

    // MARK: routing time

    @Test("ISO times: offsets, Z, seconds and fractions; local text in the context's offset")
    func isoParsing() throws {
        let t = try #require(RoutingTime.parse("2026-11-28T14:00:00+02:00", utcOffsetMinutes: 120))
        #expect(t.iso8601 == "2026-11-28T14:00+02:00")
        let z = try #require(RoutingTime.parse("2026-11-28T12:00Z", utcOffsetMinutes: 120))
        #expect(z == t)
        let frac = try #require(RoutingTime.parse("2026-11-28T12:00:00.123Z", utcOffsetMinutes: 120))
        #expect(frac == t)
        // The same instant printed in another context's offset.
        let west = try #require(RoutingTime.parse("2026-11-28T14:00:00+02:00", utcOffsetMinutes: -330))
        #expect(west.iso8601 == "2026-11-28T06:30-05:30")
    }

    @Test("times that do not exist or are not ISO are refused",
          arguments: ["2026-02-29T10:00Z", "2026-11-28T24:00Z", "2026-11-28T14:60Z", "2026-11-28T14:00", "2026-11-28 14:00Z",
                      "2026-11-28T14:00+19:00", "2026-11-28T14:00+0200", "2026-11-28T14:00:00Zjunk"])
    func refusedTimes(_ text: String) {
        #expect(RoutingTime.parse(text, utcOffsetMinutes: 0) == nil)
    }

    @Test("a leap day parses in a leap year and the next day follows it")
    func leapDayTime() throws {
        let t = try #require(RoutingTime.parse("2024-02-29T23:30:00Z", utcOffsetMinutes: 0))
        #expect(t.adding(hours: 1).iso8601 == "2024-03-01T00:30+00:00")
    }

    @Test("minute of the week: Monday 00:00 is 0; Sunday 23:59 is the last minute; the offset moves the day")
    func minuteOfWeek() throws {
        // 2026-11-30 is a Monday.
        let monday = try #require(RoutingTime.parse("2026-11-30T00:00:00Z", utcOffsetMinutes: 0))
        #expect(monday.minuteOfWeek == 0)
        let sunday = try #require(RoutingTime.parse("2026-11-29T23:59:00Z", utcOffsetMinutes: 0))
        #expect(sunday.minuteOfWeek == 7 * 1440 - 1)
        // Sunday 23:00 UTC is already Monday 02:00 at +03:00.
        let east = try #require(RoutingTime.parse("2026-11-29T23:00:00Z", utcOffsetMinutes: 180))
        #expect(east.minuteOfWeek == 120)
        // Before 1970 the week still starts on Monday.
        let old = try #require(RoutingTime.parse("1969-12-29T00:00:00Z", utcOffsetMinutes: 0))
        #expect(old.minuteOfWeek == 0)
    }

    @Test("adding hours never traps, however large or odd the offset")
    func addingIsSafe() throws {
        let t = try #require(RoutingTime.parse("2026-11-28T14:00:00Z", utcOffsetMinutes: 0))
        #expect(t.adding(hours: 10).iso8601 == "2026-11-29T00:00+00:00")
        #expect(t.adding(hours: -14.5).iso8601 == "2026-11-27T23:30+00:00")
        _ = t.adding(hours: 1e300).iso8601
        _ = t.adding(hours: -.infinity).iso8601
        #expect(t.adding(hours: .nan) == t)
    }

    @Test("UTC offsets: ±HH:MM or Z, at most 18 hours")
    func utcOffsets() {
        #expect(parseUTCOffset("+03:00") == 180)
        #expect(parseUTCOffset("-05:30") == -330)
        #expect(parseUTCOffset("Z") == 0)
        #expect(parseUTCOffset("+19:00") == nil)
        #expect(parseUTCOffset("+3:00") == nil)
        #expect(parseUTCOffset("03:00") == nil)
    }

    // MARK: weekly hours

    func hours(_ weekly: [String: [String]]) throws -> WeeklyHours {
        switch WeeklyHours.parse(weekly) {
        case .success(let r): return WeeklyHours(alwaysOpen: false, ranges: r)
        case .failure(let e): throw FixtureError(description: e.message)
        }
    }

    @Test("a period is open from its start up to, not including, its end")
    func halfOpenPeriods() throws {
        let h = try hours(["tue": ["08:00-16:30"]])
        let tue = 1440
        #expect(!h.isOpen(at: tue + 8 * 60 - 1))
        #expect(h.isOpen(at: tue + 8 * 60))
        #expect(h.isOpen(at: tue + 16 * 60 + 29))
        #expect(!h.isOpen(at: tue + 16 * 60 + 30))
    }

    @Test("overnight periods run past midnight, and Sunday night wraps to Monday morning")
    func overnightAndSundayWrap() throws {
        let h = try hours(["wed": ["22:00-06:00"], "sun": ["22:00-06:00"]])
        let wed = 2 * 1440, thu = 3 * 1440, sun = 6 * 1440
        #expect(h.isOpen(at: wed + 23 * 60))
        #expect(h.isOpen(at: thu + 5 * 60 + 59))
        #expect(!h.isOpen(at: thu + 6 * 60))
        #expect(h.isOpen(at: sun + 23 * 60))
        #expect(h.isOpen(at: 0))  // Monday 00:00
        #expect(h.isOpen(at: 6 * 60 - 1))
        #expect(!h.isOpen(at: 6 * 60))
        #expect(h.ranges.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= 7 * 1440 })
    }

    @Test("24:00 ends a day; 00:00-24:00 every day is open around the clock")
    func midnightAs2400() throws {
        let day = ["00:00-24:00"]
        let h = try hours(["mon": day, "tue": day, "wed": day, "thu": day, "fri": day, "sat": day, "sun": day])
        #expect(h.coversWholeWeek)
        #expect(h.isOpen(at: 7 * 1440 - 1))
        let evening = try hours(["fri": ["18:00-24:00"]])
        #expect(evening.isOpen(at: 4 * 1440 + 23 * 60 + 59))
        #expect(!evening.isOpen(at: 5 * 1440))
        #expect(!(try hours(["mon": ["08:00-17:00"]])).coversWholeWeek)
        #expect(WeeklyHours(alwaysOpen: true, ranges: []).coversWholeWeek)
    }

    @Test("minutes until the next opening wrap from Sunday to Monday; 0 when open; nil when never open")
    func minutesUntilOpen() throws {
        let h = try hours(["mon": ["08:00-16:00"], "fri": ["08:00-16:00"]])
        let fridayEvening = 4 * 1440 + 18 * 60
        #expect(h.minutesUntilOpen(from: fridayEvening) == 2 * 1440 + 14 * 60)  // Monday 08:00
        #expect(h.minutesUntilOpen(from: 8 * 60 + 30) == 0)
        #expect(h.minutesUntilOpen(from: 7 * 60) == 60)
        #expect(WeeklyHours(alwaysOpen: false, ranges: []).minutesUntilOpen(from: 0) == nil)
    }

    @Test("timetables that cannot be read are refused with the weekday and period named")
    func malformedTimetables() {
        func message(_ weekly: [String: [String]]) -> String? {
            if case .failure(let e) = WeeklyHours.parse(weekly) { return e.message }
            return nil
        }
        #expect(message(["mno": ["08:00-16:00"]])?.contains("did you mean 'mon'") == true)
        #expect(message(["mon": ["8:00-16:00"]])?.contains("'8:00-16:00' on mon") == true)
        #expect(message(["mon": ["08:00-08:00"]]) != nil)
        #expect(message(["mon": ["08:00-24:01"]]) != nil)
        #expect(message(["mon": ["25:00-26:00"]]) != nil)
        #expect(message(["mon": ["08:00"]]) != nil)
        #expect(message(["mon": ["08:00-16:00"]]) == nil)
    }
}
