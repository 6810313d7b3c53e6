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
/// Written for speed (a plan of ~90 KB is most of `route --format json`): one buffer, room made
/// once per key or value (with eight spare bytes, so indentation and string runs are stored eight
/// bytes at a time), keys copied with their quotes and `" : "` in one go, strings copied and
/// scanned for bytes to escape in the same pass.
struct SortedJSONWriter: ~Copyable {
    /// One growing buffer (malloc'd, doubled when full); `data()` hands it to `Data` without a copy.
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private var depth = 0
    /// Whether the innermost open container has no value yet.
    private var empty = false

    /// Bytes beyond what a write needs that `reserve` keeps free: eight-byte stores may overrun.
    private static var spare: Int { 8 }

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(base) }

    /// The bytes written, with a final newline (as `canonicalJSON` ends its output).
    consuming func data() -> Data {
        reserve(1)
        base[count] = 0x0A
        let data = Data(bytesNoCopy: base, count: count + 1, deallocator: .free)
        discard self
        return data
    }

    /// Room for `n` more bytes (and the spare ones).
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n + Self.spare > capacity { grow(count + n + Self.spare) }
    }

    @inline(never)
    private mutating func grow(_ needed: Int) {
        capacity = max(needed, capacity * 2)
        base = realloc(base, capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    /// Eight bytes at `offset` (unaligned); the caller has reserved them.
    @inline(__always)
    private func store(_ word: UInt64, at offset: Int) {
        UnsafeMutableRawPointer(base + offset).storeBytes(of: word, as: UInt64.self)
    }

    /// A newline and `2 * depth` spaces from `at`, eight at a time (reserved by the caller with
    /// the spare bytes); returns where they end.
    @inline(__always)
    private func indentation(at start: Int) -> Int {
        base[start] = 0x0A
        let end = start + 1 + 2 * depth
        var p = start + 1
        while p < end {
            store(0x2020_2020_2020_2020, at: p)
            p += 8
        }
        return end
    }

    /// Starts the next value of the current container: the separator and the indentation.
    @inline(__always)
    private mutating func next() {
        reserve(2 + 2 * depth)
        if !empty {
            base[count] = 0x2C
            count += 1
        }
        empty = false
        count = indentation(at: count)
    }

    @inline(__always)
    private mutating func open(_ c: UInt8) {
        reserve(1)
        base[count] = c
        count += 1
        depth += 1
        empty = true
    }

    @inline(__always)
    private mutating func close(_ c: UInt8) {
        depth -= 1
        reserve(3 + 2 * depth)
        if empty {
            base[count] = 0x0A
            count += 1
        }
        count = indentation(at: count)
        base[count] = c
        count += 1
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
        reserve(n + 7 + 2 * depth)
        var p = count
        if !empty {
            base[p] = 0x2C
            p += 1
        }
        empty = false
        p = indentation(at: p)
        base[p] = 0x22
        UnsafeMutableRawPointer(base + p + 1).copyMemory(from: k.utf8Start, byteCount: n)
        p += n + 1
        base[p] = 0x22
        base[p + 1] = 0x20
        base[p + 2] = 0x3A
        base[p + 3] = 0x20
        count = p + 4
    }

    /// Starts the next element of an array (then write its value).
    mutating func element() { next() }

    /// A string, quoted and escaped.
    mutating func string(_ s: String) {
        reserve(1)
        base[count] = 0x22
        count += 1
        text(s)
        reserve(1)
        base[count] = 0x22
        count += 1
    }

    /// An ASCII text that needs no escaping (an enum's raw value, a rule id), quoted.
    mutating func plainString(_ s: String) {
        reserve(1)
        base[count] = 0x22
        count += 1
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { u in
            reserve(u.count + 1)
            if let p = u.baseAddress { UnsafeMutableRawPointer(base + count).copyMemory(from: p, byteCount: u.count) }
            count += u.count
        }
        if done == nil { text(s) }
        reserve(1)
        base[count] = 0x22
        count += 1
    }

    // MARK: The inside of a string (a sentence is written in pieces between `quote()`s)

    /// A string's opening or closing quote.
    mutating func quote() {
        reserve(1)
        base[count] = 0x22
        count += 1
    }

    /// Text inside a string, escaped.
    mutating func text(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { escaped($0) }
        if done == nil {
            var s = s
            s.withUTF8 { escaped($0) }
        }
    }

    /// Fixed words inside a string, which need no escaping (checked in debug builds).
    @inline(__always)
    mutating func words(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        assert(UnsafeBufferPointer(start: s.utf8Start, count: n).allSatisfy { !JSONEscape.isSpecial($0) })
        reserve(n)
        UnsafeMutableRawPointer(base + count).copyMemory(from: s.utf8Start, byteCount: n)
        count += n
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
        var p = count + width
        if n < 0 {
            base[count] = 0x2D
            p += 1
        }
        let end = p
        repeat {
            p -= 1
            base[p] = 0x30 + UInt8(v % 10)
            v /= 10
        } while v != 0
        count = end
    }

    /// UTF-8 bytes, escaped: copied eight bytes at a time while no byte in them needs escaping
    /// (`JSONEscape`'s word test; a hit is confirmed byte by byte), the rest byte by byte.
    private mutating func escaped(_ u: UnsafeBufferPointer<UInt8>) {
        let n = u.count
        guard n > 0, let src = u.baseAddress else { return }
        reserve(n)
        var d = count
        var i = 0
        let raw = UnsafeRawPointer(src)
        while i + 8 <= n {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            store(x, at: d)
            if JSONEscape.mayHoldSpecial(x) {
                var j = 0
                while j < 8, !JSONEscape.isSpecial(src[i + j]) { j += 1 }
                if j < 8 {
                    d += j
                    i += j
                    count = d
                    escape(src[i], remaining: n - i - 1)
                    d = count
                    i += 1
                    continue
                }
            }
            i += 8
            d += 8
        }
        while i < n {
            let c = src[i]
            i += 1
            if JSONEscape.isSpecial(c) {
                count = d
                escape(c, remaining: n - i)
                d = count
            } else {
                base[d] = c
                d += 1
            }
        }
        count = d
    }

    /// The escape of one byte, with room kept for the `remaining` bytes still to copy.
    @inline(never)
    private mutating func escape(_ c: UInt8, remaining: Int) {
        reserve(6 + remaining)
        JSONEscape.escape(c, style: .foundation) {
            base[count] = $0
            count += 1
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
            if let p = u.baseAddress { UnsafeMutableRawPointer(base + count).copyMemory(from: p, byteCount: u.count) }
            count += u.count
        }
    }

    /// An array of strings.
    mutating func strings(_ items: [String]) {
        beginArray()
        for s in items {
            element()
            string(s)
        }
        endArray()
    }
}
