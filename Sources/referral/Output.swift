import Foundation
import ReferralCore

/// ANSI styling, on only when stdout is a terminal (and neither `--no-color` nor NO_COLOR says
/// otherwise). Without colour the text carries the same information: markers such as `!!` and
/// upper-case labels never depend on colour.
struct Style {
    var enabled: Bool

    private func sgr(_ code: String, _ s: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    func bold(_ s: String) -> String { sgr("1", s) }
    func dim(_ s: String) -> String { sgr("2", s) }
    func red(_ s: String) -> String { sgr("1;31", s) }
    func yellow(_ s: String) -> String { sgr("33", s) }
    func green(_ s: String) -> String { sgr("32", s) }
    func inverse(_ s: String) -> String { sgr("1;7", s) }

    static func forOutput(noColorFlag: Bool, env: Environment) -> Style {
        Style(enabled: env.colorAllowed && !noColorFlag)
    }

    /// The columns `s` takes on a terminal: its characters without ANSI escape sequences.
    static func printedWidth(_ s: String) -> Int {
        var n = 0
        var inEscape = false
        for c in s.unicodeScalars {
            if inEscape {
                if c == "m" { inEscape = false }
            } else if c == "\u{1B}" {
                inEscape = true
            } else {
                n += 1
            }
        }
        return n
    }
}

/// Lines of text for the terminal, wrapped to `width` columns.
struct TextBuilder {
    let width: Int
    private(set) var text = ""

    init(width: Int = 100) { self.width = width }

    mutating func line(_ s: String = "") { text += s + "\n" }

    /// A wrapped paragraph: `lead` on the first line, continuation lines indented to match.
    /// `lead` may contain escape codes; `leadWidth` is its printed width.
    mutating func para(_ lead: String, _ body: String, leadWidth: Int? = nil, indent: Int? = nil) {
        let w = leadWidth ?? Style.printedWidth(lead)
        let ind = String(repeating: " ", count: indent ?? w)
        let wrapped = wrap(body, width: width, indent: ind, firstIndent: String(repeating: " ", count: w))
        text += lead + wrapped.dropFirst(w) + "\n"
    }
}

/// Word-wraps `text` to `width` columns; continuation lines start with `indent`, and so does the
/// first line unless `firstIndent` is given. A phone number (`+000 10 555 0101`, digits in groups)
/// is never broken across lines, and neither is anything without spaces (an e-mail, an id).
func wrap(_ text: String, width: Int, indent: String, firstIndent: String? = nil) -> String {
    var lines: [String] = []
    var line = firstIndent ?? indent
    var used = line.count
    var lineHasWord = false
    for word in unbreakableWords(text) {
        // Columns, not characters: colour escapes take none.
        let w = Style.printedWidth(word)
        if lineHasWord && used + 1 + w > width {
            lines.append(line)
            line = indent
            used = indent.count
            lineHasWord = false
        }
        line += (lineHasWord ? " " : "") + word
        used += (lineHasWord ? 1 : 0) + w
        lineHasWord = true
    }
    lines.append(line)
    return lines.joined(separator: "\n")
}

/// The words of `text`, with the groups of a phone number kept together as one word: runs of
/// words made of digits and `+ ( ) - . /` (the last may end in `, ; :`) holding seven digits or more.
func unbreakableWords(_ text: String) -> [String] {
    let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    func phonePart(_ w: String, last: Bool) -> Bool {
        var core = Substring(w)
        if last { while let c = core.last, ",;:".contains(c) { core = core.dropLast() } }
        return !core.isEmpty && core.allSatisfy { $0.isASCII && ($0.isNumber || "+()-./".contains($0)) }
            && core.contains { $0.isNumber }
    }
    var out: [String] = []
    var i = 0
    while i < words.count {
        var j = i
        var digits = 0
        // Extend over words that are all phone punctuation and digits; the last may carry a comma.
        while j < words.count, phonePart(words[j], last: false) {
            digits += words[j].filter(\.isNumber).count
            j += 1
        }
        if j < words.count, j > i, phonePart(words[j], last: true) {
            digits += words[j].filter(\.isNumber).count
            j += 1
        }
        if j - i >= 2 && digits >= 7 {
            out.append(words[i..<j].joined(separator: " "))
            i = j
        } else {
            out.append(words[i])
            i += 1
        }
    }
    return out
}

/// Standard JSON for the tool's own listings (sorted keys, final newline), as text.
func jsonText<T: Encodable>(_ value: T) -> String {
    String(decoding: canonicalJSON(value), as: UTF8.self)
}

extension RuleCheck.Outcome {
    /// `PASS`, `FAIL`, `WARN`, `INFO`, four columns wide.
    var label: String { rawValue.uppercased() }
}

extension Action {
    var label: String {
        switch self {
        case .refer: "REFER"
        case .emergencyReferral: "EMERGENCY REFERRAL"
        case .inform: "INFORM ONLY"
        case .excluded: "NOT USABLE"
        }
    }
}

/// `41 h`, `2.5 h`: hours as people read them.
func hoursText(_ h: Double) -> String {
    let r = (h * 10).rounded() / 10
    return r == r.rounded() ? "\(Int(r)) h" : String(format: "%.1f h", r)
}
