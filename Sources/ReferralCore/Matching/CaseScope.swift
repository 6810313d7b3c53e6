/// What every decision for one case shares, worked out once per case: the case's area and its
/// ancestors (nearest first) with the sentence of each, the reporting duties that apply, the
/// consent gate's sentences (they depend on the consent, not on the service), the access needs
/// with their sentences, and the case's values the rules read for every service — as ids of the
/// directory's tables, so that a rule compares integers, never strings.
///
/// What only the words of a decision read (area names, the case's age as printed, the duties'
/// sentences) is in `words`, made only for a scope that decides with words (`withWords()`).
struct CaseScope {
    /// The case's area and its ancestors, nearest first, as interned ids.
    let lineageIDs: ArraySlice<Int32>
    let duties: [Duty]
    /// The words every decision with words shares; nil while routing (see `withWords()`).
    private(set) var words: Words?
    /// The consent gate's sentences when the consent does not cover a referral.
    let emergencyReason: Sentence
    let referralOnlyReason: Sentence
    let informReason: Sentence
    let noSelfReferralReason: Sentence
    /// The person's access needs, sorted by id, with the sentences of `access.needs`.
    let accessNeeds: [Need]
    /// The languages the person speaks, as recorded (a handful: an array beats hashing), and as
    /// ids of `Context.ids.languages` (a language no service works in has none).
    let languages: [String]
    let languageIDs: [Int32]
    let preferences: PreferencesDocument
    let remoteOnly: Bool
    /// The routing time's minute of the week and local day (`RoutingTime`), worked out once.
    let minuteOfWeek: Int
    let localDay: Int
    /// The `Sex` position of the staff the person asked for.
    let staffSexPosition: Int32?
    let sexOther: Bool
    /// The facts eligibility reads, as ids.
    let factIDs: FactIDs
    /// Ids of what the consent names (`Context.ids.categories`, `Directory.organisationIDs`) and
    /// of the organisations the person asked never to be sent to.
    let consentCategoryIDs: [Int32]
    let consentOrganisationIDs: [Int32]
    let excludedOrganisationIDs: [Int32]
    /// The case's values of the fields providers ask for, and each eligibility's verdict: worked
    /// out the first time asked.
    private(set) var memo: Memo

    /// A reporting duty that applies to the case.
    struct Duty {
        let duty: Rules.ReportingDuty
        /// Its id in `Context.ids.duties` (`Service.dutyIDs`).
        let id: Int32?
        /// Its place in `duties` (and in `Words.mustReport`).
        let position: Int
        /// The end of the warning every provider carrying it gets: "<organisation> must report
        /// under '<duty>': <consequence>".
        var mustReport: String { " must report under '\(duty.name)': \(duty.consequence)" }
    }

    /// The words every decision of the case with words shares, made once per expansion.
    struct Words {
        /// The case's area and its ancestors, nearest first (as `lineageIDs`).
        let lineage: [String]
        /// `eligibility.area`'s sentence by position in `lineage` ("serves <name> (<code>), which
        /// includes the case's area"), and when the service serves none of them.
        let servesArea: [Sentence]
        let servesNoArea: Sentence
        /// The case's age as printed (`eligibility.age`'s sentence when it fails).
        let caseAge: String
        /// `Duty.mustReport` of each of `duties`, in order.
        let mustReport: [String]
    }

    /// An access need of the person and the sentences of the checks and warning about it.
    struct Need {
        let id: String
        /// Its id as a word of the directory (`Service.lists(accessibility:)`), nil when no service lists it.
        let word: Int32?
        /// The modalities that meet it, as positions (`Service.firstModality(in:)`).
        let metByPositions: [Int32]
        let available: Sentence
        let notAvailable: Sentence
        let accommodation: Sentence
    }

    /// The scope of a case for routing (without words); `words: true` for one that decides with
    /// words (`explain`, `Router.decide`).
    init(_ router: Router, _ c: Case, _ facts: Facts, consent: ConsentAssessment, at time: RoutingTime, words: Bool = false) {
        let context = router.context
        let directory = router.directory
        let ids = context.ids
        lineageIDs = ids.lineage(of: c.document.area)
        duties = router.applicableDuties(facts).enumerated().map { Duty(duty: $1, id: ids.duties.id($1.id), position: $0) }
        emergencyReason = .consentNotCovered(valid: consent.valid, .emergency)
        referralOnlyReason = .consentNotCovered(valid: consent.valid, .referralOnly)
        informReason = .consentNotCovered(valid: consent.valid, .inform(for: consent.informationFor))
        noSelfReferralReason = .consentNotCovered(valid: consent.valid, .noSelfReferral)
        accessNeeds = c.accessNeeds.sorted().map { id in
            let need = context.accessNeed(id)
            return Need(id: id, word: directory.wordID(id), metByPositions: need.metBy.map(\.caseIndex),
                        available: .needAvailable(id), notAvailable: .needNotAvailable(id, accommodation: need.accommodation),
                        accommodation: .accommodation(need.name, accommodation: need.accommodation))
        }
        languages = c.document.languages
        languageIDs = languages.compactMap { ids.languages.id($0) }
        preferences = c.preferences
        minuteOfWeek = time.minuteOfWeek
        localDay = time.localDay
        remoteOnly = preferences.remoteOnly == true
        staffSexPosition = preferences.staffSex?.caseIndex
        sexOther = c.document.sex == .other
        factIDs = FactIDs(facts, ids)
        consentCategoryIDs = (c.consent.referToCategories ?? []).compactMap { ids.categories.id($0) }
        consentOrganisationIDs = (c.consent.referToOrganisations ?? []).compactMap { directory.organisationIDs.id($0) }
        excludedOrganisationIDs = (preferences.excludeOrganisations ?? []).compactMap { directory.organisationIDs.id($0) }
        memo = Memo(eligibilities: directory.eligibilityCount)
        self.words = nil
        if words { self.words = makeWords(context, c) }
    }

