/// Who and where a service is for, whether the person can use it, and whether it runs now.
extension Router {

    /// Area, age, sex, population group and legal status. Returns the position in `lineage` of
    /// the nearest area the service serves (0: the case's own area), nil when it serves none.
    func checkEligibility(_ s: Service, _ c: Case, lineage: [String], into d: inout DecisionDraft) -> Int? {
        let e = s.eligibility
        let doc = c.document
        // Area: the nearest of the case's area and its ancestors that the service serves.
        let served = lineage.firstIndex { s.areas.contains($0) }
        if let i = served {
            d.check(.eligibilityArea, .pass, "serves \(context.areaName(lineage[i])) (\(lineage[i])), which includes the case's area")
        } else {
            d.check(.eligibilityArea, .fail, "does not serve \(context.areaName(doc.area)) (\(doc.area)) or any area containing it")
        }

        // Age: the whole of an age band must fit.
        if e.minAge != nil || e.maxAge != nil {
            let lo = e.minAge ?? 0, hi = e.maxAge ?? 130
            if c.age.min >= lo && c.age.max <= hi {
                d.check(.eligibilityAge, .pass, "serves ages \(lo)-\(hi)")
            } else {
                d.check(.eligibilityAge, .fail, "serves ages \(lo)-\(hi) only; the case's age is \(c.age.description)")
            }
        }
        if let sexes = e.sexes {
            if sexes.contains(doc.sex) {
                d.check(.eligibilitySex, .pass, "serves \(sexes.map(\.rawValue).joined(separator: ", "))")
            } else {
                d.check(.eligibilitySex, .fail, "serves \(sexes.map(\.rawValue).joined(separator: ", ")) only")
            }
        }
        if let groups = e.populationGroups {
            if groups.contains(where: c.populationGroups.contains) {
                d.check(.eligibilityPopulationGroup, .pass, "serves \(groups.joined(separator: ", "))")
            } else {
                d.check(.eligibilityPopulationGroup, .fail, "serves \(groups.joined(separator: ", ")) only")
            }
        }
        if let statuses = e.legalStatuses {
            if let ls = doc.legalStatus, statuses.contains(ls) {
                d.check(.eligibilityLegalStatus, .pass, "restricted by legal status to \(statuses.joined(separator: ", ")); the case qualifies")
            } else {
                let known = doc.legalStatus == nil ? "the case's legal status is not recorded" : "the case's legal status is not among them"
                d.check(.eligibilityLegalStatus, .fail,
                        "restricted by legal status to \(statuses.joined(separator: ", ")); \(known) (a non-discrimination gap)")
            }
        }
        return served
    }

    /// Meaningful access: a shared language (or interpretation), access needs, remote only.
    /// Returns whether the person needs interpretation (no shared language).
    func checkAccess(_ s: Service, _ c: Case, into d: inout DecisionDraft) -> Bool {
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
        for need in c.accessNeeds.sorted() {
            if s.accessibility.contains(need) {
                d.check(.accessNeeds, .pass, "\(need): available")
            } else {
                d.check(.accessNeeds, .fail, "\(need): not available")
            }
        }
        if c.preferences.remoteOnly == true {
            if s.modality.contains(where: \.isRemote) {
                d.check(.preferenceRemoteOnly, .pass, "can be reached by phone or remotely, as the person prefers")
            } else {
                d.check(.preferenceRemoteOnly, .fail, "in person only; the person asked for remote contact only")
            }
        }
        return interpretation
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
