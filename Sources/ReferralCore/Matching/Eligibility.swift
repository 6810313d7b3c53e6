/// Who and where a service is for, whether the person can use it, and whether it runs now.

extension Eligibility {
    /// How a service's eligibility meets what is known of a subject, restriction by restriction
    /// (nil where the service does not restrict). The router reads it for one case; the coverage
    /// check for whole populations, where a fact the population does not share is unknown.
    struct Verdict {
        var age: Truth?
        var sex: Truth?
        var populationGroup: Truth?
        var legalStatus: Truth?

        /// Serves every member (`yes`), none (`no`), or some (`unknown`).
        var overall: Truth { [age, sex, populationGroup, legalStatus].reduce(Truth.yes) { $0 && ($1 ?? .yes) } }
    }

    func evaluate(_ f: Facts) -> Verdict {
        var v = Verdict()
        if let served = ages {
            // The whole band must fit; a band partly inside is unknown.
            v.age = served.contains(f.ages.lowerBound) && served.contains(f.ages.upperBound) ? .yes
                : served.overlaps(f.ages) ? .unknown : .no
        }
        if let sexes { v.sex = f.sex.map { Truth(sexes.contains($0)) } ?? .unknown }
        if let populationGroups {
            v.populationGroup = f.populationGroups.map { Truth(populationGroups.contains(where: $0.contains)) } ?? .unknown
        }
        if let legalStatuses { v.legalStatus = f.legalStatus.map { Truth(legalStatuses.contains($0)) } ?? .unknown }
        return v
    }
}

extension Router {

    /// Area, age, sex, population group and legal status; a shelter for a child only if it is
    /// child-safe. Returns the position in `lineage` of the nearest area the service serves (0:
    /// the case's own area), nil when it serves none.
    func checkEligibility(_ s: Service, _ c: Case, _ facts: Facts, consent: ConsentAssessment, scope: CaseScope,
                          into d: inout DecisionDraft) -> Int?
    {
        let e = s.eligibility
        let doc = c.document
        // Area: the nearest of the case's area and its ancestors that the service serves.
        let served = scope.lineage.firstIndex { s.areas.contains($0) }
        if let i = served {
            d.check(.eligibilityArea, .pass, scope.servesArea[i])
        } else {
            d.check(.eligibilityArea, .fail, scope.servesNoArea)
        }

        let v = s.eligibility.evaluate(facts)
        // An unknown fit (an age band straddling a bound, an unrecorded legal status) does not
        // pass: the router never guesses in favour of a rule when the case is vaguer than it.
        if let t = v.age, let ages = e.ages {
            if t == .yes {
                d.check(.eligibilityAge, .pass, "serves ages \(ages.lowerBound)-\(ages.upperBound)")
            } else {
                d.check(.eligibilityAge, .fail, "serves ages \(ages.lowerBound)-\(ages.upperBound) only; the case's age is \(c.age.description)")
            }
        }
        if let t = v.sex, let sexes = e.sexes {
            if t == .yes {
                d.check(.eligibilitySex, .pass, "serves \(sexes.map(\.rawValue).joined(separator: ", "))")
            } else {
                d.check(.eligibilitySex, .fail, "serves \(sexes.map(\.rawValue).joined(separator: ", ")) only")
            }
        }
        if let t = v.populationGroup, let groups = e.populationGroups {
            if t == .yes {
                d.check(.eligibilityPopulationGroup, .pass, "serves \(groups.joined(separator: ", "))")
            } else {
                d.check(.eligibilityPopulationGroup, .fail, "serves \(groups.joined(separator: ", ")) only")
            }
        }
        if let t = v.legalStatus, let statuses = e.legalStatuses {
            if t == .yes {
                d.check(.eligibilityLegalStatus, .pass, "restricted by legal status to \(statuses.joined(separator: ", ")); the case qualifies")
            } else {
                let known = doc.legalStatus == nil ? "the case's legal status is not recorded" : "the case's legal status is not among them"
                d.check(.eligibilityLegalStatus, .fail,
                        "restricted by legal status to \(statuses.joined(separator: ", ")); \(known) (a non-discrimination gap)")
            }
        }
        // Children are never housed with unrelated adults, whatever a shelter's eligibility says.
        if consent.child, context.categories[s.category]?.shelter == true, !s.features.contains("child-safe") {
            d.check(.childAdultShelter, .fail,
                    "a shelter not declared child-safe: never for a child (child protection arranges alternative care)")
        }
        return served
    }

