import Foundation
import Testing

@testable import ReferralCore

/// The shared escaper and number formatter (Matching/JSONEscape.swift): the eight-bytes-at-a-time
/// scan finds exactly the bytes a byte-by-byte scan finds, and the output is what JSONEncoder
/// writes (`.foundation`) or the minimal RFC 8259 set (`.minimal`).
@Suite("JSON escaping")
struct JSONEscapeTests {
    static func naive(_ u: [UInt8], from: Int) -> Int {
        var i = from
        while i < u.count, !(u[i] < 0x20 || u[i] == 0x22 || u[i] == 0x5C) { i += 1 }
        return i
    }

    @Test("the word-wise scan stops at every quote, backslash and control character, and nowhere else")
    func scanMatchesByteByByte() {
        var rng = SystemRandomNumberGenerator()
        // Bytes near the special ones and high bytes (UTF-8 continuation), where borrows could mislead.
        let alphabet: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x61, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
        for _ in 0..<3000 {
            let n = Int.random(in: 0...40, using: &rng)
            let u = (0..<n).map { _ in Bool.random(using: &rng) ? 0x61 : alphabet.randomElement(using: &rng)! }
            u.withUnsafeBufferPointer { b in
                for from in 0...n { #expect(JSONEscape.firstSpecial(in: b, from: from) == Self.naive(u, from: from)) }
            }
        }
    }

    @Test("strings as JSONEncoder writes them; the minimal style leaves backspace and form feed as \\u00XX")
    func quoteMatchesJSONEncoder() throws {
        let samples = ["", "plain text of some length, no escapes at all", "a \"quoted\" word\\path/x",
                       "tab\tnew\nline\r\u{08}\u{0C}\u{01}\u{1F} end", "ünïcödé – “quotes” 🙂 \"", String(repeating: "x\"", count: 9)]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        for s in samples {
            var out: [UInt8] = []
            JSONEscape.quote(s, into: &out)
            #expect(out == Array(try encoder.encode(s)))
        }
        var out: [UInt8] = []
        JSONEscape.quote("\u{08}\u{0C}\n", style: .minimal, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "\"\\u0008\\u000c\\n\"")
    }

    @Test("numbers as JSONEncoder writes them")
    func numbersMatchJSONEncoder() throws {
        let encoder = JSONEncoder()
        for d in [0, -0.0, 1, -1, 2.5, -2.5, 0.1, 1e14, 123456789012345, 1e15, 1e16, 1e21, -7e22, 5e-324, 1.0 / 3] {
            var out: [UInt8] = []
            JSONEscape.number(d, into: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(decoding: try encoder.encode(d), as: UTF8.self), "\(d)")
        }
        for n in [0, 7, -7, 10, 1234567890, Int.max, Int.min] {
            var out: [UInt8] = []
            JSONEscape.number(n, into: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(n))
        }
    }
}
