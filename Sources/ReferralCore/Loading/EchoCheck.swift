/// Checks the promise of `CaseRedaction`: no finding about a case repeats four characters in a
/// row of anything the case holds (a key, a value, or any run of text in input that is not JSON),
/// unless those characters are the tool's own words (a field name, a value of a closed vocabulary,
/// an id or name of the directory, the wording of the loader's messages).
///
/// Used by the tests and by the fuzz harness (`referral-fuzz`), which runs it on every input.
public enum EchoCheck {
    /// The four-character runs of `bytes` that `findings` repeat and that are not in `allowed`
    /// (see `allowedText`); empty when nothing is echoed.
    public static func echoes(of bytes: [UInt8], in findings: [Diagnostic], allowed: Set<Window>) -> [String] {
        var said: Set<Window> = []
        for d in findings {
            for text in [d.message, d.help ?? "", d.id ?? ""] {
                for part in words(text) { said.formUnion(windows(part)) }
            }
            // A path is its components: `consent.referTo…` joins two field names, it repeats neither.
            for path in [d.place.path, d.related?.path ?? ""] {
                for part in path.split(whereSeparator: { ".[]#\"".contains($0) }) { said.formUnion(windows(String(part))) }
            }
        }
        var out: Set<String> = []
        for piece in pieces(bytes) {
            for w in windows(piece) where said.contains(w) && !allowed.contains(w) { out.insert(w.text) }
        }
        return out.sorted()
    }

    /// Four Unicode scalars in a row: hashed as integers, not as strings (the check runs on every
    /// fuzzed input).
    public struct Window: Hashable, Sendable {
        let a, b, c, d: UInt32
        var text: String {
            String(String.UnicodeScalarView([a, b, c, d].compactMap(Unicode.Scalar.init)))
        }
    }

    /// Both sides are compared word by word, split at spaces, quotes and JSON punctuation: a
    /// quote around a field name in a message (`'age'`) is no more the case's than the space
    /// between two words.
    static let separators: Set<Character> = ["{", "}", "[", "]", ":", ",", "\"", "'", "\\", " ", "\n", "\r", "\t"]

    static func words(_ text: String) -> [String] {
        text.split { separators.contains($0) || $0.isWhitespace }.map(String.init)
    }

    /// The runs of four Unicode scalars in `text`.
    static func windows(_ text: String) -> [Window] {
        let u = text.unicodeScalars.map(\.value)
        guard u.count >= 4 else { return [] }
        return (0...(u.count - 4)).map { Window(a: u[$0], b: u[$0 + 1], c: u[$0 + 2], d: u[$0 + 3]) }
    }

    /// What the input holds, as text: the runs between JSON punctuation and spaces in the raw
    /// bytes, and, when it parses, every key, string and number (escapes decoded).
    static func pieces(_ bytes: [UInt8]) -> [String] {
        var out = words(String(decoding: bytes, as: UTF8.self))
        if let root = try? JSONParser.parse(bytes) {
            var stack = [root]
            while let n = stack.popLast() {
                switch n.value {
                // Word by word, like the raw text: a message's own spaces match nothing of the case.
                case .string(let s), .number(let s): out += words(s)
                case .array(let items): stack.append(contentsOf: items)
                case .object(let members):
                    for m in members {
                        out += words(m.key)
                        stack.append(m.value)
                    }
                default: break
                }
            }
        }
        return out
    }

    /// Every four-character run of the tool's own words for `directory`: the format's field names
    /// and closed vocabularies, the directory's ids and names, and the wording of every message
    /// the case loader gives (learnt by loading `probes`, which hold nothing but made-up values).
    public static func allowedText(_ directory: Directory) -> Set<Window> {
        var out: Set<Window> = []
        let ctx = directory.context
        var words = Array(CaseRedaction.allowedWords(directory))
        words += ctx.areas.values.map(\.name) + ctx.languages.map(\.name) + ctx.categories.values.map(\.name)
        words += Array(ctx.populationGroups.values) + Array(ctx.legalStatuses.values) + [ctx.file]
        words += directory.organisations.values.map(\.name) + directory.pathways.map(\.name)
        for w in words { for part in Self.words(w) { out.formUnion(windows(part)) } }
        // Without a routing time, and with the earliest one (a time of recording after it).
        let early = RoutingTime(epochSeconds: 0, utcOffsetMinutes: 0)
        for (probe, at) in probes.map({ (Array($0.utf8), RoutingTime?.none) }) + rawProbes.map({ ($0, nil) })
            + [(Array(recordedProbe.utf8), early)]
        {
            if case .failure(let f) = CaseLoader.load(bytes: probe, name: "probe.json", directory: directory, at: at) {
                for d in f.diagnostics {
                    for part in Self.words(d.message) + Self.words(d.help ?? "") { out.formUnion(windows(part)) }
                }
            }
        }
        return out
    }

