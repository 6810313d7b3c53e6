#!/usr/bin/env python3
"""Removes each safety rule from the engine in turn and checks that some test fails.

Usage (from the repository root): python3 scripts/mutation-check.py [RULE NAME ...]
python3 scripts/mutation-check.py --anchors only checks that every mutation still finds its line (CI).
Each mutation is applied to a copy of the committed tree in a temporary folder; the working tree
is never touched. Prints KILLED (a test failed, as it must) or SURVIVED (no test noticed: write one).
Takes about a minute per mutation on 2 cores. Exit code 1 if any mutation survived.
MUTATION_FILTER='EdgeRuleTests|ScenarioTests' runs only those tests for each mutant (a quick first
pass: run the survivors again without it). A mutation's own 5th element (a test filter) wins.
"""
import os, shutil, subprocess, sys, tempfile

ROOT = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True).stdout.strip()
muts = [
 ("consent gate", "Sources/ReferralCore/Matching/Consent.swift", "if consent.valid && consentCovers {", "if true {"),
 ("consent validity", "Sources/ReferralCore/Matching/Consent.swift", "if consent.valid && consentCovers {", "if consentCovers {"),
 ("mandatory reporting gate", "Sources/ReferralCore/Matching/Consent.swift", "if !duties.isEmpty && d.action == .refer {", "if false {"),
 ("sensitive filter", "Sources/ReferralCore/Matching/Packet.swift", "} else if sensitive.contains(f) && !s.sensitiveDataQualified {", "} else if false {"),
 ("share filter", "Sources/ReferralCore/Matching/Packet.swift", "if action == .refer && !agreed.contains(f) {", "if false {"),
 ("confidential address", "Sources/ReferralCore/Matching/SafetyGates.swift", "if a.confidential {", "if false {"),
 ("risk to life", "Sources/ReferralCore/Matching/Consent.swift", "if riskToLife {", "if false {"),
 ("suspected caregiver", "Sources/ReferralCore/Matching/Consent.swift", "if consent.givenBy == .caregiver && k.caregiverSuspected == true {", "if false {"),
 ("caregiver fallback", "Sources/ReferralCore/Matching/Consent.swift", "if child, let why = caregiverCannot, allowed.contains(.caregiver) {", "if false, let why = caregiverCannot {"),
 ("child assent", "Sources/ReferralCore/Matching/Consent.swift", "if consent.childAssent == true {", "if true {"),
 ("no police", "Sources/ReferralCore/Matching/SafetyGates.swift", "if category?.lawEnforcement == true && p.noPolice == true {", "if false {"),
 ("BIA flag", "Sources/ReferralCore/Matching/SafetyGates.swift", "if consent.child {", "if false {"),
 ("identifying scan", "Sources/ReferralCore/Loading/CaseLoader.swift", "if !gate.isEmpty { return .failure(LoadFailure(gate)) }", ""),
 ("legal status", "Sources/ReferralCore/Model/Service.swift", "v.legalStatus = f.legalStatus.map { Truth(legalStatuses.contains($0)) } ?? .unknown", "v.legalStatus = .yes"),
 ("redaction point", "Sources/ReferralCore/Loading/CaseLoader.swift", "let safe = CaseRedaction.redact(found.diagnostics, root: root, directory: directory)", "let safe = found.diagnostics"),
 ("identifying case code", "Sources/ReferralCore/Loading/CaseCodeRule.swift", "return IdentifyingShape.classify(code).map { .identifying($0) } ?? .wrongShape", "return .wrongShape"),
 ("normalised digits", "Sources/ReferralCore/Loading/IdentifyingData.swift", "v = Unicode.Scalar(UInt8(48 + Int(n)))", "v = u"),
 ("hours bound", "Sources/ReferralCore/Loading/CaseLoader.swift", "if let h = d.concerns.hoursSinceIncident, !(0...RoutingTime.maxHours).contains(h) {", "if false {"),
 ("windows urgency", "Sources/ReferralCore/Matching/Steps.swift", "                if h < w.hours {", "                if false {"),
 ("ceilings lower the action", "Sources/ReferralCore/Matching/Decide.swift", "self.ceiling = self.ceiling.lowered(to: limit)", ""),
 ("grant lowered to the ceiling", "Sources/ReferralCore/Matching/Decide.swift", "var action: Action { granted.map { $0.lowered(to: ceiling) } ?? .excluded }", "var action: Action { granted ?? .excluded }"),
 ("ranking", "Sources/ReferralCore/Matching/Verdict.swift", "(UInt64(action.order) << 62 | preference.packed,", "(UInt64(action.order) << 62,"),
 ("audit before answer", "Sources/ReferralServer/App/ReferralApp.swift", "if let e = audit.append(line) { return .answer(.error(e)) }", "_ = audit.append(line)"),
 ("request log redaction", "Sources/ReferralServer/App/ReferralApp.swift", "return \"\\(method) \\(known ? r.path : \"(unknown path)\")\"", "return \"\\(r.method) \\(r.path)\""),
 # issue 8: protection rules at the edges
 ("respond-by bounded by a window", "Sources/ReferralCore/Matching/Steps.swift", "            within = min(within, left)\n", "\n"),
 ("window closing warning", "Sources/ReferralCore/Matching/Steps.swift", "            if left < standard {", "            if false {"),
 ("immediate sorts first", "Sources/ReferralCore/Documents/Vocabulary.swift", "        case .immediate: 0", "        case .immediate: 4"),
 ("step response time", "Sources/ReferralCore/Matching/Steps.swift", "for m in group { if let h = m.step.respondWithinHours { within = min(within, h) } }", ""),
 ("recorded at moves the hours", "Sources/ReferralCore/Loading/CaseLoader.swift", "c.document.concerns.hoursSinceIncident = min(max(elapsed, 0), RoutingTime.maxHours)", "_ = elapsed"),
 ("recorded at to the hour", "Sources/ReferralCore/Loading/CaseLoader.swift", "guard s[14] == 48, s[15] == 48 else { return nil }", ""),
 ("recorded after routing time", "Sources/ReferralCore/Loading/CaseLoader.swift", "if let at, t.epochSeconds > at.epochSeconds {", "if false, let at {"),
 ("recorded at not said", "Sources/ReferralCore/Matching/SafetyGates.swift", "if c.recordedAt == nil, k.hoursSinceIncident != nil {", "if false {"),
 ("window condition (urgency)", "Sources/ReferralCore/Matching/Steps.swift", "if applies == .no || w.urgency >= u { continue }", "if w.urgency >= u { continue }"),
 ("window condition (shown)", "Sources/ReferralCore/Matching/Steps.swift", "            if applies == .no { continue }\n", "\n"),
 ("unknown incident type", "Sources/ReferralCore/Matching/Conditions.swift", "guard let t = f.incidentType else { return .unknown }", "guard let t = f.incidentType else { return .no }"),
 ("unknown step shown with ask", "Sources/ReferralCore/Matching/Steps.swift", "let showWithAsk = t == .unknown && (timed || stepUrgency(step, c, facts).urgency < .routine)", "let showWithAsk = false"),
 ("unknown link followed", "Sources/ReferralCore/Matching/Steps.swift", "if let w = link.when, w.evaluate(facts, .caseDefaults) == .no { continue }", "if let w = link.when, w.evaluate(facts, .caseDefaults) != .yes { continue }"),
 ("unknown escalation raises", "Sources/ReferralCore/Matching/Steps.swift", "            if t == .no { continue }\n", "            if t != .yes { continue }\n"),
 ("unknown safety risk", "Sources/ReferralCore/Matching/Conditions.swift", "guard let r = f.safetyRisk else { return .unknown }", "guard let r = f.safetyRisk else { return .no }"),
 ("assess imminent risk", "Sources/ReferralCore/Matching/SafetyGates.swift", "if (k.suicidePlan == true || k.suicidalThoughts == true) && k.imminentRiskToLife == nil {", "if false {"),
 ("nature of the risk", "Sources/ReferralCore/Loading/CaseLoader.swift", "if c.imminentRiskToLife == true { parts.append(\"imminent risk to life\") }", ""),
 ("presumption of minority", "Sources/ReferralCore/Model/Context.swift", "guard presumeMinority, age.min < adultAge, age.max >= adultAge else { return nil }", "guard false else { return nil }"),
 ("youngest consent band", "Sources/ReferralCore/Matching/Consent.swift", ": { $0.minAge <= ages.lowerBound && ages.lowerBound <= $0.maxAge }", ": { $0.minAge <= ages.lowerBound && ages.upperBound <= $0.maxAge }"),
 ("no adult shelter for a child", "Sources/ReferralCore/Matching/Eligibility.swift", "if consent.child, category?.shelter == true, !s.hasFeature(tables.childSafe) {", "if false {"),
 ("shelter admits children (validate)", "Sources/ReferralCore/Validation/DataQualityCheck.swift", "if ctx.categories[s.category]?.shelter == true, (s.eligibility.minAge ?? 0) < ctx.adultAge,", "if false,"),
 ("lead caseworker", "Sources/ReferralCore/Matching/SafetyGates.swift", "            if pathways > 1 {", "            if false {"),
 ("information for the adult", "Sources/ReferralCore/Matching/Consent.swift", "informationFor: child && adult != .self ? adult : nil", "informationFor: nil"),
 ("police step duty for a child", "Sources/ReferralCore/Matching/Steps.swift", "if optional, consent.child,", "if false, optional, consent.child,"),
 ("BID before a durable solution", "Sources/ReferralCore/Matching/Consent.swift", "if category?.durableSolution == true, c.concerns.bestInterestsDetermination != .done {", "if false {"),
 ("FTR family check", "Sources/ReferralCore/Matching/Steps.swift", "if consent.child, category?.familyTracing == true, !(c.concerns.traffickingIndicators ?? []).isEmpty {", "if false {"),
 ("caregiver not contacted (age)", "Sources/ReferralCore/Loading/CaseLoader.swift", "if youngest?.consentFrom.contains(.self) != true {", "if false {"),
 ("caregiver not contacted (warning)", "Sources/ReferralCore/Matching/Consent.swift", "if c.consent.caregiverNotToBeContacted == true, !duties.isEmpty || s.hasFeature(tables.statutory) {", "if false {"),
 ("excluded organisation", "Sources/ReferralCore/Matching/SafetyGates.swift", "if scope.excludedOrganisationIDs.contains(s.organisationID) {", "if false {"),
 ("excluded organisation known", "Sources/ReferralCore/Loading/CaseLoader.swift", "for (i, x) in (d.preferences?.excludeOrganisations ?? []).enumerated() where dir.organisations[x] == nil {", "for (i, x) in [String]().enumerated() {"),
 ("referral-only category", "Sources/ReferralCore/Matching/Consent.swift", "} else if category?.referralOnly == true {", "} else if false {"),
 ("unexplained duty is critical", "Sources/ReferralCore/Matching/SafetyGates.swift", "            if c.consent.mandatoryReportingExplained == true {", "            if true {"),
 ("no referral consent yet", "Sources/ReferralCore/Matching/Consent.swift", "status: !valid ? .notValid : namesNothing ? .noReferralConsent : .valid", "status: !valid ? .notValid : .valid"),
 ("accommodation, not exclusion", "Sources/ReferralCore/Matching/Eligibility.swift", "d.check(.accessAccommodation, .warn,", "d.check(.accessAccommodation, .fail,"),
 ("need met by modality", "Sources/ReferralCore/Matching/Eligibility.swift", "} else if let m = s.firstModality(in: need.metByPositions) {", "} else if false, let m = s.firstModality(in: need.metByPositions) {"),
 ("accommodation ranks after", "Sources/ReferralCore/Matching/Ranking.swift", "(unavailableNow ? 1 : 0, unmetNeeds, notLGBTIQCompetent", "(unavailableNow ? 1 : 0, 0, notLGBTIQCompetent"),
 ("at-capacity gap", "Sources/ReferralCore/Matching/Steps.swift", "let allAtCapacity = urgency < .routine && !options.isEmpty && options.allSatisfy(\\.waitlist)", "let allAtCapacity = false"),
 ("steps merged by category", "Sources/ReferralCore/Matching/Steps.swift", "$0[0].step.category == r.step.category && !$0.contains { $0.pathway.id == r.pathway.id }", "$0.isEmpty && false"),
 ("sex other is unknown", "Sources/ReferralCore/Matching/Conditions.swift", "return v.contains(s) ? .yes : s == .other ? .unknown : .no", "return Truth(v.contains(s))"),
 ("sex other warning", "Sources/ReferralCore/Matching/Steps.swift", "if c.document.sex == .other, excluded.contains(", "if false, excluded.contains("),
 ("lgbtiq ranking", "Sources/ReferralCore/Matching/Ranking.swift", "unmetNeeds, notLGBTIQCompetent ? 1 : 0, distance", "unmetNeeds, 0, distance"),
 ("step warning names the holding rule", "Sources/ReferralCore/Matching/Steps.swift", "let rule = holding.allSatisfy { $0 == holding[0] } ? holding[0] : .consentReferral", "let rule = RuleID.consentReferral"),
 ("unknown organisation names the service", "Sources/ReferralCore/Loading/ServiceBuilder.swift", "in: \"service '\\(DirectoryID.shown(s.id))'\")", ")"),
 # issue 13: every input answered (robustness)
 ("clean case reader: case code scheme", "Sources/ReferralCore/Loading/CleanCaseReader.swift", "guard codeRule.acceptsAtOnce(UnsafeBufferPointer(rebasing: b[r])) || codeRule.check(code) == .accepted else {", "if false {", "CleanCaseReader|CaseLoader|CaseRedaction|IdentifyingCorpus"),
 ("clean case reader: a field once", "Sources/ReferralCore/Loading/CleanCaseReader.swift", "guard seen & bit == 0 else { throw Miss() }", "", "CleanCaseReader|CaseLoader|CaseRedaction"),
 ("clean case reader: references checked", "Sources/ReferralCore/Loading/CaseLoader.swift", "check(d, Locator(file: file, offset: 0, path: \"$\"), directory, at: at).isEmpty", "true", "CleanCaseReader|CaseLoader|CaseRedaction"),
 ("diagnostics cap", "Sources/ReferralCore/Diagnostics/DiagnosticCap.swift", "            if s.count >= limit {", "            if false {", "DiagnosticCap|CaseRedaction|LoadingBattery"),
 ("coverage not computed for an unreadable file", "Sources/ReferralCore/Validation/Validator.swift", "        if !servicesUnknown {\n", "        if true {\n", "NoCascade"),
 ("unreadable file reported first", "Sources/ReferralCore/Validation/UnreadableFiles.swift", "buckets[(first(i) ? 0 : severities.count) + ", "buckets[severities.count + ", "NoCascade|Validation"),
 ("findings by severity", "Sources/ReferralCore/Validation/UnreadableFiles.swift", "+ severities.firstIndex(of: findings[i].severity)!].append(i)", "].append(i)", "NoCascade|Validation"),
 ("coverage classes keep the status apart", "Sources/ReferralCore/Validation/CoverageCheck.swift", "(eligibility, status, duties) = (s.eligibilityID, s.status, Array(s.dutyIDs))", "(eligibility, status, duties) = (s.eligibilityID, .open, Array(s.dutyIDs))", "Validation"),
 ("coverage classes keep the duties apart", "Sources/ReferralCore/Validation/CoverageCheck.swift", "(eligibility, status, duties) = (s.eligibilityID, s.status, Array(s.dutyIDs))", "(eligibility, status, duties) = (s.eligibilityID, s.status, [])", "Validation"),
 ("allow-partial warning", "Sources/ReferralCore/Loading/PartialDirectory.swift", "        var p = plan\n", "        return plan\n        var p = plan\n", "AllowPartial|Partial"),
 ("area level agrees with its parent", "Sources/ReferralCore/Loading/AreaHierarchy.swift", "pl >= 0, pl >= a.level\n", "pl >= 0, false\n", "AreaHierarchy"),
 ("areas outside coverage", "Sources/ReferralCore/Validation/Validator.swift", "        findings += areasOutsideCoverage(ctx)\n", "\n", "AreaHierarchy"),
 ("directory id character set", "Sources/ReferralCore/Loading/DirectoryIDs.swift", "        guard !u.isEmpty, u.count <= maxLength else { return false }\n        return u.allSatisfy {", "        guard !u.isEmpty else { return false }\n        return true || u.allSatisfy {", "DirectoryID"),
 ("phone number kept whole", "Sources/referral/Output.swift", "        if j - i >= 2 && digits >= 7 {", "        if false {", "ReferralCLITests"),
 ("brief carries the options' critical warnings", "Sources/ReferralCore/Requests/BriefPlan.swift", "        for w in s.options.flatMap(\\.warnings) where w.level == .critical && !critical.contains(w) { critical.append(w) }\n", "\n", "ReferralCLITests"),
 ("typo suggested by name", "Sources/ReferralCore/Loading/Vocabularies.swift", "    if let exact = entries.first(where: { $0.name.lowercased() == lower }) { return exact.id }\n    guard let name = closestMatch(to: value, in: entries.map(\\.name)) else { return nil }\n", "    _ = lower\n    guard let name = String?.none else { return nil }\n", "ReferralCLITests|CaseLoader|EdgeRule"),
 # Imports and exports (issue 11): these run the exchange suite only.
 ("import withholds confidential addresses", "Sources/ReferralExchange/MapperFields.swift", "            return AddressDocument(text: nil, confidential: true)\n        }\n        guard let value else {", "            return AddressDocument(text: value?.text, confidential: true, latitude: lat, longitude: lon)\n        }\n        guard let value else {", "ReferralExchangeTests"),
 ("public export withholds confidential addresses", "Sources/ReferralExchange/HSDSExporter.swift", "guard let a = s.address, !(a.confidential && publicOnly), a.text != nil || a.latitude != nil else { return nil }", "guard let a = s.address, a.text != nil || a.latitude != nil else { return nil }", "ReferralExchangeTests"),
 ("round trip keeps every service field", "Sources/ReferralExchange/HSDSExporter.swift", "(\"features\", s.features)", "(\"features\", nil as [String]?)", "ReferralExchangeTests"),
]
only = sys.argv[1:]
if only == ["--anchors"]:
    # Quick check (CI): every mutation's line is still in its file exactly once, so that a moved
    # line makes CI fail here rather than a later mutation run report it STALE.
    bad = []
    for name, f, old, *_ in muts:
        try:
            n = open(os.path.join(ROOT, f)).read().count(old)
        except OSError:
            n = -1
        if n != 1:
            bad.append(f"{name}: {f} holds its line {n} times" if n >= 0 else f"{name}: {f} is missing")
    for b in bad:
        print("ANCHOR   " + b + " (update this script: the mutation must find the rule's line once)")
    print(f"{len(muts) - len(bad)} of {len(muts)} mutations find their line")
    sys.exit(1 if bad else 0)
