import Foundation

// Dates in the proleptic Gregorian calendar as days since 1970-01-01, and their `YYYY-MM-DD` text.

/// Parses `YYYY-MM-DD` into days since 1970-01-01.
public func parseDay(_ text: String) -> Int? {
    let p = text.split(separator: "-", omittingEmptySubsequences: false)
    guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2, let y = Int(p[0]), let m = Int(p[1]),
        let d = Int(p[2]), (1...12).contains(m), (1...daysInMonth(y, m)).contains(d)
    else { return nil }
    return daysFromCivil(y, m, d)
}

func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }

func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
func daysInMonth(_ y: Int, _ m: Int) -> Int {
    [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
}

// Howard Hinnant's civil-date algorithms: exact for the proleptic Gregorian calendar.
func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

public func civilDate(fromDays z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp + (mp < 10 ? 3 : -9)
    return (m <= 2 ? y + 1 : y, m, d)
}

public func dayText(_ day: Int) -> String {
    let (y, m, d) = civilDate(fromDays: day)
    guard (0...9999).contains(y) else { return String(format: "%04d-%02d-%02d", y, m, d) }
    // Ten ASCII bytes make a small string: no allocation (the router renders a service's
    // verification day for every decision).
    return String(unsafeUninitializedCapacity: 10) { b in
        let zero = UInt8(ascii: "0")
        b[0] = zero + UInt8(y / 1000)
        b[1] = zero + UInt8(y / 100 % 10)
        b[2] = zero + UInt8(y / 10 % 10)
        b[3] = zero + UInt8(y % 10)
        b[4] = UInt8(ascii: "-")
        b[5] = zero + UInt8(m / 10)
        b[6] = zero + UInt8(m % 10)
        b[7] = UInt8(ascii: "-")
        b[8] = zero + UInt8(d / 10)
        b[9] = zero + UInt8(d % 10)
        return 10
    }
}

/// `String(format: "%0*d", width, value)` for a value of 0 or more, without Foundation's formatter.
func zeroPadded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
