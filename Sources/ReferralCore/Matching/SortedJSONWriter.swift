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
struct SortedJSONWriter: ~Copyable {
    /// One growing buffer (malloc'd, doubled when full); `data()` hands it to `Data` without a copy.
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private var depth = 0
    /// Whether the innermost open container has no value yet.
    private var empty = false

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(base) }

    /// The bytes written, with a final newline (as `canonicalJSON` ends its output).
    consuming func data() -> Data {
        byte(0x0A)
        let data = Data(bytesNoCopy: base, count: count, deallocator: .free)
        discard self
        return data
    }

    /// Room for `n` more bytes.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        capacity = max(needed, capacity * 2)
        base = realloc(base, capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    @inline(__always)
    private mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always)
    private mutating func bytes(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        (base + count).update(from: p, count: n)
        count += n
    }

    /// A newline and the indentation of the current depth (two spaces a level).
    private mutating func newline() {
        let n = 2 * depth
        reserve(n + 1)
        base[count] = 0x0A
        (base + count + 1).update(repeating: 0x20, count: n)
        count += n + 1
    }

    /// Starts the next value of the current container: the separator and the indentation.
    private mutating func next() {
        if !empty { byte(0x2C) }
        empty = false
        newline()
    }

    private mutating func open(_ c: UInt8) {
        byte(c)
        depth += 1
        empty = true
    }

    private mutating func close(_ c: UInt8) {
        depth -= 1
        if empty { byte(0x0A) }
        newline()
        byte(c)
        empty = false
    }

    mutating func beginObject() { open(0x7B) }
    mutating func endObject() { close(0x7D) }
    mutating func beginArray() { open(0x5B) }
    mutating func endArray() { close(0x5D) }

    /// The key of the next member (a plain ASCII identifier).
    mutating func key(_ k: StaticString) {
        next()
        let n = k.utf8CodeUnitCount
        reserve(n + 5)
        let p = base + count
        p[0] = 0x22
        (p + 1).update(from: k.utf8Start, count: n)
        p[n + 1] = 0x22
        p[n + 2] = 0x20
        p[n + 3] = 0x3A
        p[n + 4] = 0x20
        count += n + 5
    }

    /// Starts the next element of an array (then write its value).
    mutating func element() { next() }

    /// A string, quoted; plain runs are copied at once (JSONEscape.firstSpecial).
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { u in
            reserve(u.count + 2)
            base[count] = 0x22
            count += 1
            var start = 0
            while start < u.count {
                let i = JSONEscape.firstSpecial(in: u, from: start)
                if i > start { bytes(u.baseAddress! + start, i - start) }
                guard i < u.count else { break }
                JSONEscape.escape(u[i], style: .foundation) { byte($0) }
                start = i + 1
            }
            byte(0x22)
        }
    }

    mutating func value(_ b: Bool) {
        let t: StaticString = b ? "true" : "false"
        bytes(t.utf8Start, t.utf8CodeUnitCount)
    }

    mutating func value(_ n: Int) { JSONEscape.withDigits(n) { bytes($0.baseAddress!, $0.count) } }

    /// As `JSONEncoder` writes a `Double`: its description, without a trailing `.0`.
    mutating func value(_ d: Double) { JSONEscape.withDigits(d) { bytes($0.baseAddress!, $0.count) } }

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
