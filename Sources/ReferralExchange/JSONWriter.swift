import ReferralCore

/// JSON with keys in a chosen order (the order Pathways/README.md documents the fields in), so that
/// the files an import writes read like the hand-written ones and the same input always gives the
/// same bytes. Small objects and lists of plain values stay on one line.
indirect enum JSONOut: Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    /// A number as written in a source (kept exactly).
    case raw(String)
    case array([JSONOut])
    case object([(String, JSONOut)])

    /// Pretty text: two-space indent, one member per line, except that a list of plain values, or a
    /// small object inside an entry (intake, an address), stays on one line when it fits `inline`
    /// columns (counted in bytes).
    func text(indent: Int = 0, inline: Int = OneLine.columns) -> String {
        var out: [UInt8] = []
        write(&out, indent: indent, inline: inline)
        return String(decoding: out, as: UTF8.self)
    }

    func write(_ out: inout [UInt8], indent: Int, inline: Int) {
        switch self {
        case .array(let items) where !items.isEmpty:
            if !items.contains(where: \.isObject), OneLine.kept(&out, indent: indent, columns: inline, { compact(&$0) }) {
                return
            }
            out.append(UInt8(ascii: "["))
            out.append(10)
            for (i, item) in items.enumerated() {
                Self.spaces(indent + 2, &out)
                item.write(&out, indent: indent + 2, inline: inline)
                if i + 1 < items.count { out.append(UInt8(ascii: ",")) }
                out.append(10)
            }
            Self.spaces(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members) where !members.isEmpty:
            // The entries of a file's list are always spread out; their small parts are not.
            if indent > 4, depth <= 2, OneLine.kept(&out, indent: indent, columns: inline, { compact(&$0) }) { return }
            out.append(UInt8(ascii: "{"))
            out.append(10)
            for (i, (k, v)) in members.enumerated() {
                Self.spaces(indent + 2, &out)
                Self.quote(k, &out)
                out.append(UInt8(ascii: ":"))
                out.append(UInt8(ascii: " "))
                v.write(&out, indent: indent + 2, inline: inline)
                if i + 1 < members.count { out.append(UInt8(ascii: ",")) }
                out.append(10)
            }
            Self.spaces(indent, &out)
            out.append(UInt8(ascii: "}"))
        default:
            compact(&out)
        }
    }

    static func spaces(_ n: Int, _ out: inout [UInt8]) {
        for _ in 0..<n { out.append(32) }
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    var depth: Int {
        switch self {
        case .array(let a): 1 + (a.map(\.depth).max() ?? 0)
        case .object(let m): 1 + (m.map(\.1.depth).max() ?? 0)
        default: 0
        }
    }

    /// One-line form.
    func compact() -> String? {
        var out: [UInt8] = []
        compact(&out)
        return String(decoding: out, as: UTF8.self)
    }

    func compact(_ out: inout [UInt8]) {
        switch self {
        case .string(let s): Self.quote(s, &out)
        case .int(let i): JSONEscape.number(i, into: &out)
        case .double(let d): Self.number(d, &out)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .raw(let r): out.append(contentsOf: r.utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(contentsOf: ", ".utf8) }
                item.compact(&out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let m):
            out.append(UInt8(ascii: "{"))
            for (i, (k, v)) in m.enumerated() {
                if i > 0 { out.append(contentsOf: ", ".utf8) }
                Self.quote(k, &out)
                out.append(contentsOf: ": ".utf8)
                v.compact(&out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// RFC 8259 string: quote, backslash and control characters escaped; everything else as is
    /// (ReferralCore's `JSONEscape`, the package's one escaper, in its minimal style).
    static func quote(_ s: String, _ out: inout [UInt8]) { JSONEscape.quote(s, style: .minimal, into: &out) }

    /// A number: a whole `Double` below 10^15 as an integer (`-0.0` as `0`), any other as Swift
    /// prints it.
    static func number(_ d: Double, _ out: inout [UInt8]) {
        if d == d.rounded() && abs(d) < 1e15 { JSONEscape.number(Int(d), into: &out) } else { JSONEscape.number(d, into: &out) }
    }
}

/// The import's layout rule for a value that may stay on one line (a list of plain values, a small
/// object below an entry): its one-line form is kept when it fits `columns` bytes counted from the
/// value's indentation, else it is spread out. `JSONOut` (the tree) and `DocumentJSON` (written
/// directly) both decide through `kept`, so their files cannot differ in layout.
enum OneLine {
    static let columns = 100

    /// Writes the value's one-line form (`write`) at the end of `out`; returns true when that line
    /// fits, else takes it back and returns false (the caller then writes the value spread out).
    @inline(__always)
    static func kept<Out: OneLineOutput>(_ out: inout Out, indent: Int, columns: Int = columns,
                                         _ write: (inout Out) -> Void) -> Bool
    {
        let start = out.count
        write(&out)
        if out.count - start + indent <= columns { return true }
        out.takeBack(to: start)
        return false
    }
}

/// Bytes being written that `OneLine` can measure and take back.
protocol OneLineOutput {
    var count: Int { get }
    mutating func takeBack(to count: Int)
}

extension [UInt8]: OneLineOutput {
    mutating func takeBack(to count: Int) { removeSubrange(count...) }
}

/// Object building: members whose value is nil are left out.
struct JSONObject {
    var members: [(String, JSONOut)] = []
    mutating func add(_ key: String, _ v: String?) { if let v { members.append((key, .string(v))) } }
    mutating func add(_ key: String, _ v: Int?) { if let v { members.append((key, .int(v))) } }
    mutating func add(_ key: String, _ v: Double?) { if let v { members.append((key, .double(v))) } }
    mutating func add(_ key: String, _ v: Bool?) { if let v { members.append((key, .bool(v))) } }
    mutating func add(_ key: String, _ v: [String]?) { if let v { members.append((key, .array(v.map(JSONOut.string)))) } }
    mutating func add(_ key: String, _ v: JSONOut?) { if let v { members.append((key, v)) } }
    var value: JSONOut { .object(members) }
}
