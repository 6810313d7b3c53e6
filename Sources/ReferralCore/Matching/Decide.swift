/// The rules, one service at a time. Rule ids are stable (`eligibility.age`,
/// `consent.referral`, …): tests, the JSON output and `referral explain` name them.
extension Router {

    // MARK: consent

    /// Whose consent counts for this case under the context's age table, and whether the
    /// recorded consent is that one. Never the suspected caregiver's.
    public func assessConsent(_ c: Case) -> ConsentAssessment {
        var checks: [RuleCheck] = []
        let consent = c.consent
        let adultAge = context.adultAge
        let child = c.age.max < adultAge
        let k = c.concerns
        if c.age.min < adultAge && c.age.max >= adultAge {
            checks.append(RuleCheck("consent.by-age", .fail,
                                    "the age band \(c.age.description) spans childhood and adulthood: record the age to know whose consent counts"))
            return ConsentAssessment(valid: false, givenBy: consent.givenBy, checks: checks, child: false)
        }
        guard let band = rules.consentByAge.first(where: { $0.minAge <= c.age.min && c.age.max <= $0.maxAge }) else {
            checks.append(RuleCheck("consent.by-age", .fail,
                                    "no single consent rule covers ages \(c.age.description): record the age to know whose consent counts"))
            return ConsentAssessment(valid: false, givenBy: consent.givenBy, checks: checks, child: child)
        }
        var allowed = band.consentFrom
        let caregiverCannot: String? =
            k.caregiverSuspected == true ? "the caregiver is the suspected perpetrator"
            : k.separation == .unaccompanied ? "the child is unaccompanied"
            : k.separation == .separated ? "the child is separated from their usual caregiver" : nil
        if child, let why = caregiverCannot, allowed.contains(.caregiver) {
            allowed.removeAll { $0 == .caregiver }
            for g in rules.whenCaregiverCannotConsent where !allowed.contains(g) { allowed.append(g) }
            checks.append(RuleCheck("consent.caregiver-unavailable", .info,
                                    "\(why): consent comes from \(allowed.map(\.rawValue).joined(separator: " or ")) instead"))
        }
        let bandText = "ages \(band.minAge)-\(band.maxAge)"
        if consent.givenBy == .caregiver && k.caregiverSuspected == true {
            checks.append(RuleCheck("consent.suspected-caregiver", .fail,
                                    "consent from the suspected caregiver never counts: seek it from \(allowed.map(\.rawValue).joined(separator: " or "))"))
        } else if !allowed.contains(consent.givenBy) {
            checks.append(RuleCheck("consent.by-age", .fail,
                                    "for \(bandText) consent comes from \(allowed.map(\.rawValue).joined(separator: " or ")), not \(consent.givenBy.rawValue)"))
        } else {
            checks.append(RuleCheck("consent.by-age", .pass, "for \(bandText) consent from \(consent.givenBy.rawValue) counts"))
        }
        if band.childAssent == true {
            if consent.childAssent == true {
                checks.append(RuleCheck("consent.child-assent", .pass, "the child assented"))
            } else {
                checks.append(RuleCheck("consent.child-assent", .fail,
                                        "for \(bandText) the child's own assent is needed as well: explain in words the child understands and record it"))
            }
        }
        if (consent.referToCategories ?? []).isEmpty && (consent.referToOrganisations ?? []).isEmpty {
            checks.append(RuleCheck("consent.referral", .info, "the consent names no category or organisation: nothing can be referred"))
        }
        let valid = !checks.contains { $0.outcome == .fail }
        return ConsentAssessment(valid: valid, givenBy: consent.givenBy, checks: checks, child: child)
    }

    /// Reporting duties of the context that apply to this case.
    func applicableDuties(_ c: Case) -> [ReportingDuty] {
        rules.mandatoryReporting.filter { $0.appliesWhen?.evaluate(c).holds ?? true }
    }

    var riskToLifeApplies: Bool { rules.imminentRiskToLife.allowed }

