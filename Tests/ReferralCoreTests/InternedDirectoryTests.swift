import Foundation
import Testing
@testable import ReferralCore

/// The interned directory (ServiceStore, VocabularyIDs, Postings) must give back exactly what the
/// files say: every property of every service against its document decoded by Codable, the ids
/// against the strings, the postings against a scan of the whole directory.
@Suite("Interned directory")
struct InternedDirectoryTests {
    static var folders: [String] {
        [Paths.basic, (try? DirectoryLoader.contextFolder(in: Paths.shipped).get()) ?? Paths.basic]
    }

    struct ServicesFile: Decodable { var services: [ServiceDocument] }

    @Test(arguments: folders) func everyServiceReadsBackAsItsDocument(_ folder: String) throws {
        let d = try loadDirectory(folder)
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/services.json"))
        let docs = try JSONDecoder().decode(ServicesFile.self, from: data).services
        #expect(d.services.map(\.id) == docs.map(\.id).sorted())
        #expect(d.services.map(\.index) == Array(d.services.indices))
        for (position, doc) in docs.enumerated() {
            let s = try #require(d.service(doc.id))
            #expect(s.organisation == doc.organisation && s.name == doc.name && s.category == doc.category)
            #expect(s.areas == doc.areas && s.languages == doc.languages && s.modality == doc.modality)
            #expect(s.interpretation == (doc.interpretation ?? false))
            let e = doc.eligibility ?? EligibilityDocument()
            #expect(s.eligibility == Eligibility(e))
            #expect(s.accessibility == (doc.accessibility ?? []) && s.features == (doc.features ?? []))
            #expect(s.staffSexes == doc.staffSexes)
            #expect(s.selfReferral == doc.intake.selfReferral && s.requiredFields == doc.intake.requiredFields)
            #expect(s.status == doc.status && s.mandatoryReporting == (doc.mandatoryReporting ?? []))
            #expect(s.address == doc.address.map(Address.init) && s.focalPoint == doc.focalPoint.map(Contact.init))
            #expect(s.lastVerified == doc.lastVerified && s.lastVerifiedDay == doc.lastVerified.flatMap(parseDay))
            #expect(s.interventionType == doc.interventionType && s.cost == doc.cost)
            #expect(s.description == doc.description && s.website == doc.website && s.source == doc.source.map(Source.init))
            #expect(s.place.path == "$.services[\(position)]" && s.place.file.hasSuffix("services.json") && s.place.line != nil)
            let sensitive = d.context.categories[doc.category]?.sensitive == true
            #expect(s.sensitiveDataQualified == (doc.sensitiveDataQualified == true && sensitive))
        }
        #expect(d.service("no.such-service") == nil)
    }

