/// The words of a rule check or a warning, kept as the rule's parameters while routing and
/// rendered only when the plan is printed or encoded (`RuleCheck.reason`, `Warning.message`).
///
/// Routing a case decides some thirty services with a dozen checks each: building every sentence
/// there (interpolation, joins, allocation and reference counting) was most of the routing work,
/// and a caller that reads the actions or the deciding rules never needed the words. A case holds
/// either fixed text (a literal, or a sentence built once per case in `CaseScope` and shared by
/// every decision) or the values the sentence is made of; rendering gives exactly the words the
/// rule used to build (the goldens and PlanJSONTests hold them).
enum Sentence: Sendable {
    /// Fixed words: a literal, or text built once per case and shared.
    case text(String)
    /// Two texts one after the other (an organisation's name and a duty's sentence built once).
    case joined(String, String)
    /// `eligibility.area`: the nearest area served that includes the case's (or the case's own
    /// area, which nothing includes).
    case servesArea(name: String, code: String, includesCase: Bool)
    /// The consent gate, when the consent does not cover a referral (`valid`: the consent counts).
    case consentNotCovered(valid: Bool, ConsentGap)
    /// `access.needs`: the need (its id) is available.
    case needAvailable(String)
    /// `access.accommodation`: the need (its id) is not met, and the accommodation to arrange.
    case needNotAvailable(String, accommodation: String)
    /// The accommodation warning: the need's name and the accommodation.
    case accommodation(String, accommodation: String)
    /// `eligibility.age`: "serves ages 18-130", with " only; the case's age is …" when it fails.
    case servesAges(ClosedRange<Int>, caseAge: String?)
    /// `eligibility.sex`: the sexes served, " only" when the case is not among them.
    case servesSexes([Sex], only: Bool)
    /// `eligibility.population-group`: the groups served, " only" when the case is in none.
    case servesGroups([String], only: Bool)
    /// `eligibility.legal-status`: the statuses served and how the case stands.
    case legalStatuses([String], LegalFit)
    /// `access.language`: the service's languages the person speaks.
    case worksIn([String], speaks: [String])
    /// `access.language`: no shared language, interpretation available.
    case interpretation([String])
    /// `access.language`: no shared language and no interpretation; the person's languages, sorted.
    case noSharedLanguage([String], speaks: [String])
    /// `access.needs`: the need (its id) met by one of the service's modalities.
    case needMetBy(String, Modality)
    /// `availability.hours`: closed now, opens after `minutes`.
    case opensIn(minutes: Int, from: RoutingTime)
    /// `data.verified`: verified on the day given, recently or more than `staleAfterDays` ago.
    case verified(String, staleAfterDays: Int?)
    /// `data.minimum-necessary`: how many fields a referral sends.
    case sends(Int)
    /// `preference.staff-sex`: the sex of staff the person asked for, and what the service records.
    case staff(Sex, StaffFit)

    enum LegalFit: Sendable { case qualifies, notRecorded, notAmong }
    /// What the consent gate gives when the consent does not cover a referral.
    enum ConsentGap: Sendable {
        case emergency, referralOnly, noSelfReferral
        /// Information only, for the adult who acts with a child (nil: for the person).
        case inform(for: ConsentGiver?)
    }
    enum StaffFit: Sendable { case available, notAvailable, notRecorded }

    /// The sentence, as printed and encoded.
    var text: String {
        if case .text(let t) = self { return t }
        var words = SentenceText()
        render(into: &words)
        return String(decoding: words.bytes, as: UTF8.self)
    }

    /// The sentence as a JSON string (quoted and escaped) written straight into the plan's JSON:
    /// the same words as `text`, without building it (SentenceTests checks every case).
    func write(to w: inout SortedJSONWriter) {
        if case .text(let t) = self { return w.string(t) }
        w.quote()
        render(into: &w)
        w.quote()
    }