work = tempfile.mkdtemp(prefix="mutation-")
base = os.path.join(work, "base")
os.makedirs(base)
# A copy of the committed tree (git archive), built once; each mutation copies it.
subprocess.run(f"git -C {ROOT} archive HEAD | tar -x -C {base}", shell=True, check=True)
survived = 0
for mut in muts:
    name, f, old, new = mut[:4]
    suite = mut[4] if len(mut) > 4 else None  # a --filter regular expression
    if only and name not in only:
        continue
    T = os.path.join(work, "mutant")
    if os.path.exists(T):
        shutil.rmtree(T)
    shutil.copytree(base, T, symlinks=True)
    if os.path.exists(os.path.join(work, ".build")):
        shutil.move(os.path.join(work, ".build"), os.path.join(T, ".build"))
    p = os.path.join(T, f)
    s = open(p).read()
    if old not in s:
        print(f"STALE    {name}: the line to remove is no longer in {f}; update this script")
        survived += 1
        continue
    open(p, "w").write(s.replace(old, new, 1))
    b = subprocess.run("swift build --build-tests", shell=True, cwd=T, capture_output=True, text=True)
    if b.returncode != 0:
        print(f"BUILD?   {name}: the mutant does not compile")
        survived += 1
        continue
    # The engine's safety rules are caught by the core and CLI tests; the server's socket tests
    # add minutes and nothing for these rules. A hung test counts as not killed.
    timedOut = False
    try:
        # MUTATION_FILTER narrows a first pass (a kill under a filter is a kill; a survivor must be
        # run again without it before it counts).
        suite = suite or os.environ.get("MUTATION_FILTER")
        command = f"swift test --skip-build --filter '{suite}'" if suite else \
            "swift test --skip-build --skip PropertyTests --skip ReferralServerTests --skip ReferralExchangeTests"
        r = subprocess.run(command,
                           shell=True, cwd=T, capture_output=True, text=True, timeout=1200)
    except subprocess.TimeoutExpired as e:
        timedOut = True
        r = subprocess.CompletedProcess(e.cmd, 1, stdout=(e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or ""), stderr="")
    # Every test that recorded an issue or failed (a test whose name holds "recorded" counts too).
    fails = sorted({l.split(" Test ")[1].split("(")[0] for l in r.stdout.splitlines()
                    if l.startswith("\u2718 Test ") and "(" in l})
    # A test process that traps (a mutant indexing past a list it no longer fills) kills too.
    if not fails and "unexpected signal" in (r.stdout or "") + (r.stderr or ""):
        fails = ["(the test process crashed)"]
    shutil.move(os.path.join(T, ".build"), os.path.join(work, ".build"))
    if fails:
        print(f"KILLED   {name}: " + ", ".join(fails[:4]) + (" …" if len(fails) > 4 else ""), flush=True)
    elif r.returncode != 0 and not timedOut:
        # The test process stopped (a trap in the mutant): no test line says so, but it failed.
        tail = (r.stdout + r.stderr).strip().splitlines()[-1:] or ["?"]
        print(f"KILLED   {name}: the test run crashed ({tail[0][:120]})", flush=True)
    else:
        survived += 1
        print(f"SURVIVED {name}: no test failed", flush=True)
shutil.rmtree(work, ignore_errors=True)
sys.exit(1 if survived else 0)