    func caseWarnings(_ c: Case, consent: ConsentAssessment) -> [Warning] {
        var w: [Warning] = []
        let k = c.concerns
        let p = c.preferences
        if k.imminentRiskToLife == true {
            if riskToLifeApplies {
                let fields = (rules.imminentRiskToLife.minimumFields ?? []).map(\.rawValue).joined(separator: ", ")
                let cats = (rules.imminentRiskToLife.categories ?? []).joined(separator: ", ")
                w.append(Warning(.critical, "confidentiality.risk-to-life",
                                 "imminent risk to life: the exception to consent applies to \(cats); only \(fields) will be sent; tell the person what was shared as soon as it is safe"))
            } else {
                w.append(Warning(.critical, "confidentiality.risk-to-life",
                                 "imminent risk to life reported, but this context does not allow referral without consent: seek consent now and use emergency services the person agrees to"))
            }
        }
        if !consent.valid {
            let why = consent.checks.filter { $0.outcome == .fail }.map(\.reason).joined(separator: "; ")
            w.append(Warning(.critical, "consent.invalid", "the recorded consent does not count (\(why)): nothing will be referred; services are shown as information only"))
        }
        if k.caregiverSuspected == true {
            w.append(Warning(.critical, "child.suspected-caregiver",
                             "the caregiver is the suspected perpetrator: do not seek their consent and share nothing with them"))
        }
        if consent.child {
            w.append(Warning(.warning, "child.confidentiality-limits",
                             "explain the limits of confidentiality before anything else: never promise a child secrecy"))
            w.append(Warning(.warning, "child.best-interests",
                             "a best interests assessment (BIA) is part of child protection case management for this child; a pending assessment never delays urgent protection"))
            if let s = k.separation, s != .none {
                w.append(Warning(.warning, "child.separation",
                                 "\(s.rawValue) child: family tracing and reunification should start within 48 hours; a best interests determination (BID) is needed before any durable solution"))
            }
        }
        for d in applicableDuties(c) {
            w.append(Warning(.warning, "confidentiality.mandatory-reporting",
                             "\(d.name) applies to this case: providers carrying this duty must report (\(d.consequence)); tell the person before any referral"))
        }
        if p.noPolice == true {
            w.append(Warning(.info, "preference.no-police",
                             "the person chose no police involvement: police services are listed but not referred; the person can change their mind"))
        }
        if p.noForensicEvidence == true {
            w.append(Warning(.info, "preference.no-forensic",
                             "the person declines forensic evidence collection: providers are told, and care does not depend on it"))
        }
        return w.sorted { $0.level < $1.level }
    }

    // MARK: one service

    /// Decides one service for one case: eligibility, access and availability, then the safety
    /// gates. Every rule leaves a check; the action is the most a service can get after all gates.
    public func decide(_ s: Service, urgency: Urgency, _ c: Case, consent: ConsentAssessment, at time: RoutingTime)
        -> ServiceDecision
    {
        decide(s, urgency: urgency, c, consent: consent, at: time, lineage: context.lineage(of: c.document.area),
               duties: applicableDuties(c))
    }

