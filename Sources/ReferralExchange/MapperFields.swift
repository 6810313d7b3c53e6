import ReferralCore

/// The mapping of the fields with rules of their own: opening hours, eligibility and the address
/// (confidentiality first).
extension RecordMapper {
    // MARK: opening hours

    /// Opening hours from this tool's attributes, HSDS schedules, a free-text column and a yes/no
    /// "24 hours" column. Sources that disagree leave the hours out ("call first"), never pick one.
    mutating func hours(notes: inout [String]) -> HoursDocument? {
        if routerBool("hours.alwaysOpen") == true { return HoursDocument(alwaysOpen: true, weekly: nil) }
        var structured: HoursDocument?
        var givenTexts: [String] = []
        if let sched = record.schedule {
            if !sched.unrepresentable.isEmpty {
                for u in sched.unrepresentable {
                    finding(.warning, .importHoursUnrepresentable, u.place, field: "hours", action: .keptAsNote,
                            "\(u.reason) cannot be held by a weekly timetable: hours left out (\"call first\")",
                            hint: "check the hours with the provider and write them in services.json")
                }
                for d in sched.descriptions { notes.append("Opening hours as given: " + TextCleaner.clean(d.text, multiline: true).text) }
                return nil
            }
            if !sched.isEmpty { structured = sched.alwaysOpen ? HoursDocument(alwaysOpen: true, weekly: nil) : HoursDocument(alwaysOpen: nil, weekly: sched.weekly) }
            for d in sched.descriptions where structured == nil { givenTexts.append(d.text) }
        }
        var parsed: HoursDocument?
        var text: SourceValue?
        if let v = texts(.hours).first {
            text = v
            switch HoursText.parse(v.text) {
            case .success(let p):
                parsed = p.alwaysOpen ? HoursDocument(alwaysOpen: true, weekly: nil) : HoursDocument(alwaysOpen: nil, weekly: p.weekly)
                for a in p.assumptions {
                    finding(.info, .importHoursAssumed, v.place, field: "hours", action: .mapped, a)
                }
                for n in p.notes {
                    finding(.info, .importHoursNote, v.place, field: "hours", action: .keptAsNote,
                            "the note '\(n)' is kept in the description")
                    notes.append("Opening hours: " + n)
                }
            case .failure(let f):
                finding(.warning, .importHoursUnparsed, v.place, field: "hours", action: .keptAsNote,
                        "opening hours '\(v.text)' were not read (\(f.reason)): kept in the description, hours left out",
                        hint: "write them as, for example, 'Mon-Fri 9:00-17:00' (docs/IMPORT.md, Opening hours)")
                notes.append("Opening hours as given: " + v.text)
                return nil
            }
        }
        var flag: (Bool, SourceValue)?
        if let v = texts(.alwaysOpen).first {
            if let b = Self.yes(v.text) { flag = (b, v) } else {
                finding(.warning, .importValueInvalid, v.place, field: "hours", action: .dropped, "'\(v.text)' is not yes or no")
            }
        }
        if let (b, v) = flag, let t = text, let p = parsed, (p.alwaysOpen == true) != b {
            finding(.warning, .importHoursConflict, v.place, field: "hours", action: .dropped,
                    "the hours text '\(t.text)' and this column ('\(v.text)') disagree: hours left out",
                    hint: "correct one of them in the source; until then the router says \"call first\"")
            notes.append("Opening hours as given: \(t.text) (and '\(v.text)' for open 24 hours)")
            return nil
        }
        if let s = structured, let p = parsed, let t = text, !same(s, p) {
            finding(.warning, .importHoursConflict, t.place, field: "hours", action: .dropped,
                    "the hours text '\(t.text)' and the schedules disagree: hours left out")
            notes.append("Opening hours as given: " + t.text)
            return nil
        }
        if let s = structured ?? parsed { return s }
        if let (b, _) = flag, b { return HoursDocument(alwaysOpen: true, weekly: nil) }
        for g in givenTexts {
            if case .success(let p) = HoursText.parse(g) {
                return p.alwaysOpen ? HoursDocument(alwaysOpen: true, weekly: nil) : HoursDocument(alwaysOpen: nil, weekly: p.weekly)
            }
            finding(.warning, .importHoursUnparsed, record.schedule?.place ?? record.place, field: "hours", action: .keptAsNote,
                    "the schedule's description was not read as opening hours: kept in the description")
            notes.append("Opening hours as given: " + TextCleaner.clean(g, multiline: true).text)
        }
        return nil
    }

    func same(_ a: HoursDocument, _ b: HoursDocument) -> Bool {
        (a.alwaysOpen ?? false) == (b.alwaysOpen ?? false)
            && (a.weekly ?? [:]).mapValues { $0.sorted() } == (b.weekly ?? [:]).mapValues { $0.sorted() }
    }

    // MARK: eligibility

