/// Data quality, one service at a time: verification age, contact and hours, closed services a
/// pathway still relies on, restrictions by legal status, capacity, confidential addresses,
/// reporting duties a caseworker must announce, and shelters that admit children without saying
/// they are safe for them.
enum DataQualityCheck {
    /// Appends the findings to `out` (a national directory has one or two per service).
    static func run(_ d: Directory, today: Int, into out: inout [Diagnostic]) {
        let ctx = d.context
        let stale = ctx.rules.staleAfterDays
        var stepsByCategory: [String: [String]] = [:]
        for p in d.pathways {
            for s in p.steps { stepsByCategory[s.category, default: []].append("\(p.id)/\(s.id)") }
        }
        let duties = Dictionary(ctx.rules.mandatoryReporting.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let legalStatuses = ctx.legalStatuses.keys.sorted()

        for s in d.services {
            // A service's id and place are made from the directory's store on each read: once here.
            let id = s.id
            var servicePlace: SourcePlace?
            // `path`: where in the service the finding is, `.status` (nil: the whole service).
            func add(_ sev: Severity, _ code: Diagnostic.Code, _ path: String?, _ message: String, _ help: String?) {
                if servicePlace == nil { servicePlace = s.place }
                var place = servicePlace!
                if let path { place.path += path }
                out.append(Diagnostic(sev, code: code, place: place, id: id, message: message, help: help))
            }
            if s.status == .closed {
                if let steps = stepsByCategory[s.category] {
                    add(.warning, .dataClosedInPathway, ".status",
                        "service '\(id)' is closed but its category \(s.category) is used by \(steps.joined(separator: ", "))",
                        "remove it from services.json, or set its status back to open when it reopens")
                }
                // A closed service is not offered: its other data does not matter until it reopens.
                continue
            }
            // A day always has a text (the store makes it from the day when the file's own is not
            // kept): it is made only for a finding.
            if let v = s.lastVerifiedDay {
                let age = today - v
                if age > stale, let text = s.lastVerified {
                    add(.warning, .dataStale, ".lastVerified",
                        "service '\(id)' was last verified \(text), \(age) days ago (threshold \(stale) days)",
                        "call the focal point to confirm the service still runs, then update lastVerified")
                }
            } else {
                add(.warning, .dataNeverVerified, nil, "service '\(id)' has never been verified (no lastVerified)",
                    "confirm the service with its focal point and record the date in lastVerified")
            }
            if s.hours == nil {
                add(.warning, .dataNoHours, nil, "service '\(id)' has no opening hours",
                    "add hours.weekly or hours.alwaysOpen so caseworkers know when to refer")
            }
            // The organisation is looked up only when the service's own focal point cannot be reached.
            func reachable(_ c: Contact?) -> Bool { c?.phone != nil || c?.email != nil }
            if !reachable(s.focalPoint) && !reachable(d.organisations[s.organisation]?.contact) {
                add(.warning, .dataNoContact, nil,
                    "service '\(id)' has no focal point phone or e-mail, and neither has its organisation",
                    "add a focalPoint with a role and a phone or e-mail (never a person's name)")
            }
            if let statuses = s.eligibility.legalStatuses {
                let left = legalStatuses.filter { !statuses.contains($0) }
                add(.warning, .dataLegalStatusRestriction, ".eligibility.legalStatuses",
                    "service '\(id)' serves only people with legal status \(statuses.joined(separator: ", "))"
                        + (left.isEmpty ? "" : ": it leaves out \(left.joined(separator: ", "))"),
                    "non-discrimination: make sure people left out have another option, or agree an exception with the provider")
            }
            // Children are never housed with unrelated adults: a shelter that admits them says so.
            if ctx.categories[s.category]?.shelter == true, (s.eligibility.minAge ?? 0) < ctx.adultAge,
                !s.features.contains("child-safe")
            {
                add(.warning, .dataShelterAdmitsChildren, ".eligibility",
                    "shelter '\(id)' admits children (no minAge of \(ctx.adultAge) or more) without the feature child-safe",
                    "set eligibility.minAge to \(ctx.adultAge) for an adult shelter, or add the feature child-safe if it is run for children; the router never offers it to a child otherwise")
            }
            if s.status == .waitlist {
                add(.info, .dataAtCapacity, ".status", "service '\(id)' is at capacity (waiting list)",
                    "referrals will wait: check whether an emergency place can be agreed")
            }
            if let a = s.address, a.confidential {
                if s.focalPoint?.phone == nil && s.focalPoint?.email == nil {
                    add(.warning, .dataConfidentialNoFocalPoint, ".address",
                        "service '\(id)' has a confidential address but no focal point phone or e-mail to arrange access",
                        "add a focalPoint: the address is never shown, so the focal point is the only way in")
                } else {
                    add(.info, .dataConfidentialAddress, ".address",
                        "service '\(id)' has a confidential address: it is never shown; access goes through its focal point",
                        "give people the focal point's contact, never the address; keep the focal point up to date")
                }
            }
            for dutyID in s.mandatoryReporting {
                let duty = duties[dutyID]
                add(.info, .dataMandatoryReporting, ".mandatoryReporting",
                    "service '\(id)' carries the reporting duty '\(duty?.name ?? dutyID)'",
                    "tell the person what will be reported (\(duty?.consequence ?? dutyID)) before any referral")
            }
        }
    }
}
