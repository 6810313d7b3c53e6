/// A source text with its name and a table that turns byte offsets into lines and columns.
///
/// Findings name a line and a column (counted in Unicode scalars, as editors do), and a
/// directory file can be one 60 MB line (exporters minify JSON). So the table is built once, in
/// one pass, and answers any offset by looking at no more than one block of `blockSize` bytes:
/// for the start of each block it keeps the number of line breaks before it, the number of
/// scalars before it, and the number of scalars before the line the block starts in. Finding a
/// place never rescans a line from its start, whatever its length. A UTF-8 byte order mark at the
/// start is not counted as a column (editors do not show it).
///
/// - Complexity: building is O(n) for n bytes; `lineColumn(of:)` is O(`blockSize`); the table
///   takes 12 bytes per block (under 5 % of the text).
public final class SourceFile: Sendable {
    public let name: String
    public let bytes: [UInt8]
    static let blockSize = 256
    /// Per block: line breaks before it, scalars before it, scalars before its current line's start.
    private let blocks: [Block]

    struct Block {
        var newlines: UInt32
        var scalars: UInt32
        var lineScalars: UInt32
    }

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        // A small text (a case) is scanned from its start for each place asked for, which costs
        // less than the table when no place is asked for at all (a clean case).
        self.blocks = bytes.count <= SourceFile.untabledBytes ? [] : SourceFile.table(bytes)
    }

    /// Texts up to this size keep no table.
    static let untabledBytes = 4096

    private static func table(_ bytes: [UInt8]) -> [Block] {
        var out: [Block] = []
        out.reserveCapacity(bytes.count / blockSize + 1)
        // Counting in UInt32 keeps the table small; InputLimits keeps files far below 4 GB.
        var newlines: UInt32 = 0, scalars: UInt32 = 0, lineScalars: UInt32 = 0
        // A byte order mark is invisible in editors: the first line's columns start after it.
        if startsWithByteOrderMark(bytes) { lineScalars = 1 }
        bytes.withUnsafeBufferPointer { b in
            var start = 0
            repeat {
                out.append(Block(newlines: newlines, scalars: scalars, lineScalars: lineScalars))
                let end = min(start + blockSize, b.count)
                var i = start
                // Eight bytes at a time: line breaks are bytes equal to 0x0A, continuation bytes
                // are 10xxxxxx; everything else starts a scalar.
                while i + 8 <= end {
                    let x = UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self))
                    let high: UInt64 = 0x8080_8080_8080_8080, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
                    let continuation = x & ~(x << 1) & high
                    let y = x ^ 0x0A0A_0A0A_0A0A_0A0A
                    let breaks = ~(((y & low) &+ low) | y) & high
                    if breaks != 0 {
                        // The scalars up to and including the last line break of these eight bytes.
                        let last = (63 - breaks.leadingZeroBitCount) / 8
                        let upTo: UInt64 = last == 7 ? ~0 : (1 << UInt64((last + 1) * 8)) &- 1
                        lineScalars = scalars &+ UInt32(last + 1 - (continuation & upTo).nonzeroBitCount)
                        newlines &+= UInt32(breaks.nonzeroBitCount)
                    }
                    scalars &+= continuation == 0 ? 8 : UInt32(8 - continuation.nonzeroBitCount)
                    i += 8
                }
                while i < end {
                    let c = b[i]
                    if c & 0xC0 != 0x80 { scalars &+= 1 }
                    if c == 0x0A {
                        newlines &+= 1
                        lineScalars = scalars
                    }
                    i += 1
                }
                start = end
            } while start < b.count
        }
        return out
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset; offsets outside the text are
    /// clamped to it.
    public func lineColumn(of offset: Int) -> (line: Int, column: Int) {
        let offset = max(0, min(offset, bytes.count))
        let k = min(offset / SourceFile.blockSize, blocks.count - 1)
        // Without a table: one block from the start (a byte order mark is not a column).
        let block = k < 0 ? Block(newlines: 0, scalars: 0, lineScalars: startsWithByteOrderMark(bytes) ? 1 : 0) : blocks[k]
        var line = Int(block.newlines) + 1
        var scalars = Int(block.scalars)
        var lineScalars = Int(block.lineScalars)
        var i = max(k, 0) * SourceFile.blockSize
        while i < offset {
            let c = bytes[i]
            if c & 0xC0 != 0x80 { scalars += 1 }
            if c == 0x0A {
                line += 1
                lineScalars = scalars
            }
            i += 1
        }
        return (line, max(1, scalars - lineScalars + 1))
    }

    public func place(_ path: String, offset: Int) -> SourcePlace {
        let (l, c) = lineColumn(of: offset)
        return SourcePlace(file: name, path: path, line: l, column: c)
    }
}
