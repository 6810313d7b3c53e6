import Foundation
import ReferralCore

/// `referral list WHAT`: quick look-ups for a hotline, and the context's vocabularies.
enum ListCommand: Command {
    static let kinds = ["services", "pathways"] + VocabularyKind.allCases.map(\.rawValue)

    static let spec = CommandSpec(
        name: "list",
        summary: "list services (by category and area), pathways, or a vocabulary of the context",
        positionals: [PositionalSpec("WHAT", help: "services, pathways, areas, languages, categories, groups (population groups), statuses (legal statuses) or access-needs")],
        options: [
            OptionSpec("category", value: "C", help: "services of this category only (for example health.cmr)"),
            OptionSpec("area", value: "P", help: "services covering this P-code: serving the area itself or an area containing it"),
            SharedOptions.pathways, SharedOptions.context, SharedOptions.format(["text", "json"]),
        ],
        discussion: """
            Confidential addresses (shelters) are never printed: the focal point arranges access.
            The vocabularies are what cases and services may name: areas (P-codes, as a tree),
            languages, categories of service, population groups, legal statuses and access needs.

            Examples:
              referral list services --category health.cmr --area XV0101
              referral list areas
              referral list pathways --format json
            """)

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> CommandOutput {
        let kind = args.positionals[0]
        guard kinds.contains(kind) else {
            let near = closestMatch(to: kind, in: kinds)
            throw CLIError.usage("cannot list '\(kind)'", help: near.map { "did you mean '\($0)'?" } ?? "list one of: " + kinds.joined(separator: ", "),
                                 command: spec.name)
        }
        if kind != "services", args.value("category") != nil || args.value("area") != nil {
            throw CLIError.usage("--category and --area filter services, not \(kind)", command: spec.name)
        }
        let directory = try Inputs.directory(pathways: args.value("pathways"), context: args.value("context"))
        let json = args.value("format") == "json"
        if let vocabulary = VocabularyKind(rawValue: kind) {
            let list = VocabularyListing.list(vocabulary, directory.context)
            return CommandOutput(stdout: json ? jsonText(list) : VocabularyListing.text(list, vocabulary, directory.context, width: env.width))
        }
        if kind == "pathways" {
            let list = directory.pathways.map { PathwayListing($0, directory: directory) }
            return CommandOutput(stdout: json ? jsonText(list) : pathwaysText(list, directory: directory, width: env.width))
        }
        let ctx = directory.context
        let category = args.value("category")
        let area = args.value("area")
        if let category {
            try requireKnown(category, in: ctx.entries(.categories), what: "category",
                             hint: "see 'referral list categories'")
        }
        if let area {
            try requireKnown(area, in: ctx.entries(.areas), what: "area", hint: "see 'referral list areas' for the P-codes")
        }
        var services = directory.services
        if let category { services = services.filter { $0.category == category } }
        if let area {
            let lineage = Set(ctx.lineage(of: area))
            services = services.filter { !lineage.isDisjoint(with: $0.areas) }
        }
        let list = services.map { ServiceListing($0, directory: directory) }
        if json { return CommandOutput(stdout: jsonText(list)) }
        return CommandOutput(stdout: servicesText(list, directory: directory, category: category, area: area, width: env.width))
    }

    static func servicesText(_ list: [ServiceListing], directory: Directory, category: String?, area: String?,
                             width: Int = 100) -> String
    {
        var t = TextBuilder(width: width)
        let ctx = directory.context
        var filters: [String] = []
        if let category { filters.append("category \(category)") }
        if let area { filters.append("covering \(ctx.areaName(area)) (\(area))") }
        t.para("", "\(list.count) service\(list.count == 1 ? "" : "s") in \(ctx.name)"
            + (filters.isEmpty ? "" : ", " + filters.joined(separator: ", ")))
        if ctx.fictional { t.line("FICTIONAL demonstration data: these services do not exist") }
        t.line()
        for s in list {
            t.para("", "\(s.id): \(s.name) (\(s.organisationName))")
            var facts = ["category \(s.category)", "serves " + s.areas.joined(separator: ", "),
                         s.modality.joined(separator: " or "), "hours: \(s.hours)", "languages " + s.languages.joined(separator: ", ")]
            facts.append(s.status == "waitlist" ? "AT CAPACITY (waiting list)" : "status \(s.status)")
            facts.append(s.selfReferral ? "self-referral accepted" : "referral needed")
            t.para("    ", facts.joined(separator: "; "))
            if let c = s.contact { t.para("    contact  ", c) }
            if s.addressConfidential {
                t.para("    address  ", "CONFIDENTIAL: never shown; the focal point arranges access")
            } else if let a = s.address {
                t.para("    address  ", a)
            }
            if let w = s.website { t.para("    website  ", w) }
            if let n = s.eligibilityNote { t.para("    serves   ", n + " (as the directory says; not checked by the router)") }
            if !s.mandatoryReporting.isEmpty {
                t.para("    ! ", "must report under: " + s.mandatoryReporting.joined(separator: ", ") + " (tell the person before referring)")
            }
            if let v = s.lastVerified { t.line("    verified \(v)") } else { t.line("    never verified") }
            t.line()
        }
        return t.text
    }

