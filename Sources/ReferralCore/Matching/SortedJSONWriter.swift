#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Pretty JSON written straight into bytes, in exactly the form Foundation's `JSONEncoder` gives
/// with `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]`: two-space indentation,
/// `"key" : value`, an empty container as `[`, a newline, then the closing line; `"`, `\` and
/// control characters escaped (`\n`, `\t`…, others as `\u00XX`), `/` and non-ASCII text as they
/// are; a number as Swift prints it without a trailing `.0`. Callers write the keys of each object
/// in sorted (byte) order. PlanJSONTests compares the two over many plans.
///
/// Written for speed (a plan of ~90 KB is most of `route --format json`): one buffer and a cursor
/// into it, room made once per key or value (with spare bytes, so indentation and string runs are
/// stored eight bytes at a time), keys copied with their quotes and `" : "` in one go, strings
/// copied and scanned for bytes to escape in the same pass.
struct SortedJSONWriter: ~Copyable {
    /// One growing buffer (malloc'd, doubled when full); `data()` hands it to `Data` without a copy.
    private var base: UnsafeMutablePointer<UInt8>
    /// Where the next byte goes.
    private var cursor: UnsafeMutablePointer<UInt8>
    /// `spare` bytes before the end of the buffer: a write of `n` bytes needs `cursor + n <= limit`.
    private var limit: UnsafeMutablePointer<UInt8>
    private var depth = 0
    /// Whether the innermost open container has no value yet.
    private var empty = false

    /// Bytes kept free beyond what a write needs: eight-byte stores (and the indentation's first
    /// sixteen spaces) may run past its end.
    private static var spare: Int { 16 }

    init(capacity: Int) {
        let capacity = max(capacity, 64)
        base = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
        cursor = base
        limit = base + capacity - Self.spare
    }

    deinit { free(base) }

    /// The bytes written, with a final newline (as `canonicalJSON` ends its output).
    consuming func data() -> Data {
        reserve(1)
        cursor[0] = 0x0A
        let data = Data(bytesNoCopy: base, count: cursor - base + 1, deallocator: .free)
        discard self
        return data
    }