    /// The words, in pieces: the fixed words of the sentence, and the values it is made of. This
    /// is the one place a sentence is worded; `text` and `write(to:)` both come from it.
    func render<S: SentenceSink & ~Copyable>(into s: inout S) {
        switch self {
        case .text(let t): s.text(t)
        case .joined(let a, let b):
            s.text(a)
            s.text(b)
        case .servesArea(let name, let code, let includes):
            s.words(includes ? "serves " : "does not serve ")
            s.text(name)
            s.words(" (")
            s.text(code)
            s.words(includes ? "), which includes the case's area" : ") or any area containing it")
        case .consentNotCovered(let valid, let gap):
            s.words(valid ? "the person did not agree to referral to this kind of service or organisation"
                : "the recorded consent does not count")
            switch gap {
            case .emergency:
                s.words(", but an imminent risk to life is reported and this context allows an emergency referral with the minimum data")
            case .referralOnly:
                s.words(", and services of this kind are offered only with the person's consent, never as information only: ask the person first")
            case .inform(let giver):
                s.words(": information only")
                if let giver {
                    s.words(", for the ")
                    s.text(giver.rawValue)
                    s.words(" to act on with the child;")
                } else {
                    s.words(",")
                }
                s.words(" the service accepts people who come by themselves")
            case .noSelfReferral: s.words(", and the service takes no self-referrals")
            }
        case .needAvailable(let id):
            s.text(id)
            s.words(": available")
        case .needNotAvailable(let id, let accommodation):
            s.text(id)
            s.words(": not available here: ")
            s.text(accommodation)
        case .accommodation(let name, let accommodation):
            s.text(name)
            s.words(": ")
            s.text(accommodation)
        case .servesAges(let r, let age):
            s.words("serves ages ")
            s.number(r.lowerBound)
            s.words("-")
            s.number(r.upperBound)
            if let age {
                s.words(" only; the case's age is ")
                s.text(age)
            }
        case .servesSexes(let sexes, let only):
            s.words("serves ")
            for (i, sex) in sexes.enumerated() {
                if i > 0 { s.words(", ") }
                s.text(sex.rawValue)
            }
            if only { s.words(" only") }
        case .servesGroups(let groups, let only):
            s.words("serves ")
            s.list(groups)
            if only { s.words(" only") }
        case .legalStatuses(let statuses, let fit):
            s.words("restricted by legal status to ")
            s.list(statuses)
            switch fit {
            case .qualifies: s.words("; the case qualifies")
            case .notRecorded: s.words("; the case's legal status is not recorded (a non-discrimination gap)")
            case .notAmong: s.words("; the case's legal status is not among them (a non-discrimination gap)")
            }
        case .worksIn(let languages, let speaks):
            s.words("works in ")
            var first = true
            for l in languages where speaks.contains(l) {
                if !first { s.words(", ") }
                first = false
                s.text(l)
            }
        case .interpretation(let languages):
            s.words("interpretation available (works in ")
            s.list(languages)
            s.words(")")
        case .noSharedLanguage(let languages, let speaks):
            s.words("works in ")
            s.list(languages)
            s.words(" only, with no interpretation; the person speaks ")
            s.list(speaks.sorted())
        case .needMetBy(let id, let m):
            s.text(id)
            s.words(": met by its ")
            s.text(m.rawValue)
            s.words(" modality")
        case .opensIn(let wait, let time):
            let hours = Double(wait) / 60
            s.words("closed now; opens in ")
            s.hours(toTenth: hours)
            s.words(" h (")
            s.text(time.adding(hours: hours).iso8601)
            s.words(")")
        case .verified(let day, nil):
            s.words("verified ")
            s.text(day)
        case .verified(let day, let days?):
            s.words("last verified ")
            s.text(day)
            s.words(", more than ")
            s.number(days)
            s.words(" days ago: confirm the service still runs before referring")
        case .sends(let n):
            s.words("sends ")
            s.number(n)
            s.words(" field(s): those the provider needs that the person agreed to share")
        case .staff(let sex, .available):
            s.text(sex.rawValue)
            s.words(" staff available")
        case .staff(let sex, .notAvailable):
            s.words("no ")
            s.text(sex.rawValue)
            s.words(" staff recorded: tell the person before referring")
        case .staff(let sex, .notRecorded):
            s.words("staff sex not recorded: ask whether ")
            s.text(sex.rawValue)
            s.words(" staff are available")
        }
    }
}

/// Where a sentence's words go: a `String` (`Sentence.text`) or the plan's JSON, escaped
/// (`SortedJSONWriter`).
protocol SentenceSink: ~Copyable {
    /// The sentence's own words: fixed text without anything JSON escapes.
    mutating func words(_ s: StaticString)
    /// A value the sentence is made of (a name, an id, a day), escaped where JSON needs it.
    mutating func text(_ s: String)
    /// An integer in decimal.
    mutating func digits(_ n: Int)
}

extension SentenceSink where Self: ~Copyable {
    mutating func number(_ n: Int) { digits(n) }

    /// Texts joined by ", ".
    mutating func list(_ items: [String]) {
        for (i, item) in items.enumerated() {
            if i > 0 { words(", ") }
            text(item)
        }
    }

    /// Hours rounded to a tenth, as `formatHours((h * 10).rounded() / 10)` prints them ("3",
    /// "0.5", "12.3"), without a formatter.
    mutating func hours(toTenth h: Double) {
        let v = (h * 10).rounded() / 10
        let tenths = (v * 10).rounded()
        guard tenths.magnitude < 1e14 else { return text(formatHours(v)) }
        if v == v.rounded() { return digits(Int(v)) }
        let k = Int(tenths)
        if k < 0 { words("-") }
        digits(Int(k.magnitude / 10))
        words(".")
        digits(Int(k.magnitude % 10))
    }
}

/// A sentence's words as UTF-8 bytes, made into one `String` at the end.
struct SentenceText: SentenceSink {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(96) }

    mutating func words(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func text(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func digits(_ n: Int) { JSONEscape.withDigits(n) { bytes.append(contentsOf: $0) } }
}

extension SortedJSONWriter: SentenceSink {}
