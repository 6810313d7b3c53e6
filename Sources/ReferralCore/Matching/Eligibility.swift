/// Who and where a service is for, whether the person can use it, and whether it runs now.

extension Eligibility {
    /// How a service's eligibility meets what is known of a subject, restriction by restriction
    /// (nil where the service does not restrict). The router reads it for one case; the coverage
    /// check for whole populations, where a fact the population does not share is unknown. Both
    /// work it out with `EligibilityIDs.evaluate` (Model/Service.swift): one implementation.
    struct Verdict {
        var age: Truth?
        var sex: Truth?
        var populationGroup: Truth?
        var legalStatus: Truth?

        /// Serves every member (`yes`), none (`no`), or some (`unknown`).
        var overall: Truth { [age, sex, populationGroup, legalStatus].reduce(Truth.yes) { $0 && ($1 ?? .yes) } }
    }
}

extension Router {

    /// Area, age, sex, population group and legal status; a shelter for a child only if it is
    /// child-safe. Returns the position in `lineage` of the nearest area the service serves (0:
    /// the case's own area), nil when it serves none.
    func checkEligibility(_ s: Service, _ c: Case, consent: ConsentAssessment, scope: CaseScope, category: Category?,
                          into d: inout DecisionDraft) -> Int?
    {
        // Area: the nearest of the case's area and its ancestors that the service serves.
        // By ids (nearest first; the same positions as the words' `lineage`).
        let served = s.servedPosition(in: scope.lineageIDs)
        if let i = served {
            d.check(.eligibilityArea, .pass, scope.words!.servesArea[i])
        } else {
            d.check(.eligibilityArea, .fail, scope.words!.servesNoArea)
        }

        // By ids, once per distinct eligibility (`EligibilityIDs.evaluate`: the same verdict as
        // `Eligibility.evaluate`); the service's own lists are read only for the words.
        let v = scope.memo.eligibility(s, scope.factIDs)
        // An unknown fit (an age band straddling a bound, an unrecorded legal status) does not
        // pass: the router never guesses in favour of a rule when the case is vaguer than it.
        if let t = v.age {
            d.check(.eligibilityAge, t == .yes ? .pass : .fail, .servesAges(s.eligibility.ages!, caseAge: t == .yes ? nil : scope.words!.caseAge))
        }
        if let t = v.sex {
            d.check(.eligibilitySex, t == .yes ? .pass : .fail, .servesSexes(s.eligibility.sexes!, only: t != .yes))
        }
        if let t = v.populationGroup {
            d.check(.eligibilityPopulationGroup, t == .yes ? .pass : .fail, .servesGroups(s.eligibility.populationGroups!, only: t != .yes))
        }
        if let t = v.legalStatus {
            let fit: Sentence.LegalFit = t == .yes ? .qualifies : c.document.legalStatus == nil ? .notRecorded : .notAmong
            d.check(.eligibilityLegalStatus, t == .yes ? .pass : .fail, .legalStatuses(s.eligibility.legalStatuses!, fit))
        }
        // Children are never housed with unrelated adults, whatever a shelter's eligibility says.
        if consent.child, category?.shelter == true, !s.hasFeature(tables.childSafe) {
            d.check(.childAdultShelter, .fail,
                    "a shelter not declared child-safe: never for a child (child protection arranges alternative care)")
        }
        return served
    }

    /// Meaningful access: a shared language (or interpretation), access needs, remote only. An
    /// access need the service does not meet calls for a reasonable accommodation (a warning, and
    /// a rank after services that meet it), never an exclusion. Returns whether the person needs
    /// interpretation (no shared language) and how many needs are not met.
    func checkAccess(_ s: Service, _ c: Case, scope: CaseScope, into d: inout DecisionDraft)
        -> (interpretation: Bool, unmetNeeds: Int)
    {
        // By ids: the service's lists are built as strings only for the words.
        var interpretation = false
        if s.worksInAny(of: scope.languageIDs) {
            d.check(.accessLanguage, .pass, .worksIn(s.languages, speaks: scope.languages))
        } else if s.interpretation {
            interpretation = true
            d.check(.accessLanguage, .pass, .interpretation(s.languages))
        } else {
            d.check(.accessLanguage, .fail, .noSharedLanguage(s.languages, speaks: scope.languages))
        }
        var unmet = 0
        for need in scope.accessNeeds {
            if let w = need.word, s.lists(accessibility: w) {
                d.check(.accessNeeds, .pass, need.available)
            } else if let m = s.firstModality(in: need.metByPositions) {
                d.check(.accessNeeds, .pass, .needMetBy(need.id, Modality(caseIndex: m)))
            } else {
                unmet += 1
                d.check(.accessAccommodation, .warn, need.notAvailable)
                d.warn(.warning, .accessAccommodation, need.accommodation)
            }
        }
        if scope.remoteOnly {
            if s.firstModality(in: RouterTables.remotePositions) != nil {
                d.check(.preferenceRemoteOnly, .pass, "can be reached by phone or remotely, as the person prefers")
            } else {
                d.check(.preferenceRemoteOnly, .fail, "in person only; the person asked for remote contact only")
            }
        }
        return (interpretation, unmet)
    }

    /// Status, opening hours and how recently the entry was verified.
    func checkAvailability(_ s: Service, urgency: Urgency, at time: RoutingTime, scope: CaseScope, into d: inout DecisionDraft)
        -> (openNow: Bool?, opensInHours: Double?, stale: Bool)
    {
        switch s.status {
        case .open: d.check(.availabilityStatus, .pass, "open")
        case .waitlist: d.check(.availabilityStatus, .warn, "at capacity: waiting list; expect delay")
        case .closed: d.check(.availabilityStatus, .fail, "closed")
        }
        var openNow: Bool?
        var opensIn: Double?
        if let h = s.hours {
            let m = scope.minuteOfWeek
            openNow = h.isOpen(at: m)
            if openNow == true {
                d.check(.availabilityHours, .pass, h.alwaysOpen ? "open 24/7" : "open now")
            } else if let wait = h.minutesUntilOpen(from: m) {
                opensIn = Double(wait) / 60
                d.check(.availabilityHours, urgency < .routine ? .warn : .info, .opensIn(minutes: wait, from: time))
            } else {
                d.check(.availabilityHours, .warn, "no opening hours in the timetable")
            }
        } else {
            d.check(.availabilityHours, .info, "opening hours not recorded: call first")
        }
        var stale = false
        // The day's text (`lastVerified`) is there whenever the day is; it is read only for the words.
        if let v = s.lastVerifiedDay {
            if scope.localDay - v > rules.staleAfterDays {
                stale = true
                d.check(.dataVerified, .warn, .verified(s.lastVerified ?? "", staleAfterDays: rules.staleAfterDays))
            } else {
                d.check(.dataVerified, .pass, .verified(s.lastVerified ?? "", staleAfterDays: nil))
            }
        } else {
            stale = true
            d.check(.dataVerified, .warn, "never verified: confirm the service still runs before referring")
        }
        return (openNow, opensIn, stale)
    }
}
