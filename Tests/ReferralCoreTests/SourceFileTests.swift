import Testing
@testable import ReferralCore

@Suite("Lines and columns")
struct SourceFileTests {
    /// The definition: line = line breaks before the offset + 1; column = scalars from the line's
    /// start to the offset + 1 (what the table computes without rescanning the line).
    func naive(_ b: [UInt8], _ offset: Int) -> (Int, Int) {
        let o = max(0, min(offset, b.count))
        var line = 1, start = 0
        for i in 0..<o where b[i] == 0x0A {
            line += 1
            start = i + 1
        }
        return (line, b[start..<o].filter { $0 & 0xC0 != 0x80 }.count + 1)
    }

    @Test func everyOffsetMatchesTheDefinition() {
        var rng = SeededGenerator(seed: 7)
        let pieces: [[UInt8]] = [Array("a".utf8), Array("\n".utf8), Array("\r\n".utf8), Array("é".utf8), Array("😀".utf8),
                                 Array("ab cd ".utf8), [0xFF], [0x80, 0x80], Array(String(repeating: "x", count: 300).utf8)]
        // Up to `untabledBytes` without a table (scanned from the start), past it with one.
        for length in [0, 1, 255, 256, 257, 511, 512, 513, 2000, SourceFile.untabledBytes, SourceFile.untabledBytes + 1, 6000] {
            var b: [UInt8] = []
            while b.count < length { b += pieces[Int(rng.next() % UInt64(pieces.count))] }
            b = Array(b.prefix(length))
            let f = SourceFile(name: "t", bytes: b)
            for o in -1...(b.count + 1) {
                let (l, c) = f.lineColumn(of: o)
                #expect(l == naive(b, o).0 && c == naive(b, o).1, "offset \(o) of \(b.count)")
            }
        }
    }

    @Test func aLongLineIsAnsweredWithoutRescanningIt() {
        // One 8 MB line: a place near its end costs one block, not the whole line.
        let b = [UInt8](repeating: UInt8(ascii: "x"), count: 8 << 20)
        let f = SourceFile(name: "t", bytes: b)
        for o in stride(from: b.count - 200, to: b.count, by: 1) { _ = f.lineColumn(of: o) }
        #expect(f.lineColumn(of: b.count - 1) == (1, b.count))
    }
}