    @Test(arguments: folders) func idsNameTheSameValues(_ folder: String) throws {
        let d = try loadDirectory(folder)
        let ids = d.context.ids
        for s in d.services {
            #expect(s.areaIDs.map { ids.areas[$0] } == s.areas)
            #expect(s.languageIDs.map { ids.languages[$0] } == s.languages)
            #expect(ids.categories[s.categoryID] == s.category && ids.category(s.categoryID).id == s.category)
            #expect(d.organisationIDs[s.organisationID] == s.organisation)
            #expect(s.dutyIDs.map { ids.duties[$0] } == s.mandatoryReporting)
        }
        for pcode in d.context.areas.keys {
            #expect(ids.lineage(of: pcode).map { ids.areas[$0] } == d.context.lineage(of: pcode))
        }
        // Services sharing an eligibility share its number, and only they do.
        var byID: [Int: Eligibility] = [:]
        for s in d.services {
            if let e = byID[s.eligibilityID] { #expect(e == s.eligibility) } else { byID[s.eligibilityID] = s.eligibility }
        }
        #expect(byID.count == d.eligibilityCount && Set(byID.values).count == byID.count)
    }

    /// The postings give, for every category and area, the services a scan of the whole
    /// directory finds: those of the category serving the area or one of its ancestors.
    @Test(arguments: folders) func postingsAgreeWithAScan(_ folder: String) throws {
        let d = try loadDirectory(folder)
        for category in d.context.categories.keys.sorted() {
            for pcode in d.context.areas.keys.sorted() {
                let lineage = d.context.lineage(of: pcode)
                let scan = d.services.indices.filter {
                    d.services[$0].category == category && d.services[$0].areas.contains(where: lineage.contains)
                }
                #expect(d.serviceIndices(category: category, lineage: lineage) == scan)
                let c = try #require(d.context.ids.categories.id(category))
                #expect(d.serviceIndices(category: c, lineage: d.context.ids.lineage(of: pcode)) == scan)
                #expect(d.services(category: category, covering: pcode).map(\.id) == scan.map { d.services[$0].id })
                for i in scan {
                    let served = d.services[i].servedPosition(in: d.context.ids.lineage(of: pcode))
                    #expect(served == lineage.firstIndex { d.services[i].areas.contains($0) })
                }
            }
        }
    }

    /// Eligibility by ids and masks gives the verdict the strings give, for every service and a
    /// grid of subjects (ages, sexes, groups, statuses known, unknown and outside the vocabulary).
    @Test(arguments: folders) func eligibilityByIDsAgreesWithStrings(_ folder: String) throws {
        let d = try loadDirectory(folder)
        let groups = d.context.populationGroups.keys.sorted()
        let statuses = d.context.legalStatuses.keys.sorted()
        let groupSets: [Set<String>?] = [nil, [], ["not-a-group"]] + groups.map { [$0] } + [Set(groups.prefix(2))]
        let statusValues: [String?] = [nil, "not-a-status"] + statuses
        var subjects: [Facts] = []
        for ages in [0...0, 3...9, 12...17, 15...19, 18...59, 60...130, 0...130] {
            for sex in [nil] + Sex.allCases.map(Optional.some) {
                for g in groupSets {
                    for st in statusValues {
                        var f = Facts(ages: ages, sex: sex)
                        f.populationGroups = g
                        f.legalStatus = st
                        subjects.append(f)
                    }
                }
            }
        }
        var compared = 0
        for s in d.services {
            for f in subjects {
                let a = s.eligibility.referenceVerdict(f), b = s.eligibilityIDs.evaluate(FactIDs(f, d.context.ids))
                #expect(a.age == b.age && a.sex == b.sex && a.populationGroup == b.populationGroup && a.legalStatus == b.legalStatus)
                compared += 1
            }
        }
        #expect(compared > 1000)
    }

    /// A date written in a form `parseDay` accepts but does not print (`+026` for the year) is
    /// given back as written, not as its canonical text.
    @Test func aLastVerifiedDateIsGivenBackAsWritten() throws {
        let r = try loadEditedFixture("services.json") {
            $0.replacingOccurrences(of: "\"lastVerified\": \"2026-", with: "\"lastVerified\": \"+026-")
        }
        let d = try #require(r.directory, "\(r.diagnostics.map(\.rendered))")
        // The six dates of 2026 in the fixture, each read back as written (not "0026-…").
        let edited = d.services.filter { $0.lastVerified?.hasPrefix("+026-") == true }
        #expect(edited.count == 6)
        for s in edited { #expect(s.lastVerifiedDay != nil && s.lastVerifiedDay == s.lastVerified.flatMap(parseDay)) }
    }

    /// The arena grows in chunks while building: every text reads back before and after the
    /// chunks are joined, and offsets run on (a text never straddles two chunks).
    @Test func textsReadBackAcrossChunks() {
        var arena = TextArena()
        var refs: [(TextRef, String)] = []
        for i in 0..<12_000 {
            let s = i % 1000 == 999 ? String(repeating: "x", count: 70_000) : "svc.\(i)-é-\(String(repeating: "n", count: i % 17))"
            refs.append((arena.add(s), s))
        }
        #expect(refs.allSatisfy { arena.string($0.0) == $0.1 })
        let total = refs.reduce(0) { $0 + $1.1.utf8.count }
        arena.seal()
        #expect(arena.bytes.count == total)
        #expect(refs.allSatisfy { arena.string($0.0) == $0.1 })
        #expect(zip(refs, refs.dropFirst()).allSatisfy { $0.0.0.offset + $0.0.0.count == $0.1.0.offset })
    }

    @Test func masksHoldIdsBeyondSixtyFour() {
        var m = IDMask([1, 63, 64, 200])
        #expect(m.contains(1) && m.contains(63) && m.contains(64) && m.contains(200) && !m.contains(2) && !m.contains(65))
        #expect(m.intersects(IDMask([200])) && m.intersects(IDMask([63])) && !m.intersects(IDMask([5, 99])))
        m.insert(64)
        #expect(m.high == [64, 200])
        #expect(IDMask().isEmpty && !IDMask().intersects(m))
    }
}

extension Eligibility {
    /// Eligibility read from the service's own strings, as the documents state it: the reference
    /// the interned `EligibilityIDs.evaluate` (what the router and the validator use) is held to.
    func referenceVerdict(_ f: Facts) -> Verdict {
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