    /// Room for `n` more bytes (and the spare ones).
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if limit - cursor < n { grow(n) }
    }

    @inline(never)
    private mutating func grow(_ n: Int) {
        let used = cursor - base
        let capacity = max(used + n + Self.spare, 2 * (limit - base + Self.spare))
        base = realloc(base, capacity)!.assumingMemoryBound(to: UInt8.self)
        cursor = base + used
        limit = base + capacity - Self.spare
    }

    /// Eight bytes at `p` (unaligned), reserved by the caller.
    @inline(__always)
    private static func store(_ word: UInt64, at p: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(p).storeBytes(of: word, as: UInt64.self)
    }

    /// A newline and `2 * depth` spaces at `p`, sixteen without a loop (a plan is seven deep;
    /// LLVM turns a loop of stores into a call to `memset`), reserved by the caller with the spare
    /// bytes; returns where they end.
    @inline(__always)
    private func indentation(at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let spaces: UInt64 = 0x2020_2020_2020_2020
        p[0] = 0x0A
        Self.store(spaces, at: p + 1)
        Self.store(spaces, at: p + 9)
        let n = 2 * depth
        if n > 16 { (p + 17).update(repeating: 0x20, count: n - 16) }
        return p + 1 + n
    }

    /// The separator of the current container's next value and its indentation (`extra` more
    /// bytes reserved for what follows).
    @inline(__always)
    private mutating func next(extra: Int) {
        reserve(2 + 2 * depth + extra)
        var p = cursor
        if !empty {
            p[0] = 0x2C
            p += 1
        }
        empty = false
        cursor = indentation(at: p)
    }

    @inline(__always)
    private mutating func open(_ c: UInt8) {
        reserve(1)
        cursor[0] = c
        cursor += 1
        depth += 1
        empty = true
    }

    @inline(__always)
    private mutating func close(_ c: UInt8) {
        depth -= 1
        reserve(3 + 2 * depth)
        var p = cursor
        if empty {
            p[0] = 0x0A
            p += 1
        }
        p = indentation(at: p)
        p[0] = c
        cursor = p + 1
        empty = false
    }

    mutating func beginObject() { open(0x7B) }
    mutating func endObject() { close(0x7D) }
    mutating func beginArray() { open(0x5B) }
    mutating func endArray() { close(0x5D) }

    /// The key of the next member (a plain ASCII identifier): separator, newline, indentation,
    /// `"key" : ` with one reservation (inlined, so the key's length is a constant).
    @inline(__always)
    mutating func key(_ k: StaticString) {
        let n = k.utf8CodeUnitCount
        next(extra: n + 5)
        let p = cursor
        p[0] = 0x22
        UnsafeMutableRawPointer(p + 1).copyMemory(from: k.utf8Start, byteCount: n)
        // `" : ` (0x22 0x20 0x3A 0x20), little-endian.
        UnsafeMutableRawPointer(p + 1 + n).storeBytes(of: UInt32(0x203A_2022).littleEndian, as: UInt32.self)
        cursor = p + n + 5
    }

    /// Starts the next element of an array (then write its value).
    mutating func element() { next(extra: 0) }

    /// Starts the next element of an array, an object.
    mutating func objectElement() {
        next(extra: 1)
        cursor[0] = 0x7B
        cursor += 1
        depth += 1
        empty = true
    }

    /// A string, quoted and escaped.
    mutating func string(_ s: String) {
        reserve(1)
        cursor[0] = 0x22
        cursor += 1
        text(s, closingQuote: true)
    }

    /// An ASCII text that needs no escaping (an enum's raw value, a rule id), quoted.
    mutating func plainString(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { u in
            reserve(u.count + 2)
            cursor[0] = 0x22
            cursor = Self.copy(u, to: cursor + 1)
            cursor[0] = 0x22
            cursor += 1
        }
        if done == nil { string(s) }
    }

    /// Copies bytes eight at a time (the last eight again for the rest, overlapping), without a
    /// call to `memcpy` for these short runs; reserved by the caller. Returns where they end.
    @inline(__always)
    private static func copy(_ u: UnsafeBufferPointer<UInt8>, to d: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let n = u.count
        guard let src = u.baseAddress else { return d }
        let raw = UnsafeRawPointer(src)
        if n < 8 {
            // Four, two and one bytes as `n`'s bits say (a byte loop would become `memcpy`).
            var o = 0
            if n & 4 != 0 {
                UnsafeMutableRawPointer(d).storeBytes(of: raw.loadUnaligned(as: UInt32.self), as: UInt32.self)
                o = 4
            }
            if n & 2 != 0 {
                UnsafeMutableRawPointer(d + o).storeBytes(of: raw.loadUnaligned(fromByteOffset: o, as: UInt16.self), as: UInt16.self)
                o += 2
            }
            if n & 1 != 0 { d[o] = src[o] }
            return d + n
        }
        var i = 0
        while i + 8 <= n {
            store(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self), at: d + i)
            i += 8
        }
        if i < n { store(raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), at: d + n - 8) }
        return d + n
    }

    /// Quoted fixed text that needs no escaping (checked in debug builds).
    @inline(__always)
    mutating func quoted(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        reserve(n + 2)
        let p = cursor
        p[0] = 0x22
        UnsafeMutableRawPointer(p + 1).copyMemory(from: s.utf8Start, byteCount: n)
        p[n + 1] = 0x22
        cursor = p + n + 2
    }

    // MARK: The inside of a string (a sentence is written in pieces between `quote()`s)

    /// A string's opening or closing quote.
    mutating func quote() {
        reserve(1)
        cursor[0] = 0x22
        cursor += 1
    }

    /// Text inside a string, escaped.
    mutating func text(_ s: String) { text(s, closingQuote: false) }

    @inline(__always)
    private mutating func text(_ s: String, closingQuote: Bool) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { escaped($0, closingQuote: closingQuote) }
        if done == nil {
            var s = s
            s.withUTF8 { escaped($0, closingQuote: closingQuote) }
        }
    }

    /// Fixed words inside a string, which need no escaping (checked in debug builds).
    @inline(__always)
    mutating func words(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        assert(UnsafeBufferPointer(start: s.utf8Start, count: n).allSatisfy { !JSONEscape.isSpecial($0) })
        reserve(n)
        UnsafeMutableRawPointer(cursor).copyMemory(from: s.utf8Start, byteCount: n)
        cursor += n
    }

    /// An integer's digits (inside a string or as a value).
    mutating func digits(_ n: Int) {
        reserve(20)
        var v = n.magnitude
        var width = 1
        var limit: UInt = 10
        while v >= limit, width < 19 {
            width += 1
            limit &*= 10
        }
        if width == 19, v >= limit { width = 20 }
        if n < 0 {
            cursor[0] = 0x2D
            cursor += 1
        }
        let end = cursor + width
        var p = end
        repeat {
            p -= 1
            p[0] = 0x30 + UInt8(v % 10)
            v /= 10
        } while v != 0
        cursor = end
    }

    /// UTF-8 bytes, escaped (then the closing quote if asked): copied eight bytes at a time while
    /// no byte in them needs escaping (`JSONEscape.mayHoldSpecial`; a hit is confirmed byte by
    /// byte); the last few bytes as the last eight bytes again when those were copied as they are.
    /// (Swift's `SIMD16<UInt8>` compares were tried: scalarised, they cost four times as much.)
    private mutating func escaped(_ u: UnsafeBufferPointer<UInt8>, closingQuote: Bool) {
        let n = u.count
        guard n > 0, let src = u.baseAddress else {
            if closingQuote { quote() }
            return
        }
        reserve(n + 1)
        var d = cursor
        var i = 0
        // Bytes from `clean` on are copied as they are, at `d - i` past the source.
        var clean = 0
        let raw = UnsafeRawPointer(src)
        while i + 8 <= n {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            Self.store(x, at: d)
            if JSONEscape.mayHoldSpecial(x) {
                var j = 0
                while j < 8, !JSONEscape.isSpecial(src[i + j]) { j += 1 }
                if j < 8 {
                    i += j
                    cursor = d + j
                    escape(src[i], remaining: n - i)
                    d = cursor
                    i += 1
                    clean = i
                    continue
                }
            }
            i += 8
            d += 8
        }
        if i < n, n - 8 >= clean {
            // The string's last eight bytes: those before `i` are already written as they are.
            let x = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            if !JSONEscape.mayHoldSpecial(x) {
                Self.store(x, at: d - (i - (n - 8)))
                d += n - i
                i = n
            }
        }
        while i < n {
            let c = src[i]
            i += 1
            if JSONEscape.isSpecial(c) {
                cursor = d
                escape(c, remaining: n - i + 1)
                d = cursor
            } else {
                d[0] = c
                d += 1
            }
        }
        if closingQuote {
            d[0] = 0x22
            d += 1
        }
        cursor = d
    }

    /// The escape of one byte, with room kept for the `remaining` bytes still to copy (and a quote).
    @inline(never)
    private mutating func escape(_ c: UInt8, remaining: Int) {
        reserve(6 + remaining)
        JSONEscape.escape(c, style: .foundation) {
            cursor[0] = $0
            cursor += 1
        }
    }

    mutating func value(_ b: Bool) {
        if b { words("true") } else { words("false") }
    }

    mutating func value(_ n: Int) { digits(n) }

    /// As `JSONEncoder` writes a `Double`: its description, without a trailing `.0`.
    mutating func value(_ d: Double) {
        JSONEscape.withDigits(d) { u in
            reserve(u.count)
            cursor = Self.copy(u, to: cursor)
        }
    }

    /// An array of strings.
    mutating func strings(_ items: [String]) {
        beginArray()
        for i in items.indices {
            element()
            string(items[i])
        }
        endArray()
    }
}