    /// Meaningful access: a shared language (or interpretation), access needs, remote only. An
    /// access need the service does not meet calls for a reasonable accommodation (a warning, and
    /// a rank after services that meet it), never an exclusion. Returns whether the person needs
    /// interpretation (no shared language) and how many needs are not met.
    func checkAccess(_ s: Service, _ c: Case, into d: inout DecisionDraft) -> (interpretation: Bool, unmetNeeds: Int) {
        let shared = s.languages.filter(c.languages.contains)
        var interpretation = false
        if !shared.isEmpty {
            d.check(.accessLanguage, .pass, "works in \(shared.joined(separator: ", "))")
        } else if s.interpretation {
            interpretation = true
            d.check(.accessLanguage, .pass, "interpretation available (works in \(s.languages.joined(separator: ", ")))")
        } else {
            d.check(.accessLanguage, .fail,
                    "works in \(s.languages.joined(separator: ", ")) only, with no interpretation; the person speaks \(c.document.languages.sorted().joined(separator: ", "))")
        }
        var unmet = 0
        for id in c.accessNeeds.sorted() {
            let need = context.accessNeed(id)
            if s.accessibility.contains(id) {
                d.check(.accessNeeds, .pass, "\(id): available")
            } else if let m = s.modality.first(where: need.metBy.contains) {
                d.check(.accessNeeds, .pass, "\(id): met by its \(m.rawValue) modality")
            } else {
                unmet += 1
                d.check(.accessAccommodation, .warn, "\(id): not available here: \(need.accommodation)")
                d.warnings.append(Warning(.warning, .accessAccommodation, "\(need.name): \(need.accommodation)"))
            }
        }
        if c.preferences.remoteOnly == true {
            if s.modality.contains(where: \.isRemote) {
                d.check(.preferenceRemoteOnly, .pass, "can be reached by phone or remotely, as the person prefers")
            } else {
                d.check(.preferenceRemoteOnly, .fail, "in person only; the person asked for remote contact only")
            }
        }
        return (interpretation, unmet)
    }

    /// Status, opening hours and how recently the entry was verified.
    func checkAvailability(_ s: Service, urgency: Urgency, at time: RoutingTime, into d: inout DecisionDraft)
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
            let m = time.minuteOfWeek
            openNow = h.isOpen(at: m)
            if openNow == true {
                d.check(.availabilityHours, .pass, h.alwaysOpen ? "open 24/7" : "open now")
            } else if let wait = h.minutesUntilOpen(from: m) {
                opensIn = Double(wait) / 60
                let text = "closed now; opens in \(formatHours((Double(wait) / 60 * 10).rounded() / 10)) h (\(time.adding(hours: Double(wait) / 60).iso8601))"
                d.check(.availabilityHours, urgency < .routine ? .warn : .info, text)
            } else {
                d.check(.availabilityHours, .warn, "no opening hours in the timetable")
            }
        } else {
            d.check(.availabilityHours, .info, "opening hours not recorded: call first")
        }
        var stale = false
        if let v = s.lastVerifiedDay, let text = s.lastVerified {
            if time.localDay - v > rules.staleAfterDays {
                stale = true
                d.check(.dataVerified, .warn, "last verified \(text), more than \(rules.staleAfterDays) days ago: confirm the service still runs before referring")
            } else {
                d.check(.dataVerified, .pass, "verified \(text)")
            }
        } else {
            stale = true
            d.check(.dataVerified, .warn, "never verified: confirm the service still runs before referring")
        }
        return (openNow, opensIn, stale)
    }
}