    /// Structured eligibility only from structured columns and the profile's tables; free text is
    /// kept as the note, and coded values that do not map are added to the note.
    mutating func eligibility() -> EligibilityDocument? {
        var e = EligibilityDocument()
        e.minAge = age(.minAge)
        e.maxAge = age(.maxAge)
        if e.minAge == nil && e.maxAge == nil {
            let groups = codes(.ageGroup, table: profile.ageGroups, direct: { _ in nil }, what: "age group", note: "Ages")
            if !groups.isEmpty {
                e.minAge = groups.contains { $0.minAge == nil } ? nil : groups.compactMap(\.minAge).min()
                e.maxAge = groups.contains { $0.maxAge == nil } ? nil : groups.compactMap(\.maxAge).max()
            }
        }
        if let lo = e.minAge, let hi = e.maxAge, lo > hi {
            finding(.warning, .importValueInvalid, record.values[.minAge]?.first?.place ?? record.place, field: "eligibility",
                    action: .keptAsNote, "minimum age \(lo) is above maximum age \(hi): both kept in the note, not as a rule")
            unreadEligibility.append("Ages as given: \(lo) to \(hi)")
            e.minAge = nil
            e.maxAge = nil
        }
        if let s = routerList("eligibility.sexes") {
            e.sexes = s.compactMap(Sex.init(rawValue:))
        } else {
            let sexes = codes(.sex, table: profile.sexes, direct: { Sex(rawValue: $0.lowercased()).map { [$0] } }, what: "sex",
                              note: "Sex")
            if !sexes.isEmpty, !sexes.contains(where: \.isEmpty) {
                let set = Set(sexes.flatMap { $0 })
                e.sexes = Sex.allCases.filter(set.contains)
            }
        }
        if let g = routerList("eligibility.populationGroups") {
            e.populationGroups = g
        } else {
            let groups = context.populationGroups
            let g = codes(.populationGroups, table: profile.populationGroups, direct: { groups[$0] != nil ? $0 : nil },
                          what: "population group", note: "Population")
            e.populationGroups = g.isEmpty ? nil : g
        }
        e.legalStatuses = routerList("eligibility.legalStatuses")
        let text = texts(.eligibility, multiline: true)
        if router("id") == nil {
            for v in text {
                finding(.info, .importEligibilityNote, v.place, field: "eligibility.note", action: .keptAsNote,
                        "free-text eligibility kept as a note: shown to caseworkers, never used to decide",
                        hint: "to restrict by it, map a structured column (ages, sex) in the profile")
            }
        }
        let note = (text.map(\.text) + unreadEligibility).joined(separator: "\n")
        e.note = note.isEmpty ? nil : note
        let empty = e.minAge == nil && e.maxAge == nil && e.sexes == nil && e.populationGroups == nil && e.legalStatuses == nil
            && e.note == nil
        return empty ? nil : e
    }

    // MARK: address

    /// A confidential address keeps no text and no coordinates. It is confidential when this
    /// tool's export says so, when the address carries a marker ("Confidential"), when other text
    /// says the place is confidentially located, or, for a shelter or GBV service with a street
    /// address, until the profile lists the record as public.
    mutating func address(_ value: SourceValue?, categories: [String], fromRouter: Bool) -> AddressDocument? {
        let lat = coordinate(.latitude, limit: 90), lon = coordinate(.longitude, limit: 180)
        let coordinates = lat != nil || lon != nil
        let coordinatePlace = record.values[.latitude]?.first?.place ?? record.values[.longitude]?.first?.place
        var why: (ImportPlace, String)?
        if routerBool("address.confidential") == true {
            why = (record.router["address.confidential"]![0].place, "the export marks it confidential")
        } else if let v = value, case let k = TextCleaner.key(v.text), let m = profile.confidentialMarkers.first(where: { k.hasBytes($0) }) {
            why = (v.place, "the address says '\(m)'")
        } else if !fromRouter {
            for f in [SourceField.description, .name, .note, .eligibility] {
                for v in record.values[f] ?? [] {
                    let k = TextCleaner.key(v.text)
                    if let m = Self.proseMarkers.first(where: { k.hasBytes($0) }) {
                        why = (v.place, "the \(f == .note ? "notes say" : "\(f.rawValue) says") '\(m)'")
                        break
                    }
                }
                if why != nil { break }
            }
        }
        if let (place, reason) = why {
            if value != nil {
                finding(.warning, .importConfidentialAddress, place, field: "address", action: .dropped,
                        "confidential address (\(reason)): its text is not kept; the focal point arranges access")
            } else if !fromRouter {
                finding(.info, .importConfidentialAddress, place, field: "address", action: .mapped,
                        "the address is recorded as confidential (\(reason))")
            }
            if coordinates {
                finding(.warning, .importConfidentialCoordinates, coordinatePlace ?? place, field: "address", action: .dropped,
                        "coordinates of a confidential address are not kept")
            }
            return AddressDocument(text: nil, confidential: true)
        }
        guard let value else {
            if coordinates {
                finding(.warning, .importValueInvalid, coordinatePlace ?? record.place, field: "address", action: .dropped,
                        "coordinates without an address are not kept")
            }
            return nil
        }
        let sensitive = categories.filter(profile.confidentialCategories.contains)
        if !fromRouter, !sensitive.isEmpty, !profile.publicRecords.contains(recordId ?? "") {
            finding(.warning, .importAddressUnconfirmed, value.place, field: "address", action: .dropped,
                    "a \(sensitive[0]) service with a street address: confirm this address is not confidential; until then it is withheld"
                        + (coordinates ? " (and its coordinates)" : ""),
                    hint: "if the address is public, add \"\(recordId ?? "")\" to confidential.publicRecords in the profile and import again")
            return AddressDocument(text: nil, confidential: true)
        }
        if (lat == nil) != (lon == nil) {
            finding(.warning, .importValueInvalid, coordinatePlace ?? value.place, field: "address", action: .dropped,
                    "a latitude without a longitude (or the reverse) is not kept")
            return AddressDocument(text: value.text, confidential: false)
        }
        return AddressDocument(text: value.text, confidential: false, latitude: lat, longitude: lon)
    }
}