    private func makeWords(_ context: Context, _ c: Case) -> Words {
        let names = context.ids.areas.names
        let lineage = lineageIDs.map { names[Int($0)] }
        let area = c.document.area
        return Words(lineage: lineage,
                     servesArea: lineage.map { .servesArea(name: context.areaName($0), code: $0, includesCase: true) },
                     servesNoArea: .servesArea(name: context.areaName(area), code: area, includesCase: false),
                     caseAge: c.age.description, mustReport: duties.map(\.mustReport))
    }

    /// The same scope with its words, and memos of its own: a plan's decisions are expanded later,
    /// maybe on another thread, and never share a memo with the routing that made them.
    func withWords(_ context: Context, _ c: Case) -> CaseScope {
        var copy = self
        copy.memo = Memo(eligibilities: memo.eligibilityCount)
        if copy.words == nil { copy.words = makeWords(context, c) }
        return copy
    }

    /// What the rules work out once per case and read for many services. Kept in buffers of its
    /// own (a class's array properties are checked for exclusive access on every read).
    final class Memo {
        private let values: UnsafeMutablePointer<String??>
        private let verdicts: UnsafeMutablePointer<Eligibility.Verdict?>
        let eligibilityCount: Int
        private static let fields = CaseField.allCases.count

        init(eligibilities: Int) {
            eligibilityCount = eligibilities
            values = .allocate(capacity: Memo.fields)
            values.initialize(repeating: nil, count: Memo.fields)
            verdicts = .allocate(capacity: max(1, eligibilities))
            verdicts.initialize(repeating: nil, count: max(1, eligibilities))
        }

        deinit {
            values.deinitialize(count: Memo.fields)
            values.deallocate()
            verdicts.deinitialize(count: max(1, eligibilityCount))
            verdicts.deallocate()
        }

        /// The case's value of a shareable field (`Case.value(of:)`): every referral of the case
        /// sends some of the same few.
        func value(of f: CaseField, _ c: Case) -> String? {
            let i = f.position
            if let v = values[i] { return v }
            let v = c.value(of: f)
            values[i] = .some(v)
            return v
        }

        /// The service's required fields, sorted, each once (`sortedOnce`): worked out once per
        /// list of fields, which services asking for the same fields share.
        func sortedFields(of s: Service) -> [CaseField] {
            let list = s.requiredFieldsList
            if let known = sortedLists[list] { return known }
            let sorted = CaseScope.sortedOnce(s.requiredFields)
            sortedLists[list] = sorted
            return sorted
        }
        private var sortedLists: [Int32: [CaseField]] = [:]

        /// How the service's eligibility meets the case: services with the same eligibility (a
        /// few dozen in a national directory) share one verdict.
        func eligibility(_ s: Service, _ facts: FactIDs) -> Eligibility.Verdict {
            let i = s.eligibilityID
            if let v = verdicts[i] { return v }
            let v = s.eligibilityIDs.evaluate(facts)
            verdicts[i] = v
            return v
        }
    }

    /// The fields, sorted, each once (the list as it is when it already is: the usual case).
    static func sortedOnce(_ fields: [CaseField]) -> [CaseField] {
        var ordered = true
        for i in fields.indices.dropFirst() where fields[i - 1].sortRank >= fields[i].sortRank {
            ordered = false
            break
        }
        if ordered { return fields }
        var out: [CaseField] = []
        for f in fields.sorted(by: { $0.sortRank < $1.sortRank }) where out.last != f { out.append(f) }
        return out
    }
}

/// What the rules look up in the directory once per router, not once per case: the ids of the
/// feature words they read (nil when no service has the word) and of the categories the
/// risk-to-life exception covers.
struct RouterTables: Sendable {
    let childSafe: Int32?
    let lgbtiqCompetent: Int32?
    let forensicEvidence: Int32?
    let statutory: Int32?
    let riskToLifeCategories: [Int32]
    /// `Modality` positions usable without travelling (`Modality.isRemote`).
    static let remotePositions = Modality.allCases.filter(\.isRemote).map(\.caseIndex)

    init(_ directory: Directory) {
        childSafe = directory.wordID("child-safe")
        lgbtiqCompetent = directory.wordID("lgbtiq-competent")
        forensicEvidence = directory.wordID("forensic-evidence")
        statutory = directory.wordID("statutory")
        let ids = directory.context.ids
        riskToLifeCategories = directory.context.rules.imminentRiskToLife.categories.compactMap { ids.categories.id($0) }
    }
}

extension Service {
    /// Whether one of the service's features is the word with this id (nil: no service has it).
    func hasFeature(_ word: Int32?) -> Bool { word.map { store.lists.contains(record.features, $0) } ?? false }
}
