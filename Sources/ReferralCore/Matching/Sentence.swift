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
        switch self {
        case .text(let t): return t
        case .joined(let a, let b): return a + b
        case .servesArea(let name, let code, true): return "serves \(name) (\(code)), which includes the case's area"
        case .servesArea(let name, let code, false): return "does not serve \(name) (\(code)) or any area containing it"
        case .consentNotCovered(let valid, let gap):
            let why = !valid ? "the recorded consent does not count"
                : "the person did not agree to referral to this kind of service or organisation"
            switch gap {
            case .emergency:
                return "\(why), but an imminent risk to life is reported and this context allows an emergency referral with the minimum data"
            case .referralOnly:
                return "\(why), and services of this kind are offered only with the person's consent, never as information only: ask the person first"
            case .inform(let giver):
                let who = giver.map { ", for the \($0.rawValue) to act on with the child;" } ?? ","
                return "\(why): information only\(who) the service accepts people who come by themselves"
            case .noSelfReferral: return "\(why), and the service takes no self-referrals"
            }
        case .needAvailable(let id): return id + ": available"
        case .needNotAvailable(let id, let accommodation): return id + ": not available here: " + accommodation
        case .accommodation(let name, let accommodation): return name + ": " + accommodation
        case .servesAges(let r, let age):
            let served = "serves ages \(r.lowerBound)-\(r.upperBound)"
            return age.map { served + " only; the case's age is " + $0 } ?? served
        case .servesSexes(let sexes, let only):
            return "serves " + sexes.map(\.rawValue).joined(separator: ", ") + (only ? " only" : "")
        case .servesGroups(let groups, let only):
            return "serves " + groups.joined(separator: ", ") + (only ? " only" : "")
        case .legalStatuses(let statuses, let fit):
            let served = "restricted by legal status to " + statuses.joined(separator: ", ")
            switch fit {
            case .qualifies: return served + "; the case qualifies"
            case .notRecorded: return served + "; the case's legal status is not recorded (a non-discrimination gap)"
            case .notAmong: return served + "; the case's legal status is not among them (a non-discrimination gap)"
            }
        case .worksIn(let languages, let speaks):
            return "works in " + languages.filter(speaks.contains).joined(separator: ", ")
        case .interpretation(let languages):
            return "interpretation available (works in " + languages.joined(separator: ", ") + ")"
        case .noSharedLanguage(let languages, let speaks):
            return "works in " + languages.joined(separator: ", ") + " only, with no interpretation; the person speaks "
                + speaks.sorted().joined(separator: ", ")
        case .needMetBy(let id, let m): return "\(id): met by its \(m.rawValue) modality"
        case .opensIn(let wait, let time):
            let hours = Double(wait) / 60
            return "closed now; opens in \(formatHours((hours * 10).rounded() / 10)) h (\(time.adding(hours: hours).iso8601))"
        case .verified(let day, nil): return "verified " + day
        case .verified(let day, let days?):
            return "last verified \(day), more than \(days) days ago: confirm the service still runs before referring"
        case .sends(let n): return "sends \(n) field(s): those the provider needs that the person agreed to share"
        case .staff(let sex, .available): return "\(sex.rawValue) staff available"
        case .staff(let sex, .notAvailable): return "no \(sex.rawValue) staff recorded: tell the person before referring"
        case .staff(let sex, .notRecorded): return "staff sex not recorded: ask whether \(sex.rawValue) staff are available"
        }
    }
}
