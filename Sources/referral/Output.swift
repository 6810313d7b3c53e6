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
        let w = leadWidth ?? lead.count
        let ind = String(repeating: " ", count: indent ?? w)
        let wrapped = wrap(body, width: width, indent: ind, firstIndent: String(repeating: " ", count: w))
        text += lead + wrapped.dropFirst(w) + "\n"
    }
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