    /// `decide` with the case's area lineage and applicable reporting duties worked out once by
    /// the caller (they do not depend on the service).
    func decide(_ s: Service, urgency: Urgency, _ c: Case, consent: ConsentAssessment, at time: RoutingTime,
                lineage: [String], duties applicable: [ReportingDuty]) -> ServiceDecision
    {
        var checks: [RuleCheck] = []
        checks.reserveCapacity(16)  // a decision has 8 to 16 checks: grow the array once
        var warnings: [Warning] = []
        let e = s.eligibility
        let d = c.document
        let p = c.preferences
        let category = context.categories[s.category]

        // Area: the nearest of the case's area and its ancestors that the service serves.
        let servedIndex = lineage.firstIndex { s.areas.contains($0) }
        let proximity = servedIndex.map { $0 == 0 ? "same-area" : $0 == 1 ? "parent-area" : "wider-area" } ?? "out-of-area"
        if let i = servedIndex {
            checks.append(RuleCheck("eligibility.area", .pass, "serves \(context.areaName(lineage[i])) (\(lineage[i])), which includes the case's area"))
        } else {
            checks.append(RuleCheck("eligibility.area", .fail, "does not serve \(context.areaName(d.area)) (\(d.area)) or any area containing it"))
        }

        // Age: the whole of an age band must fit.
        if e.minAge != nil || e.maxAge != nil {
            let lo = e.minAge ?? 0, hi = e.maxAge ?? 130
            if c.age.min >= lo && c.age.max <= hi {
                checks.append(RuleCheck("eligibility.age", .pass, "serves ages \(lo)-\(hi)"))
            } else {
                checks.append(RuleCheck("eligibility.age", .fail, "serves ages \(lo)-\(hi) only; the case's age is \(c.age.description)"))
            }
        }
        if let sexes = e.sexes {
            if sexes.contains(d.sex) {
                checks.append(RuleCheck("eligibility.sex", .pass, "serves \(sexes.map(\.rawValue).joined(separator: ", "))"))
            } else {
                checks.append(RuleCheck("eligibility.sex", .fail, "serves \(sexes.map(\.rawValue).joined(separator: ", ")) only"))
            }
        }
        if let groups = e.populationGroups {
            if groups.contains(where: c.populationGroups.contains) {
                checks.append(RuleCheck("eligibility.population-group", .pass, "serves \(groups.joined(separator: ", "))"))
            } else {
                checks.append(RuleCheck("eligibility.population-group", .fail, "serves \(groups.joined(separator: ", ")) only"))
            }
        }
        if let statuses = e.legalStatuses {
            if let ls = d.legalStatus, statuses.contains(ls) {
                checks.append(RuleCheck("eligibility.legal-status", .pass, "restricted by legal status to \(statuses.joined(separator: ", ")); the case qualifies"))
            } else {
                let known = d.legalStatus == nil ? "the case's legal status is not recorded" : "the case's legal status is not among them"
                checks.append(RuleCheck("eligibility.legal-status", .fail,
                                        "restricted by legal status to \(statuses.joined(separator: ", ")); \(known) (a non-discrimination gap)"))
            }
        }

        // Meaningful access.
        let shared = s.languages.filter(c.languages.contains)
        var languageRank = 0
        if !shared.isEmpty {
            checks.append(RuleCheck("access.language", .pass, "works in \(shared.joined(separator: ", "))"))
        } else if s.interpretation {
            languageRank = 1
            checks.append(RuleCheck("access.language", .pass, "interpretation available (works in \(s.languages.joined(separator: ", ")))"))
        } else {
            checks.append(RuleCheck("access.language", .fail,
                                    "works in \(s.languages.joined(separator: ", ")) only, with no interpretation; the person speaks \(c.document.languages.sorted().joined(separator: ", "))"))
        }
        for need in c.accessNeeds.sorted() {
            if s.accessibility.contains(need) {
                checks.append(RuleCheck("access.needs", .pass, "\(need): available"))
            } else {
                checks.append(RuleCheck("access.needs", .fail, "\(need): not available"))
            }
        }
        if p.remoteOnly == true {
            if s.modality.contains(where: \.isRemote) {
                checks.append(RuleCheck("preference.remote-only", .pass, "can be reached by phone or remotely, as the person prefers"))
            } else {
                checks.append(RuleCheck("preference.remote-only", .fail, "in person only; the person asked for remote contact only"))
            }
        }

        // Availability.
        switch s.status {
        case .open: checks.append(RuleCheck("availability.status", .pass, "open"))
        case .waitlist: checks.append(RuleCheck("availability.status", .warn, "at capacity: waiting list; expect delay"))
        case .closed: checks.append(RuleCheck("availability.status", .fail, "closed"))
        }
        var openNow: Bool?
        var opensIn: Double?
        if let h = s.hours {
            let m = time.minuteOfWeek
            openNow = h.isOpen(at: m)
            if openNow == true {
                checks.append(RuleCheck("availability.hours", .pass, h.alwaysOpen ? "open 24/7" : "open now"))
            } else if let wait = h.minutesUntilOpen(from: m) {
                opensIn = Double(wait) / 60
                let text = "closed now; opens in \(formatHours((Double(wait) / 60 * 10).rounded() / 10)) h (\(time.adding(hours: Double(wait) / 60).iso8601))"
                checks.append(RuleCheck("availability.hours", urgency < .routine ? .warn : .info, text))
            } else {
                checks.append(RuleCheck("availability.hours", .warn, "no opening hours in the timetable"))
            }
        } else {
            checks.append(RuleCheck("availability.hours", .info, "opening hours not recorded: call first"))
        }
        var stale = 0
        if let v = s.lastVerifiedDay, let text = s.lastVerified {
            if time.localDay - v > rules.staleAfterDays {
                stale = 1
                checks.append(RuleCheck("data.verified", .warn, "last verified \(text), more than \(rules.staleAfterDays) days ago: confirm the service still runs before referring"))
            } else {
                checks.append(RuleCheck("data.verified", .pass, "verified \(text)"))
            }
        } else {
            stale = 1
            checks.append(RuleCheck("data.verified", .warn, "never verified: confirm the service still runs before referring"))
        }

        // Preferences that take options away or must be passed on.
        if category?.lawEnforcement == true && p.noPolice == true {
            checks.append(RuleCheck("preference.no-police", .fail, "not referred: the person chose no police involvement"))
        }
        if s.features.contains("forensic-evidence") && p.noForensicEvidence == true {
            checks.append(RuleCheck("preference.no-forensic", .warn, "offers forensic evidence collection, which the person declines: tell the provider; care does not depend on it"))
        }
        var staffRank = 0
        if let want = p.staffSex {
            if let have = s.staffSexes {
                if have.contains(want) {
                    checks.append(RuleCheck("preference.staff-sex", .pass, "\(want.rawValue) staff available"))
                } else {
                    staffRank = 2
                    checks.append(RuleCheck("preference.staff-sex", .warn, "no \(want.rawValue) staff recorded: tell the person before referring"))
                }
            } else {
                staffRank = 1
                checks.append(RuleCheck("preference.staff-sex", .warn, "staff sex not recorded: ask whether \(want.rawValue) staff are available"))
            }
        }

        // Safety gates. From here on the action can only go down.
        let eligible = !checks.contains { $0.outcome == .fail }
        var action: Action = .excluded
        let org = directory.organisations[s.organisation]
        let byCategory = (c.consent.referToCategories ?? []).contains(s.category)
        let consentCovers = byCategory || (c.consent.referToOrganisations ?? []).contains(s.organisation)
        let riskToLife = c.concerns.imminentRiskToLife == true && riskToLifeApplies
            && (rules.imminentRiskToLife.categories ?? []).contains(s.category)
        if eligible {
            if consent.valid && consentCovers {
                action = .refer
                checks.append(RuleCheck("consent.referral", .pass, "the person agreed to referral to this \(byCategory ? "kind of service" : "organisation")"))
            } else {
                let why = !consent.valid ? "the recorded consent does not count"
                    : "the person did not agree to referral to this kind of service or organisation"
                if riskToLife {
                    action = .emergencyReferral
                    checks.append(RuleCheck("consent.risk-to-life", .warn, "\(why), but an imminent risk to life is reported and this context allows an emergency referral with the minimum data"))
                    warnings.append(Warning(.critical, "confidentiality.risk-to-life", "emergency referral without consent: only the minimum data is sent; tell the person as soon as it is safe"))
                } else if s.selfReferral {
                    action = .inform
                    checks.append(RuleCheck("consent.referral", .warn, "\(why): information only, the service accepts people who come by themselves"))
                } else {
                    checks.append(RuleCheck("consent.referral", .fail, "\(why), and the service takes no self-referrals"))
                }
            }
        }

        // Mandatory reporting: always shown; no referral until the consequences were explained.
        let duties = s.mandatoryReporting.isEmpty ? [] : applicable.filter { s.mandatoryReporting.contains($0.id) }
        for duty in duties {
            warnings.append(Warning(.warning, "confidentiality.mandatory-reporting",
                                    "\(org?.name ?? s.organisation) must report under '\(duty.name)': \(duty.consequence)"))
        }
        if !duties.isEmpty && action == .refer {
            if c.consent.mandatoryReportingExplained == true {
                checks.append(RuleCheck("consent.mandatory-reporting", .pass, "the person was told what this provider must report"))
            } else if s.selfReferral {
                action = .inform
                checks.append(RuleCheck("consent.mandatory-reporting", .fail, "no referral until the person has been told what this provider must report: explain it and record it; information only meanwhile"))
            } else {
                action = .excluded
                checks.append(RuleCheck("consent.mandatory-reporting", .fail, "no referral until the person has been told what this provider must report: explain it and record it"))
            }
        }

        // Minimum necessary data, and sensitive data only to qualified providers.
        var packet: [PacketField] = []
        var withheld: [WithheldField] = []
        var heldBackAsSensitive = false
        if action == .refer || action == .emergencyReferral {
            // A handful of fields each: arrays beat building sets for every service.
            let sensitive = rules.sensitiveFields
            let agreed = c.consent.share
            // Under the risk-to-life exception the minimum fields go whatever was agreed; otherwise
            // only what the provider needs and the person agreed to.
            let wanted = action == .refer ? s.requiredFields : (rules.imminentRiskToLife.minimumFields ?? [])
            var fields: [CaseField] = []
            for f in wanted.sorted() where fields.last != f { fields.append(f) }  // sorted, each once
            for f in fields {
                guard let v = c.value(of: f) else {
                    withheld.append(WithheldField(field: f, reason: "not recorded in the case: the provider may ask"))
                    continue
                }
                if action == .refer && !agreed.contains(f) {
                    withheld.append(WithheldField(field: f, reason: "the person did not agree to share it; the provider asks for it to accept the referral: discuss with the person"))
                } else if sensitive.contains(f) && !s.sensitiveDataQualified {
                    heldBackAsSensitive = true
                    withheld.append(WithheldField(field: f, reason: "sensitive: this provider is not qualified to receive it"))
                } else {
                    packet.append(PacketField(field: f, value: v))
                }
            }
            checks.append(RuleCheck("data.minimum-necessary", .pass,
                                    action == .refer ? "sends \(packet.count) field(s): those the provider needs that the person agreed to share"
                                        : "sends only the minimum fields allowed under the risk-to-life exception"))
            if heldBackAsSensitive {
                checks.append(RuleCheck("data.sensitive", .warn, "sensitive fields held back: this provider is not qualified to receive them"))
            }
        } else if action == .inform {
            checks.append(RuleCheck("data.minimum-necessary", .pass, "nothing is sent: give the person the contact details"))
        }

        // Confidential addresses are never printed.
        var address: String?
        if let a = s.address {
            if a.confidential {
                checks.append(RuleCheck("confidentiality.address", .info, "confidential address: never shown; the focal point arranges access"))
            } else {
                address = a.text
            }
        }

        let lineageIndex = servedIndex ?? lineage.count
        // For urgent and emergency steps what can take the person now comes first: open, and not
        // at capacity; a full shelter nearby is worth less tonight than a free one further away.
        let unavailableNow = urgency < .routine && (openNow == false || s.status == .waitlist)
        let rankKey = [unavailableNow ? 1 : 0, min(lineageIndex, 2), languageRank,
                       s.status == .waitlist ? 1 : 0, staffRank, stale]
        var decision = ServiceDecision(
            service: s.id, serviceName: s.name, organisation: s.organisation, organisationName: org?.name ?? s.organisation,
            category: s.category, action: action, rank: nil, checks: checks, warnings: warnings, packet: packet,
            withheld: withheld,
            access: AccessInfo(
                modality: s.modality, contact: s.focalPoint ?? org?.contact, address: address,
                addressConfidential: s.address?.confidential ?? false, openNow: openNow,
                opensInHours: opensIn.map { ($0 * 10).rounded() / 10 }, proximity: proximity,
                servedArea: servedIndex.map { lineage[$0] } ?? "", languages: s.languages, status: s.status, cost: s.cost,
                selfReferral: s.selfReferral, eligibilityNote: s.eligibility.note, website: s.website))
        decision.rankKey = rankKey
        return decision
    }
}