    static func pathwaysText(_ list: [PathwayListing], directory: Directory, width: Int = 100) -> String {
        var t = TextBuilder(width: width)
        t.para("", "\(list.count) pathway\(list.count == 1 ? "" : "s") in \(directory.context.name)")
        t.line()
        for p in list {
            t.para("", "\(p.id): \(p.name) (\(p.file))", indent: 4)
            t.line("    entry: " + p.entry.joined(separator: ", "))
            for s in p.steps {
                var facts = [s.category, s.urgency]
                if s.optional { facts.append("optional") }
                for w in s.windows { facts.append(w) }
                let next = s.next.isEmpty ? "" : " -> " + s.next.joined(separator: ", ")
                t.para("    - ", "\(s.id) (\(s.name)) [\(facts.joined(separator: "; "))]\(next)", indent: 8)
            }
            t.line()
        }
        return t.text
    }
}

/// One service as `list services` shows it. Confidential addresses are left out, not masked.
struct ServiceListing: Codable {
    var id: String
    var name: String
    var organisation: String
    var organisationName: String
    var category: String
    var areas: [String]
    var modality: [String]
    var hours: String
    var languages: [String]
    var status: String
    var selfReferral: Bool
    var contact: String?
    var address: String?
    var addressConfidential: Bool
    var mandatoryReporting: [String]
    var lastVerified: String?
    var website: String?
    var eligibilityNote: String?

    init(_ s: Service, directory: Directory) {
        let org = directory.organisations[s.organisation]
        id = s.id
        name = s.name
        organisation = s.organisation
        organisationName = org?.name ?? s.organisation
        category = s.category
        areas = s.areas.sorted()
        modality = s.modality.map(\.rawValue)
        hours = s.hours.map(hoursSummary) ?? "not recorded"
        languages = s.languages
        status = s.status.rawValue
        selfReferral = s.selfReferral
        let c = s.focalPoint ?? org?.contact
        let parts = [c?.role, c?.phone, c?.email].compactMap { $0 }
        contact = parts.isEmpty ? nil : parts.joined(separator: ", ")
        addressConfidential = s.address?.confidential ?? false
        address = addressConfidential ? nil : s.address?.text
        mandatoryReporting = s.mandatoryReporting.sorted()
        lastVerified = s.lastVerified
        website = s.website
        eligibilityNote = s.eligibility.note
    }
}

struct PathwayListing: Codable {
    struct StepListing: Codable {
        var id: String
        var name: String
        var category: String
        var urgency: String
        var optional: Bool
        var windows: [String]
        /// The steps this one links to.
        var next: [String]
    }
    var id: String
    var name: String
    var file: String
    var entry: [String]
    var steps: [StepListing]

    init(_ p: Pathway, directory: Directory) {
        id = p.id
        name = p.name
        file = tidyPath(p.file)
        entry = p.entry.map { p.steps[$0].id }
        steps = p.steps.enumerated().map { i, s in
            StepListing(id: s.id, name: s.name, category: s.category, urgency: s.urgency.rawValue, optional: s.optional,
                        windows: s.windows.map { "\($0.name) within \(hoursText($0.hours))" },
                        next: p.links[i].map { p.steps[$0.to].id })
        }
    }
}

/// `24/7`, or `mon-fri 08:00-16:00; sat 09:00-12:00` from the weekly minute ranges.
func hoursSummary(_ h: WeeklyHours) -> String {
    if h.alwaysOpen || h.coversWholeWeek { return "24/7" }
    let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    // Minutes of the day; a period running past midnight ends on the next day's clock.
    func hm(_ m: Int) -> String {
        let m = m > 1440 ? m - 1440 : m
        return String(format: "%02d:%02d", m / 60, m % 60)
    }
    var perDay = [[String]](repeating: [], count: 7)
    for r in h.ranges {
        let day = r.lowerBound / 1440
        guard (0..<7).contains(day) else { continue }
        perDay[day].append("\(hm(r.lowerBound % 1440))-\(hm(r.upperBound - day * 1440))")
    }
    var groups: [(Int, Int, [String])] = []
    for d in 0..<7 where !perDay[d].isEmpty {
        if let last = groups.last, last.1 == d - 1, last.2 == perDay[d] {
            groups[groups.count - 1].1 = d
        } else {
            groups.append((d, d, perDay[d]))
        }
    }
    if groups.isEmpty { return "never open" }
    return groups.map { g in
        (g.0 == g.1 ? names[g.0] : "\(names[g.0])-\(names[g.1])") + " " + g.2.joined(separator: ", ")
    }.joined(separator: "; ")
}

/// `Pathways/demo/../pathways/gbv.json` → `Pathways/pathways/gbv.json`, lexically (Foundation
/// leaves `..` in relative paths).
func tidyPath(_ path: String) -> String {
    var out: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: false) {
        if part == "..", let last = out.last, last != "..", !last.isEmpty {
            out.removeLast()
        } else if part != "." || out.isEmpty {
            out.append(part)
        }
    }
    return out.joined(separator: "/")
}
