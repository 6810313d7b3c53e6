/// A minimal JSON writer for the generator: the engine's document types have no public
/// memberwise initialisers, and writing the text ourselves keeps key order and spacing fixed
/// (byte-identical files for the same seed).
indirect enum JSONText {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([JSONText])
    /// Keys in the order given.
    case object([(String, JSONText)])

    static func strings(_ a: [String]) -> JSONText { .array(a.map { .string($0) }) }

    func write(to out: inout String) {
        switch self {
        case .string(let s): JSONText.quote(s, into: &out)
        case .int(let i): out += String(i)
        case .double(let d): out += d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .bool(let b): out += b ? "true" : "false"
        case .array(let items):
            out += "["
            for (i, v) in items.enumerated() {
                if i > 0 { out += ", " }
                v.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (k, v)) in members.enumerated() {
                if i > 0 { out += ", " }
                JSONText.quote(k, into: &out)
                out += ": "
                v.write(to: &out)
            }
            out += "}"
        }
    }

    var text: String {
        var s = ""
        write(to: &s)
        return s
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

/// `{"formatVersion": 1, "<key>": [` one element per line `]}`: diffable and still one parse.
func listDocument(key: String, _ items: [JSONText]) -> String {
    var out = "{\n  \"formatVersion\": 1,\n  \"\(key)\": [\n"
    for (i, item) in items.enumerated() {
        out += "    "
        item.write(to: &out)
        out += i + 1 < items.count ? ",\n" : "\n"
    }
    out += "  ]\n}\n"
    return out
}
