import Foundation

/// Pretty JSON written straight into bytes, in exactly the form Foundation's `JSONEncoder` gives
/// with `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]`: two-space indentation,
/// `"key" : value`, an empty container as `[`, a newline, then the closing line; `"`, `\` and
/// control characters escaped (`\n`, `\t`…, others as `\u00XX`), `/` and non-ASCII text as they
/// are; a number as Swift prints it without a trailing `.0`. Callers write the keys of each object
/// in sorted (byte) order. PlanJSONTests compares the two over many plans.
struct SortedJSONWriter {
    private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the innermost open container has no value yet.
    private var empty = false

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// The bytes written, with a final newline (as `canonicalJSON` ends its output).
    mutating func data() -> Data {
        bytes.append(0x0A)
        return Data(bytes)
    }

    /// A newline and 2 × 63 spaces: a newline and the indentation of any depth (plans nest about a
    /// dozen deep) in one copy.
    private static let indentation: [UInt8] = [0x0A] + [UInt8](repeating: 0x20, count: 126)

    /// A newline and the indentation of the current depth.
    private mutating func newline() {
        let n = 1 + 2 * depth
        if n <= Self.indentation.count {
            bytes.append(contentsOf: Self.indentation[0..<n])
        } else {
            bytes.append(0x0A)
            bytes.append(contentsOf: repeatElement(0x20, count: 2 * depth))
        }
    }

    /// Starts the next value of the current container: the separator and the indentation.
    private mutating func next() {
        if !empty { bytes.append(0x2C) }
        empty = false
        newline()
    }

    private mutating func open(_ c: UInt8) {
        bytes.append(c)
        depth += 1
        empty = true
    }

    private mutating func close(_ c: UInt8) {
        depth -= 1
        if empty { bytes.append(0x0A) }
        newline()
        bytes.append(c)
        empty = false
    }

    mutating func beginObject() { open(0x7B) }
    mutating func endObject() { close(0x7D) }
    mutating func beginArray() { open(0x5B) }
    mutating func endArray() { close(0x5D) }

    /// The key of the next member (a plain ASCII identifier).
    mutating func key(_ k: StaticString) {
        next()
        bytes.append(0x22)
        bytes.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        bytes.append(0x22)
        bytes.append(0x20)
        bytes.append(0x3A)
        bytes.append(0x20)
    }

    /// Starts the next element of an array (then write its value).
    mutating func element() { next() }

    mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { escape($0) }
        bytes.append(0x22)
    }

    mutating func value(_ b: Bool) {
        bytes.append(contentsOf: b ? "true".utf8 : "false".utf8)
    }

    mutating func value(_ n: Int) { bytes.append(contentsOf: String(n).utf8) }

    /// As `JSONEncoder` writes a `Double`: its description, without a trailing `.0`.
    mutating func value(_ d: Double) {
        var s = d.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        bytes.append(contentsOf: s.utf8)
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

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func escape(_ b: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for i in 0..<b.count {
            let c = b[i]
            guard c < 0x20 || c == 0x22 || c == 0x5C else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
            start = i + 1
            bytes.append(0x5C)
            switch c {
            case 0x22, 0x5C: bytes.append(c)
            case 0x0A: bytes.append(0x6E)
            case 0x0D: bytes.append(0x72)
            case 0x09: bytes.append(0x74)
            case 0x08: bytes.append(0x62)
            case 0x0C: bytes.append(0x66)
            default:
                bytes.append(contentsOf: "u00".utf8)
                bytes.append(Self.hex[Int(c >> 4)])
                bytes.append(Self.hex[Int(c & 0xF)])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<b.count]))
    }
}