    /// A case whose loading checks (issue 8's fields: the time of recording, excluded
    /// organisations, a caregiver not to be contacted) all fail: their messages, with the example
    /// time in their help, are the tool's words (the fuzzer found `2026-11-…` in a case taken for
    /// an echo of the help's example).
    static let recordedProbe = """
        {"formatVersion":1,"caseCode":"QZXJ-1","age":9,"sex":"female","area":"QZXJ0","languages":[],"recordedAt":"2026-11-28T14:00+02:00",
         "concerns":{"pathways":[]},"preferences":{"excludeOrganisations":["qzxj"]},
         "consent":{"givenBy":"caregiver","share":[],"caregiverNotToBeContacted":true}}
        """

    /// Bytes that are not UTF-8 text, for the parser's messages about them.
    static let rawProbes: [[UInt8]] = [
        [0x22, 0xFF, 0x22], [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00], [0xFE, 0xFF, 0x00, 0x7B], [0x7B, 0xEF, 0xBB, 0xBF, 0x7D],
        [0x5B, 0xEF, 0xBB, 0xBF, 0x31, 0x5D], [0x5B, 0x80, 0x5D], [0x7B, 0xFF, 0x7D], [0x22, 0x09, 0x22],
    ]

    /// Cases that between them make the loader say everything it can say. Their values are
    /// nonsense words (`qzxj`) so that nothing of them can pass for the tool's wording.
    static let probes: [String] = {
        let valid = """
            {"formatVersion":7,"caseCode":"QZXJ-1","age":30,"sex":"female","area":"QZXJ0","languages":[],
             "accessNeeds":["qzxj"],"populationGroups":["qzxj"],"legalStatus":"qzxj",
             "concerns":{"pathways":["qzxj"],"hoursSinceIncident":-1},
             "consent":{"givenBy":"self","share":[],"referToCategories":["qzxj"],"referToOrganisations":["qzxj"]}}
            """
        let broken = [
            "", "{", "[", "{\"a\"", "{\"a\":}", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "[1 2]", "tru",
            "nul", "fals", "01", "-", "1.", "1e", "\"\\q\"", "\"\\u12\"", "\"\\ud800\"", "\"a", "{\"a\":1}x", "{1:2}",
            "\"\u{01}\"", String(repeating: "[", count: 200), "{\"a\":1,\"a\":2}", "\u{FEFF}{}",
            "\"\\uZZZZ\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "[1,]", "[1", "{\"a\":1", "{\"a\":1,", "[1}", "{\"a\":1]",
            "-x", "1.x", "1ex", "00", "[tx]", "{\"a\":nx}", "[1 x]", "{\"a\" x}", "{x}", "\"\\", " ", "[\"\\u",
        ]
        let wrong = [
            "{}", "[]", "{\"formatVersion\":\"1\"}", "{\"formatVersion\":1,\"caseCode\":7,\"age\":\"x\",\"sex\":1}",
            "{\"formatVersion\":1.5,\"age\":200,\"sex\":\"qzxj\",\"concerns\":[],\"consent\":{\"givenBy\":\"qzxj\",\"share\":[\"qzxj\"]}}",
            "{\"formatVersion\":1,\"age\":\"17-15\",\"languages\":[null],\"concerns\":{\"pathways\":null}}",
            "{\"formatVersion\":1,\"caseCode\":\"qzxj qzxj\",\"ageband\":1,\"caseCod\":\"x\",\"concerns\":{\"qzxj\":1}}",
            "{\"formatVersion\":1,\"caseCode\":\"QZXJ-1\",\"age\":30,\"sex\":\"female\",\"area\":\"QZXJ0\",\"languages\":[],\"recordedAt\":\"2026-11-28T14:30+02:00\",\"concerns\":{\"pathways\":[]},\"consent\":{\"givenBy\":\"self\",\"share\":[]}}",
            // An unknown value in every closed vocabulary of the case ("unknown GBV incident type"…).
            "{\"formatVersion\":1,\"caseCode\":\"QZXJ-1\",\"age\":30,\"sex\":\"female\",\"area\":\"QZXJ0\",\"languages\":[],"
                + "\"concerns\":{\"pathways\":[],\"gbvIncidentType\":\"qzxj\",\"traffickingIndicators\":[\"qzxj\"],"
                + "\"distress\":\"qzxj\",\"separation\":\"qzxj\",\"safetyRisk\":\"qzxj\",\"bestInterestsDetermination\":\"qzxj\"},"
                + "\"preferences\":{\"staffSex\":\"qzxj\"},\"consent\":{\"givenBy\":\"self\",\"share\":[\"qzxj\"]}}",
        ]
        let identifying = [
            "{\"qzxj\":\"Amina\"}", "{\"qzxj\":\"+44 7700 900123\"}", "{\"qzxj\":\"a@b.org\"}", "{\"qzxj\":\"12-03-98\"}",
            "{\"qzxj\":\"AB123456\"}", "{\"qzxj\":\"12 Main Street\"}", "{\"qzxj\":\"31.95,35.91\"}",
            "{\"qzxj\":\"qzxj qzxj qzxj\"}", "{\"phone\":1}", "{\"Amina Hassan\":1}", "{\"caseCode\":\"Amina\"}",
            "{\"area\":\"12-03-1998\",\"sex\":\"Amina\",\"age\":\"12-03-1998\",\"caseCode\":{\"a\":\"Amina\"}}",
        ]
        return [valid] + broken + wrong + identifying
    }()
}
